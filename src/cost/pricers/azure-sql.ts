import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, records, referenced, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
import { azureRegion } from './azure.js';
import { rowInAnyRegion, unitPriceAmong } from './shared-rows.js';

/** Azure SQL Database is one product whichever resource declares it: the legacy `azurerm_sql_*` types' rows price the `azurerm_mssql_*` ones and back. */
const DATABASE_TYPES = ['azurerm_mssql_database', 'azurerm_sql_database'];
const POOL_TYPES = ['azurerm_mssql_elasticpool', 'azurerm_sql_elasticpool'];

function databasePrice(context: PriceContext, region: string, name: string): number {
  return unitPriceAmong(context, 'azure', DATABASE_TYPES, region, name, `SQL Database "${name}"`);
}

function poolPrice(context: PriceContext, region: string, name: string): number {
  return unitPriceAmong(context, 'azure', POOL_TYPES, region, name, `SQL elastic pool "${name}"`);
}

/**
 * The data's "SQL license" rows name no edition; their source examples tell which: the SQL
 * Database and elastic pool rows came from Business Critical examples (SQL Server Enterprise),
 * the managed instance rows from a General Purpose one (SQL Server Standard, which General
 * Purpose and Hyperscale run).
 */
const LICENCE_ROW_TYPES: Readonly<Record<'enterprise' | 'standard', readonly string[]>> = {
  enterprise: ['azurerm_mssql_database', 'azurerm_mssql_elasticpool'],
  standard: ['azurerm_mssql_managed_instance', 'azurerm_sql_managed_instance'],
};

/**
 * The SQL Server licence per vCore-hour for a service tier (`GP`, `BC`, `HS`). Microsoft bills the
 * licence at one rate in every region, so where the resource's region has no row for its edition
 * another region's stands in, marked approximate.
 */
function licenceRate(tier: string, region: string, context: PriceContext): number {
  const edition = tier === 'BC' ? 'enterprise' : 'standard';
  const types = LICENCE_ROW_TYPES[edition];
  const local = types.map((type) => context.catalog.component('azure', type, region, 'SQL license')).find((row) => row !== undefined);
  if (local) return local.usd;
  const elsewhere = rowInAnyRegion(context, 'azure', types, 'SQL license');
  if (!elsewhere) throw new Unpriced(`the data has no SQL Server ${edition} licence rate`);
  context.approximate = true;
  context.addNote(`the SQL Server ${edition} licence rate from ${elsewhere.region} (licences cost the same in every region)`);
  return elsewhere.usd;
}

/** Licence-included compute bills the SQL Server licence per vCore on top; `BasePrice` is Azure Hybrid Benefit (licence already owned). */
function licenceComponents(licenseType: unknown, tier: string, vcores: number, region: string, context: PriceContext): CostComponent[] {
  if ((text(licenseType, 'license_type') ?? 'LicenseIncluded') === 'BasePrice') return [];
  return [component('SQL license', 'vCore-hours', vcores * HOURS_PER_MONTH, licenceRate(tier, region, context))];
}

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
  return usageComponent(name, 'GB', databasePrice(context, region, name), usageOf(context.usage, resource.address, 'backup_storage_gb'));
}

/** Storage each DTU tier includes; beyond it, "extra data storage" is billed. */
const DTU_INCLUDED_GB: Readonly<Record<'B' | 'S' | 'P', number>> = { B: 2, S: 250, P: 500 };

/** Extra storage above what a tier includes; the data's one rate names no tier, so the figure is approximate. */
function extraStorage(maxSizeGb: number | undefined, includedGb: number, price: (name: string) => number, context: PriceContext): CostComponent[] {
  if (maxSizeGb === undefined || maxSizeGb <= includedGb) return [];
  context.approximate = true;
  context.addNote('the data has one extra-storage rate for every DTU tier');
  return [component('Extra data storage', 'GB', maxSizeGb - includedGb, price('Extra data storage'))];
}

function dtuComponents(sku: string, maxSizeGb: number | undefined, region: string, context: PriceContext): CostComponent[] {
  const name = `Compute (${sku})`;
  const compute = component(name, 'hours', HOURS_PER_MONTH, databasePrice(context, region, name));
  return [compute, ...extraStorage(maxSizeGb, DTU_INCLUDED_GB[sku[0] as 'B' | 'S' | 'P'], (row) => databasePrice(context, region, row), context)];
}

/** Business Critical (like Premium) includes zone redundancy; General Purpose and Hyperscale bill it on top. */
function billsZoneRedundancy(tier: string, zoneRedundant: unknown): boolean {
  return tier !== 'BC' && flag(zoneRedundant, 'zone_redundant') === true;
}

interface VcoreDatabase {
  sku: string;
  tier: string;
  vcores: number;
  serverless: boolean;
  zoneRedundant: boolean;
  licenseType: unknown;
  readReplicas: number;
  maxSizeGb: number | undefined;
}

function vcoreComponents(database: VcoreDatabase, region: string, context: PriceContext): CostComponent[] {
  const mode = database.serverless ? 'serverless' : 'provisioned';
  const computeName = `Compute (${mode}, ${database.sku})`;
  const zoneName = `Zone redundancy (${mode}, ${database.sku})`;
  const components: CostComponent[] = [];
  if (database.serverless) {
    // Serverless bills the vCore-seconds used (licence included): a unit price, not a total.
    components.push(usageComponent(computeName, 'vCore-hours', databasePrice(context, region, computeName), undefined));
    if (database.zoneRedundant) components.push(usageComponent(zoneName, 'vCore-hours', databasePrice(context, region, zoneName), undefined));
  } else {
    components.push(component(computeName, 'hours', HOURS_PER_MONTH, databasePrice(context, region, computeName)));
    if (database.zoneRedundant) components.push(component(zoneName, 'hours', HOURS_PER_MONTH, databasePrice(context, region, zoneName)));
    components.push(...licenceComponents(database.licenseType, database.tier, database.vcores, region, context));
  }
  if (database.readReplicas > 0) throw new Unpriced('Hyperscale read replicas have no per-size price in the data');
  if (database.maxSizeGb === undefined) {
    context.addNote('the maximum size is not set: data storage is not priced');
  } else {
    context.approximate = true;
    context.addNote('the data has one vCore storage rate for every service tier');
    components.push(component('Storage', 'GB', database.maxSizeGb, databasePrice(context, region, 'Storage')));
  }
  return components;
}

/** A database SKU: a DTU tier (`Basic`, `S0`–`S12`, `P1`–`P15`) or a vCore SKU (`GP_Gen5_4`, `GP_S_Gen5_2`, `BC_M_8`, `HS_Gen5_2`). */
function databaseComponents(sku: string, attributes: Record<string, unknown>, maxSizeGb: number | undefined, resource: Resource, region: string, context: PriceContext): CostComponent[] {
  if (/^(Basic|S\d+|P\d+)$/.test(sku)) return [...dtuComponents(sku, maxSizeGb, region, context), backupStorage(attributes, resource, region, context)];
  const vcore = /^(GP|BC|HS)_(S_)?[A-Za-z0-9]+_(\d+)$/.exec(sku);
  if (!vcore) throw new Unpriced(`"${sku}" is not a DTU tier or vCore SKU the data prices`);
  const database: VcoreDatabase = {
    sku,
    tier: vcore[1] ?? '',
    vcores: Number(vcore[3]),
    serverless: vcore[2] !== undefined,
    zoneRedundant: billsZoneRedundancy(vcore[1] ?? '', attributes.zone_redundant),
    licenseType: attributes.license_type,
    readReplicas: amount(attributes.read_replica_count, 'read_replica_count') ?? 0,
    maxSizeGb,
  };
  return [...vcoreComponents(database, region, context), backupStorage(attributes, resource, region, context)];
}

/**
 * `azurerm_mssql_database`: DTU tiers by their compute rows; vCore SKUs by compute, zone
 * redundancy, the SQL Server licence (unless `license_type = "BasePrice"`) and storage. A
 * database in an elastic pool is billed through the pool.
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
    return { components: databaseComponents(sku, attributes, amount(attributes.max_size_gb, 'max_size_gb'), resource, region, context) };
  },
};

/** The service objective Azure gives a legacy database of each edition when none is requested. */
const EDITION_DEFAULT_OBJECTIVES: ReadonlyMap<string, string> = new Map([
  ['basic', 'Basic'],
  ['standard', 'S0'],
  ['premium', 'P1'],
  ['generalpurpose', 'GP_Gen5_2'],
  ['businesscritical', 'BC_Gen5_2'],
  ['hyperscale', 'HS_Gen5_2'],
]);

const BYTES_PER_GB = 1024 ** 3;

/** `max_size_bytes` in GB; read as text first, as a size in bytes is beyond the bound `amount` puts on plain counts. */
function maxSizeGbOf(value: unknown): number | undefined {
  const bytes = text(value, 'max_size_bytes');
  return bytes === undefined ? undefined : amount(Number(bytes) / BYTES_PER_GB, 'max_size_bytes in GB');
}

/**
 * `azurerm_sql_database` (the legacy resource): priced as `azurerm_mssql_database` from
 * `requested_service_objective_name`, else its edition's default objective; General Purpose
 * Gen5 2 vCores when neither is set (Azure's default for a new database). The legacy resource
 * has no `license_type`, so vCore databases include the licence.
 */
export const sqlDatabasePricer: Pricer = {
  types: ['azurerm_sql_database'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    if (text(attributes.elastic_pool_name, 'elastic_pool_name') !== undefined) return 'free';
    const objective = text(attributes.requested_service_objective_name, 'requested_service_objective_name');
    const edition = text(attributes.edition, 'edition');
    const sku = objective ?? (edition === undefined ? 'GP_Gen5_2' : EDITION_DEFAULT_OBJECTIVES.get(edition.toLowerCase()));
    if (sku === undefined) throw new Unpriced(`the ${edition ?? ''} edition has no price in the data`);
    if (objective === undefined) context.addNote(`priced as ${sku}, the ${edition ?? 'default'} edition's default service objective`);
    const region = azureRegion(resource, context);
    return { components: databaseComponents(sku, attributes, maxSizeGbOf(attributes.max_size_bytes), resource, region, context) };
  },
};

/** Storage a DTU pool includes per eDTU; beyond it, "extra data storage" is billed. */
const POOL_INCLUDED_GB_PER_DTU: ReadonlyMap<string, number> = new Map([
  ['Basic', 0.1],
  ['Standard', 1],
  ['Premium', 1.5],
]);

function dtuPool(edition: string, dtus: number, maxSizeGb: number | undefined, region: string, context: PriceContext): CostComponent[] {
  const perDtu = POOL_INCLUDED_GB_PER_DTU.get(edition);
  if (perDtu === undefined) throw new Unpriced(`the ${edition} DTU pool tier has no price in the data (Basic, Standard and Premium only)`);
  const name = `Compute (${edition}, ${dtus} DTUs)`;
  const compute = component(name, 'hours', HOURS_PER_MONTH, poolPrice(context, region, name));
  return [compute, ...extraStorage(maxSizeGb, perDtu * dtus, (row) => poolPrice(context, region, row), context)];
}

/** DTU pool `sku.name` → the edition the data names. */
const DTU_POOL_SKUS: ReadonlyMap<string, string> = new Map([
  ['basicpool', 'Basic'],
  ['standardpool', 'Standard'],
  ['premiumpool', 'Premium'],
]);

/**
 * `azurerm_mssql_elasticpool`: DTU pools (`BasicPool`, `StandardPool`, `PremiumPool`) by eDTUs
 * plus extra storage above the included; vCore pools (`GP_Gen5`, `BC_DC`, …) by vCores: compute,
 * zone redundancy, the SQL Server licence (unless `BasePrice`) and storage (`max_size_gb`).
 */
export const mssqlElasticPoolPricer: Pricer = {
  types: ['azurerm_mssql_elasticpool'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const sku = records(attributes.sku)[0] ?? {};
    const name = requiredText(sku.name, 'sku name');
    const capacity = amount(sku.capacity, 'sku capacity');
    if (capacity === undefined) throw new Unpriced('sku capacity is not set');
    const region = azureRegion(resource, context);
    const maxSizeGb = amount(attributes.max_size_gb, 'max_size_gb');
    const dtuEdition = DTU_POOL_SKUS.get(name.toLowerCase());
    if (dtuEdition) return { components: dtuPool(dtuEdition, capacity, maxSizeGb, region, context) };
    const tier = /^(GP|BC|HS)_/.exec(name)?.[1];
    if (!tier) throw new Unpriced(`sku "${name}" is not a DTU or vCore pool the data prices`);
    const computeName = `Compute (${name}, ${capacity} vCore)`;
    const zoneName = `Zone redundancy (${name}, ${capacity} vCore)`;
    const zoneRedundant = billsZoneRedundancy(tier, attributes.zone_redundant);
    if (maxSizeGb !== undefined) {
      context.approximate = true;
      context.addNote('the data has one vCore pool storage rate for every service tier');
    }
    return {
      components: [
        component(computeName, 'hours', HOURS_PER_MONTH, poolPrice(context, region, computeName)),
        ...(zoneRedundant ? [component(zoneName, 'hours', HOURS_PER_MONTH, poolPrice(context, region, zoneName))] : []),
        ...licenceComponents(attributes.license_type, tier, capacity, region, context),
        ...(maxSizeGb === undefined ? [] : [component('Storage', 'GB', maxSizeGb, poolPrice(context, region, 'Storage'))]),
      ],
    };
  },
};

const MB_PER_GB = 1024;

/** `azurerm_sql_elasticpool` (the legacy resource): a DTU pool by `edition` and `dtu`, extra storage above the included from `pool_size` (MB). */
export const sqlElasticPoolPricer: Pricer = {
  types: ['azurerm_sql_elasticpool'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const edition = requiredText(attributes.edition, 'edition');
    const dtus = amount(attributes.dtu, 'dtu');
    if (dtus === undefined) throw new Unpriced('dtu is not set');
    const poolMb = amount(attributes.pool_size, 'pool_size');
    const canonical = `${edition[0]?.toUpperCase() ?? ''}${edition.slice(1).toLowerCase()}`;
    return { components: dtuPool(canonical, dtus, poolMb === undefined ? undefined : poolMb / MB_PER_GB, azureRegion(resource, context), context) };
  },
};

/** Each managed instance includes 32 GB of storage; beyond it, storage bills per GB. */
const MANAGED_INSTANCE_INCLUDED_GB = 32;

/**
 * Compute by tier and `vcores`, the SQL Server licence (unless `BasePrice`), storage beyond the
 * included 32 GB, point-in-time backups by `storage_account_type` as usage (`backup_storage_gb`).
 * The data spells the two managed instance types' rows differently, hence `rows`.
 */
function managedInstancePricer(type: string, rows: { cores: string; storage: string }): Pricer {
  return {
    types: [type],
    price(resource, context) {
      const attributes = attributesOf(resource);
      const sku = requiredText(attributes.sku_name, 'sku_name');
      const tier = /^(GP|BC)_/.exec(sku)?.[1];
      if (!tier) throw new Unpriced(`sku_name "${sku}" is not a General Purpose or Business Critical SKU`);
      const vcores = amount(attributes.vcores, 'vcores');
      if (vcores === undefined) throw new Unpriced('vcores is not set');
      const region = azureRegion(resource, context);
      const price = (name: string): number => context.unitPrice('azure', type, region, name).usd;
      const computeName = `Compute (${sku.toUpperCase()} ${vcores} ${rows.cores})`;
      const storageGb = amount(attributes.storage_size_in_gb, 'storage_size_in_gb') ?? MANAGED_INSTANCE_INCLUDED_GB;
      const redundancy = (text(attributes.storage_account_type, 'storage_account_type') ?? 'GRS').toUpperCase();
      const backupName = `PITR backup storage (${redundancy})`;
      return {
        components: [
          component(computeName, 'hours', HOURS_PER_MONTH, price(computeName)),
          ...licenceComponents(attributes.license_type, tier, vcores, region, context),
          ...(storageGb > MANAGED_INSTANCE_INCLUDED_GB ? [component(rows.storage, 'GB', storageGb - MANAGED_INSTANCE_INCLUDED_GB, price(rows.storage))] : []),
          usageComponent(backupName, 'GB', price(backupName), usageOf(context.usage, resource.address, 'backup_storage_gb')),
        ],
      };
    },
  };
}

/** `azurerm_mssql_managed_instance`. */
export const mssqlManagedInstancePricer = managedInstancePricer('azurerm_mssql_managed_instance', { cores: 'cores', storage: 'Additional Storage' });

/** The legacy resource, priced as `azurerm_mssql_managed_instance`. */
export const sqlManagedInstancePricer = managedInstancePricer('azurerm_sql_managed_instance', { cores: 'Cores', storage: 'Storage' });
