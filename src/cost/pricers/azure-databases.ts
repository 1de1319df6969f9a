import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, records, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
import { azureRegion } from './azure.js';

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

/** Single servers start with 5 GB of storage when `storage_mb` is not set. */
const SINGLE_SERVER_DEFAULT_STORAGE_MB = 5120;

/**
 * `azurerm_postgresql_server`, `azurerm_mysql_server`, `azurerm_mariadb_server` (single servers):
 * compute by `sku_name`, storage by `storage_mb`, backups beyond the free allowance as usage
 * (`backup_storage_gb`, locally redundant; the data has no geo-redundant backup rate).
 */
export const singleServerPricer: Pricer = {
  types: ['azurerm_postgresql_server', 'azurerm_mysql_server', 'azurerm_mariadb_server'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = azureRegion(resource, context);
    const sku = requiredText(attributes.sku_name, 'sku_name');
    const computeName = `Compute (${sku})`;
    const storageGb = (amount(attributes.storage_mb, 'storage_mb') ?? SINGLE_SERVER_DEFAULT_STORAGE_MB) / 1024;
    if (sku.startsWith('B_')) {
      // The data's one storage rate is General Purpose and Memory Optimized storage; Basic storage costs a little less.
      context.approximate = true;
      context.addNote('Basic storage at the data’s one (General Purpose) storage rate');
    }
    const components: CostComponent[] = [
      component(computeName, 'hours', HOURS_PER_MONTH, context.unitPrice('azure', resource.type, region, computeName).usd),
      component('Storage', 'GB', storageGb, context.unitPrice('azure', resource.type, region, 'Storage').usd),
    ];
    if (flag(attributes.geo_redundant_backup_enabled, 'geo_redundant_backup_enabled') === true) {
      context.addNote('geo-redundant backup storage has no price in the data and is not priced');
      return { components };
    }
    const backup = context.unitPrice('azure', resource.type, region, 'Additional backup storage').usd;
    return { components: [...components, usageComponent('Additional backup storage', 'GB', backup, usageOf(context.usage, resource.address, 'backup_storage_gb'))] };
  },
};

/**
 * `azurerm_managed_redis` (Azure Managed Redis): hours of its SKU (`Balanced_B3`, `MemoryOptimized_M10`,
 * …) per node; high availability (the default) runs a second node.
 */
export const managedRedisPricer: Pricer = {
  types: ['azurerm_managed_redis'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const name = `Cache usage (${requiredText(attributes.sku_name, 'sku_name')})`;
    const nodes = flag(attributes.high_availability_enabled, 'high_availability_enabled') === false ? 1 : 2;
    const hourly = context.unitPrice('azure', 'azurerm_managed_redis', azureRegion(resource, context), name).usd;
    return { components: [component(name, 'hours', HOURS_PER_MONTH * nodes, hourly)] };
  },
};
