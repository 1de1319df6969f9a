import { amount, attributesOf, component, HOURS_PER_MONTH, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
import { azureRegion, tieredUsage, type UsageTier } from './azure.js';
import { unitPriceAmong } from './shared-rows.js';
import { usageOf } from '../usage.js';

function unitPrice(context: PriceContext, resourceType: string, region: string, name: string): number {
  return context.unitPrice('azure', resourceType, region, name).usd;
}

/**
 * `azurerm_servicebus_namespace`: Basic bills only operations (usage); Standard a base charge by
 * the hour plus operations and brokered connections beyond the included (usage); Premium its
 * messaging units (`capacity`), everything included.
 */
export const azureServiceBusNamespacePricer: Pricer = {
  types: ['azurerm_servicebus_namespace'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const sku = requiredText(attributes.sku, 'sku').toLowerCase();
    const region = azureRegion(resource, context);
    const type = 'azurerm_servicebus_namespace';
    if (sku === 'basic') return { components: [usageComponent('Messaging operations', '1M operations', unitPrice(context, type, region, 'Messaging operations'), undefined)] };
    if (sku === 'standard') {
      return {
        components: [
          component('Base charge', 'hours', HOURS_PER_MONTH, unitPrice(context, type, region, 'Base charge')),
          usageComponent('Messaging operations (13M-100M)', '1M operations', unitPrice(context, type, region, 'Messaging operations (13M-100M)'), undefined),
          usageComponent('Brokered connections (1K-100K)', 'connections', unitPrice(context, type, region, 'Brokered connections (1K-100K)'), undefined),
        ],
      };
    }
    if (sku !== 'premium') throw new Unpriced(`the ${sku} tier has no price in the data (Basic, Standard and Premium only)`);
    // Premium namespaces start with one messaging unit.
    const units = amount(attributes.capacity, 'capacity') || 1;
    return { components: [component('Messaging units', 'units', units, unitPrice(context, type, region, 'Messaging units'))] };
  },
};

/** Event Hubs capacity rows by tier: throughput units (Basic, Standard) or processing units (Premium), each a month. */
const EVENT_HUB_CAPACITY: ReadonlyMap<string, { name: string; unit: string }> = new Map([
  ['basic', { name: 'Capacity (Basic)', unit: 'throughput units' }],
  ['standard', { name: 'Capacity (Standard)', unit: 'throughput units' }],
  ['premium', { name: 'Capacity (Premium)', unit: 'processing units' }],
]);

/**
 * `azurerm_eventhub_namespace`: `capacity` (default 1) units of its tier a month; ingress events
 * (Basic, Standard) are usage-based (`monthly_ingress_events`). A namespace on a dedicated cluster costs nothing itself: the
 * cluster (`azurerm_eventhub_cluster`) bills its capacity units.
 */
export const azureEventHubNamespacePricer: Pricer = {
  types: ['azurerm_eventhub_namespace'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    if (text(attributes.dedicated_cluster_id, 'dedicated_cluster_id') !== undefined) return 'free';
    const sku = requiredText(attributes.sku, 'sku').toLowerCase();
    const capacity = EVENT_HUB_CAPACITY.get(sku);
    if (!capacity) throw new Unpriced(`the ${sku} tier has no price in the data (Basic, Standard and Premium only)`);
    const region = azureRegion(resource, context);
    const units = amount(attributes.capacity, 'capacity') || 1;
    const components = [component(capacity.name, capacity.unit, units, unitPrice(context, 'azurerm_eventhub_namespace', region, capacity.name))];
    if (sku === 'premium') return { components };
    const ingress = `Ingress event (${capacity.name.slice('Capacity ('.length, -1)})`;
    const events = usageOf(context.usage, resource.address, 'monthly_ingress_events');
    return { components: [...components, usageComponent(ingress, '1M events', unitPrice(context, 'azurerm_eventhub_namespace', region, ingress), events === undefined ? undefined : events / 1_000_000)] };
  },
};

/** `azurerm_eventhub_cluster`: capacity units (`sku_name = "Dedicated_N"`) a month, at the data's dedicated-capacity rate. */
export const azureEventHubClusterPricer: Pricer = {
  types: ['azurerm_eventhub_cluster'],
  price(resource, context) {
    const sku = requiredText(attributesOf(resource).sku_name, 'sku_name');
    const units = /^Dedicated_(\d+)$/i.exec(sku)?.[1];
    if (units === undefined) throw new Unpriced(`sku_name "${sku}" is not a dedicated capacity (Dedicated_N)`);
    const monthly = unitPriceAmong(context, 'azure', ['azurerm_eventhub_cluster', 'azurerm_eventhub_namespace'], azureRegion(resource, context), 'Capacity (Dedicated)', 'Event Hubs dedicated capacity units');
    return { components: [component('Capacity (Dedicated)', 'capacity units', Number(units), monthly)] };
  },
};

/** Every Basic and Standard namespace includes 10M pushes a month. */
const INCLUDED_PUSHES_M = 10;

/** Pushes beyond the included 10M, in millions, by tier: Basic has one rate, Standard a lower one past 100M. */
const PUSH_TIERS: Readonly<Record<'Basic' | 'Standard', readonly UsageTier[]>> = {
  Basic: [{ row: 'Pushes (over 10M)', size: Number.POSITIVE_INFINITY }],
  Standard: [
    { row: 'Pushes (10-100M)', size: 90 },
    { row: 'Pushes (over 100M)', size: Number.POSITIVE_INFINITY },
  ],
};

/** `azurerm_notification_hub_namespace`: Free costs nothing; Basic and Standard a monthly namespace fee; pushes beyond the included 10M (`monthly_pushes`) by tier from the usage file. */
export const azureNotificationHubNamespacePricer: Pricer = {
  types: ['azurerm_notification_hub_namespace'],
  price(resource, context) {
    const sku = requiredText(attributesOf(resource).sku_name, 'sku_name');
    if (sku.toLowerCase() === 'free') return 'free';
    const tier = sku.toLowerCase() === 'basic' ? 'Basic' : sku.toLowerCase() === 'standard' ? 'Standard' : undefined;
    if (!tier) throw new Unpriced(`the ${sku} tier has no price in the data (Free, Basic and Standard only)`);
    const region = azureRegion(resource, context);
    const type = 'azurerm_notification_hub_namespace';
    const pushes = usageOf(context.usage, resource.address, 'monthly_pushes');
    const beyondIncluded = pushes === undefined ? undefined : Math.max(0, pushes / 1_000_000 - INCLUDED_PUSHES_M);
    return {
      components: [
        component(`Namespace usage (${tier})`, 'months', 1, unitPrice(context, type, region, `Namespace usage (${tier})`)),
        ...tieredUsage(PUSH_TIERS[tier], '1M pushes', beyondIncluded, (row) => unitPrice(context, type, region, row)),
      ],
    };
  },
};
