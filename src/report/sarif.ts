import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { CheckResult, Finding, FindingStatus, Severity } from '../checks/model.js';
import { docsUrl } from '../meta.js';
import { encodePath, isAbsoluteUrl, ruleDocsUrl } from './links.js';
import type { Report } from './model.js';

export const SARIF_SCHEMA_URL = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The partial fingerprint key; the version changes only if the hashed inputs change (v2: object identity, no message or path). */
export const FINGERPRINT_KEY = 'tollgateFinding/v2';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', notice: 'note' };

/** SARIF wants `name` to be an identifier: `no-committed-artifacts` → `NoCommittedArtifacts`. */
export function ruleName(ruleId: string): string {
  return ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');
}

function ruleDescriptor(check: CheckResult, checks: readonly CheckResult[]): ReportingDescriptor {
  // helpUri must be absolute; a custom policy without a docs page has only its file in the repository.
  const help = ruleDocsUrl(check.ruleId, checks);
  return {
    id: check.ruleId,
    name: ruleName(check.ruleId) || check.ruleId,
    shortDescription: { text: check.title || check.ruleId },
    ...(isAbsoluteUrl(help) ? { helpUri: help } : {}),
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: { category: check.category, tags: [check.category] },
  };
}

/** One descriptor per rule that ran, plus any rule a finding names that is not among the checks. */
export function sarifRules(report: Report): ReportingDescriptor[] {
  const checks = [...report.checks];
  const known = new Set(checks.map((check) => check.ruleId));
  for (const finding of report.findings) {
    if (!known.has(finding.ruleId)) {
      known.add(finding.ruleId);
      checks.push({
        ruleId: finding.ruleId,
        title: finding.ruleId,
        category: finding.category,
        severity: finding.severity,
        status: 'fail',
        docs: `docs/rules/${finding.ruleId}.md`,
      });
    }
  }
  const unique = checks.filter((check, index) => checks.findIndex((other) => other.ruleId === check.ruleId) === index);
  return unique.map((check) => ruleDescriptor(check, report.checks));
}

function sarifMessage(finding: Finding): string {
  return finding.fix === '' ? finding.message : `${finding.message}\nFix: ${finding.fix}`;
}

/** SARIF lines start at 1; a missing or impossible line means the whole file. */
function sarifRegion(finding: Finding): { startLine: number; endLine: number } | undefined {
  const line = finding.line;
  if (line === undefined || !Number.isInteger(line) || line < 1) {
    return undefined;
  }
  const end = finding.endLine !== undefined && Number.isInteger(finding.endLine) && finding.endLine > line ? finding.endLine : line;
  return { startLine: line, endLine: end };
}

/** SARIF's word for how a result relates to the previous run: the base branch here. */
const BASELINE_STATE: Record<FindingStatus, Result.baselineState> = { new: 'new', existing: 'unchanged', fixed: 'absent' };

function sarifResult(finding: Finding, ruleIndex: number, fingerprint: string): Result {
  const result: Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: sarifMessage(finding) },
    baselineState: BASELINE_STATE[finding.status],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
  };
  if (finding.file !== undefined && finding.file !== '') {
    const region = sarifRegion(finding);
    result.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: encodePath(finding.file.replace(/^\.?\/+/, '')), uriBaseId: '%SRCROOT%' },
          ...(region ? { region } : {}),
        },
      },
    ];
  }
  if (finding.resource !== undefined) {
    result.properties = { resource: finding.resource, category: finding.category };
  } else {
    result.properties = { category: finding.category };
  }
  if (finding.suppressed) {
    result.suppressions = [
      { kind: 'inSource', status: 'accepted', justification: finding.suppressionReason ?? 'no reason given' },
    ];
  }
  return result;
}

/**
 * Each finding's fingerprint (rule, object, discriminator: never a line or a message, so an edit
 * above a finding does not make code scanning see a new alert) with an occurrence number: two
 * identical findings on one object stay two, as GitHub's own fingerprints count them.
 */
function numbered(findings: readonly Finding[]): Array<{ finding: Finding; fingerprint: string }> {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const occurrence = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, occurrence);
    return { finding, fingerprint: `${finding.fingerprint}:${occurrence}` };
  });
}

/** The report as a SARIF 2.1.0 log for code scanning and other SARIF viewers. */
export function toSarif(report: Report): Log {
  const rules = sarifRules(report);
  const results = [...numbered(report.findings), ...numbered(report.fixed)].map(({ finding, fingerprint }) =>
    sarifResult(finding, rules.findIndex((rule) => rule.id === finding.ruleId), fingerprint),
  );
  return {
    $schema: SARIF_SCHEMA_URL,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: docsUrl('README.md'),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function renderSarif(report: Report): string {
  return JSON.stringify(toSarif(report), null, 2) + '\n';
}
