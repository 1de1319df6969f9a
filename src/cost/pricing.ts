import type { CostSettings } from '../config/model.js';
import type { Resource } from '../iac/model.js';
import { isSensitive, isUnknown, type UnknownValue } from '../iac/values.js';
import type { Catalog } from './catalog.js';
import type { CostComponent } from './model.js';
import { SUPPORT_CALENDAR_AS_OF } from './support.js';
import { usageOf, type UsageFile } from './usage.js';

/** Hours in the month every monthly figure assumes (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/**
 * Thrown by a pricer when a resource cannot be priced; the engine lists the resource as unpriced
 * with this reason. An exception keeps each pricer a straight line of lookups instead of a
 * check after every one.
 */
export class Unpriced extends Error {}

/**
 * Thrown when a value is one of a known few (`Fn::If`, a conditional): the engine prices the
 * resource once per alternative and reports the spread as a range.
 */
export class Alternatives extends Error {
  constructor(readonly value: UnknownValue) {
    super(value.__unknown);
  }
}

export interface PricedResource {
  components: CostComponent[];
  /** Low and high monthly figures when scaling makes the cost a range (ASG min–max, HPA). */
  range?: { low: number; high: number };
  note?: string;
}

export type PricerResult = PricedResource | 'free';

/** One pricer per service family: the resource types it knows and how it prices one resource. */
export interface Pricer {
  types: readonly string[];
  price(resource: Resource, context: PriceContext): PricerResult;
}

type Cloud = 'aws' | 'azure' | 'google';

/** Which cloud a region belongs to: the three write their region names in forms that never meet. */
export function cloudOfRegion(region: string): Cloud | undefined {
  if (/^[a-z]{2}(-gov)?-[a-z]+-\d+$/.test(region)) return 'aws';
  if (/^[a-z]+-[a-z]+\d+$/.test(region)) return 'google';
  if (/^[a-z]+\d*$/.test(region)) return 'azure';
  return undefined;
}

/** Where each cloud's price data is fullest (the most rows of the component table). */
const DATA_HOME: Record<Cloud, string> = { aws: 'us-east-1', azure: 'eastus', google: 'us-central1' };

/**
 * The region whose prices stand in for `region`: `cost.fallback-region` when it is of the same
 * cloud, else that cloud's data home (`us-east-1`, `eastus`, `us-central1`), so the one setting
 * serves an AWS, Azure or Google change alike; none when the setting is `none`.
 */
export function fallbackRegion(region: string, configured: string | undefined): string | undefined {
  if (configured === undefined) return undefined;
  const cloud = cloudOfRegion(region);
  return cloud === undefined || cloudOfRegion(configured) === cloud ? configured : DATA_HOME[cloud];
}

/** What a pricer may read besides the resource itself; also records whether a fallback region was used. */
export class PriceContext {
  approximate = false;
  readonly regionsUsed = new Set<string>();
  private noteText: string | undefined;

  constructor(
    readonly catalog: Catalog,
    readonly settings: CostSettings,
    /** Every resource on the same side (base or head), for references such as an ASG's launch template. */
    readonly siblings: readonly Resource[],
    readonly usage: UsageFile,
    /** The day priced (ISO date): what is past standard support, and so billed extended support, depends on it. */
    readonly today: string = SUPPORT_CALENDAR_AS_OF,
  ) {}

  get note(): string | undefined {
    return this.noteText;
  }

  addNote(text: string): void {
    if (this.noteText?.split('; ').includes(text)) return;
    this.noteText = this.noteText ? `${this.noteText}; ${text}` : text;
  }

  /** The resource's region: its own (provider, stack) or the configured default. */
  regionOf(resource: Resource): string {
    return resource.region ?? this.settings.region;
  }

  /**
   * Looks a price up in the resource's region, then in the fallback region of its cloud (marking
   * the line approximate); without either, the resource is unpriced with the reason.
   */
  regional<T>(region: string, what: string, find: (region: string) => T | undefined): T {
    const found = find(region);
    if (found !== undefined) {
      this.regionsUsed.add(region);
      return found;
    }
    const fallback = fallbackRegion(region, this.settings.fallbackRegion);
    if (fallback !== undefined && fallback !== region) {
      const approximate = find(fallback);
      if (approximate !== undefined) {
        this.approximate = true;
        this.regionsUsed.add(fallback);
        this.addNote(`${fallback} prices stand in for ${region}`);
        return approximate;
      }
    }
    throw new Unpriced(`no price for ${what} in ${region} in the price data${fallback === undefined ? ' (set cost.fallback-region to approximate)' : ''}`);
  }

  /** A unit price from the component table for this resource type, region-aware. */
  unitPrice(provider: string, resourceType: string, region: string, name: string, unit?: string): { unit: string; usd: number } {
    return this.regional(region, `${resourceType} "${name}"`, (where) => this.catalog.component(provider, resourceType, where, name, unit));
  }
}

export function component(name: string, unit: string, quantity: number, unitPrice: number): CostComponent {
  return { name, unit, quantity, unitPrice, monthly: quantity * unitPrice };
}

/** What a resource's components add up to a month. */
export function monthlyOf(components: readonly CostComponent[]): number {
  return components.reduce((sum, item) => sum + item.monthly, 0);
}

/** A usage-based component: its quantity comes from the usage file, or it shows only its unit price. */
export function usageComponent(name: string, unit: string, unitPrice: number, quantity: number | undefined): CostComponent {
  return { name, unit, quantity: quantity ?? 0, unitPrice, monthly: (quantity ?? 0) * unitPrice, usageBased: true };
}

/** Data a gateway or load balancer processes: per GB, with the quantity from the usage file's `monthly_data_processed_gb`. */
export function dataProcessedComponent(name: string, unitPrice: number, resource: Resource, usage: UsageFile): CostComponent {
  return usageComponent(name, 'GB', unitPrice, usageOf(usage, resource.address, 'monthly_data_processed_gb'));
}

/** The two rows of an hourly-plus-data price in the data: its provider, resource type, region and row names. */
export interface HourlyDataRows {
  provider: string;
  resourceType: string;
  region: string;
  hours: string;
  data: string;
}

/**
 * A gateway or balancer billed by the hour plus per GB it processes (usage-based): NAT gateways,
 * classic load balancers, forwarding rules. `names` are the component names shown, when they
 * differ from the data's row names.
 */
export function hoursPlusDataProcessed(resource: Resource, context: PriceContext, rows: HourlyDataRows, names: { hours: string; data: string } = rows): PricedResource {
  const hourly = context.unitPrice(rows.provider, rows.resourceType, rows.region, rows.hours);
  const data = context.unitPrice(rows.provider, rows.resourceType, rows.region, rows.data);
  return { components: [component(names.hours, 'hours', HOURS_PER_MONTH, hourly.usd), dataProcessedComponent(names.data, data.usd, resource, context.usage)] };
}

/** A dotted path into attributes (`root_block_device.0.volume_size`); undefined where any step is missing. */
export function attribute(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (isUnknown(current)) return current;
    if (Array.isArray(current)) current = current[Number(key)];
    else if (typeof current === 'object' && current !== null) current = (current as Record<string, unknown>)[key];
    else return undefined;
  }
  return current;
}

function settle(value: unknown, what: string): unknown {
  if (isUnknown(value)) {
    if (value.alternatives && value.alternatives.length > 0) throw new Alternatives(value);
    throw new Unpriced(`${what} is not known before apply (${value.__unknown})`);
  }
  if (isSensitive(value)) throw new Unpriced(`${what} is marked sensitive`);
  return value;
}

/** A string attribute; undefined when absent; unpriced when unknown; a range when one of a known few. */
export function text(value: unknown, what: string): string | undefined {
  const settled = settle(value, what);
  if (settled === undefined || settled === null || settled === '') return undefined;
  if (typeof settled === 'string') return settled;
  if (typeof settled === 'number') return String(settled);
  throw new Unpriced(`${what} is not a string`);
}

export function requiredText(value: unknown, what: string): string {
  const found = text(value, what);
  if (found === undefined) throw new Unpriced(`${what} is not set`);
  return found;
}

/** Sizes and counts beyond these are typos or hostile input, not infrastructure. */
const ABSURD = 1e7;

/** A non-negative finite number (numeric strings accepted: CloudFormation writes `"100"`); undefined when absent. */
export function amount(value: unknown, what: string): number | undefined {
  const settled = settle(value, what);
  if (settled === undefined || settled === null || settled === '') return undefined;
  const parsed = typeof settled === 'number' ? settled : typeof settled === 'string' && settled.trim() !== '' ? Number(settled) : Number.NaN;
  if (!Number.isFinite(parsed)) throw new Unpriced(`${what} is not a number (${JSON.stringify(settled).slice(0, 40)})`);
  if (parsed < 0) throw new Unpriced(`${what} is negative (${parsed})`);
  if (parsed > ABSURD) throw new Unpriced(`${what} is implausibly large (${parsed})`);
  return parsed;
}

export function flag(value: unknown, what: string): boolean | undefined {
  const settled = settle(value, what);
  if (settled === undefined || settled === null) return undefined;
  if (typeof settled === 'boolean') return settled;
  if (settled === 'true' || settled === 'false') return settled === 'true';
  throw new Unpriced(`${what} is not a boolean`);
}

export function records(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !isUnknown(item));
  if (typeof value === 'object' && value !== null && !isUnknown(value)) return [value as Record<string, unknown>];
  return [];
}

/** The attributes a pricer reads: a CloudFormation resource's `Properties`, a Terraform resource's attributes. */
export function attributesOf(resource: Resource): Record<string, unknown> {
  const properties = resource.attributes.Properties;
  return resource.kind === 'cloudformation' && typeof properties === 'object' && properties !== null && !isUnknown(properties)
    ? (properties as Record<string, unknown>)
    : resource.attributes;
}

/**
 * The resource a reference points at: a plain name/id that matches a sibling's `name`, or an
 * unknown value whose description is the reference (`aws_launch_template.web.id`, `Ref WebTemplate`).
 */
export function referenced(value: unknown, resource: Resource, context: PriceContext, types: readonly string[]): Resource | undefined {
  const candidates = context.siblings.filter((sibling) => types.includes(sibling.type));
  if (isUnknown(value)) {
    const description = value.__unknown;
    const terraform = /^([A-Za-z0-9_.[\]"-]+?)\.(?:id|name|arn|identifier|latest_version)$/.exec(description)?.[1];
    const cloudformation = /^(?:Ref |Fn::GetAtt )([A-Za-z0-9]+)/.exec(description)?.[1];
    // Inside a module a reference names the resource without the module's prefix.
    const inModule = terraform !== undefined && resource.module ? `${resource.module}.${terraform}` : undefined;
    return candidates.find(
      (sibling) => sibling.address === terraform || (inModule !== undefined && sibling.module === resource.module && sibling.address === inModule) || (cloudformation !== undefined && sibling.address === `${resource.file}#${cloudformation}`),
    );
  }
  if (typeof value !== 'string') return undefined;
  return candidates.find((sibling) => {
    const attributes = attributesOf(sibling);
    return attributes.name === value || attributes.LaunchTemplateName === value || attributes.id === value;
  });
}

/** Scales one instance's components to `count` instances. */
function times(components: readonly CostComponent[], count: number): CostComponent[] {
  return components.map((item) => component(item.name, item.unit, item.quantity * count, item.unitPrice));
}

/** `desired` instances, with `min`–`max` as the range (an autoscaling group or node pool). */
export function scaled(perInstance: CostComponent[], desired: number, min: number, max: number): PricedResource {
  const each = monthlyOf(perInstance);
  return {
    components: times(perInstance, desired),
    ...(min !== max ? { range: { low: each * min, high: each * max } } : {}),
  };
}
