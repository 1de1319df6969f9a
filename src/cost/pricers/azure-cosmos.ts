import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, component, flag, records, referenced, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer, type PricerResult } from '../pricing.js';
import { azureRegion, azureRegionName } from './azure.js';
import { unitPriceAmong } from './shared-rows.js';

/**
 * Cosmos DB resources whose rows the data holds; a Cosmos DB price is the same whichever of them its
 * source example used. The keyspace's come first: the data quotes them exactly where the others'
 * were divided out of rounded monthly figures.
 */
const COSMOS_TYPES = [
  'azurerm_cosmosdb_cassandra_keyspace',
  'azurerm_cosmosdb_sql_database',
  'azurerm_cosmosdb_sql_container',
  'azurerm_cosmosdb_mongo_database',
  'azurerm_cosmosdb_mongo_collection',
  'azurerm_cosmosdb_cassandra_table',
  'azurerm_cosmosdb_gremlin_database',
  'azurerm_cosmosdb_gremlin_graph',
  'azurerm_cosmosdb_table',
];

const ACCOUNT = ['azurerm_cosmosdb_account'];

/** Autoscale bills 100 RU/s-hours at 1.5 times the standard (manual) rate; the data's autoscale rows carry the standard rate. */
const AUTOSCALE_FACTOR = 1.5;
/** An autoscale resource bills at least 10% of its maximum RU/s every hour, however idle. */
const AUTOSCALE_FLOOR = 0.1;
/** A zone-redundant region of a single-region-write account bills its throughput at 1.25 times the rate. */
const ZONE_REDUNDANT_FACTOR = 1.25;
/** With writes in every region (multi-region writes) each region bills throughput at twice the single-write rate, autoscale too (its 1.5 times does not apply). */
const MULTI_WRITE_FACTOR = 2;

/**
 * The data names Cosmos DB rows by the region's display name ("Provisioned throughput (provisioned,
 * Central US)") and files them under the region of its example, whatever the name says: the row
 * for a region is found by its name, in any region the data filed it under.
 */
function regionalRow(context: PriceContext, prefix: string, region: string, what: string): { name: string; usd: number } {
  for (const type of COSMOS_TYPES) {
    for (const filed of context.catalog.componentRegions('azure', type)) {
      for (const row of context.catalog.componentsIn('azure', type, filed)) {
        const displayName = /\(([^()]*?)\)$/.exec(row.name)?.[1]?.split(', ').pop();
        if (displayName !== undefined && azureRegionName(displayName) === region && row.name === `${prefix}${displayName})`) {
          context.regionsUsed.add(region);
          return { name: row.name, usd: row.usd };
        }
      }
    }
  }
  throw new Unpriced(`no price for Cosmos DB ${what} in ${region} in the price data`);
}

interface AccountRegion {
  region: string;
  zoneRedundant: boolean;
}

interface Account {
  regions: AccountRegion[];
  multiWrite: boolean;
  serverless: boolean;
  freeTier: boolean;
}

/**
 * The account's data regions: each `geo_location` (the account's `location` only names where its
 * metadata lives); without any, the account's location. Multi-region writes are
 * `multiple_write_locations_enabled` (formerly `enable_multiple_write_locations`, default false).
 */
function accountOf(resource: Resource, context: PriceContext): Account {
  const reference = attributesOf(resource).account_name;
  const keyspace = resource.type === 'azurerm_cosmosdb_cassandra_table' ? referenced(attributesOf(resource).cassandra_keyspace_id, resource, context, ['azurerm_cosmosdb_cassandra_keyspace']) : undefined;
  const account = referenced(keyspace ? attributesOf(keyspace).account_name : reference, keyspace ?? resource, context, ACCOUNT);
  if (!account) throw new Unpriced('its Cosmos DB account is not in this change, so the regions it bills in are not known');
  const attributes = attributesOf(account);
  const locations = records(attributes.geo_location);
  const regions =
    locations.length > 0
      ? locations.map((location) => ({ region: azureRegionName(requiredText(location.location, 'geo_location location')), zoneRedundant: flag(location.zone_redundant, 'geo_location zone_redundant') === true }))
      : [{ region: azureRegion(account, context), zoneRedundant: false }];
  const multiWrite = flag(attributes.multiple_write_locations_enabled ?? attributes.enable_multiple_write_locations, 'multiple_write_locations_enabled') === true;
  const serverless = records(attributes.capabilities).some((capability) => text(capability.name, 'capabilities name') === 'EnableServerless');
  const freeTier = flag(attributes.free_tier_enabled ?? attributes.enable_free_tier, 'free_tier_enabled') === true;
  return { regions, multiWrite, serverless, freeTier };
}

/** Throughput in 100 RU/s a month in one region, at the rate its write mode and zone redundancy bill. */
function throughputIn(context: PriceContext, account: Account, where: AccountRegion, autoscale: boolean, hundreds: number): CostComponent {
  const mode = autoscale ? 'autoscale' : 'provisioned';
  const row = regionalRow(context, `Provisioned throughput (${mode}, `, where.region, `${mode} throughput`);
  const factor = account.multiWrite ? MULTI_WRITE_FACTOR : (autoscale ? AUTOSCALE_FACTOR : 1) * (where.zoneRedundant ? ZONE_REDUNDANT_FACTOR : 1);
  return component(row.name, 'RU/s x 100', hundreds * factor, row.usd);
}

/** Transactional storage is billed in every region the account replicates to, from the usage file's `storage_gb`. */
function storageIn(context: PriceContext, resource: Resource, where: AccountRegion): CostComponent {
  const row = regionalRow(context, 'Transactional storage (', where.region, 'transactional storage');
  return usageComponent(row.name, 'GB', row.usd, usageOf(context.usage, resource.address, 'storage_gb'));
}

/**
 * A Cosmos DB database, container, keyspace, table, graph or collection: its dedicated throughput
 * (`throughput`, manual; `autoscale_settings.max_throughput`, autoscale) in each of its account's
 * regions, and its storage in each region as usage. Manual throughput bills every hour at its
 * setting. Autoscale bills each hour the highest RU/s reached, at least 10% of the maximum: without
 * usage the floor is priced, noted. Without throughput of its own a database shares none and a
 * container uses its database's, so only storage is billed; on a serverless account
 * (`capabilities EnableServerless`) request units are usage-based. Multi-region writes bill every
 * region at twice the single-write rate; a zone-redundant region of a single-write account at 1.25
 * times (autoscale and zone redundancy multiply). Backups beyond the free periodic copies, restores
 * and analytical storage are not priced. An account's free tier (`free_tier_enabled`) is noted, not
 * applied: it discounts the account as a whole.
 */
export const cosmosPricer: Pricer = {
  types: [...COSMOS_TYPES, ...ACCOUNT],
  price(resource, context): PricerResult {
    // The account bills nothing by itself: its databases and containers carry throughput and storage.
    if (resource.type === 'azurerm_cosmosdb_account') return 'free';
    const attributes = attributesOf(resource);
    const account = accountOf(resource, context);
    context.addNote('backups beyond the free periodic copies, restores and analytical storage are not priced');
    if (account.freeTier) {
      // The free tier discounts the account as a whole, so which of its resources it covers is not this resource's to say.
      context.approximate = true;
      context.addNote('its account’s free tier takes the first 1000 RU/s and 25 GB off the account’s bill, not applied here');
    }
    const storage = (): CostComponent[] => account.regions.map((where) => storageIn(context, resource, where));
    if (account.serverless) {
      const name = 'Provisioned throughput (serverless)';
      const serverless = unitPriceAmong(context, 'azure', COSMOS_TYPES, account.regions[0]?.region ?? '', name, 'Cosmos DB serverless request units');
      return { components: [usageComponent(name, '1M RU', serverless, undefined), ...storage()] };
    }
    const maximum = amount(records(attributes.autoscale_settings)[0]?.max_throughput, 'autoscale_settings max_throughput');
    const manual = amount(attributes.throughput, 'throughput');
    if (maximum !== undefined) {
      context.addNote(`autoscale at its floor, 10% of ${maximum} RU/s each hour; it bills more as it scales up`);
      return { components: [...account.regions.map((where) => throughputIn(context, account, where, true, (maximum * AUTOSCALE_FLOOR) / 100)), ...storage()] };
    }
    if (manual !== undefined) return { components: [...account.regions.map((where) => throughputIn(context, account, where, false, manual / 100)), ...storage()] };
    context.addNote('no throughput of its own: it uses what its database or account provisions');
    return { components: storage() };
  },
};
