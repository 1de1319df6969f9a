/** One priced part of a resource: "Instance usage (t3.medium)", 730 hours at $0.0416. */
export interface CostComponent {
  name: string;
  unit: string;
  quantity: number;
  unitPrice: number;
  monthly: number;
  /** Priced per use (requests, GB processed): `quantity` comes from the usage file, or is 0 and only the unit price is shown. */
  usageBased?: boolean;
  /** Compute hours of one size (`aws_instance/m5.large`): what a price book's negotiated unit prices and commitment apply to. */
  priceKey?: string;
}

export interface CostLine {
  address: string;
  /** The resource's scope (Terraform root, template file), which tells same-address twins apart. */
  scope?: string;
  type: string;
  file?: string;
  line?: number;
  before: number;
  after: number;
  delta: number;
  /** Low and high monthly figures where usage or scaling makes the cost a range. */
  range?: { low: number; high: number };
  components: CostComponent[];
  /** Priced with another region's prices (`cost.fallback-region`), or from data that does not fix every price dimension. */
  approximate?: boolean;
  /** The region whose prices were used, when the price depends on one. */
  region?: string;
  /** Why the figure is an approximation or a range, in a few words. */
  note?: string;
}

export interface UnpricedResource {
  address: string;
  scope?: string;
  type: string;
  reason: string;
}

export interface CostReport {
  currency: 'USD';
  /** Date of the price snapshot used; null when no catalog was loaded (nothing priceable changed). */
  catalogDate: string | null;
  before: number;
  after: number;
  delta: number;
  lines: CostLine[];
  unpriced: UnpricedResource[];
  /** Low and high total after the change, when some line is a range. */
  range?: { low: number; high: number };
  /** Regions whose prices were used. */
  regions?: string[];
  /** The price book the figures include, in a sentence ("prices include your 18% EDP discount"). */
  priceBook?: string;
}

export function emptyCost(): CostReport {
  return { currency: 'USD', catalogDate: null, before: 0, after: 0, delta: 0, lines: [], unpriced: [] };
}
