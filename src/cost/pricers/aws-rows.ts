import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { component, HOURS_PER_MONTH, usageComponent, type PriceContext, type Pricer } from '../pricing.js';

/**
 * Components read straight from one row of the AWS component table, in the resource's region
 * (or the fallback region): most of the long tail of AWS services is one or two such rows times
 * a quantity the configuration gives.
 */

/** `quantity` of a row's unit (hours, months, GB, users…), shown as `label`. */
export function rowComponent(resource: Resource, context: PriceContext, dataType: string, row: string, quantity: number, label = row): CostComponent {
  const price = context.unitPrice('aws', dataType, context.regionOf(resource), row);
  return component(label, price.unit, quantity, price.usd);
}

/** `count` resources running every hour of the month. */
export function rowHours(resource: Resource, context: PriceContext, dataType: string, row: string, count = 1, label = row): CostComponent {
  return rowComponent(resource, context, dataType, row, HOURS_PER_MONTH * count, label);
}

/** A row billed on use: its quantity from the usage file where a usage key fits, else its unit price alone. */
export function rowOnUse(resource: Resource, context: PriceContext, dataType: string, row: string, quantity?: number): CostComponent {
  const price = context.unitPrice('aws', dataType, context.regionOf(resource), row);
  return usageComponent(row, price.unit, price.usd, quantity);
}

/** A resource billed only on use: each of its rows shown at its unit price (quantities need usage the configuration does not give). */
export function onUseOnly(types: readonly string[], dataType: string, rows: readonly string[]): Pricer {
  return {
    types,
    price(resource, context) {
      return { components: rows.map((row) => rowOnUse(resource, context, dataType, row)) };
    },
  };
}

/** One tier of a graduated rate: its row, and how many of the quantity's units it covers (the last: Infinity). */
export interface Tier {
  row: string;
  size: number;
}

/**
 * A quantity billed in graduated tiers, one component per tier it reaches; without a quantity, the
 * first tier's unit price alone. `perUnit` is how many of the quantity's units one unit of the rows
 * is (1,000,000 queries to a "1M queries" row).
 */
export function rowTiers(resource: Resource, context: PriceContext, dataType: string, tiers: readonly Tier[], quantity: number | undefined, perUnit = 1): CostComponent[] {
  const [first] = tiers;
  if (first === undefined) return [];
  if (quantity === undefined) return [rowOnUse(resource, context, dataType, first.row)];
  let remaining = quantity;
  return tiers.flatMap((tier, index) => {
    const inTier = Math.min(remaining, tier.size);
    remaining -= inTier;
    return inTier > 0 || index === 0 ? [rowOnUse(resource, context, dataType, tier.row, inTier / perUnit)] : [];
  });
}
