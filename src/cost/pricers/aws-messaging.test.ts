import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';
import { added, awsResource, expectPricedAt, priceAdded, terraformResource, US } from './pricer-test-support.js';

/** Monthly figures hand-computed from rows of component-unit-prices.csv (730 hours a month). */
describe('streaming and messaging pricers, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // 4 shards × 730 × 0.015 = 43.80
    ['provisioned Kinesis stream', awsResource('aws_kinesis_stream', { stream_mode_details: [{ stream_mode: 'PROVISIONED' }], shard_count: 4 }), 43.8],
    // no stream_mode_details: provisioned, 1 × 730 × 0.015 = 10.95
    ['Kinesis stream without a mode', awsResource('aws_kinesis_stream', { shard_count: 1 }), 10.95],
    // 730 × 0.04 = 29.20; data in and out on use
    ['on-demand Kinesis stream', awsResource('aws_kinesis_stream', { stream_mode_details: [{ stream_mode: 'ON_DEMAND' }] }), 29.2],
    // CloudFormation: 2 × 730 × 0.015 = 21.90
    ['CloudFormation Kinesis stream', awsResource('AWS::Kinesis::Stream', { ShardCount: 2 }), 21.9],
    // eu-west-2 rows: VPC AZ delivery 2 subnets × 730 × 0.011 = 16.06; ingestion and conversion on use
    [
      'Firehose delivering into a VPC',
      awsResource('aws_kinesis_firehose_delivery_stream', { destination: 'elasticsearch', elasticsearch_configuration: [{ vpc_config: [{ subnet_ids: ['a', 'b'] }] }] }, 'eu-west-2'),
      16.06,
    ],
    // eu-west-2: one orchestration KPU, 92.71 a month
    ['Flink application', awsResource('aws_kinesisanalyticsv2_application', { runtime_environment: 'FLINK-1_8' }, 'eu-west-2'), 92.71],
    // SQL applications only pay for the KPUs they use
    ['SQL application', awsResource('aws_kinesisanalyticsv2_application', { runtime_environment: 'SQL-1_0' }, 'eu-west-2'), 0],
    // ActiveMQ mq.t2.micro single instance: 730 × 0.03 = 21.90
    ['ActiveMQ broker', awsResource('aws_mq_broker', { engine_type: 'ActiveMQ', host_instance_type: 'mq.t2.micro' }), 21.9],
    // RabbitMQ mq.m5.xlarge cluster: 730 × 1.728 = 1,261.44
    ['RabbitMQ cluster', awsResource('aws_mq_broker', { engine_type: 'RabbitMQ', host_instance_type: 'mq.m5.xlarge', deployment_mode: 'CLUSTER_MULTI_AZ' }), 1261.44],
    // CloudFormation ActiveMQ active/standby mq.m5.large: 730 × 0.576 = 420.48
    ['CloudFormation ActiveMQ pair', awsResource('AWS::AmazonMQ::Broker', { EngineType: 'ACTIVEMQ', HostInstanceType: 'mq.m5.large', DeploymentMode: 'ACTIVE_STANDBY_MULTI_AZ' }), 420.48],
  ])('%s', (_name, item, expected) => expectPricedAt(item, expected));

  it('splits Firehose ingestion into its tiers', () => {
    const cost = priceAdded(awsResource('aws_kinesis_firehose_delivery_stream', { destination: 'extended_s3' }, 'eu-west-2'), { monthly_data_ingested_gb: 600_000 });
    // 512,000 GB × 0.035 = 17,920 + 88,000 GB × 0.03 = 2,640
    expect(cost.lines[0]?.components.map((part) => part.quantity)).toEqual([512_000, 88_000]);
    expect(cost.after).toBeCloseTo(20_560, 6);
  });

  it('prices broker storage from the usage file', () => {
    // 21.90 + ActiveMQ EFS 20 GB × 0.30 = 6.00
    const cost = priceAdded(awsResource('aws_mq_broker', { engine_type: 'ActiveMQ', host_instance_type: 'mq.t2.micro' }), { storage_gb: 20 });
    expect(cost.after).toBeCloseTo(27.9, 6);
  });
});

describe('streaming and messaging: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['provisioned stream without shards', awsResource('aws_kinesis_stream', { stream_mode_details: [{ stream_mode: 'PROVISIONED' }] }), /needs its shard_count/],
    ['broker engine neither ActiveMQ nor RabbitMQ', awsResource('aws_mq_broker', { engine_type: 'Kafka', host_instance_type: 'mq.m5.large' }), /not ActiveMQ or RabbitMQ/],
    ['broker size the data lacks', awsResource('aws_mq_broker', { engine_type: 'RabbitMQ', host_instance_type: 'mq.m5.large' }), /RabbitMQ, mq.m5.large, single_instance/],
  ])('%s', (_name, item, reason) => {
    const cost = priceAdded(item);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });

  it('says when Firehose ingestion passes the last tier the data prices', () => {
    const cost = priceAdded(awsResource('aws_kinesis_firehose_delivery_stream', { destination: 'extended_s3' }, 'eu-west-2'), { monthly_data_ingested_gb: 6_000_000 });
    expect(cost.unpriced[0]?.reason).toMatch(/above 5 PB/);
  });
});

describe('Kinesis Data Analytics: quantities from the usage file', () => {
  it.each<[string, string, number]>([
    // orchestration 92.71 + 10 KPU × 92.71 = 927.10 + 10 × 50 GB running storage × 0.12 = 60.00 + 100 GB backup × 0.024 = 2.40
    ['Flink', 'FLINK-1_8', 92.71 + 927.1 + 60 + 2.4],
    // SQL: 10 KPU × 92.71 only
    ['SQL', 'SQL-1_0', 927.1],
  ])('%s application', (_name, runtime, expected) => {
    const cost = priceAdded(awsResource('aws_kinesisanalyticsv2_application', { runtime_environment: runtime }, 'eu-west-2'), { kinesis_processing_units: 10, durable_application_backup_gb: 100 });
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });
});

describe('SNS topics: requests and deliveries', () => {
  const subscription = (name: string, protocol: string, topic: string): Resource =>
    terraformResource('aws_sns_topic_subscription', { protocol, endpoint: 'e', topic_arn: unknownValue(`aws_sns_topic.${topic}.arn`) }, `aws_sns_topic_subscription.${name}`);

  it('bills standard deliveries per protocol beyond the free allowances, from the usage file\'s subscription counts', () => {
    const cost = priceAdded(awsResource('aws_sns_topic', { name: 't' }), {
      monthly_requests: 1000,
      http_subscriptions: 200,
      email_subscriptions: 300,
      kinesis_subscriptions: 4000,
      mobile_push_subscriptions: 5000,
      macos_subscriptions: 6000,
    });
    // HTTP 200K − 100K free = 1 × 0.06; email 300K − 1K = 2.99 × 2.00 = 5.98; Firehose 4M × 0.19 = 0.76; mobile push 5M × 0.50 = 2.50; macOS 6M × 0.50 = 3.00
    expect(cost.after).toBeCloseTo(0.06 + 5.98 + 0.76 + 2.5 + 3, 6);
    expect(cost.lines[0]?.components[0]).toMatchObject({ name: 'API requests (over 1M)', quantity: 0 });
  });

  it('counts a request per started 64 KB beyond the first million', () => {
    // 1M requests of 128 KB = 2M billed requests − 1M free = 1 × 0.50
    const cost = priceAdded(awsResource('aws_sns_topic', { name: 't' }), { monthly_requests: 1_000_000, request_size_kb: 128 });
    expect(cost.after).toBeCloseTo(0.5, 6);
  });

  it('leaves SMS out, saying so', () => {
    const cost = priceAdded(awsResource('aws_sns_topic', { name: 't' }), { monthly_requests: 10, sms_subscriptions: 100 });
    expect(cost.after).toBe(0);
    expect(cost.lines[0]?.note).toMatch(/SMS deliveries are priced by destination country/);
  });

  it('bills a FIFO topic\'s publishes and payload, and deliveries to the subscriptions in the change', () => {
    const topic = terraformResource('aws_sns_topic', { name: 'q.fifo', fifo_topic: true }, 'aws_sns_topic.fifo');
    const items = [topic, subscription('a', 'sqs', 'fifo'), subscription('b', 'sqs', 'fifo'), subscription('c', 'sqs', 'fifo'), subscription('other', 'sqs', 'elsewhere')];
    const { usage } = parseUsage('resources:\n  aws_sns_topic.fifo:\n    monthly_requests: 2000000\n    request_size_kb: 64\n', 'usage.yml');
    const cost = priceChanges(added(...items), US, { usage });
    // 2M × 0.30 per 1M = 0.60; 2M × 64 KB = 128 GB × 0.017 = 2.176; 3 subscriptions: 6M × 0.01 per 1M = 0.06; 384 GB × 0.001 = 0.384
    expect(cost.lines.find((line) => line.address === 'aws_sns_topic.fifo')?.after).toBeCloseTo(0.6 + 2.176 + 0.06 + 0.384, 6);
  });

  it('counts standard deliveries from subscription resources when the usage file gives no counts', () => {
    const topic = terraformResource('aws_sns_topic', { name: 't' }, 'aws_sns_topic.std');
    const { usage } = parseUsage('resources:\n  aws_sns_topic.std:\n    monthly_requests: 1000000\n', 'usage.yml');
    const cost = priceChanges(added(topic, subscription('h', 'https', 'std'), subscription('q', 'sqs', 'std')), US, { usage });
    // 1M HTTPS deliveries − 100K free = 9 × 0.06 = 0.54; SQS deliveries are free
    expect(cost.lines.find((line) => line.address === 'aws_sns_topic.std')?.after).toBeCloseTo(0.54, 6);
  });
});

