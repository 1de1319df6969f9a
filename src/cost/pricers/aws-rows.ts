import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { component, HOURS_PER_MONTH, usageComponent, type PriceContext } from '../pricing.js';

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
