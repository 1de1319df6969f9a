import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';
import { added, consistent, US, terraformResource as resource } from './pricer-test-support.js';

const account = (attributes: Record<string, unknown>): Resource => resource('azurerm_cosmosdb_account', { name: 'shop', location: 'eastus', offer_type: 'Standard', ...attributes }, 'azurerm_cosmosdb_account.shop');
const westAndCentral = account({ geo_location: [{ location: 'westus', failover_priority: 0 }, { location: 'centralus', failover_priority: 1, zone_redundant: true }] });
const database = (attributes: Record<string, unknown>, type = 'azurerm_cosmosdb_sql_database'): Resource => resource(type, { account_name: unknownValue('azurerm_cosmosdb_account.shop.name'), ...attributes });

function price(owner: Resource, item: Resource, usage?: string): ReturnType<typeof priceChanges> {
  return priceChanges(added(owner, item), US, usage ? { usage: parseUsage(usage, 'usage.yml').usage } : {});
}

/** "Provisioned throughput (…)" rows of component-unit-prices.csv: 5.84 a month per 100 RU/s in West, Central and East US. */
describe('Cosmos DB throughput', () => {
  it.each<[string, Resource, Resource, number]>([
    // 500 RU/s: westus 5 × 5.84 = 29.20; zone-redundant centralus 5 × 1.25 × 5.84 = 36.50
    ['manual throughput in two regions, one zone-redundant', westAndCentral, database({ throughput: 500 }), 65.7],
    // multi-region writes: 10 × 2 × 5.84 in each of two regions = 233.60, zone redundancy included
    ['manual throughput with multi-region writes', { ...westAndCentral, attributes: { ...westAndCentral.attributes, multiple_write_locations_enabled: true } }, database({ throughput: 1000 }), 233.6],
    // multi-region writes bill autoscale at the multi-write rate, without its 1.5: 600 RU/s floor → 6 × 2 × 5.84 in each region
    ['autoscale with multi-region writes', { ...westAndCentral, attributes: { ...westAndCentral.attributes, multiple_write_locations_enabled: true } }, database({ autoscale_settings: [{ max_throughput: 6000 }] }), 140.16],
    // autoscale floor: 10% of 6,000 = 600 RU/s × 1.5 = 9 units × 5.84 = 52.56 in westus, × 1.25 = 65.70 in the zone-redundant centralus
    ['autoscale at its floor', westAndCentral, database({ autoscale_settings: [{ max_throughput: 6000 }] }, 'azurerm_cosmosdb_gremlin_database'), 118.26],
    // no geo_location: the account's location; East US autoscale 4,000 → 400 × 1.5 = 6 units × 5.84 = 35.04
    ['an account without geo_location', account({}), database({ autoscale_settings: [{ max_throughput: 4000 }] }, 'azurerm_cosmosdb_cassandra_keyspace'), 35.04],
  ])('%s', (_name, owner, item, expected) => {
    const cost = price(owner, item);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
    expect(consistent(cost)).toBe(true);
  });

  it('notes that autoscale is priced at its floor, and what is not priced', () => {
    const cost = price(westAndCentral, database({ autoscale_settings: [{ max_throughput: 6000 }] }));
    const note = cost.lines.find((line) => line.type === 'azurerm_cosmosdb_sql_database')?.note;
    expect(note).toMatch(/floor, 10% of 6000 RU\/s/);
    expect(note).toMatch(/backups beyond the free periodic copies, restores and analytical storage are not priced/);
  });

  it('notes a free-tier account’s discount without applying it', () => {
    const cost = price({ ...westAndCentral, attributes: { ...westAndCentral.attributes, free_tier_enabled: true } }, database({ throughput: 400 }));
    const line = cost.lines.find((item) => item.type === 'azurerm_cosmosdb_sql_database');
    expect(line?.approximate).toBe(true);
    expect(line?.note).toMatch(/free tier takes the first 1000 RU\/s and 25 GB off the account’s bill, not applied here/);
  });

  it('finds a table’s account through its keyspace', () => {
    const keyspace = resource('azurerm_cosmosdb_cassandra_keyspace', { account_name: unknownValue('azurerm_cosmosdb_account.shop.name') }, 'azurerm_cosmosdb_cassandra_keyspace.ks');
    const table = resource('azurerm_cosmosdb_cassandra_table', { cassandra_keyspace_id: unknownValue('azurerm_cosmosdb_cassandra_keyspace.ks.id'), throughput: 400 });
    const cost = priceChanges(added(westAndCentral, keyspace, table), US);
    // 4 × 5.84 + 4 × 1.25 × 5.84 = 52.56; the keyspace has no throughput of its own
    expect(cost.lines.find((line) => line.type === 'azurerm_cosmosdb_cassandra_table')?.after).toBeCloseTo(52.56, 6);
  });

  it('prices storage in every region from the usage file', () => {
    const cost = price(westAndCentral, database({ throughput: 400 }), 'resources:\n  azurerm_cosmosdb_sql_database.this:\n    storage_gb: 100\n');
    const storage = cost.lines.find((line) => line.type === 'azurerm_cosmosdb_sql_database')?.components.filter((part) => part.name.startsWith('Transactional storage'));
    // 100 GB × 0.25 in each region
    expect(storage?.map((part) => [part.name, part.monthly])).toEqual([
      ['Transactional storage (West US)', 25],
      ['Transactional storage (Central US)', 25],
    ]);
  });

  it('lists serverless request units as a unit price', () => {
    const cost = price(account({ geo_location: [{ location: 'westus', failover_priority: 0 }], capabilities: [{ name: 'EnableServerless' }] }), database({}, 'azurerm_cosmosdb_table'));
    expect(cost.lines.find((line) => line.type === 'azurerm_cosmosdb_table')?.components[0]).toMatchObject({ name: 'Provisioned throughput (serverless)', unitPrice: 0.28, quantity: 0, usageBased: true });
  });

  it('bills a container without throughput of its own only for storage', () => {
    const cost = price(westAndCentral, database({}, 'azurerm_cosmosdb_sql_container'));
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBe(0);
  });

  it('holds the account itself free', () => {
    expect(priceChanges(added(westAndCentral), US)).toMatchObject({ lines: [], unpriced: [] });
  });

  it.each<[string, Resource[], RegExp]>([
    ['a database whose account is not in the change', [database({ throughput: 400 })], /Cosmos DB account is not in this change/],
    ['a region the data has no throughput row for', [account({ geo_location: [{ location: 'northeurope', failover_priority: 0 }] }), database({ throughput: 400 })], /no price for Cosmos DB provisioned throughput in northeurope/],
  ])('leaves %s unpriced, with the reason', (_name, items, reason) => {
    expect(priceChanges(added(...items), US).unpriced[0]?.reason).toMatch(reason);
  });
});
