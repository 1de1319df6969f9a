import { usageOf } from '../usage.js';
import { amount, attributesOf, component, HOURS_PER_MONTH, records, text, Unpriced, usageComponent, type Pricer } from '../pricing.js';
import { gcpRegion } from './gcp.js';

/**
 * Memorystore for Redis bills a GB-month rate that falls as the instance grows: capacity tiers
 * M1 (1–4 GB), M2 (5–10), M3 (11–35), M4 (36–100) and M5 (over 100), per Google's price list.
 */
const CAPACITY_TIERS: readonly (readonly [maxGb: number, tier: string])[] = [
  [4, 'M1'],
  [10, 'M2'],
  [35, 'M3'],
  [100, 'M4'],
];

function capacityTier(memoryGb: number): string {
  return CAPACITY_TIERS.find(([maxGb]) => memoryGb <= maxGb)?.[1] ?? 'M5';
}

/** The data's label for a service tier: Basic, or Standard (a replicated, highly available instance). */
const SERVICE_TIERS: ReadonlyMap<string, string> = new Map([
  ['BASIC', 'basic'],
  ['STANDARD_HA', 'standard'],
]);

/**
 * `google_redis_instance`: provisioned GB × the rate of its service tier and capacity tier. The
 * Standard tier's rate covers its replica.
 */
export const redisInstancePricer: Pricer = {
  types: ['google_redis_instance'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const memoryGb = amount(attributes.memory_size_gb, 'memory_size_gb');
    if (memoryGb === undefined) throw new Unpriced('memory_size_gb is not set');
    const tier = text(attributes.tier, 'tier') ?? 'BASIC';
    const service = SERVICE_TIERS.get(tier);
    if (service === undefined) throw new Unpriced(`tier "${tier}" is not BASIC or STANDARD_HA`);
    const name = `Redis instance (${service}, ${capacityTier(memoryGb)})`;
    const rate = context.unitPrice('google', 'google_redis_instance', gcpRegion(resource, context), name);
    return { components: [component(name, 'GB', memoryGb, rate.usd)] };
  },
};

/** The provider's default node type when `node_type` is not set. */
const REDIS_CLUSTER_DEFAULT_NODE_TYPE = 'REDIS_HIGHMEM_MEDIUM';

/** `REDIS_SHARED_CORE_NANO` → "shared core nano", as the data names node types. */
function nodeTypeLabel(nodeType: string): string {
  return nodeType.replace(/^REDIS_/, '').toLowerCase().replace(/_/g, ' ');
}

/**
 * `google_redis_cluster`: every node's hours, shards × (1 primary + `replica_count` replicas);
 * backups by `backup_storage_gb` (usage). AOF persistence bills per GB of node capacity, which the
 * data does not give, so it shows its unit price.
 */
export const redisClusterPricer: Pricer = {
  types: ['google_redis_cluster'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = gcpRegion(resource, context);
    const shards = amount(attributes.shard_count, 'shard_count');
    if (shards === undefined) throw new Unpriced('shard_count is not set');
    const nodes = shards * ((amount(attributes.replica_count, 'replica_count') ?? 0) + 1);
    const nodeType = text(attributes.node_type, 'node_type') ?? REDIS_CLUSTER_DEFAULT_NODE_TYPE;
    const name = `Cluster node (${nodeTypeLabel(nodeType)})`;
    const rate = (row: string): number => context.unitPrice('google', 'google_redis_cluster', region, row).usd;
    const aof = text(records(attributes.persistence_config)[0]?.mode, 'persistence_config mode') === 'AOF';
    return {
      components: [
        component(nodes > 1 ? `${name} × ${nodes}` : name, 'hours', HOURS_PER_MONTH * nodes, rate(name)),
        ...(aof ? [usageComponent('AOF persistence', 'GB-hours', rate('AOF persistence'), undefined)] : []),
        usageComponent('Backups', 'GB', rate('Backups'), usageOf(context.usage, resource.address, 'backup_storage_gb')),
      ],
    };
  },
};
