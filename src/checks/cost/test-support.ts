import type { CostLine, CostReport } from '../../cost/model.js';
import { emptyCost } from '../../cost/model.js';
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { plainConfig } from '../../test-support.js';
import type { Rule, RuleContext, RuleFinding, RuleSkip } from '../model.js';

/** Plain objects for the cost rules' table tests. */

export function resource(type: string, name: string, attributes: Record<string, unknown>, extra: Partial<Resource> = {}): Resource {
  const kind = extra.kind ?? (type.startsWith('AWS::') ? 'cloudformation' : /^[A-Z]/.test(type) ? 'kubernetes' : 'terraform');
  return { kind, type, address: kind === 'cloudformation' ? `stack.yml#${name}` : `${type}.${name}`, attributes, file: 'infra/main.tf', line: 1, endLine: 20, meta: {}, ...extra };
}

export function added(after: Resource): ResourceChange {
  return { address: after.address, kind: after.kind, type: after.type, change: 'added', after };
}

export function changed(before: Resource, after: Resource, changedAttributes: string[]): ResourceChange {
  return { address: after.address, kind: after.kind, type: after.type, change: 'changed', before, after, changedAttributes };
}

export function costLine(address: string, before: number, after: number, extra: Partial<CostLine> = {}): CostLine {
  return { address, type: address.split('.')[0] ?? '', file: 'infra/main.tf', line: 1, before, after, delta: Math.round((after - before) * 1e6) / 1e6, components: [], ...extra };
}

export function costOf(lines: CostLine[], extra: Partial<CostReport> = {}): CostReport {
  const before = lines.reduce((sum, line) => sum + line.before, 0);
  const after = lines.reduce((sum, line) => sum + line.after, 0);
  return { ...emptyCost(), before, after, delta: after - before, lines, ...extra };
}

export function runRule(rule: Rule, context: Partial<Omit<RuleContext, 'config'>> = {}): RuleFinding[] | RuleSkip {
  return rule.run({ files: [], resources: [], parseIssues: [], suppressions: [], cost: emptyCost(), options: {}, config: plainConfig(), ...context });
}

export function findings(outcome: RuleFinding[] | RuleSkip): RuleFinding[] {
  if (!Array.isArray(outcome)) throw new Error(`rule skipped: ${outcome.skip}`);
  return outcome;
}
