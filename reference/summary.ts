import { groupBy } from '../src/collections.js';
import type { ResourceOutcome } from './compare.js';

/**
 * Match rates of the reference run, the committed baseline they may not fall below, and the text
 * the harness prints.
 */

export interface Tally {
  /** Golden resources with a cost to compare, less the allow-listed ones. */
  comparable: number;
  matched: number;
}

/** provider → resource type → tally: the shape of `reference/baseline.json`. */
export type Rates = Record<string, Record<string, Tally>>;

/**
 * A reviewed, deliberate difference: the case, the resource (one `address`, or every resource of a
 * `type` in the case) and why tollgate's figure is right.
 */
export interface AllowedDifference {
  case: string;
  address?: string;
  type?: string;
  reason: string;
}

export function isAllowed(outcome: ResourceOutcome, allowed: readonly AllowedDifference[]): AllowedDifference | undefined {
  return allowed.find((entry) => entry.case === outcome.caseName && (entry.address === undefined || entry.address === outcome.address) && (entry.type === undefined || entry.type === outcome.type));
}

export function tallyRates(outcomes: readonly ResourceOutcome[]): Rates {
  const rates: Rates = {};
  for (const [provider, ofProvider] of groupBy(outcomes, (outcome) => outcome.provider)) {
    const types: Record<string, Tally> = {};
    for (const [type, ofType] of [...groupBy(ofProvider, (outcome) => outcome.type)].sort(([a], [b]) => (a < b ? -1 : 1))) {
      types[type] = {
        comparable: ofType.reduce((sum, outcome) => sum + outcome.resources, 0),
        matched: ofType.filter((outcome) => outcome.status === 'match').reduce((sum, outcome) => sum + outcome.resources, 0),
      };
    }
    rates[provider] = types;
  }
  return rates;
}

export function total(types: Record<string, Tally>): Tally {
  return Object.values(types).reduce((sum, tally) => ({ comparable: sum.comparable + tally.comparable, matched: sum.matched + tally.matched }), { comparable: 0, matched: 0 });
}

export interface RateChange {
  provider: string;
  type: string;
  before: Tally;
  after: Tally;
}

/** Types whose matched count fell below the baseline's (or that left the run): what fails the harness. */
export function regressions(baseline: Rates, current: Rates): RateChange[] {
  const changes: RateChange[] = [];
  for (const [provider, types] of Object.entries(baseline)) {
    for (const [type, before] of Object.entries(types)) {
      const after = current[provider]?.[type] ?? { comparable: 0, matched: 0 };
      if (after.matched < before.matched) changes.push({ provider, type, before, after });
    }
  }
  return changes;
}

/** Types that match more than the baseline records: the baseline should be updated so they cannot slip back. */
export function improvements(baseline: Rates, current: Rates): RateChange[] {
  const changes: RateChange[] = [];
  for (const [provider, types] of Object.entries(current)) {
    for (const [type, after] of Object.entries(types)) {
      const before = baseline[provider]?.[type] ?? { comparable: 0, matched: 0 };
      if (after.matched > before.matched) changes.push({ provider, type, before, after });
    }
  }
  return changes;
}

const percent = (tally: Tally): string => (tally.comparable === 0 ? '—' : `${((100 * tally.matched) / tally.comparable).toFixed(1)}%`);

function formatTally(tally: Tally): string {
  return `${tally.matched}/${tally.comparable} (${percent(tally)})`;
}

export interface SummaryInput {
  title: string;
  outcomes: readonly ResourceOutcome[];
  allowed: readonly { outcome: ResourceOutcome; entry: AllowedDifference }[];
  /** How many of the worst misses to list. */
  worst: number;
}

/** One miss as the harness prints it: case, address, both figures and the cause. */
export function outcomeLine(outcome: ResourceOutcome): string {
  const actual = outcome.actual === undefined ? outcome.status : `$${outcome.actual.toFixed(2)}`;
  return `  ${outcome.caseName} ${outcome.address}: expected $${outcome.expected.toFixed(2)}, tollgate ${actual}; ${outcome.cause}`;
}

/** The printed report: rates per provider and per type, unpriced reasons, the worst misses and the allow-listed differences. */
export function renderSummary({ title, outcomes, allowed, worst }: SummaryInput): string {
  const rates = tallyRates(outcomes);
  const lines = [`${title}: resources within ${5}% of Infracost's golden, per provider`];
  for (const [provider, types] of Object.entries(rates)) lines.push(`  ${provider.padEnd(7)} ${formatTally(total(types))}`);
  const components = outcomes.reduce((sum, outcome) => ({ comparable: sum.comparable + outcome.components.expected, matched: sum.matched + outcome.components.matched }), { comparable: 0, matched: 0 });
  lines.push(`  components ${formatTally(components)}`, '', 'per resource type (matched/comparable):');
  for (const [provider, types] of Object.entries(rates)) {
    for (const [type, tally] of Object.entries(types)) lines.push(`  ${provider.padEnd(7)} ${type.padEnd(58)} ${formatTally(tally)}`);
  }
  const misses = outcomes.filter((outcome) => outcome.status !== 'match');
  const byStatus = groupBy(misses, (outcome) => outcome.status);
  lines.push('', `misses by kind: ${[...byStatus].map(([status, items]) => `${status} ${items.length}`).join(', ') || 'none'}`);
  const worstMisses = [...misses].sort((a, b) => Math.abs(b.expected - (b.actual ?? 0)) - Math.abs(a.expected - (a.actual ?? 0))).slice(0, worst);
  if (worstMisses.length > 0) lines.push('', `worst ${worstMisses.length} misses (by dollars):`, ...worstMisses.map(outcomeLine));
  if (allowed.length > 0) {
    lines.push('', `deliberately different (reference/allow-list.yml), not counted: ${allowed.length}`);
    for (const { outcome, entry } of allowed) lines.push(`  ${outcome.caseName} ${outcome.address}: ${entry.reason}`);
  }
  return lines.join('\n');
}
