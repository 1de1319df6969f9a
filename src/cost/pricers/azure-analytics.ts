import type { CostComponent } from '../model.js';
import { amount, attributesOf, component, HOURS_PER_MONTH, records, referenced, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
import { azureRegion } from './azure.js';
import { unitPriceAmong } from './shared-rows.js';

/** HDInsight cluster types: their rows price nodes by VM size, the same rate whichever role or cluster type carries it. */
const HDINSIGHT_TYPES = [
  'azurerm_hdinsight_hadoop_cluster',
  'azurerm_hdinsight_hbase_cluster',
  'azurerm_hdinsight_interactive_query_cluster',
  'azurerm_hdinsight_kafka_cluster',
  'azurerm_hdinsight_spark_cluster',
];

/** A VM size as the data may spell it: `A5`, `Standard_A5`, `Standard_D4a V4` all compare alike. */
function sizeKey(size: string): string {
  return size.toLowerCase().replace(/^standard_/, '').replace(/[\s_]/g, '');
}

/** The hourly rate of an HDInsight node of `size`: any role's row for that size, among the cluster types, region-aware. */
function nodeRate(size: string, region: string, context: PriceContext): number {
  return context.regional(region, `HDInsight node size ${size}`, (where) => {
    for (const type of HDINSIGHT_TYPES) {
      const row = context.catalog.componentsIn('azure', type, where).find((candidate) => {
        const rowSize = / node \((.+)\)$/.exec(candidate.name)?.[1];
        return rowSize !== undefined && sizeKey(rowSize) === sizeKey(size);
      });
      if (row) return row.usd;
    }
    return undefined;
  });
}

/** Every HDInsight cluster runs two head nodes and three ZooKeeper nodes; workers and edge nodes are counted in the configuration. */
const NODE_ROLES = [
  { block: 'head_node', label: 'Head node', count: 2 },
  { block: 'worker_node', label: 'Worker node', count: undefined },
  { block: 'zookeeper_node', label: 'Zookeeper node', count: 3 },
  { block: 'edge_node', label: 'Edge node', count: undefined },
] as const;

function nodeComponents(roles: Record<string, unknown>, workerLabel: string, region: string, context: PriceContext): CostComponent[] {
  return NODE_ROLES.flatMap((role) => {
    const node = records(roles[role.block])[0];
    if (!node) return [];
    const size = requiredText(node.vm_size, `${role.block} vm_size`);
    const count = role.count ?? amount(node.target_instance_count, `${role.block} target_instance_count`) ?? 1;
    const label = role.block === 'worker_node' ? workerLabel : role.label;
    return [component(`${label} (${size})`, 'hours', HOURS_PER_MONTH * count, nodeRate(size, region, context))];
  });
}

/**
 * Kafka workers carry `number_of_disks_per_node` 1 TB managed disks: Premium SSD on the Premium
 * tier, at the data's "Managed OS disks" rate (from a Premium example); the Standard tier's HDD
 * disks have no rate in the data and are left out, noted.
 */
function kafkaDisks(roles: Record<string, unknown>, tier: string, region: string, context: PriceContext): CostComponent[] {
  const worker = records(roles.worker_node)[0] ?? {};
  const disks = (amount(worker.number_of_disks_per_node, 'number_of_disks_per_node') ?? 0) * (amount(worker.target_instance_count, 'target_instance_count') ?? 1);
  if (disks === 0) return [];
  if (tier !== 'premium') {
    context.addNote('Standard-tier Kafka data disks have no price in the data and are not priced');
    return [];
  }
  return [component('Managed OS disks', 'months', disks, context.unitPrice('azure', 'azurerm_hdinsight_kafka_cluster', region, 'Managed OS disks').usd)];
}

/** HDInsight clusters: each role's nodes by the hour at their VM size's rate; Kafka adds its workers' managed disks. */
export const hdinsightClusterPricer: Pricer = {
  types: HDINSIGHT_TYPES,
  price(resource, context) {
    const attributes = attributesOf(resource);
    const roles = records(attributes.roles)[0] ?? {};
    const region = azureRegion(resource, context);
    const workerLabel = resource.type === 'azurerm_hdinsight_hbase_cluster' ? 'Region node' : 'Worker node';
    const nodes = nodeComponents(roles, workerLabel, region, context);
    if (resource.type !== 'azurerm_hdinsight_kafka_cluster') return { components: nodes };
    const tier = (text(attributes.tier, 'tier') ?? 'Standard').toLowerCase();
    return { components: [...nodes, ...kafkaDisks(roles, tier, region, context)] };
  },
};

/** `azurerm_synapse_sql_pool` (dedicated SQL pool): hours of its DWU size (`sku_name`, e.g. DW200c); storage and geo-redundant backups are usage-based. */
export const synapseSqlPoolPricer: Pricer = {
  types: ['azurerm_synapse_sql_pool'],
  price(resource, context) {
    const name = `DWU blocks (${requiredText(attributesOf(resource).sku_name, 'sku_name')})`;
    const workspace = referenced(attributesOf(resource).synapse_workspace_id, resource, context, ['azurerm_synapse_workspace']);
    const region = azureRegion(resource, context, workspace);
    const price = (row: string): number => context.unitPrice('azure', 'azurerm_synapse_sql_pool', region, row).usd;
    return {
      components: [
        component(name, 'hours', HOURS_PER_MONTH, price(name)),
        usageComponent('Storage', 'TB', price('Storage'), undefined),
        usageComponent('Geo-redundant disaster recovery', 'TB', price('Geo-redundant disaster recovery'), undefined),
      ],
    };
  },
};

const SSIS_TYPES = ['azurerm_data_factory_integration_runtime_azure_ssis', 'azurerm_data_factory_integration_runtime_managed'];

/**
 * `azurerm_data_factory_integration_runtime_azure_ssis` (and its former name `_managed`): the
 * SSIS nodes run while the runtime is started, so `number_of_nodes` (default 1) of `node_size` by
 * the hour, at the rate of its `edition` (default Standard) and licence (included unless
 * `license_type = "BasePrice"`).
 */
export const ssisRuntimePricer: Pricer = {
  types: SSIS_TYPES,
  price(resource, context) {
    const attributes = attributesOf(resource);
    // The data names sizes as the price sheet does: Standard_D8_v3 → "D8 v3".
    const size = requiredText(attributes.node_size, 'node_size').replace(/^Standard_/i, '').replace(/_/g, ' ');
    const edition = text(attributes.edition, 'edition') ?? 'Standard';
    const licence = (text(attributes.license_type, 'license_type') ?? 'LicenseIncluded') === 'BasePrice' ? '' : ', license included';
    const name = `Compute (${size}, ${edition}${licence})`;
    const nodes = amount(attributes.number_of_nodes, 'number_of_nodes') ?? 1;
    const hourly = unitPriceAmong(context, 'azure', SSIS_TYPES, azureRegion(resource, context), name, `SSIS node "${name}"`);
    return { components: [component(name, 'hours', HOURS_PER_MONTH * nodes, hourly)] };
  },
};

/** Azure integration runtime `compute_type` → the data's name for its data flow compute. */
const DATA_FLOW_COMPUTE: ReadonlyMap<string, string> = new Map([
  ['general', 'General Purpose'],
  ['computeoptimized', 'Compute Optimized'],
  ['memoryoptimized', 'Memory Optimized'],
]);

/** Data flows run on 8 vCores unless `core_count` says otherwise. */
const DEFAULT_DATA_FLOW_CORES = 8;

/**
 * `azurerm_data_factory_integration_runtime_azure`: nothing while idle. Data flow compute bills
 * per vCore-hour only while a data flow cluster runs, and activities per hour of execution, so all
 * are unit prices (usage). The vCore rate comes from the data's row for the compute type, whatever
 * its core count; `compute_type` defaults to General, `core_count` to 8.
 */
export const azureIntegrationRuntimePricer: Pricer = {
  types: ['azurerm_data_factory_integration_runtime_azure'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const type = (text(attributes.compute_type, 'compute_type') ?? 'General').toLowerCase();
    const label = DATA_FLOW_COMPUTE.get(type);
    if (!label) throw new Unpriced(`compute_type ${type} has no price in the data (General, ComputeOptimized and MemoryOptimized only)`);
    const cores = amount(attributes.core_count, 'core_count') ?? DEFAULT_DATA_FLOW_CORES;
    const region = azureRegion(resource, context);
    const resourceType = 'azurerm_data_factory_integration_runtime_azure';
    const perCore = context.regional(region, `${label} data flow compute`, (where) => {
      const row = context.catalog.componentsIn('azure', resourceType, where).find((candidate) => candidate.name.startsWith(`Compute (${label}, `));
      const rowCores = Number(/, (\d+) vCores\)$/.exec(row?.name ?? '')?.[1]);
      return row && rowCores > 0 ? row.usd / rowCores : undefined;
    });
    const price = (name: string): number => context.unitPrice('azure', resourceType, region, name).usd;
    return {
      components: [
        usageComponent(`Data flow compute (${label}, ${cores} vCores)`, 'hours', perCore * cores, undefined),
        usageComponent('Orchestration', '1k runs', price('Orchestration'), undefined),
        usageComponent('Data movement activity', 'hours', price('Data movement activity'), undefined),
        usageComponent('Pipeline activity', 'hours', price('Pipeline activity'), undefined),
        usageComponent('External pipeline activity', 'hours', price('External pipeline activity'), undefined),
      ],
    };
  },
};

/**
 * `azurerm_data_factory_integration_runtime_self_hosted`: it runs on machines priced as their own
 * resources and bills only runs and activity execution hours at self-hosted rates, which the data
 * does not have.
 */
export const selfHostedIntegrationRuntimePricer: Pricer = {
  types: ['azurerm_data_factory_integration_runtime_self_hosted'],
  price() {
    throw new Unpriced('a self-hosted integration runtime bills only pipeline runs and activity hours, whose self-hosted rates are not in the price data');
  },
};

/**
 * `azurerm_synapse_workspace`: no fee of its own. Serverless SQL bills per TB processed, pipelines
 * per activity run and execution hour, data flows per vCore-hour: all unit prices (usage). Its
 * dedicated SQL and Spark pools are priced as their own resources.
 */
export const synapseWorkspacePricer: Pricer = {
  types: ['azurerm_synapse_workspace'],
  price(resource, context) {
    const region = azureRegion(resource, context);
    const price = (name: string): number => context.unitPrice('azure', 'azurerm_synapse_workspace', region, name).usd;
    return {
      components: [
        usageComponent('Serverless SQL pool size', 'TB', price('Serverless SQL pool size'), undefined),
        usageComponent('Data pipeline azure hosted activity runs', '1k activity runs', price('Data pipeline azure hosted activity runs'), undefined),
        usageComponent('Data pipeline azure hosted data integration units', 'DIU-hours', price('Data pipeline azure hosted data integration units'), undefined),
        usageComponent('Data flow (basic)', 'vCore-hours', price('Data flow (basic)'), undefined),
        usageComponent('Data flow (standard)', 'vCore-hours', price('Data flow (standard)'), undefined),
      ],
    };
  },
};

/** `azurerm_synapse_spark_pool`: its nodes bill per vCore-hour while a Spark session runs; that rate is not in the data. */
export const synapseSparkPoolPricer: Pricer = {
  types: ['azurerm_synapse_spark_pool'],
  price() {
    throw new Unpriced('a Spark pool bills per vCore-hour while sessions run; the Spark vCore-hour rate is not in the price data');
  },
};
