import { describe, expect, it } from 'vitest';
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { priceChanges } from '../price.js';

function resource(type: string, attributes: Record<string, unknown>): Resource {
  return { kind: 'terraform', type, address: `${type}.this`, attributes, file: 'main.tf', line: 1, endLine: 9, meta: {} };
}

function added(item: Resource): ResourceChange[] {
  return [{ address: item.address, kind: item.kind, type: item.type, change: 'added', after: item }];
}

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
