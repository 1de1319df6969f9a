import { minimatch } from 'minimatch';
import type { RuleSettings } from '../config/model.js';
import type { InlineSuppression } from '../iac/model.js';
import type { CheckResult, Finding, Rule, RuleContext, RuleFinding, Severity } from './model.js';

export interface ChecksResult {
  checks: CheckResult[];
  findings: Finding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

function inScope(file: string | undefined, settings: RuleSettings): boolean {
  if (file === undefined) return true;
  const options = { dot: true };
  if (settings.paths?.length && !settings.paths.some((glob) => minimatch(file, glob, options))) return false;
  return !settings.ignore?.some((glob) => minimatch(file, glob, options));
}

/**
 * A comment covers a finding on its own line or on the line below it (the comment-above form); an
 * annotation on an object covers the object's whole range.
 */
function covers(suppression: InlineSuppression, line: number): boolean {
  const last = suppression.endLine ?? suppression.line + 1;
  return line >= suppression.line && line <= last;
}

function findSuppression(finding: RuleFinding, ruleId: string, suppressions: readonly InlineSuppression[]): InlineSuppression | undefined {
  if (finding.file === undefined || finding.line === undefined) return undefined;
  const { file, line } = finding;
  return suppressions.find((s) => s.ruleId === ruleId && s.file === file && covers(s, line));
}

/**
 * The configured level wins over the rule's own choice only when the user changed it from the
 * rule's default; otherwise a rule may grade its own findings (a size rule's warning and error bands).
 */
function severityOf(finding: RuleFinding, rule: Rule, level: Severity): Severity {
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

export function runChecks(rules: readonly Rule[], context: Omit<RuleContext, 'options'>): ChecksResult {
  const checks: CheckResult[] = [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const settings = context.config.rules[rule.id] ?? { level: rule.severity, options: {} };
    if (settings.level === 'off') continue;
    const level = settings.level;
    const meta = { ruleId: rule.id, title: rule.title, category: rule.category, severity: level, docs: rule.docs };
    const outcome = rule.run({ ...context, options: settings.options });
    if (!Array.isArray(outcome)) {
      checks.push({ ...meta, status: 'skipped', skippedReason: outcome.skip });
      continue;
    }
    let failing = 0;
    for (const found of outcome) {
      if (!inScope(found.file, settings)) continue;
      const suppression = findSuppression(found, rule.id, context.suppressions);
      const finding: Finding = {
        ...found,
        ruleId: rule.id,
        category: rule.category,
        severity: severityOf(found, rule, level),
        suppressed: suppression !== undefined,
        ...(suppression?.reason ? { suppressionReason: suppression.reason } : {}),
      };
      if (!finding.suppressed) failing += 1;
      findings.push(finding);
    }
    checks.push({ ...meta, status: failing > 0 ? 'fail' : 'pass' });
  }
  return { checks, findings: findings.sort(compareFindings) };
}
