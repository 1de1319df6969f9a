import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, records, referenced, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
import { azureRegion } from './azure.js';

/** Storage each DTU tier includes; beyond it, "extra data storage" is billed. */
const DTU_INCLUDED_GB: Readonly<Record<'B' | 'S' | 'P', number>> = { B: 2, S: 250, P: 500 };

/** Point-in-time backups bill by their storage redundancy: `storage_account_type` (default Geo) → the data's names. */
const BACKUP_REDUNDANCY: ReadonlyMap<string, string> = new Map([
  ['geo', 'RA-GRS'],
  ['local', 'LRS'],
  ['zone', 'ZRS'],
]);

function backupStorage(attributes: Record<string, unknown>, resource: Resource, region: string, context: PriceContext): CostComponent {
  const type = (text(attributes.storage_account_type, 'storage_account_type') ?? 'Geo').toLowerCase();
  const redundancy = BACKUP_REDUNDANCY.get(type);
  if (!redundancy) throw new Unpriced(`${type} backup storage has no price in the data (Geo, Local and Zone only)`);
  const name = `PITR backup storage (${redundancy})`;
  const price = context.unitPrice('azure', 'azurerm_mssql_database', region, name);
  return usageComponent(name, 'GB', price.usd, usageOf(context.usage, resource.address, 'backup_storage_gb'));
}

function dtuComponents(sku: string, attributes: Record<string, unknown>, region: string, context: PriceContext): CostComponent[] {
  const name = `Compute (${sku})`;
  const compute = component(name, 'hours', HOURS_PER_MONTH, context.unitPrice('azure', 'azurerm_mssql_database', region, name).usd);
  const included = DTU_INCLUDED_GB[sku[0] as 'B' | 'S' | 'P'];
  const maxSize = amount(attributes.max_size_gb, 'max_size_gb');
  if (maxSize === undefined || maxSize <= included) return [compute];
  // The data's one extra-storage row does not name its tier.
  context.approximate = true;
  context.addNote('the data has one extra-storage rate for every DTU tier');
  const extra = context.unitPrice('azure', 'azurerm_mssql_database', region, 'Extra data storage');
  return [compute, component('Extra data storage', 'GB', maxSize - included, extra.usd)];
}

function vcoreComponents(sku: string, serverless: boolean, attributes: Record<string, unknown>, resource: Resource, region: string, context: PriceContext): CostComponent[] {
  const zoneRedundant = flag(attributes.zone_redundant, 'zone_redundant') === true;
  const mode = serverless ? 'serverless' : 'provisioned';
  const computeName = `Compute (${mode}, ${sku})`;
  const compute = context.unitPrice('azure', 'azurerm_mssql_database', region, computeName).usd;
  const components: CostComponent[] = [];
  if (serverless) {
    // Serverless bills the vCore-seconds used (licence included): a unit price, not a total.
    components.push(usageComponent(computeName, 'vCore-hours', compute, undefined));
    if (zoneRedundant) {
      const name = `Zone redundancy (serverless, ${sku})`;
      components.push(usageComponent(name, 'vCore-hours', context.unitPrice('azure', 'azurerm_mssql_database', region, name).usd, undefined));
    }
  } else {
    if ((text(attributes.license_type, 'license_type') ?? 'LicenseIncluded') !== 'BasePrice') {
      throw new Unpriced('the SQL Server licence of a provisioned vCore database depends on its service tier, and the data has one licence rate without a tier (license_type = "BasePrice", Azure Hybrid Benefit, is priced)');
    }
    components.push(component(computeName, 'hours', HOURS_PER_MONTH, compute));
    if (zoneRedundant) {
      const name = `Zone redundancy (provisioned, ${sku})`;
      components.push(component(name, 'hours', HOURS_PER_MONTH, context.unitPrice('azure', 'azurerm_mssql_database', region, name).usd));
    }
  }
  if ((amount(attributes.read_replica_count, 'read_replica_count') ?? 0) > 0) throw new Unpriced('Hyperscale read replicas have no per-size price in the data');
  const maxSize = amount(attributes.max_size_gb, 'max_size_gb');
  if (maxSize === undefined) {
    context.addNote('max_size_gb is not set: data storage is not priced');
  } else {
    context.approximate = true;
    context.addNote('the data has one vCore storage rate for every service tier');
    components.push(component('Storage', 'GB', maxSize, context.unitPrice('azure', 'azurerm_mssql_database', region, 'Storage').usd));
  }
  return [...components, backupStorage(attributes, resource, region, context)];
}

/**
 * `azurerm_mssql_database`: DTU tiers (Basic, S0–S12, P1–P15) by their compute rows; vCore SKUs
 * (`GP_Gen5_4`, `GP_S_Gen5_2`, `BC_Gen5_8`, `HS_Gen5_2`) by compute, zone redundancy and storage.
 * A database in an elastic pool is billed through the pool.
 */
export const mssqlDatabasePricer: Pricer = {
  types: ['azurerm_mssql_database'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const sku = text(attributes.sku_name, 'sku_name');
    if (attributes.elastic_pool_id !== undefined && attributes.elastic_pool_id !== null) return 'free';
    if (sku === 'ElasticPool') return 'free';
    if (sku === undefined) throw new Unpriced('sku_name is not set (the default depends on the create mode and server)');
    // A database has no location of its own: it lives in its server's.
    const server = referenced(attributes.server_id, resource, context, ['azurerm_mssql_server']);
    const region = azureRegion(resource, context, server);
    if (/^(Basic|S\d+|P\d+)$/.test(sku)) return { components: [...dtuComponents(sku, attributes, region, context), backupStorage(attributes, resource, region, context)] };
    const vcore = /^(GP|BC|HS)_(S_)?[A-Za-z0-9]+_\d+$/.exec(sku);
    if (!vcore) throw new Unpriced(`sku_name "${sku}" is not a DTU tier or vCore SKU the data prices`);
    return { components: vcoreComponents(sku, vcore[2] !== undefined, attributes, resource, region, context) };
  },
};

/**
 * Compute, storage and backups of a flexible server; with high availability the standby server's
 * compute and storage are billed as well.
 */
function flexibleServer(
  resource: Resource,
  context: PriceContext,
  resourceType: string,
  storageGb: number,
  extra: (region: string) => CostComponent[],
): { components: CostComponent[] } {
  const attributes = attributesOf(resource);
  const region = azureRegion(resource, context);
  const sku = requiredText(attributes.sku_name, 'sku_name');
  const computeName = `Compute (${sku})`;
  const compute = context.unitPrice('azure', resourceType, region, computeName).usd;
  const storage = context.unitPrice('azure', resourceType, region, 'Storage').usd;
  const backup = context.unitPrice('azure', resourceType, region, 'Additional backup storage').usd;
  const highAvailability = records(attributes.high_availability).some((block) => (text(block.mode, 'high_availability mode') ?? 'ZoneRedundant') !== 'Disabled');
  return {
    components: [
      component(computeName, 'hours', HOURS_PER_MONTH, compute),
      component('Storage', 'GB', storageGb, storage),
      ...(highAvailability ? [component(`Standby ${computeName}`, 'hours', HOURS_PER_MONTH, compute), component('Standby storage', 'GB', storageGb, storage)] : []),
      ...extra(region),
      usageComponent('Additional backup storage', 'GB', backup, usageOf(context.usage, resource.address, 'backup_storage_gb')),
    ],
  };
}

/** Flexible servers start with 32 GiB of storage when `storage_mb` is not set. */
const POSTGRES_DEFAULT_STORAGE_MB = 32768;

/** `azurerm_postgresql_flexible_server`: compute by SKU, storage, standby under high availability, backups beyond the free allowance (usage). */
export const postgresFlexibleServerPricer: Pricer = {
  types: ['azurerm_postgresql_flexible_server'],
  price(resource, context) {
    const storageMb = amount(attributesOf(resource).storage_mb, 'storage_mb') ?? POSTGRES_DEFAULT_STORAGE_MB;
    return flexibleServer(resource, context, 'azurerm_postgresql_flexible_server', storageMb / 1024, () => []);
  },
};

/** MySQL flexible servers start with 20 GB; 300 IOPS plus 3 per GB come free. */
const MYSQL_DEFAULT_STORAGE_GB = 20;
const MYSQL_FREE_IOPS_BASE = 300;
const MYSQL_FREE_IOPS_PER_GB = 3;

/** `azurerm_mysql_flexible_server`: compute by SKU, storage, IOPS above the free allowance, standby under high availability, backups (usage). */
export const mysqlFlexibleServerPricer: Pricer = {
  types: ['azurerm_mysql_flexible_server'],
  price(resource, context) {
    const storage = records(attributesOf(resource).storage)[0] ?? {};
    const sizeGb = amount(storage.size_gb, 'storage size_gb') ?? MYSQL_DEFAULT_STORAGE_GB;
    const iops = amount(storage.iops, 'storage iops');
    const extraIops = iops === undefined ? 0 : iops - (MYSQL_FREE_IOPS_BASE + MYSQL_FREE_IOPS_PER_GB * sizeGb);
    return flexibleServer(resource, context, 'azurerm_mysql_flexible_server', sizeGb, (region) =>
      extraIops > 0 ? [component('Additional IOPS', 'IOPS', extraIops, context.unitPrice('azure', 'azurerm_mysql_flexible_server', region, 'Additional IOPS').usd)] : [],
    );
  },
};

/**
 * Nodes a cache runs: Basic one, Standard a primary and a replica, Premium a primary plus its
 * replicas (`replicas_per_primary`, formerly `replicas_per_master`, default 1) in each shard.
 */
function redisNodes(tier: string, attributes: Record<string, unknown>): number {
  if (tier === 'basic') return 1;
  if (tier === 'standard') return 2;
  const shards = amount(attributes.shard_count, 'shard_count') || 1;
  const replicas = amount(attributes.replicas_per_primary ?? attributes.replicas_per_master, 'replicas_per_primary') ?? 1;
  return shards * (1 + replicas);
}

/** `azurerm_redis_cache`: nodes × the monthly node price of its size (`sku_name`, `family`, `capacity`, e.g. Premium_P1). */
export const redisCachePricer: Pricer = {
  types: ['azurerm_redis_cache'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const tier = requiredText(attributes.sku_name, 'sku_name');
    if (!['basic', 'standard', 'premium'].includes(tier.toLowerCase())) throw new Unpriced(`the ${tier} tier has no price in the data (Basic, Standard and Premium only)`);
    const size = `${tier[0]?.toUpperCase() ?? ''}${tier.slice(1).toLowerCase()}_${requiredText(attributes.family, 'family').toUpperCase()}${requiredText(attributes.capacity, 'capacity')}`;
    const name = `Cache usage (${size})`;
    const monthly = context.unitPrice('azure', 'azurerm_redis_cache', azureRegion(resource, context), name);
    return { components: [component(name, 'nodes', redisNodes(tier.toLowerCase(), attributes), monthly.usd)] };
  },
};
