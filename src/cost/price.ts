import type { CostSettings, PriceBook } from '../config/model.js';
import { reverseChange } from '../diff/diff.js';
import type { ResourceChange } from '../diff/model.js';
import type { Resource } from '../iac/model.js';
import { localAddress } from '../iac/references.js';
import { isUnknown, type UnknownValue } from '../iac/values.js';
import { Catalog, describeSources } from './catalog.js';
import { costsNothing } from './free.js';
import { emptyCost, type CostComponent, type CostLine, type CostReport } from './model.js';
import { applyPriceBook, describePriceBook } from './price-book.js';
import { PRICER_BY_TYPE } from './pricers/index.js';
import { Alternatives, component, monthlyOf, PriceContext, Unpriced, type PricedResource } from './pricing.js';
import { EMPTY_USAGE, type UsageFile } from './usage.js';

export interface PriceOptions {
  usage?: UsageFile;
  /** A catalog to price from; tests pass one with their own tables. Created (not loaded) on first need. */
  catalog?: Catalog;
  /** The day priced (ISO date), for support windows; the support calendar's own date when absent, so tests are stable. */
  today?: string;
}

const DEFAULT_SETTINGS: CostSettings = { region: 'us-east-1', kubernetesRates: {} };
/** Pricing every combination of several either-or values grows fast; past this many, the resource is unpriced. */
const MAX_ALTERNATIVES = 16;

interface SidePrice {
  monthly: number;
  components: CostComponent[];
  range?: { low: number; high: number };
  approximate: boolean;
  regions: string[];
  note?: string;
}

type SideOutcome = SidePrice | { unpriced: string } | 'free';

/** Float noise (0.1 + 0.2) would otherwise show in the JSON report; a millionth of a dollar is below any price's precision. */
function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function tidyComponent(item: CostComponent): CostComponent {
  return { ...item, quantity: tidy(item.quantity), monthly: tidy(item.monthly) };
}

/** A copy of `value` with one unknown (found by identity) replaced by a concrete alternative. */
function substitute(value: unknown, target: UnknownValue, replacement: unknown, depth = 0): unknown {
  if (value === target) return replacement;
  if (depth > 64 || typeof value !== 'object' || value === null || isUnknown(value)) return value;
  if (Array.isArray(value)) return value.map((item) => substitute(item, target, replacement, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, target, replacement, depth + 1)]));
}

/**
 * How many copies one priced resource stands for. An instance the parser expanded (`web[0]`,
 * `web[1]`, each with the group's `count`) is one copy; only an unexpanded resource multiplies.
 */
function countOf(resource: Resource): number {
  if (resource.meta.index !== undefined) return 1;
  // The parser lists a resource whose count or for_each is unknown once, as a stand-in: pricing
  // that one would show a figure for an unknown number of instances.
  if (typeof resource.meta.instancesUnknown === 'string') throw new Unpriced(resource.meta.instancesUnknown);
  const count = resource.count ?? resource.meta.count;
  if (count === undefined) return 1;
  if (isUnknown(count)) throw new Unpriced(`count is not known before apply (${count.__unknown})`);
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new Unpriced(`count ${JSON.stringify(count)} is not a whole number`);
  return count;
}

function priceOnce(resource: Resource, context: PriceContext): PricedResource | 'free' {
  const pricer = PRICER_BY_TYPE.get(resource.type);
  if (!pricer) throw new Unpriced(`no pricer for ${resource.type} yet`);
  const listed = pricer.price(resource, context);
  if (listed === 'free') return listed;
  const result = atBookPrices(listed, resource.type, context.settings.priceBook);
  const count = countOf(resource);
  if (count === 1) return result;
  return {
    components: result.components.map((item) => ({ ...item, ...component(`${item.name} × ${count}`, item.unit, item.quantity * count, item.unitPrice) })),
    ...(result.range ? { range: { low: result.range.low * count, high: result.range.high * count } } : {}),
  };
}

/** A priced resource at the price book's prices; a range scales with the figure it brackets. */
function atBookPrices(listed: PricedResource, resourceType: string, book: PriceBook | undefined): PricedResource {
  if (!book) return listed;
  const components = applyPriceBook(listed.components, resourceType, book);
  const before = monthlyOf(listed.components);
  const scale = before === 0 ? 1 : monthlyOf(components) / before;
  return { ...listed, components, ...(listed.range ? { range: { low: listed.range.low * scale, high: listed.range.high * scale } } : {}) };
}

/**
 * Prices one side of a change. A value that is one of a known few is priced once per candidate:
 * the figure is the highest (a budget should see the worst case) and the spread is the range.
 */
function priceSide(resource: Resource, makeContext: () => PriceContext, depth = 0): SideOutcome {
  const context = makeContext();
  try {
    const priced = priceOnce(resource, context);
    if (priced === 'free') return 'free';
    const components = priced.components.map(tidyComponent);
    const monthly = tidy(monthlyOf(priced.components));
    if (!Number.isFinite(monthly)) return { unpriced: 'the price came out as a non-number; the inputs are out of range' };
    return {
      monthly,
      components,
      ...(priced.range ? { range: { low: tidy(priced.range.low), high: tidy(priced.range.high) } } : {}),
      approximate: context.approximate,
      regions: [...context.regionsUsed],
      ...(context.note || priced.note ? { note: [context.note, priced.note].filter(Boolean).join('; ') } : {}),
    };
  } catch (error) {
    if (error instanceof Unpriced) return { unpriced: error.message };
    if (!(error instanceof Alternatives)) throw error;
    const candidates = error.value.alternatives ?? [];
    if (depth > 3 || candidates.length > MAX_ALTERNATIVES) return { unpriced: `${error.value.__unknown} has too many possible values to price` };
    const outcomes = candidates.map((candidate) =>
      priceSide({ ...resource, attributes: substitute(resource.attributes, error.value, candidate) as Record<string, unknown> }, makeContext, depth + 1),
    );
    const priced = outcomes.filter((outcome): outcome is SidePrice => outcome !== 'free' && !('unpriced' in outcome));
    const failed = outcomes.find((outcome): outcome is { unpriced: string } => outcome !== 'free' && 'unpriced' in outcome);
    if (failed) return failed;
    if (priced.length === 0) return 'free';
    const highest = priced.reduce((best, outcome) => (outcome.monthly > best.monthly ? outcome : best));
    const low = Math.min(...priced.map((outcome) => outcome.range?.low ?? outcome.monthly));
    const high = Math.max(...priced.map((outcome) => outcome.range?.high ?? outcome.monthly));
    return {
      ...highest,
      regions: [...new Set(priced.flatMap((outcome) => outcome.regions))],
      ...(low !== high ? { range: { low, high } } : {}),
      note: [`${error.value.__unknown} is one of ${candidates.length} values; priced at the highest`, highest.note].filter(Boolean).join('; '),
    };
  }
}

function sideResources(changes: readonly ResourceChange[], side: 'before' | 'after'): Resource[] {
  return changes.flatMap((change) => (change[side] ? [change[side]] : []));
}

/** Two outcomes that say the same: a resource whose cost did not move. */
function sameOutcome(a: SideOutcome | undefined, b: SideOutcome | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The names other resources use for this one: its address inside its module (Terraform), the logical id, `metadata.name`. */
function namesOf(resource: Resource): string[] {
  const terraform = resource.kind === 'terraform' ? localAddress(resource) : undefined;
  return [terraform, resource.meta.logicalId, resource.meta.name].filter((name): name is string => typeof name === 'string' && name !== '');
}

/** A resource as the relation test reads it: its attributes as text (serialised once) and its names. */
interface Named {
  text: string;
  names: string[];
}

/** Whether one names the other anywhere in its attributes: a cheap over-approximation of "is priced from". */
function related(a: Named, b: Named): boolean {
  return b.names.some((name) => a.text.includes(name)) || a.names.some((name) => b.text.includes(name));
}

/**
 * Unchanged resources that a pricer prices from another resource the change modifies (an
 * autoscaling group from its launch template, an ECS service from its task definition, a
 * workload from its HPA): their cost can move although their own text did not. Related either
 * way, in the same scope; a false relation costs one more pricing, never a wrong line.
 */
function repricingCandidates(changes: readonly ResourceChange[]): ResourceChange[] {
  const named = (resource: Resource): Named => ({ text: JSON.stringify(resource.attributes), names: namesOf(resource) });
  const modified = changes.flatMap((change) => (change.change !== 'unchanged' && change.after ? [{ scope: change.scope, ...named(change.after) }] : []));
  if (modified.length === 0) return [];
  return changes.filter((change) => {
    if (change.change !== 'unchanged' || !change.after || !PRICER_BY_TYPE.has(change.type)) return false;
    const candidate = named(change.after);
    return modified.some((other) => other.scope === change.scope && related(candidate, other));
  });
}

/** One resource priced on both sides of the change. */
interface PricedChange {
  change: ResourceChange;
  before?: SideOutcome;
  after?: SideOutcome;
  repriced: boolean;
}

/** The change's cost from both ends: `head` is the report; `base` prices the same change seen from its base (see reverseChange). */
export interface CostSides {
  head: CostReport;
  base: CostReport;
}

/**
 * The cost stage: prices both sides of every changed resource from the offline catalog, and of
 * every unchanged one whose price follows a changed resource (listed only when it moved). A
 * resource that cannot be priced is listed with the reason and left out of the totals, never
 * counted as $0. The catalog is opened only when a resource that has a pricer is in play.
 */
export function priceChanges(changes: readonly ResourceChange[], settings: CostSettings = DEFAULT_SETTINGS, options: PriceOptions = {}): CostReport {
  return priceChangeSides(changes, settings, options).head;
}

/**
 * priceChanges, and the same prices read from the base side (each line's `after` and components are
 * the base's): what the cost rules judge when they run on the base, without pricing anything twice.
 */
export function priceChangeSides(changes: readonly ResourceChange[], settings: CostSettings = DEFAULT_SETTINGS, options: PriceOptions = {}): CostSides {
  const usage = options.usage ?? EMPTY_USAGE;
  const changed = changes.filter((change) => change.change !== 'unchanged' && !costsNothing(change));
  const candidates = new Set(repricingCandidates(changes));
  const relevant = [...changed, ...candidates];
  if (relevant.length === 0) return { head: emptyCost(), base: emptyCost() };
  const catalog = options.catalog ?? new Catalog();
  const siblings = { before: sideResources(changes, 'before'), after: sideResources(changes, 'after') };
  const priced: PricedChange[] = [];
  for (const change of relevant) {
    const outcome = (side: 'before' | 'after'): SideOutcome | undefined => {
      const resource = change[side];
      return resource ? priceSide(resource, () => new PriceContext(catalog, settings, siblings[side], usage, options.today)) : undefined;
    };
    const before = outcome('before');
    const after = outcome('after');
    const repriced = candidates.has(change);
    if (repriced && sameOutcome(before, after)) continue;
    priced.push({ change, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), repriced });
  }
  const catalogDate = describeSources(catalog.sourcesUsed());
  const reversed = priced.map(({ change, before, after, repriced }) => ({ change: reverseChange(change), ...(after !== undefined ? { before: after } : {}), ...(before !== undefined ? { after: before } : {}), repriced }));
  const priceBook = describePriceBook(settings.priceBook);
  const withBook = (report: CostReport): CostReport => (priceBook ? { ...report, priceBook } : report);
  return { head: withBook(costReport(priced, catalogDate)), base: withBook(costReport(reversed, catalogDate)) };
}

function costReport(priced: readonly PricedChange[], catalogDate: string | null): CostReport {
  const cost = emptyCost();
  const regions = new Set<string>();
  let rangeLow = 0;
  let rangeHigh = 0;
  let hasRange = false;
  for (const { change, before, after, repriced } of priced) {
    const unpriced = [after, before].find((item): item is { unpriced: string } => item !== undefined && item !== 'free' && 'unpriced' in item);
    if (unpriced) {
      cost.unpriced.push({ address: change.address, ...(change.scope !== undefined ? { scope: change.scope } : {}), type: change.type, reason: unpriced.unpriced });
      continue;
    }
    const pricedBefore = before === undefined || before === 'free' ? undefined : (before as SidePrice);
    const pricedAfter = after === undefined || after === 'free' ? undefined : (after as SidePrice);
    if (!pricedBefore && !pricedAfter) continue;
    const resource = change.after ?? change.before;
    const shown = pricedAfter ?? pricedBefore;
    const line: CostLine = {
      address: change.address,
      ...(change.scope !== undefined ? { scope: change.scope } : {}),
      type: change.type,
      ...(resource ? { file: resource.file, line: resource.line } : {}),
      before: pricedBefore?.monthly ?? 0,
      after: pricedAfter?.monthly ?? 0,
      delta: tidy((pricedAfter?.monthly ?? 0) - (pricedBefore?.monthly ?? 0)),
      components: shown?.components ?? [],
    };
    if (pricedAfter?.range) line.range = pricedAfter.range;
    if (pricedBefore?.approximate || pricedAfter?.approximate) line.approximate = true;
    const region = pricedAfter?.regions[0] ?? pricedBefore?.regions[0];
    if (region) line.region = region;
    const note = [repriced ? 'unchanged itself; priced from a resource this change modifies' : undefined, pricedAfter?.note ?? pricedBefore?.note].filter(Boolean).join('; ');
    if (note) line.note = note;
    for (const used of [...(pricedBefore?.regions ?? []), ...(pricedAfter?.regions ?? [])]) regions.add(used);
    cost.lines.push(line);
    cost.before += line.before;
    cost.after += line.after;
    rangeLow += line.range?.low ?? line.after;
    rangeHigh += line.range?.high ?? line.after;
    hasRange ||= line.range !== undefined;
  }
  cost.before = tidy(cost.before);
  cost.after = tidy(cost.after);
  cost.delta = tidy(cost.after - cost.before);
  if (hasRange) cost.range = { low: tidy(rangeLow), high: tidy(rangeHigh) };
  if (regions.size > 0) cost.regions = [...regions].sort();
  cost.catalogDate = catalogDate;
  return cost;
}
