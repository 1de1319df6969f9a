import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';
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

/** westeurope rows of component-unit-prices.csv; a month is 730 / 24 days. */
describe('Log Analytics workspaces', () => {
  const workspace = (attributes: Record<string, unknown>): Resource => resource('azurerm_log_analytics_workspace', { location: 'westeurope', ...attributes }, 'azurerm_log_analytics_workspace.logs');
  const days = 730 / 24;

  it('bills a 100 GB/day commitment by the day, and Sentinel on it alike', () => {
    const logs = workspace({ sku: 'CapacityReservation', reservation_capacity_in_gb_per_day: 100 });
    const connector = resource('azurerm_sentinel_data_connector_azure_active_directory', { log_analytics_workspace_id: unknownValue('azurerm_log_analytics_workspace.logs.id') });
    // "Log data ingestion" 252.84 per 100 GB/day-day; with Sentinel the same again
    expect(priceChanges(added(logs), SETTINGS).after).toBeCloseTo(252.84 * days, 6);
    expect(priceChanges(added(logs, connector), SETTINGS).after).toBeCloseTo(2 * 252.84 * days, 6);
  });

  it('lists pay-as-you-go ingestion and retention beyond 31 days as usage', () => {
    const cost = priceChanges(added(workspace({ retention_in_days: 60 })), SETTINGS);
    expect(cost.after).toBe(0);
    expect(cost.lines[0]?.components.map((part) => [part.name, part.unitPrice, part.usageBased])).toEqual([
      ['Log data ingestion', 2.99, true],
      ['Log data retention', 0.13, true],
    ]);
  });

  it('prices ingestion from the usage file', () => {
    const usage = parseUsage('resources:\n  azurerm_log_analytics_workspace.logs:\n    monthly_data_ingested_gb: 20\n', 'usage.yml').usage;
    expect(priceChanges(added(workspace({})), SETTINGS, { usage }).after).toBeCloseTo(59.8, 6);
  });

  it('holds a Free workspace free', () => {
    expect(priceChanges(added(workspace({ sku: 'Free' })), SETTINGS)).toMatchObject({ lines: [], unpriced: [] });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a commitment without its size', { sku: 'CapacityReservation' }, /reservation_capacity_in_gb_per_day is not set/],
    ['a commitment tier the data lacks', { sku: 'CapacityReservation', reservation_capacity_in_gb_per_day: 500 }, /no price for the 500 GB\/day Log data ingestion commitment tier in westeurope/],
    ['a legacy tier', { sku: 'PerNode' }, /legacy PerNode tier has no price/],
  ])('leaves %s unpriced, with the reason', (_name, attributes, reason) => {
    expect(priceChanges(added(workspace(attributes)), SETTINGS).unpriced[0]?.reason).toMatch(reason);
  });
});

describe('Application Insights and web tests', () => {
  it.each<[string, Resource, number]>([
    // every 300 seconds from one location: 730 × 12 = 8,760 runs × 0.000644977
    ['a standard test at the default frequency', resource('azurerm_application_insights_standard_web_test', { location: 'westeurope', geo_locations: ['emea-nl-ams-azr'] }), 8760 * 0.000644977],
    // every 900 seconds from two locations: 2 × 2,920 runs × 0.000643836
    ['a standard test every 15 minutes from two locations', resource('azurerm_application_insights_standard_web_test', { location: 'westeurope', frequency: 900, geo_locations: ['a', 'b'] }), 5840 * 0.000643836],
    ['a classic multi-step test', resource('azurerm_application_insights_web_test', { location: 'eastus', kind: 'multistep' }), 10],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });

  it('notes a standard test whose locations are not known, priced from one', () => {
    const cost = priceChanges(added(resource('azurerm_application_insights_standard_web_test', { location: 'westeurope', geo_locations: unknownValue('var.locations') })), SETTINGS);
    expect(cost.after).toBeCloseTo(8760 * 0.000644977, 6);
    expect(cost.lines[0]?.note).toMatch(/geo_locations are not known before apply; priced as run from one location/);
  });

  it('holds ping tests and disabled tests free', () => {
    for (const item of [
      resource('azurerm_application_insights_web_test', { location: 'eastus', kind: 'ping' }),
      resource('azurerm_application_insights_standard_web_test', { location: 'westeurope', enabled: false }),
    ]) {
      expect(priceChanges(added(item), SETTINGS)).toMatchObject({ lines: [], unpriced: [] });
    }
  });

  it('lists ingestion as usage', () => {
    const cost = priceChanges(added(resource('azurerm_application_insights', { location: 'westeurope', application_type: 'web' })), SETTINGS);
    expect(cost.lines[0]?.components).toEqual([expect.objectContaining({ name: 'Data ingested', unitPrice: 2.3, usageBased: true })]);
  });
});
