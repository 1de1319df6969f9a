import { usageOf } from '../usage.js';
import { amount, attributesOf, component, HOURS_PER_MONTH, records, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { scaleMillions } from './aws-rds.js';

/** A resource billed a flat rate per month or per hour, from one row of the component table. */
export function flat(types: readonly string[], dataType: string, name: string, unit: 'months' | 'hours'): Pricer {
  return {
    types,
    price(resource, context) {
      const price = context.unitPrice('aws', dataType, context.regionOf(resource), name);
      return { components: [component(name, unit, unit === 'hours' ? HOURS_PER_MONTH : 1, price.usd)] };
    },
  };
}

export const kmsKeyPricer = flat(['aws_kms_key', 'AWS::KMS::Key'], 'aws_kms_key', 'Customer master key', 'months');
export const secretPricer = flat(['aws_secretsmanager_secret', 'AWS::SecretsManager::Secret'], 'aws_secretsmanager_secret', 'Secret', 'months');
export const hostedZonePricer = flat(['aws_route53_zone', 'AWS::Route53::HostedZone'], 'aws_route53_zone', 'Hosted zone', 'months');

function cacheNodes(resource: Resource, context: PriceContext, nodeType: string, count: number, dataType: string): CostComponent {
  const name = `ElastiCache (on-demand, ${nodeType})`;
  const hourly = context.unitPrice('aws', dataType, context.regionOf(resource), name);
  return component(`${name} × ${count}`, 'hours', HOURS_PER_MONTH * count, hourly.usd);
}

/** `aws_elasticache_cluster`, `AWS::ElastiCache::CacheCluster`: node hours × nodes. */
export const elasticacheClusterPricer: Pricer = {
  types: ['aws_elasticache_cluster', 'AWS::ElastiCache::CacheCluster'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const nodeType = requiredText(attributes.node_type ?? attributes.CacheNodeType, 'node type');
    const count = amount(attributes.num_cache_nodes ?? attributes.NumCacheNodes, 'node count') ?? 1;
    return { components: [cacheNodes(resource, context, nodeType, count, 'aws_elasticache_cluster')] };
  },
};

/** `aws_elasticache_replication_group`, `AWS::ElastiCache::ReplicationGroup`: shards × (replicas + 1) nodes. */
export const elasticacheReplicationGroupPricer: Pricer = {
  types: ['aws_elasticache_replication_group', 'AWS::ElastiCache::ReplicationGroup'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const nodeType = requiredText(attributes.node_type ?? attributes.CacheNodeType, 'node type');
    const clusters = amount(attributes.num_cache_clusters ?? attributes.NumCacheClusters, 'cache clusters');
    const shards = amount(attributes.num_node_groups ?? attributes.NumNodeGroups, 'node groups');
    const replicas = amount(attributes.replicas_per_node_group ?? attributes.ReplicasPerNodeGroup, 'replicas per node group');
    const count = clusters ?? (shards ?? 1) * ((replicas ?? 0) + 1);
    return { components: [cacheNodes(resource, context, nodeType, count, 'aws_elasticache_replication_group')] };
  },
};

function usageBased(types: readonly string[], dataType: string, parts: readonly { name: string; unit: string; key: Parameters<typeof usageOf>[2]; per?: 'million' | 'thousand' }[]): Pricer {
  return {
    types,
    price(resource, context) {
      const region = context.regionOf(resource);
      return {
        components: parts.map((part) => {
          const price = context.unitPrice('aws', dataType, region, part.name);
          const raw = usageOf(context.usage, resource.address, part.key);
          const quantity = part.per === 'million' ? scaleMillions(raw) : part.per === 'thousand' && raw !== undefined ? raw / 1000 : raw;
          return usageComponent(part.name, part.unit, price.usd, quantity);
        }),
      };
    },
  };
}

export const lambdaPricer: Pricer = {
  types: ['aws_lambda_function', 'AWS::Lambda::Function', 'AWS::Serverless::Function'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const memoryMb = amount(attributes.memory_size ?? attributes.MemorySize, 'memory size') ?? 128;
    const requests = usageOf(context.usage, resource.address, 'monthly_requests');
    const durationMs = usageOf(context.usage, resource.address, 'request_duration_ms');
    const requestPrice = context.unitPrice('aws', 'aws_lambda_function', region, 'Requests');
    const durationPrice = context.unitPrice('aws', 'aws_lambda_function', region, 'Duration (first 6B)');
    const gbSeconds = requests !== undefined && durationMs !== undefined ? requests * (durationMs / 1000) * (memoryMb / 1024) : undefined;
    return {
      components: [
        usageComponent('Requests', '1M requests', requestPrice.usd, scaleMillions(requests)),
        usageComponent(`Duration (${memoryMb} MB)`, 'GB-seconds', durationPrice.usd, gbSeconds),
      ],
    };
  },
};

export const s3BucketPricer = usageBased(['aws_s3_bucket', 'AWS::S3::Bucket'], 'aws_s3_bucket', [
  { name: 'Storage', unit: 'GB-month', key: 'storage_gb' },
  { name: 'PUT, COPY, POST, LIST requests', unit: '1k requests', key: 'monthly_put_requests', per: 'thousand' },
  { name: 'GET, SELECT, and all other requests', unit: '1k requests', key: 'monthly_get_requests', per: 'thousand' },
]);
export const sqsQueuePricer = usageBased(['aws_sqs_queue', 'AWS::SQS::Queue'], 'aws_sqs_queue', [
  { name: 'Requests', unit: '1M requests', key: 'monthly_requests', per: 'million' },
]);
export const logGroupPricer = usageBased(['aws_cloudwatch_log_group', 'AWS::Logs::LogGroup'], 'aws_cloudwatch_log_group', [
  { name: 'Data ingested', unit: 'GB', key: 'monthly_data_ingested_gb' },
  { name: 'Archival Storage', unit: 'GB-month', key: 'storage_gb' },
]);

/** `aws_dynamodb_table`: provisioned capacity per unit-month; on-demand tables are billed on use. */
/** The regions of a global table's replicas (`replica { region_name }`). */
function replicaRegions(attributes: Record<string, unknown>): string[] {
  return records(attributes.replica).map((replica) => requiredText(replica.region_name, 'replica region'));
}

export const dynamodbTablePricer: Pricer = {
  types: ['aws_dynamodb_table', 'AWS::DynamoDB::Table'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const price = (name: string, where = region) => context.unitPrice('aws', 'aws_dynamodb_table', where, name);
    const mode = text(attributes.billing_mode ?? attributes.BillingMode, 'billing mode') ?? 'PROVISIONED';
    const storage = usageComponent('Data storage', 'GB-month', price('Data storage').usd, usageOf(context.usage, resource.address, 'storage_gb'));
    const replicas = replicaRegions(attributes);
    const writes = usageOf(context.usage, resource.address, 'monthly_write_request_units');
    if (mode === 'PAY_PER_REQUEST') {
      return {
        components: [
          usageComponent('Write request unit (WRU)', 'WRUs', price('Write request unit (WRU)').usd, writes),
          usageComponent('Read request unit (RRU)', 'RRUs', price('Read request unit (RRU)').usd, usageOf(context.usage, resource.address, 'monthly_read_request_units')),
          storage,
          // Every write is replicated to each replica region and billed there.
          ...replicas.map((where) => usageComponent(`Replicated write request unit (rWRU, ${where})`, 'rWRUs', price('Replicated write request unit (rWRU)', where).usd, writes)),
        ],
      };
    }
    const throughput = attributes.ProvisionedThroughput as Record<string, unknown> | undefined;
    const write = amount(attributes.write_capacity ?? throughput?.WriteCapacityUnits, 'write capacity');
    const read = amount(attributes.read_capacity ?? throughput?.ReadCapacityUnits, 'read capacity');
    if (write === undefined || read === undefined) throw new Unpriced('provisioned read/write capacity is not set');
    return {
      components: [
        component('Write capacity unit (WCU)', 'WCU-month', write, price('Write capacity unit (WCU)').usd),
        component('Read capacity unit (RCU)', 'RCU-month', read, price('Read capacity unit (RCU)').usd),
        storage,
        // A replica carries the table's write capacity as replicated write capacity in its own region.
        ...replicas.map((where) => component(`Replicated write capacity unit (rWCU, ${where})`, 'rWCU-month', write, price('Replicated write capacity unit (rWCU)', where).usd)),
      ],
    };
  },
};
