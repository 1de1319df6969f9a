import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { priceChanges } from '../price.js';
import { added, consistent, priceAdded, terraformResource as resource } from './pricer-test-support.js';

const SETTINGS = { region: 'us-east-1', kubernetesRates: {} };

/** Monthly figures hand-computed from the azure rows of component-unit-prices.csv (730 hours a month). */
describe('Azure messaging pricers, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // Basic: operations only (usage)
    ['Basic Service Bus namespace', resource('azurerm_servicebus_namespace', { location: 'westeurope', sku: 'Basic' }), 0],
    // "Base charge" westeurope 0.0134384 × 730 = 9.810032 (operations, connections: usage)
    ['Standard Service Bus namespace', resource('azurerm_servicebus_namespace', { location: 'westeurope', sku: 'Standard' }), 9.810032],
    // 4 messaging units × 677.075 = 2,708.30
    ['Premium Service Bus namespace', resource('azurerm_servicebus_namespace', { location: 'westeurope', sku: 'Premium', capacity: 4 }), 2708.3],
    // 20 throughput units × "Capacity (Standard)" eastus 21.90 = 438.00 (ingress: usage)
    ['Standard Event Hubs namespace', resource('azurerm_eventhub_namespace', { location: 'eastus', sku: 'Standard', capacity: 20 }), 438],
    // default 1 processing unit × "Capacity (Premium)" 749.71
    ['Premium Event Hubs namespace', resource('azurerm_eventhub_namespace', { location: 'eastus', sku: 'Premium' }), 749.71],
    // Dedicated_2: 2 × "Capacity (Dedicated)" (namespace row) 4,999.77 = 9,999.54
    ['Event Hubs dedicated cluster', resource('azurerm_eventhub_cluster', { location: 'eastus', sku_name: 'Dedicated_2' }), 9999.54],
    // "Namespace usage (Standard)" eastus 200 a month (pushes: usage)
    ['Standard notification hub namespace', resource('azurerm_notification_hub_namespace', { location: 'eastus', sku_name: 'Standard' }), 200],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.lines[0]?.after).toBeCloseTo(expected, 6);
  });

  it('holds a namespace on a dedicated cluster free: the cluster bills', () => {
    const cost = priceChanges(added(resource('azurerm_eventhub_namespace', { location: 'eastus', sku: 'Standard', dedicated_cluster_id: '/clusters/one' })), SETTINGS);
    expect(cost).toMatchObject({ lines: [], unpriced: [] });
  });

  it.each<[string, Resource, RegExp]>([
    ['an unknown Service Bus tier', resource('azurerm_servicebus_namespace', { location: 'westeurope', sku: 'Enterprise' }), /enterprise tier has no price/],
    ['an Event Hubs namespace outside the data’s region', resource('azurerm_eventhub_namespace', { location: 'japaneast', sku: 'Basic' }), /no price for azurerm_eventhub_namespace "Capacity \(Basic\)" in japaneast/],
  ])('leaves %s unpriced with the reason', (_name, item, reason) => {
    expect(priceChanges(added(item), SETTINGS).unpriced[0]?.reason).toMatch(reason);
  });
});

describe('Notification Hubs pushes from the usage file', () => {
  const hub = (sku: string): Resource => resource('azurerm_notification_hub_namespace', { location: 'eastus', sku_name: sku });

  it.each<[string, string, number, Record<string, number>, number]>([
    // 20M pushes − 10M included = 10M × 1.00
    ['Basic beyond the included 10M', 'Basic', 20_000_000, { 'Pushes (over 10M)': 10 }, 10 + 10],
    // 130M − 10M = 90M at 10.00 (10–100M) + 30M at 2.50 (over 100M)
    ['Standard past 100M', 'Standard', 130_000_000, { 'Pushes (10-100M)': 90, 'Pushes (over 100M)': 30 }, 200 + 900 + 75],
    // within the included 10M: nothing beyond
    ['Standard within the included pushes', 'Standard', 5_000_000, { 'Pushes (10-100M)': 0 }, 200],
  ])('%s', (_name, sku, pushes, quantities, monthly) => {
    const cost = priceAdded(hub(sku), { monthly_pushes: pushes });
    expect(Object.fromEntries((cost.lines[0]?.components ?? []).filter((part) => part.usageBased).map((part) => [part.name, part.quantity]))).toEqual(quantities);
    expect(cost.lines[0]?.after).toBeCloseTo(monthly, 6);
    expect(consistent(cost)).toBe(true);
  });
});

describe('Event Hubs ingress from the usage file', () => {
  it('bills ingress events per million on Basic and Standard', () => {
    const cost = priceAdded(resource('azurerm_eventhub_namespace', { location: 'eastus', sku: 'Basic' }), { monthly_ingress_events: 10_000_000 });
    const ingress = cost.lines[0]?.components.find((part) => part.name === 'Ingress event (Basic)');
    expect(ingress?.quantity).toBe(10);
    // 1 throughput unit × 10.95 + 10M events × 0.028 per 1M
    expect(cost.lines[0]?.after).toBeCloseTo(10.95 + 0.28, 6);
  });
});
