/** One priced part of a resource: "Instance usage (t3.medium)", 730 hours at $0.0416. */
export interface CostComponent {
  name: string;
  unit: string;
  quantity: number;
  unitPrice: number;
  monthly: number;
}

export interface CostLine {
  address: string;
  type: string;
  file?: string;
  line?: number;
  before: number;
  after: number;
  delta: number;
  /** Low and high monthly figures where usage or scaling makes the cost a range. */
  range?: { low: number; high: number };
  components: CostComponent[];
  approximate?: boolean;
}

export interface UnpricedResource {
  address: string;
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
}

export function emptyCost(): CostReport {
  return { currency: 'USD', catalogDate: null, before: 0, after: 0, delta: 0, lines: [], unpriced: [] };
}
