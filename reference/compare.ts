import type { CostComponent, CostReport } from '../src/cost/model.js';
import type { GoldenComponent, GoldenResource } from './golden.js';

/**
 * Compares tollgate's prices for one reference case with Infracost's expected output, resource by
 * resource. Where tollgate lists an instance under its own address (`for_each` keys) it is
 * compared alone; other instances of one `count` / `for_each` resource (`aws_instance.web[0]`,
 * `[1]`) are compared as one group, since tollgate prices `count` as one line of N instances.
 */

/** Within this share of the expected figure, a price matches. */
export const TOLERANCE = 0.05;
/** Figures closer than this (dollars a month) match whatever the share: rounding in the golden's cents. */
const ABSOLUTE_TOLERANCE = 0.01;

export type Status =
  /** Within 5% of the golden. */
  | 'match'
  /** Priced, but not within 5%. */
  | 'differs'
  /** Listed as unpriced, with tollgate's reason. */
  | 'unpriced'
  /** Neither priced nor listed as unpriced: tollgate holds the type free, or did not read the resource. */
  | 'absent';

export interface ResourceOutcome {
  /** `aws/mq_broker_test`. */
  caseName: string;
  provider: string;
  type: string;
  /** The address without instance keys (`aws_instance.web`). */
  address: string;
  /** Golden resources in the group (instances of one `count`). */
  resources: number;
  expected: number;
  actual?: number;
  status: Status;
  /** Why it differs: tollgate's unpriced reason, or the components that do not agree. */
  cause: string;
  /** Golden components (with a cost) and how many of them tollgate matched. */
  components: { expected: number; matched: number };
}

export function matches(actual: number, expected: number): boolean {
  const gap = Math.abs(actual - expected);
  return gap <= ABSOLUTE_TOLERANCE || gap <= TOLERANCE * Math.abs(expected);
}

/** `module.a.aws_instance.web[0]` → `module.a.aws_instance.web`; `aws_x.y["k"]` → `aws_x.y`. */
export function groupAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** The resource type of an address, past module and data prefixes. */
export function typeOf(address: string): string {
  const parts = groupAddress(address)
    .replace(/^(?:module\.[^.]+(?:\[[^\]]*\])?\.)+/, '')
    .replace(/^data\./, '')
    .split('.');
  return parts[0] ?? address;
}

interface PricedComponent {
  name: string;
  monthly: number;
}

function goldenComponents(resources: readonly GoldenResource[], usage: boolean): PricedComponent[] {
  const wanted = (component: GoldenComponent): boolean => component.monthly !== undefined && component.monthly > 0 && (usage || !component.usageBased);
  return resources.flatMap((resource) => resource.components.filter(wanted).map((component) => ({ name: [...component.groups, component.name].join(' / '), monthly: component.monthly ?? 0 })));
}

function tollgateComponents(components: readonly CostComponent[], usage: boolean): PricedComponent[] {
  return components.filter((component) => component.monthly > 0 && (usage || !component.usageBased)).map((component) => ({ name: component.name, monthly: component.monthly }));
}

/** Pairs components of equal monthly cost; what is left on either side is the difference. */
function pairComponents(expected: readonly PricedComponent[], actual: readonly PricedComponent[]): { matched: number; missing: PricedComponent[]; extra: PricedComponent[] } {
  const left = [...actual];
  const missing: PricedComponent[] = [];
  let matched = 0;
  for (const item of expected) {
    const index = left.findIndex((candidate) => matches(candidate.monthly, item.monthly));
    if (index < 0) missing.push(item);
    else {
      matched += 1;
      left.splice(index, 1);
    }
  }
  return { matched, missing, extra: left };
}

const money = (value: number): string => `$${value.toFixed(2)}`;

function describeDifference(missing: readonly PricedComponent[], extra: readonly PricedComponent[]): string {
  const parts = [
    ...(missing.length > 0 ? [`expected ${missing.map((item) => `${item.name} ${money(item.monthly)}`).join(', ')}`] : []),
    ...(extra.length > 0 ? [`tollgate ${extra.map((item) => `${item.name} ${money(item.monthly)}`).join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : 'components agree one by one but not in total';
}

export interface CaseInput {
  caseName: string;
  provider: string;
  golden: readonly GoldenResource[];
  cost: CostReport;
  /** Compare totals with usage-based components (the case priced with its usage file) instead of the baseline. */
  withUsage: boolean;
}

/** One outcome per golden resource group that has a cost to compare (a baseline, or with usage a total, above zero). */
export function compareCase({ caseName, provider, golden, cost, withUsage }: CaseInput): ResourceOutcome[] {
  const listed = new Set([...cost.lines.map((line) => line.address), ...cost.unpriced.map((item) => item.address)]);
  const groups = new Map<string, GoldenResource[]>();
  for (const resource of golden) {
    const key = listed.has(resource.address) ? resource.address : groupAddress(resource.address);
    groups.set(key, [...(groups.get(key) ?? []), resource]);
  }
  const outcomes: ResourceOutcome[] = [];
  for (const [address, resources] of groups) {
    const expected = Math.round(resources.reduce((sum, resource) => sum + (withUsage ? resource.total : resource.baseline), 0) * 100) / 100;
    if (expected <= 0) continue;
    const inGroup = (candidate: string): boolean => candidate === address || (!listed.has(address) && groupAddress(candidate) === address);
    const lines = cost.lines.filter((line) => inGroup(line.address));
    const unpriced = cost.unpriced.find((item) => inGroup(item.address));
    const wanted = goldenComponents(resources, withUsage);
    const base = { caseName, provider, type: typeOf(address), address, resources: resources.length, expected };
    if (unpriced) {
      outcomes.push({ ...base, status: 'unpriced', cause: unpriced.reason, components: { expected: wanted.length, matched: 0 } });
      continue;
    }
    if (lines.length === 0) {
      outcomes.push({ ...base, status: 'absent', cause: 'tollgate holds this type free or did not read the resource', components: { expected: wanted.length, matched: 0 } });
      continue;
    }
    const components = lines.flatMap((line) => tollgateComponents(line.components, withUsage));
    const actual = Math.round(components.reduce((sum, item) => sum + item.monthly, 0) * 100) / 100;
    const pairing = pairComponents(wanted, components);
    const status: Status = matches(actual, expected) ? 'match' : 'differs';
    outcomes.push({
      ...base,
      actual,
      status,
      cause: status === 'match' ? '' : describeDifference(pairing.missing, pairing.extra),
      components: { expected: wanted.length, matched: pairing.matched },
    });
  }
  return outcomes;
}
