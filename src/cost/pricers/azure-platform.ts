import { amount, attributesOf, component, HOURS_PER_MONTH, records, referenced, requiredText, text, Unpriced, usageComponent, type Pricer } from '../pricing.js';
import { azureRegion, tieredUsage } from './azure.js';
import { usageOf } from '../usage.js';

/** SignalR tiers by `sku.name` prefix; Free_F1 costs nothing. */
const SIGNALR_TIERS: ReadonlyMap<string, string> = new Map([
  ['standard', 'Standard'],
  ['premium', 'Premium'],
]);

/** `azurerm_signalr_service`: units (`sku.capacity`) a month at its tier's rate; messages beyond the included are usage-based. */
export const signalrServicePricer: Pricer = {
  types: ['azurerm_signalr_service'],
  price(resource, context) {
    const sku = records(attributesOf(resource).sku)[0] ?? {};
    const name = requiredText(sku.name, 'sku name');
    const prefix = name.split('_')[0]?.toLowerCase() ?? '';
    if (prefix === 'free') return 'free';
    const tier = SIGNALR_TIERS.get(prefix);
    if (!tier) throw new Unpriced(`the ${name} SKU has no price in the data (Free, Standard and Premium only)`);
    const region = azureRegion(resource, context);
    const units = amount(sku.capacity, 'sku capacity') ?? 1;
    const price = (row: string): number => context.unitPrice('azure', 'azurerm_signalr_service', region, row).usd;
    return {
      components: [
        component(`Service usage (${tier})`, 'units', units, price(`Service usage (${tier})`)),
        usageComponent(`Additional messages (${tier})`, '1M messages', price(`Additional messages (${tier})`), undefined),
      ],
    };
  },
};

/** Search `sku` → the tier's name in the data's rows ("Search usage (Standard S2, 1 unit)"). */
const SEARCH_TIERS: ReadonlyMap<string, string> = new Map([
  ['basic', 'Basic'],
  ['standard', 'Standard S1'],
  ['standard2', 'Standard S2'],
  ['standard3', 'Standard S3'],
  ['storage_optimized_l1', 'Storage Optimized L1'],
  ['storage_optimized_l2', 'Storage Optimized L2'],
]);

/** Image extraction tiers a month, in thousands of images: the first 1M, the next 4M, the rest. */
const IMAGE_EXTRACTION_TIERS = [
  { row: 'Image extraction (first 1M)', size: 1_000 },
  { row: 'Image extraction (next 4M)', size: 4_000 },
  { row: 'Image extraction (over 5M)', size: Number.POSITIVE_INFINITY },
];

/**
 * `azurerm_search_service`: search units (replicas × partitions) by the hour at the tier's rate
 * per unit; the data names each rate with the unit count of its example, so the rate is read from
 * the tier's row whatever that count. Image extraction by tier from the usage file (`monthly_images_extracted`).
 */
export const searchServicePricer: Pricer = {
  types: ['azurerm_search_service'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const sku = requiredText(attributes.sku, 'sku').toLowerCase();
    if (sku === 'free') return 'free';
    const tier = SEARCH_TIERS.get(sku);
    if (!tier) throw new Unpriced(`the ${sku} search tier has no price in the data`);
    const region = azureRegion(resource, context);
    const unitRate = context.regional(region, `search tier ${tier}`, (where) => context.catalog.componentsIn('azure', 'azurerm_search_service', where).find((row) => row.name.startsWith(`Search usage (${tier}, `))?.usd);
    const units = (amount(attributes.replica_count, 'replica_count') ?? 1) * (amount(attributes.partition_count, 'partition_count') ?? 1);
    const name = `Search usage (${tier}, ${units} unit${units === 1 ? '' : 's'})`;
    const images = usageOf(context.usage, resource.address, 'monthly_images_extracted');
    const extraction = tieredUsage(IMAGE_EXTRACTION_TIERS, '1000 images', images === undefined ? undefined : images / 1000, (row) => context.unitPrice('azure', 'azurerm_search_service', region, row).usd);
    return { components: [component(name, 'hours', HOURS_PER_MONTH * units, unitRate), ...extraction] };
  },
};

/** API Management tiers priced by the unit a month; Consumption bills calls instead. */
const API_MANAGEMENT_TIERS = ['developer', 'basic', 'standard', 'premium'];

/**
 * `azurerm_api_management`: `sku_name = "Tier_N"`, N units a month at the tier's rate;
 * Consumption bills each million calls (usage-based). Self-hosted gateways are not counted from
 * the configuration.
 */
export const apiManagementPricer: Pricer = {
  types: ['azurerm_api_management'],
  price(resource, context) {
    const sku = requiredText(attributesOf(resource).sku_name, 'sku_name');
    const parts = /^([A-Za-z]+)_(\d+)$/.exec(sku);
    if (!parts) throw new Unpriced(`sku_name "${sku}" is not Tier_Units`);
    const tier = (parts[1] ?? '').toLowerCase();
    const region = azureRegion(resource, context);
    if (tier === 'consumption') {
      const calls = context.unitPrice('azure', 'azurerm_api_management', region, 'API management (consumption)').usd;
      return { components: [usageComponent('API management (consumption)', '1M calls', calls, undefined)] };
    }
    if (!API_MANAGEMENT_TIERS.includes(tier)) throw new Unpriced(`the ${parts[1] ?? ''} tier has no price in the data (Developer, Basic, Standard, Premium and Consumption only)`);
    const name = `API management (${tier})`;
    return { components: [component(name, 'units', Number(parts[2]), context.unitPrice('azure', 'azurerm_api_management', region, name).usd)] };
  },
};

const DOMAIN_SERVICE_SKUS = ['Standard', 'Enterprise', 'Premium'];

function domainServiceSku(value: unknown): string {
  const sku = requiredText(value, 'sku');
  const known = DOMAIN_SERVICE_SKUS.find((name) => name.toLowerCase() === sku.toLowerCase());
  if (!known) throw new Unpriced(`the ${sku} SKU has no price in the data (Standard, Enterprise and Premium only)`);
  return known;
}

/** `azurerm_active_directory_domain_service`: hours at its SKU's rate. */
export const domainServicePricer: Pricer = {
  types: ['azurerm_active_directory_domain_service'],
  price(resource, context) {
    const name = `Active directory domain service (${domainServiceSku(attributesOf(resource).sku)})`;
    return { components: [component(name, 'hours', HOURS_PER_MONTH, context.unitPrice('azure', resource.type, azureRegion(resource, context), name).usd)] };
  },
};

/** `azurerm_active_directory_domain_service_replica_set`: hours at its domain service's SKU rate. */
export const domainServiceReplicaSetPricer: Pricer = {
  types: ['azurerm_active_directory_domain_service_replica_set'],
  price(resource, context) {
    const service = referenced(attributesOf(resource).domain_service_id, resource, context, ['azurerm_active_directory_domain_service']);
    if (!service) throw new Unpriced('the domain service is not in the change, so its SKU is not known');
    const name = `Active directory domain service replica set (${domainServiceSku(attributesOf(service).sku)})`;
    return { components: [component(name, 'hours', HOURS_PER_MONTH, context.unitPrice('azure', resource.type, azureRegion(resource, context, service), name).usd)] };
  },
};

/** `azurerm_powerbi_embedded`: node hours of its `sku_name` (A1–A6). */
export const powerBiEmbeddedPricer: Pricer = {
  types: ['azurerm_powerbi_embedded'],
  price(resource, context) {
    const name = `Node usage (${requiredText(attributesOf(resource).sku_name, 'sku_name')})`;
    return { components: [component(name, 'hours', HOURS_PER_MONTH, context.unitPrice('azure', 'azurerm_powerbi_embedded', azureRegion(resource, context), name).usd)] };
  },
};

/**
 * `azurerm_iothub`: `sku.capacity` units a month. F1 is free; the data's one unit rate ("IoT Hub")
 * came from an S1 example, so S1 is priced and the other tiers are unpriced.
 */
export const iotHubPricer: Pricer = {
  types: ['azurerm_iothub'],
  price(resource, context) {
    const sku = records(attributesOf(resource).sku)[0] ?? {};
    const tier = requiredText(sku.name, 'sku name').toUpperCase();
    if (tier === 'F1') return 'free';
    if (tier !== 'S1') throw new Unpriced(`the ${tier} tier has no price in the data (F1 and S1 only)`);
    const units = amount(sku.capacity, 'sku capacity') ?? 1;
    return { components: [component('IoT Hub', 'units', units, context.unitPrice('azure', 'azurerm_iothub', azureRegion(resource, context), 'IoT Hub').usd)] };
  },
};

/** `azurerm_iothub_dps`: device provisioning operations are usage-based: a unit price. */
export const iotHubDpsPricer: Pricer = {
  types: ['azurerm_iothub_dps'],
  price(resource, context) {
    const operations = context.unitPrice('azure', 'azurerm_iothub_dps', azureRegion(resource, context), 'Device provisioning').usd;
    return { components: [usageComponent('Device provisioning', '1k operations', operations, undefined)] };
  },
};

/** `azurerm_logic_app_integration_account`: Basic or Standard by the hour; Free costs nothing. */
export const integrationAccountPricer: Pricer = {
  types: ['azurerm_logic_app_integration_account'],
  price(resource, context) {
    const sku = requiredText(attributesOf(resource).sku_name, 'sku_name');
    if (sku.toLowerCase() === 'free') return 'free';
    const name = `Integration Account (${sku})`;
    return { components: [component(name, 'hours', HOURS_PER_MONTH, context.unitPrice('azure', 'azurerm_logic_app_integration_account', azureRegion(resource, context), name).usd)] };
  },
};

/**
 * `azurerm_integration_service_environment`: `sku_name = "Premium_N"` bills the base unit and N
 * scale units by the hour. The data's base-unit rate is Premium's; Developer: unpriced.
 */
export const integrationServiceEnvironmentPricer: Pricer = {
  types: ['azurerm_integration_service_environment'],
  price(resource, context) {
    const sku = requiredText(attributesOf(resource).sku_name, 'sku_name');
    const scaleUnits = /^Premium_(\d+)$/i.exec(sku)?.[1];
    if (scaleUnits === undefined) throw new Unpriced(`sku_name "${sku}" has no price in the data (Premium_N only)`);
    const region = azureRegion(resource, context);
    const price = (name: string): number => context.unitPrice('azure', 'azurerm_integration_service_environment', region, name).usd;
    const units = Number(scaleUnits);
    return {
      components: [
        component('Base units', 'hours', HOURS_PER_MONTH, price('Base units')),
        ...(units > 0 ? [component('Scale units', 'hours', HOURS_PER_MONTH * units, price('Scale units'))] : []),
      ],
    };
  },
};

/** Azure bills these services by the day; a month is 730 hours. */
const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/**
 * `azurerm_app_configuration`: Standard bills the store by the day and each `replica` as another
 * store; requests beyond the 200,000 a day each store includes are usage-based. `sku` defaults to
 * free; Developer and Premium have no price in the data.
 */
export const appConfigurationPricer: Pricer = {
  types: ['azurerm_app_configuration'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const sku = (text(attributes.sku, 'sku') ?? 'free').toLowerCase();
    if (sku === 'free') return 'free';
    if (sku !== 'standard') throw new Unpriced(`the ${sku} tier has no price in the data (Free and Standard only)`);
    const region = azureRegion(resource, context);
    const stores = 1 + records(attributes.replica).length;
    const daily = context.unitPrice('azure', 'azurerm_app_configuration', region, 'Instance (Standard)').usd;
    const requests = context.unitPrice('azure', 'azurerm_app_configuration', region, 'Requests (over 200k/day per replica)').usd;
    const name = stores === 1 ? 'Instance (Standard)' : `Instance (Standard, ${stores - 1} replica${stores === 2 ? '' : 's'})`;
    return { components: [component(name, 'days', DAYS_PER_MONTH * stores, daily), usageComponent('Requests (over 200k/day per store)', '10k requests', requests, undefined)] };
  },
};

/** Storage each registry tier includes, in GB. */
const REGISTRY_INCLUDED_GB: ReadonlyMap<string, number> = new Map([
  ['Basic', 10],
  ['Standard', 100],
  ['Premium', 500],
]);

/**
 * `azurerm_container_registry`: the tier by the day; each `georeplications` location (Premium
 * only) bills as another Premium registry. Storage beyond the tier's included (from `storage_gb`)
 * and build time are usage-based.
 */
export const containerRegistryPricer: Pricer = {
  types: ['azurerm_container_registry'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const given = requiredText(attributes.sku, 'sku');
    const tier = [...REGISTRY_INCLUDED_GB.keys()].find((name) => name.toLowerCase() === given.toLowerCase());
    if (!tier) throw new Unpriced(`the ${given} SKU has no price in the data (Basic, Standard and Premium only)`);
    const region = azureRegion(resource, context);
    const price = (name: string): number => context.unitPrice('azure', 'azurerm_container_registry', region, name).usd;
    const replicas = records(attributes.georeplications).length;
    const storedGb = usageOf(context.usage, resource.address, 'storage_gb');
    const included = REGISTRY_INCLUDED_GB.get(tier) ?? 0;
    return {
      components: [
        component(`Registry usage (${tier})`, 'days', DAYS_PER_MONTH, price(`Registry usage (${tier})`)),
        ...(replicas > 0 ? [component(`Geo replication (${replicas} location${replicas === 1 ? '' : 's'})`, 'days', DAYS_PER_MONTH * replicas, price('Registry usage (Premium)'))] : []),
        usageComponent(`Storage (over ${included} GB)`, 'GB-days', price('Storage (over included)'), storedGb === undefined ? undefined : Math.max(0, storedGb - included) * DAYS_PER_MONTH),
        usageComponent('Build vCPU', 'seconds', price('Build vCPU'), undefined),
      ],
    };
  },
};
