import { isUnknown } from '../../iac/values.js';
import type { CostComponent } from '../model.js';
import { usageOf, type UsageKey } from '../usage.js';
import { amount, attributesOf, flag, records, referenced, requiredText, text, Unpriced, type PriceContext, type Pricer } from '../pricing.js';
import type { Resource } from '../../iac/model.js';
import { rowComponent, rowHours, rowOnUse } from './aws-rows.js';

/**
 * `aws_kinesis_stream`, `AWS::Kinesis::Stream`: a provisioned stream is billed per shard-hour,
 * an on-demand stream per stream-hour plus the data it takes in and hands out (on use).
 */
export const kinesisStreamPricer: Pricer = {
  types: ['aws_kinesis_stream', 'AWS::Kinesis::Stream'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const details = records(attributes.stream_mode_details ?? attributes.StreamModeDetails)[0] ?? {};
    // Both Terraform and CloudFormation default to a provisioned stream.
    const mode = (text(details.stream_mode ?? details.StreamMode, 'stream mode') ?? 'PROVISIONED').toUpperCase();
    if (mode === 'ON_DEMAND') {
      return {
        components: [
          rowHours(resource, context, 'aws_kinesis_stream', 'ON_DEMAND', 1, 'On-demand stream'),
          rowOnUse(resource, context, 'aws_kinesis_stream', 'Data ingested', usageOf(context.usage, resource.address, 'monthly_data_ingested_gb')),
          rowOnUse(resource, context, 'aws_kinesis_stream', 'Data retrieval'),
        ],
      };
    }
    if (mode !== 'PROVISIONED') throw new Unpriced(`stream mode "${mode}" is not ON_DEMAND or PROVISIONED`);
    const shards = amount(attributes.shard_count ?? attributes.ShardCount, 'shard count');
    if (shards === undefined) throw new Unpriced('a provisioned stream needs its shard_count');
    return { components: [rowHours(resource, context, 'aws_kinesis_stream', 'PROVISIONED', shards, `Shard hours × ${shards}`)] };
  },
};

/** Firehose ingestion tiers in GB (500 TB, then 1.5 PB, then 3 PB); the data has no rate past 5 PB. */
const FIREHOSE_TIERS = [
  { row: 'Data ingested (first 500TB)', size: 512_000 },
  { row: 'Data ingested (next 1.5PB)', size: 1_536_000 },
  { row: 'Data ingested (next 3PB)', size: 3_072_000 },
] as const;

function firehoseIngestion(resource: Resource, context: PriceContext, gb: number | undefined): CostComponent[] {
  if (gb === undefined) return [rowOnUse(resource, context, 'aws_kinesis_firehose_delivery_stream', FIREHOSE_TIERS[0].row)];
  const ceiling = FIREHOSE_TIERS.reduce((sum, tier) => sum + tier.size, 0);
  if (gb > ceiling) throw new Unpriced(`ingestion above 5 PB a month (${gb} GB) has no rate in the price data`);
  let remaining = gb;
  return FIREHOSE_TIERS.flatMap((tier) => {
    const inTier = Math.min(remaining, tier.size);
    remaining -= inTier;
    return inTier > 0 ? [rowOnUse(resource, context, 'aws_kinesis_firehose_delivery_stream', tier.row, inTier)] : [];
  });
}

/** Whether any destination converts record formats (Parquet/ORC): billed per GB converted. */
function convertsFormat(attributes: Record<string, unknown>): boolean {
  const destinations = records(attributes.extended_s3_configuration ?? attributes.ExtendedS3DestinationConfiguration);
  return destinations.some((destination) => {
    const conversion = records(destination.data_format_conversion_configuration ?? destination.DataFormatConversionConfiguration)[0];
    return conversion !== undefined && flag(conversion.enabled ?? conversion.Enabled, 'format conversion enabled') !== false;
  });
}

/** The subnets of a destination delivering into a VPC (OpenSearch, Elasticsearch), or 0. */
function vpcSubnets(attributes: Record<string, unknown>): number {
  const destinations = [
    ...records(attributes.elasticsearch_configuration ?? attributes.ElasticsearchDestinationConfiguration),
    ...records(attributes.opensearch_configuration ?? attributes.AmazonopensearchserviceDestinationConfiguration),
  ];
  const vpc = destinations.flatMap((destination) => records(destination.vpc_config ?? destination.VpcConfiguration))[0];
  if (!vpc) return 0;
  const subnets = vpc.subnet_ids ?? vpc.SubnetIds;
  if (isUnknown(subnets)) throw new Unpriced(`the VPC delivery subnets are not known before apply (${subnets.__unknown})`);
  return Array.isArray(subnets) ? subnets.length : 0;
}

/**
 * `aws_kinesis_firehose_delivery_stream`, `AWS::KinesisFirehose::DeliveryStream`: ingestion by
 * tier and format conversion per GB (on use); delivery into a VPC adds hours per availability
 * zone, counted as one per subnet, plus VPC data per GB (on use).
 */
export const firehoseDeliveryStreamPricer: Pricer = {
  types: ['aws_kinesis_firehose_delivery_stream', 'AWS::KinesisFirehose::DeliveryStream'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const ingested = usageOf(context.usage, resource.address, 'monthly_data_ingested_gb');
    const components = firehoseIngestion(resource, context, ingested);
    if (convertsFormat(attributes)) components.push(rowOnUse(resource, context, 'aws_kinesis_firehose_delivery_stream', 'Format conversion', ingested));
    const subnets = vpcSubnets(attributes);
    if (subnets > 0) {
      components.push(rowHours(resource, context, 'aws_kinesis_firehose_delivery_stream', 'VPC AZ delivery', subnets, `VPC AZ delivery × ${subnets} subnets`));
      components.push(rowOnUse(resource, context, 'aws_kinesis_firehose_delivery_stream', 'VPC data', ingested));
    }
    return { components };
  },
};

/** Running application storage each Flink KPU comes with, billed per GB-month (Managed Service for Apache Flink pricing). */
const RUNNING_STORAGE_GB_PER_KPU = 50;

/**
 * `aws_kinesisanalyticsv2_application`, `AWS::KinesisAnalyticsV2::Application`: processing units
 * scale with load and are billed on use (`kinesis_processing_units`); a Flink application also
 * always runs one orchestration KPU, and its running storage (per processing unit) and backups
 * (`durable_application_backup_gb`) are billed on use.
 */
export const kinesisAnalyticsApplicationPricer: Pricer = {
  types: ['aws_kinesisanalyticsv2_application', 'AWS::KinesisAnalyticsV2::Application'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const runtime = requiredText(attributes.runtime_environment ?? attributes.RuntimeEnvironment, 'runtime environment').toUpperCase();
    const units = usageOf(context.usage, resource.address, 'kinesis_processing_units');
    const stream = rowOnUse(resource, context, 'aws_kinesisanalyticsv2_application', 'Processing (stream)', units);
    if (!runtime.startsWith('FLINK')) return { components: [stream] };
    return {
      components: [
        rowComponent(resource, context, 'aws_kinesisanalyticsv2_application', 'Processing (orchestration)', 1),
        stream,
        rowOnUse(resource, context, 'aws_kinesisanalyticsv2_application', 'Running storage', units === undefined ? undefined : units * RUNNING_STORAGE_GB_PER_KPU),
        rowOnUse(resource, context, 'aws_kinesisanalyticsv2_application', 'Backup', usageOf(context.usage, resource.address, 'durable_application_backup_gb')),
      ],
    };
  },
};

/** Amazon MQ's engines as the data spells them. */
const MQ_ENGINES: Record<string, string> = { activemq: 'ActiveMQ', rabbitmq: 'RabbitMQ' };
/** ActiveMQ brokers store on EFS unless told otherwise; RabbitMQ brokers always use EBS. */
const DEFAULT_MQ_STORAGE: Record<string, string> = { ActiveMQ: 'efs', RabbitMQ: 'ebs' };

/**
 * `aws_mq_broker`, `AWS::AmazonMQ::Broker`: broker hours by engine, instance type and deployment
 * mode (a multi-AZ row covers every broker of the deployment); storage per GB on use (`storage_gb`).
 */
export const mqBrokerPricer: Pricer = {
  types: ['aws_mq_broker', 'AWS::AmazonMQ::Broker'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const written = requiredText(attributes.engine_type ?? attributes.EngineType, 'engine type');
    const engine = MQ_ENGINES[written.toLowerCase()];
    if (!engine) throw new Unpriced(`engine "${written}" is not ActiveMQ or RabbitMQ`);
    const instanceType = requiredText(attributes.host_instance_type ?? attributes.HostInstanceType, 'host instance type');
    const mode = (text(attributes.deployment_mode ?? attributes.DeploymentMode, 'deployment mode') ?? 'SINGLE_INSTANCE').toLowerCase();
    const storage = (text(attributes.storage_type ?? attributes.StorageType, 'storage type') ?? DEFAULT_MQ_STORAGE[engine] ?? 'ebs').toUpperCase();
    return {
      components: [
        rowHours(resource, context, 'aws_mq_broker', `Instance usage (${engine}, ${instanceType}, ${mode})`),
        rowOnUse(resource, context, 'aws_mq_broker', `Storage (${engine}, ${storage})`, usageOf(context.usage, resource.address, 'storage_gb')),
      ],
    };
  },
};

/** SNS bills a request per started 64 KB of its payload. */
const SNS_CHUNK_KB = 64;
/** Payload data is billed per GB; a request size is given in KB. */
const KB_PER_GB = 1_000_000;
/** Requests and deliveries each month that the rows' tier names ("over 1M", "over 100k", "over 1k") leave free. */
const SNS_FREE = { requests: 1_000_000, http: 100_000, email: 1_000 };

/** A standard topic's delivery protocols: the usage key counting its subscriptions, the protocols a subscription resource names, the row, and the deliveries one unit of the row is. */
const SNS_DELIVERIES: readonly { key: UsageKey; protocols: readonly string[]; row: string; perUnit: number; free: number }[] = [
  { key: 'http_subscriptions', protocols: ['http', 'https'], row: 'HTTP/HTTPS notifications (over 100k)', perUnit: 100_000, free: SNS_FREE.http },
  { key: 'email_subscriptions', protocols: ['email', 'email-json'], row: 'Email/Email-JSON notifications (over 1k)', perUnit: 100_000, free: SNS_FREE.email },
  { key: 'kinesis_subscriptions', protocols: ['firehose'], row: 'Kinesis Firehose notifications', perUnit: 1_000_000, free: 0 },
  { key: 'mobile_push_subscriptions', protocols: ['application'], row: 'Mobile Push notifications', perUnit: 1_000_000, free: 0 },
  { key: 'macos_subscriptions', protocols: [], row: 'MacOS notifications', perUnit: 1_000_000, free: 0 },
];

/** The subscription resources in the change that subscribe to `topic`. */
function subscriptionsOf(topic: Resource, context: PriceContext): Record<string, unknown>[] {
  return context.siblings
    .filter((sibling) => sibling.type === 'aws_sns_topic_subscription' || sibling.type === 'AWS::SNS::Subscription')
    .map((sibling) => ({ sibling, attributes: attributesOf(sibling) }))
    .filter(({ sibling, attributes }) => referenced(attributes.topic_arn ?? attributes.TopicArn, sibling, context, ['aws_sns_topic', 'AWS::SNS::Topic']) === topic)
    .map(({ attributes }) => attributes);
}

/**
 * `aws_sns_topic`, `AWS::SNS::Topic`: requests and deliveries, on use. A standard topic bills
 * requests per started 64 KB (`monthly_requests`, `request_size_kb`) beyond the first million, and
 * deliveries — requests × subscriptions of each protocol, from the usage file's counts or else the
 * subscription resources in the change — by protocol beyond the free HTTP and email allowances;
 * SQS and Lambda deliveries are free, and SMS is priced by destination country, which the data
 * lacks (left out, noted). A FIFO topic bills published requests and payload, and deliveries to its
 * subscriptions and their payload.
 */
export const snsTopicPricer: Pricer = {
  types: ['aws_sns_topic', 'AWS::SNS::Topic'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const usage = (key: UsageKey) => usageOf(context.usage, resource.address, key);
    const requests = usage('monthly_requests');
    const sizeKb = usage('request_size_kb') ?? SNS_CHUNK_KB;
    const subscriptions = subscriptionsOf(resource, context);
    const scaled = (quantity: number | undefined, by: number) => (quantity === undefined ? undefined : quantity / by);
    if (flag(attributes.fifo_topic ?? attributes.FifoTopic, 'fifo_topic') === true) {
      const payloadGb = requests === undefined ? undefined : (requests * sizeKb) / KB_PER_GB;
      const deliveries = requests === undefined ? undefined : requests * subscriptions.length;
      return {
        components: [
          rowOnUse(resource, context, 'aws_sns_topic', 'FIFO Publish API requests', scaled(requests, 1_000_000)),
          rowOnUse(resource, context, 'aws_sns_topic', 'FIFO Publish API payload', payloadGb),
          rowOnUse(resource, context, 'aws_sns_topic', 'FIFO notifications', scaled(deliveries, 1_000_000)),
          rowOnUse(resource, context, 'aws_sns_topic', 'FIFO notification payload', payloadGb === undefined ? undefined : payloadGb * subscriptions.length),
        ],
      };
    }
    const chunks = requests === undefined ? undefined : requests * Math.max(1, Math.ceil(sizeKb / SNS_CHUNK_KB));
    const protocolOf = (subscription: Record<string, unknown>) => (text(subscription.protocol ?? subscription.Protocol, 'subscription protocol') ?? '').toLowerCase();
    const countOf = (key: UsageKey, protocols: readonly string[]) => usage(key) ?? subscriptions.filter((subscription) => protocols.includes(protocolOf(subscription))).length;
    if (countOf('sms_subscriptions', ['sms']) > 0) context.addNote('SMS deliveries are priced by destination country, which the price data lacks: not included');
    return {
      components: [
        rowOnUse(resource, context, 'aws_sns_topic', 'API requests (over 1M)', scaled(chunks === undefined ? undefined : Math.max(0, chunks - SNS_FREE.requests), 1_000_000)),
        ...SNS_DELIVERIES.map((delivery) => {
          const deliveries = requests === undefined ? undefined : Math.max(0, requests * countOf(delivery.key, delivery.protocols) - delivery.free);
          return rowOnUse(resource, context, 'aws_sns_topic', delivery.row, scaled(deliveries, delivery.perUnit));
        }),
      ],
    };
  },
};

