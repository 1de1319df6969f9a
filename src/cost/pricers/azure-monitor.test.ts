import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { priceChanges } from '../price.js';
import { added, terraformResource as resource } from './pricer-test-support.js';

const SETTINGS = { region: 'us-east-1', kubernetesRates: {} };
const V2 = 'azurerm_monitor_scheduled_query_rules_alert_v2';

/** Monthly figures from the westeurope "Log alerts monitoring" rows of component-unit-prices.csv. */
describe('Azure log alert rules', () => {
  it.each<[string, Resource, number]>([
    ['a rule every minute', resource(V2, { location: 'westeurope', evaluation_frequency: 'PT1M' }), 3],
    ['a rule every 5 minutes', resource(V2, { location: 'westeurope', evaluation_frequency: 'PT5M' }), 1.5],
    // once a day bills at the 15-minute rate
    ['a daily rule', resource(V2, { location: 'westeurope', evaluation_frequency: 'P1D' }), 0.5],
    // the older resource, every 11 minutes: the 10-minute tier
    ['an older rule every 11 minutes', resource('azurerm_monitor_scheduled_query_rules_alert', { location: 'westeurope', frequency: 11 }), 1],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });

  it('shows additional time series as a unit price', () => {
    const cost = priceChanges(added(resource(V2, { location: 'westeurope', evaluation_frequency: 'PT10M' })), SETTINGS);
    expect(cost.lines[0]?.components[1]).toMatchObject({ name: 'Additional time-series monitoring (10 minute frequency)', unitPrice: 0.1, quantity: 0, usageBased: true });
  });

  it('leaves a frequency that is not a duration unpriced, with the reason', () => {
    const cost = priceChanges(added(resource(V2, { location: 'westeurope', evaluation_frequency: 'often' })), SETTINGS);
    expect(cost.unpriced[0]?.reason).toMatch(/"often" is not an ISO 8601 duration/);
  });
});

describe('Azure metric alerts', () => {
  const group: Resource = { ...resource('azurerm_resource_group', { name: 'alerts', location: 'eastus' }), address: 'azurerm_resource_group.alerts' };
  const alert = (attributes: Record<string, unknown>): Resource => resource('azurerm_monitor_metric_alert', { resource_group_name: 'alerts', ...attributes });
  const dimension = (name: string, ...values: string[]): Record<string, unknown> => ({ name, operator: 'Include', values });

  it.each<[string, Resource, number]>([
    // 2 resources × (2 × 3 value combinations) = 12 time series × "Metrics monitoring" eastus 0.10 = 1.20
    ['static criteria, combinations of listed values', alert({ scopes: ['/vm/1', '/vm/2'], criteria: [{ dimension: [dimension('ApiName', 'A', 'B'), dimension('GeoType', 'X', 'Y', 'Z')] }] }), 1.2],
    // blocks naming the same dimension pool its values: 2 resources × 2 criteria × 2 ApiName values = 8 series × 0.10
    ['two blocks of one dimension, two criteria', alert({ scopes: ['/vm/1', '/vm/2'], criteria: [0, 1].map(() => ({ dimension: [dimension('ApiName', 'X'), dimension('ApiName', 'Y')] })) }), 0.8],
    // 1 resource × 1 series (a * dimension counts as one), metrics 0.10 + dynamic threshold 0.10
    ['dynamic criteria with a * dimension', alert({ scopes: ['/vm/1'], dynamic_criteria: [{ dimension: [dimension('ApiName', '*')] }] }), 0.2],
  ])('%s, in its resource group’s location', (_name, item, expected) => {
    const cost = priceChanges(added(item, group), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.lines.find((line) => line.address === item.address)?.after).toBeCloseTo(expected, 6);
  });

  it('leaves an alert where the data has no row unpriced, with the reason', () => {
    const cost = priceChanges(added(alert({ location: 'japaneast', scopes: ['/vm/1'], criteria: [{}] })), SETTINGS);
    expect(cost.unpriced[0]?.reason).toMatch(/no price for azurerm_monitor_metric_alert "Metrics monitoring" in japaneast/);
  });
});

describe('Azure automation watchers', () => {
  it('prices the watcher by the hour', () => {
    // "Watcher" eastus 0.002 × 730 = 1.46
    expect(priceChanges(added(resource('azurerm_automation_watcher', { location: 'eastus' })), SETTINGS).after).toBeCloseTo(1.46, 6);
  });

  it('leaves a watcher where the data has no row unpriced, with the reason', () => {
    expect(priceChanges(added(resource('azurerm_automation_watcher', { location: 'brazilsouth' })), SETTINGS).unpriced[0]?.reason).toMatch(/"Watcher" in brazilsouth/);
  });
});
