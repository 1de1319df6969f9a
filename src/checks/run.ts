import { matchesAnyGlob } from '../globs.js';
import type { JudgeScope, PathOverride, RuleLevel, RuleSettings } from '../config/model.js';
import type { InlineSuppression } from '../iac/model.js';
import { compareSides, type SideFinding } from './baseline.js';
import { fingerprintOf, ObjectIdentities } from './identity.js';
import { decidesVerdict, type CheckResult, type Finding, type Rule, type RuleContext, type RuleFinding, type Severity, type StatusCounts } from './model.js';

export interface ChecksResult {
  checks: CheckResult[];
  /** Findings at the head of the change, each new or existing. */
  findings: Finding[];
  /** Findings the base has and the change removed from objects it keeps. */
  fixed: Finding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

function inScope(file: string | undefined, settings: RuleSettings): boolean {
  if (file === undefined) return true;
  if (settings.paths?.length && !matchesAnyGlob(file, settings.paths)) return false;
  return !matchesAnyGlob(file, settings.ignore ?? []);
}

/**
 * A comment covers a finding on its own line or on the line below it (the comment-above form); an
 * annotation on an object covers the object's whole range.
 */
function covers(suppression: InlineSuppression, line: number): boolean {
  const last = suppression.endLine ?? suppression.line + 1;
  return line >= suppression.line && line <= last;
}

function findSuppression(finding: Omit<RuleFinding, 'key'>, ruleId: string, suppressions: readonly InlineSuppression[]): InlineSuppression | undefined {
  if (finding.file === undefined || finding.line === undefined) return undefined;
  const { file, line } = finding;
  return suppressions.find((s) => s.ruleId === ruleId && s.file === file && covers(s, line));
}

/**
 * The configured level wins over the rule's own choice only when the user changed it from the
 * rule's default; otherwise a rule may grade its own findings (a size rule's warning and error bands).
 */
function severityOf(finding: Omit<RuleFinding, 'key'>, rule: Rule, level: Severity): Severity {
  if (level !== rule.severity) return level;
  return finding.severity ?? rule.severity;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

export interface RunOptions {
  /**
   * The same change seen from its base (baseSideContext): the rules that judge state run on it too,
   * and each head finding is new or existing by whether the base has its twin. Absent: every
   * finding is new.
   */
  base?: Omit<RuleContext, 'options'>;
  judge?: JudgeScope;
}

type Side = 'base' | 'head';

/** A rule's level for a finding in `file`: the last `overrides:` entry whose paths match the file and that sets the rule, else its own. */
function levelAt(ruleId: string, file: string | undefined, level: RuleLevel, overrides: readonly PathOverride[]): RuleLevel {
  if (file === undefined) return level;
  let chosen = level;
  for (const override of overrides) {
    const set = override.levels[ruleId];
    if (set !== undefined && matchesAnyGlob(file, override.paths)) chosen = set;
  }
  return chosen;
}

/** A rule's findings on one side: in scope, with severity, suppression and fingerprint filled in. */
function sideFindings(
  found: readonly RuleFinding[],
  rule: Rule,
  settings: RuleSettings,
  overrides: readonly PathOverride[],
  suppressions: readonly InlineSuppression[],
  identities: ObjectIdentities,
  side: Side,
): SideFinding[] {
  const entries: SideFinding[] = [];
  for (const { key = '', ...rest } of found) {
    if (!inScope(rest.file, settings)) continue;
    const level = levelAt(rule.id, rest.file, settings.level, overrides);
    if (level === 'off') continue;
    const suppression = findSuppression(rest, rule.id, suppressions);
    const identity = identities.identityOf(rest, side);
    const finding: Finding = {
      ...rest,
      ruleId: rule.id,
      category: rule.category,
      severity: severityOf(rest, rule, level),
      suppressed: suppression !== undefined,
      ...(suppression?.reason ? { suppressionReason: suppression.reason } : {}),
      status: 'new',
      fingerprint: fingerprintOf(rule.id, identity, key),
    };
    const headFile = rest.file === undefined ? undefined : side === 'base' ? identities.headPath(rest.file) : rest.file;
    entries.push({ finding, identity, ...(headFile !== undefined ? { headFile } : {}) });
  }
  return entries;
}

export function statusCounts(findings: readonly Finding[], fixed: readonly Finding[]): StatusCounts {
  const active = findings.filter((finding) => !finding.suppressed);
  return {
    new: active.filter((finding) => finding.status === 'new').length,
    existing: active.filter((finding) => finding.status === 'existing').length,
    fixed: fixed.length,
  };
}

/**
 * Runs every enabled rule on the head of the change and, for rules that judge state, on its base
 * too, and tells what the change introduced (new), left as it was (existing) and removed (fixed).
 */
export function runChecks(rules: readonly Rule[], context: Omit<RuleContext, 'options'>, options: RunOptions = {}): ChecksResult {
  const judge = options.judge ?? 'new';
  const identities = new ObjectIdentities(context.resources, context.files);
  const checks: CheckResult[] = [];
  const findings: Finding[] = [];
  const fixed: Finding[] = [];
  for (const rule of rules) {
    const settings = context.config.rules[rule.id] ?? { level: rule.severity, options: {} };
    const { overrides } = context.config;
    // A rule off everywhere but on for some paths runs, and keeps only the findings there.
    const enabledSomewhere = overrides.map((override) => override.levels[rule.id]).find((level) => level !== undefined && level !== 'off');
    const severity = settings.level !== 'off' ? settings.level : enabledSomewhere;
    if (severity === undefined) continue;
    const meta = { ruleId: rule.id, title: rule.title, category: rule.category, severity, docs: rule.docs };
    const outcome = rule.run({ ...context, options: settings.options });
    if (!Array.isArray(outcome)) {
      checks.push({ ...meta, status: 'skipped', skippedReason: outcome.skip });
      continue;
    }
    const head = sideFindings(outcome, rule, settings, overrides, context.suppressions, identities, 'head');
    const baseContext = rule.judgesChange ? undefined : options.base;
    const baseOutcome = baseContext ? rule.run({ ...baseContext, options: settings.options }) : [];
    const base = Array.isArray(baseOutcome) && baseContext ? sideFindings(baseOutcome, rule, settings, overrides, baseContext.suppressions, identities, 'base') : [];
    const compared = compareSides(head, base, (identity) => identities.presentAtHead(identity));
    findings.push(...compared.findings);
    fixed.push(...compared.fixed);
    const failing = compared.findings.some((finding) => decidesVerdict(finding, judge));
    checks.push({ ...meta, status: failing ? 'fail' : 'pass', counts: statusCounts(compared.findings, compared.fixed) });
  }
  return { checks, findings: findings.sort(compareFindings), fixed: fixed.sort(compareFindings) };
}
