import { matchesAnyGlob } from '../../globs.js';
import type { CostLine, CostReport } from '../../cost/model.js';
import { hasLabel, type PullRequestInfo } from '../../pull-request.js';
import type { Rule, RuleFinding, Severity } from '../model.js';
import { formatDelta, formatUsd, isRecord, numberOption } from './support.js';

/** One budget: thresholds over the cost lines of the files its globs select (all lines when it has none). */
export interface Budget {
  name: string;
  paths: string[];
  warnDelta?: number;
  maxDelta?: number;
  maxTotal?: number;
}

const THRESHOLDS = {
  'warn-delta': { title: 'Delta for a warning', description: 'Monthly increase (USD) above which the rule warns.', type: 'number', minimum: 0 },
  'max-delta': { title: 'Delta for an error', description: 'Monthly increase (USD) above which the finding is an error.', type: 'number', minimum: 0 },
  'max-total': { title: 'Total for an error', description: 'Monthly total after the change (USD, over the priced resources the change touches) above which the finding is an error.', type: 'number', minimum: 0 },
} as const;

function thresholds(source: Record<string, unknown>): Pick<Budget, 'warnDelta' | 'maxDelta' | 'maxTotal'> {
  const warnDelta = numberOption(source, 'warn-delta');
  const maxDelta = numberOption(source, 'max-delta');
  const maxTotal = numberOption(source, 'max-total');
  return { ...(warnDelta !== undefined ? { warnDelta } : {}), ...(maxDelta !== undefined ? { maxDelta } : {}), ...(maxTotal !== undefined ? { maxTotal } : {}) };
}

/** The whole-change budget from the top-level options, then one per `budgets[]` entry. */
export function budgetsOf(options: Record<string, unknown>): Budget[] {
  const budgets: Budget[] = [];
  const overall = thresholds(options);
  if (Object.keys(overall).length > 0) budgets.push({ name: 'the change', paths: [], ...overall });
  const entries = Array.isArray(options.budgets) ? options.budgets : [];
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    const paths = Array.isArray(entry.paths) ? entry.paths.filter((glob): glob is string => typeof glob === 'string') : [];
    const limits = thresholds(entry);
    if (paths.length === 0 || Object.keys(limits).length === 0) continue;
    const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : paths.join(', ');
    budgets.push({ name, paths, ...limits });
  }
  return budgets;
}

function selected(cost: CostReport, budget: Budget): CostLine[] {
  if (budget.paths.length === 0) return cost.lines;
  return cost.lines.filter((line) => line.file !== undefined && matchesAnyGlob(line.file, budget.paths));
}

/** The line that moved the cost up the most: the finding points at it. */
function largestIncrease(lines: readonly CostLine[]): CostLine | undefined {
  return lines.reduce<CostLine | undefined>((best, line) => (line.delta > (best?.delta ?? 0) ? line : best), undefined);
}

/** Sums of the selected lines, rounded to the cent so float noise never crosses a threshold. */
function totals(lines: readonly CostLine[]): { delta: number; after: number } {
  const cents = (value: number) => Math.round(value * 100) / 100;
  return { delta: cents(lines.reduce((sum, line) => sum + line.delta, 0)), after: cents(lines.reduce((sum, line) => sum + line.after, 0)) };
}

export function judgeBudget(cost: CostReport, budget: Budget): { severity: Severity; over: string[] } | undefined {
  const { delta, after } = totals(selected(cost, budget));
  const errors: string[] = [];
  if (budget.maxDelta !== undefined && delta > budget.maxDelta) errors.push(`the monthly delta ${formatDelta(delta)} is over the ${formatUsd(budget.maxDelta)} limit`);
  if (budget.maxTotal !== undefined && after > budget.maxTotal) errors.push(`the monthly total ${formatUsd(after)} is over the ${formatUsd(budget.maxTotal)} limit`);
  if (errors.length > 0) return { severity: 'error', over: errors };
  if (budget.warnDelta !== undefined && delta > budget.warnDelta) return { severity: 'warning', over: [`the monthly delta ${formatDelta(delta)} is over the ${formatUsd(budget.warnDelta)} warning threshold`] };
  return undefined;
}

/** "Approved by @finops-lead with the cost-approved label.": who added it, where the action read the events. */
function approvalNote(pr: PullRequestInfo | undefined, label: string | undefined): string {
  const applier = label === undefined ? undefined : pr?.labelAppliers?.[label.toLowerCase()];
  return applier ? `Approved by @${applier} with the ${label} label.` : `Approved with the ${label} label.`;
}

export const costBudget: Rule = {
  id: 'cost-budget',
  title: 'Cost change within budget',
  category: 'cost',
  severity: 'error',
  docs: 'docs/rules/cost-budget.md',
  judgesChange: true,
  options: {
    ...THRESHOLDS,
    budgets: {
      title: 'Budgets per path',
      description: 'Budgets for parts of the repository: each has `paths` (globs of the files whose resources it covers), an optional `name`, and `warn-delta`, `max-delta`, `max-total`.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['paths'],
        properties: {
          name: { title: 'Budget name', description: 'How messages name the budget (default: its globs).', type: 'string' },
          paths: { title: 'Budget paths', description: 'Globs of the files whose resources the budget covers.', type: 'array', items: { $ref: '#/definitions/glob' }, minItems: 1 },
          ...THRESHOLDS,
        },
      },
    },
    'approval-label': {
      title: 'Approval label',
      description: 'A pull request label (for example `cost-approved`) that turns an over-budget error into a warning; the message names who added it.',
      type: 'string',
      minLength: 1,
    },
    approvers: {
      title: 'Who approves',
      description: 'Who may apply the approval label (for example `@acme/finops`), named in the fix.',
      type: 'string',
      minLength: 1,
    },
  },
  run: ({ cost, pr, options, config }) => {
    // `overrides:` entries with a budget are per-path budgets too, over their entry's paths.
    const fromOverrides = config.overrides.flatMap((override) => (override.budget ? [{ ...override.budget, paths: override.paths }] : []));
    const listed = Array.isArray(options.budgets) ? options.budgets : [];
    const budgets = budgetsOf(fromOverrides.length > 0 ? { ...options, budgets: [...listed, ...fromOverrides] } : options);
    if (budgets.length === 0) return { skip: 'no budget configured (set warn-delta, max-delta or max-total, or budgets per path)' };
    const label = typeof options['approval-label'] === 'string' ? options['approval-label'] : undefined;
    const approvers = typeof options.approvers === 'string' ? options.approvers : undefined;
    const approved = hasLabel(pr, label);
    const count = cost.unpriced.length;
    const unpriced = count === 0 ? '' : count === 1 ? ' 1 resource could not be priced and is not counted.' : ` ${count} resources could not be priced and are not counted.`;
    const findings: RuleFinding[] = [];
    for (const budget of budgets) {
      const verdict = judgeBudget(cost, budget);
      if (!verdict) continue;
      const top = largestIncrease(selected(cost, budget));
      const driver = top ? ` Largest increase: ${top.address} ${formatDelta(top.delta)}/month.` : '';
      const approvedHere = verdict.severity === 'error' && approved;
      const severity = approvedHere ? 'warning' : verdict.severity;
      const approval = approvedHere ? ` ${approvalNote(pr, label)}` : '';
      const ask = !label ? '' : approvers ? `, or ask ${approvers} to apply the \`${label}\` label` : `, or have a maintainer apply the \`${label}\` label`;
      findings.push({
        severity,
        message: `Budget for ${budget.name}: ${verdict.over.join('; ')} (estimate).${driver}${unpriced}${approval}`,
        fix: `Reduce the cost (smaller sizes, fewer replicas, tighter autoscaling bounds) or raise the budget in .github/tollgate.yml${ask}.`,
        ...(top?.file !== undefined ? { file: top.file, ...(top.line !== undefined ? { line: top.line } : {}) } : {}),
        ...(top ? { resource: top.address } : {}),
      });
    }
    return findings;
  },
};
