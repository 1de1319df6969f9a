import type { CostLine, CostReport } from '../../cost/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { formatDelta, formatUsd, numberOption, rootOf } from './support.js';
import { groupBy } from '../../collections.js';

export const DEFAULT_MAX_PERCENT = 50;
/** Below this monthly increase a percentage says little (a $4 volume doubling is +100%). */
export const DEFAULT_MIN_DELTA = 50;

export interface RootIncrease {
  root: string;
  before: number;
  delta: number;
  percent: number;
  top: CostLine;
}

/**
 * Per root (the directory of the files that declare the resources), the increase against what the
 * touched resources cost before. The cost stage prices only what the change touches, so "before" is
 * that part of the root's bill, never the whole of it; a root with nothing priced before has no base.
 */
export function rootIncreases(cost: CostReport): RootIncrease[] {
  const byRoot = groupBy(cost.lines, (line) => rootOf(line.file));
  const increases: RootIncrease[] = [];
  for (const [root, lines] of [...byRoot.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const before = Math.round(lines.reduce((sum, line) => sum + line.before, 0) * 100) / 100;
    const delta = Math.round(lines.reduce((sum, line) => sum + line.delta, 0) * 100) / 100;
    const top = lines.reduce((best, line) => (line.delta > best.delta ? line : best));
    if (before <= 0) continue;
    increases.push({ root, before, delta, percent: (delta / before) * 100, top });
  }
  return increases;
}

export const costIncreasePercent: Rule = {
  id: 'cost-increase-percent',
  title: 'Cost does not jump by a large share',
  category: 'cost',
  severity: 'warning',
  docs: 'docs/rules/cost-increase-percent.md',
  judgesChange: true,
  options: {
    'max-percent': {
      title: 'Largest increase in percent',
      description: `Increase over what the changed resources of a root cost before, in percent, above which the rule reports. Default: ${DEFAULT_MAX_PERCENT}.`,
      type: 'number',
      exclusiveMinimum: 0,
    },
    'min-delta': {
      title: 'Smallest increase that counts',
      description: `Monthly increase (USD) below which the rule stays quiet whatever the percentage. Default: ${DEFAULT_MIN_DELTA}.`,
      type: 'number',
      minimum: 0,
    },
  },
  run: ({ cost, options }) => {
    const maxPercent = numberOption(options, 'max-percent') ?? DEFAULT_MAX_PERCENT;
    const minDelta = numberOption(options, 'min-delta') ?? DEFAULT_MIN_DELTA;
    const findings: RuleFinding[] = [];
    for (const increase of rootIncreases(cost)) {
      if (increase.percent <= maxPercent || increase.delta < minDelta) continue;
      const { top } = increase;
      findings.push({
        message: `Resources changed in ${increase.root} go from ${formatUsd(increase.before)} to ${formatUsd(increase.before + increase.delta)} a month (${formatDelta(increase.delta)}, +${increase.percent.toFixed(0)}%, over ${maxPercent}%); largest: ${top.address} ${formatDelta(top.delta)} (estimate).`,
        fix: `Check that ${top.address} needs the larger size or count; if it does, say why in the pull request description.`,
        ...(top.file !== undefined ? { file: top.file, ...(top.line !== undefined ? { line: top.line } : {}) } : {}),
        resource: top.address,
      });
    }
    return findings;
  },
};
