import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';
import { added, awsResource as resource, US } from './pricer-test-support.js';

/** Monthly figures hand-computed from rows of component-unit-prices.csv (730 hours a month). */
describe('OpenSearch, MSK and Redshift pricers, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // 3 × c4.2xlarge.search 0.587 × 730 = 1,285.53 (Infracost's elasticsearch_domain_test golden shows the same $1,285.53 for 2,190 hours)
    // + 3 dedicated masters (default count) × c4.8xlarge.search 2.347 × 730 = 5,139.93 + gp2 100 GB × 3 data nodes × 0.135 = 40.50
    [
      'OpenSearch domain with dedicated masters and gp2',
      resource('aws_opensearch_domain', { cluster_config: [{ instance_type: 'c4.2xlarge.search', instance_count: 3, dedicated_master_enabled: true, dedicated_master_type: 'c4.8xlarge.search' }], ebs_options: [{ ebs_enabled: true, volume_size: 100, volume_type: 'gp2' }] }),
      1285.53 + 5139.93 + 40.5,
    ],
    // gp3 has no aws_opensearch_domain row: the aws_elasticsearch_domain row 0.122 (same service, renamed) × 200 GB × 2 = 48.80; 2 × 0.587 × 730 = 857.02
    ['OpenSearch gp3 storage from the Elasticsearch row', resource('aws_opensearch_domain', { cluster_config: [{ instance_type: 'c4.2xlarge.search', instance_count: 2 }], ebs_options: [{ ebs_enabled: true, volume_size: 200, volume_type: 'gp3' }] }), 857.02 + 48.8],
    // 3 × 0.587 × 730 = 1,285.53 + io1 1,000 GB × 3 × 0.169 = 507.00 + 10 IOPS × 3 × 0.088 = 2.64
    ['Elasticsearch domain with io1', resource('aws_elasticsearch_domain', { cluster_config: [{ instance_type: 'c4.2xlarge.elasticsearch', instance_count: 3 }], ebs_options: [{ ebs_enabled: true, volume_size: 1000, volume_type: 'io1', iops: 10 }] }), 1285.53 + 507 + 2.64],
    // 1 data node (default count) 0.587 × 730 = 428.51 + 2 UltraWarm ultrawarm1.medium.search 0.238 × 730 × 2 = 347.48 (Infracost's golden: $347.48); EBS off
    ['OpenSearch with UltraWarm, EBS off', resource('aws_opensearch_domain', { cluster_config: [{ instance_type: 'c4.2xlarge.search', warm_enabled: true, warm_type: 'ultrawarm1.medium.search', warm_count: 2 }], ebs_options: [{ ebs_enabled: false }] }), 428.51 + 347.48],
    // CloudFormation: 2 × 0.587 × 730 = 857.02 + magnetic 50 GB × 2 × 0.0669919 = 6.69919
    ['CloudFormation OpenSearch domain', resource('AWS::OpenSearchService::Domain', { ClusterConfig: { InstanceType: 'c4.2xlarge.search', InstanceCount: '2' }, EBSOptions: { EBSEnabled: true, VolumeSize: 50, VolumeType: 'standard' } }), 857.02 + 6.69919],
    // CloudFormation Elasticsearch: ElasticsearchClusterConfig, 1 × 0.587 × 730 = 428.51 + gp2 10 GB × 0.135 = 1.35
    ['CloudFormation Elasticsearch domain', resource('AWS::Elasticsearch::Domain', { ElasticsearchClusterConfig: { InstanceType: 'c4.2xlarge.elasticsearch' }, EBSOptions: { EBSEnabled: 'true', VolumeSize: '10', VolumeType: 'gp2' } }), 428.51 + 1.35],
    // 3 brokers × kafka.t3.small 0.0456027 × 730 = 99.869913 (AWS lists $0.0456 per hour) + 100 GB × 3 × 0.10 = 30.00
    ['MSK cluster', resource('aws_msk_cluster', { number_of_broker_nodes: 3, broker_node_group_info: [{ instance_type: 'kafka.t3.small', storage_info: [{ ebs_storage_info: [{ volume_size: 100 }] }] }] }), 99.869913 + 30],
    // the older ebs_volume_size attribute: 2 × 0.0456027 × 730 = 66.579942 + 50 × 2 × 0.10 = 10.00
    ['MSK cluster with ebs_volume_size', resource('aws_msk_cluster', { number_of_broker_nodes: 2, broker_node_group_info: [{ instance_type: 'kafka.t3.small', ebs_volume_size: 50 }] }), 66.579942 + 10],
    // CloudFormation: 2 × kafka.m5.24xlarge 10.08 × 730 = 14,716.80 + 500 GB × 2 × 0.10 = 100.00
    ['CloudFormation MSK cluster', resource('AWS::MSK::Cluster', { NumberOfBrokerNodes: 2, BrokerNodeGroupInfo: { InstanceType: 'kafka.m5.24xlarge', StorageInfo: { EBSStorageInfo: { VolumeSize: 500 } } } }), 14716.8 + 100],
    // 2 × dc2.large 0.25 × 730 = 365.00 (AWS lists dc2.large at $0.25 per node-hour)
    ['Redshift cluster', resource('aws_redshift_cluster', { node_type: 'dc2.large', cluster_type: 'multi-node', number_of_nodes: 2 }), 365],
    // single-node ignores number_of_nodes: 1 × 0.25 × 730 = 182.50
    ['Redshift single node', resource('aws_redshift_cluster', { node_type: 'dc2.large', cluster_type: 'single-node', number_of_nodes: 4 }), 182.5],
    // CloudFormation RA3: 2 × ra3.4xlarge 3.26 × 730 = 4,759.60; managed storage usage-based, 0 without usage
    ['CloudFormation Redshift RA3', resource('AWS::Redshift::Cluster', { NodeType: 'ra3.4xlarge', ClusterType: 'multi-node', NumberOfNodes: '2' }), 4759.6],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), US);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
    for (const line of cost.lines) for (const part of line.components) expect(part.monthly).toBeCloseTo(part.quantity * part.unitPrice, 9);
  });

  it('prices RA3 managed storage from the usage file', () => {
    const { usage } = parseUsage('resources:\n  aws_redshift_cluster.this:\n    storage_gb: 1000\n', 'usage.yml');
    const cost = priceChanges(added(resource('aws_redshift_cluster', { node_type: 'ra3.4xlarge', number_of_nodes: 2 })), US, { usage });
    // 4,759.60 + 1,000 GB × 0.024 = 24.00
    expect(cost.after).toBeCloseTo(4783.6, 6);
    expect(cost.lines[0]?.components[1]).toMatchObject({ name: 'Managed storage', usageBased: true, quantity: 1000 });
  });

  it.each<[string, number, number, number, number]>([
    // [case, volume GB, throughput MiB/s, data nodes, billed MiB/s in all]
    ['a small volume includes 125 MiB/s', 150, 200, 1, 75],
    ['each data node bills its own volume', 150, 200, 2, 150],
    ['above 170 GB a volume includes 250 MiB/s', 180, 250, 1, 0],
    ['each started 3 TiB includes 250 MiB/s more', 4000, 700, 1, 200],
    ['a throughput within the included is not billed', 5000, 500, 1, 0],
  ])('gp3 throughput: %s', (_name, size, throughput, nodes, billed) => {
    const item = resource('aws_elasticsearch_domain', { cluster_config: [{ instance_type: 'c4.2xlarge.elasticsearch', instance_count: nodes }], ebs_options: [{ ebs_enabled: true, volume_size: size, volume_type: 'gp3', throughput }] });
    const cost = priceChanges(added(item), US);
    expect(cost.unpriced).toEqual([]);
    const part = cost.lines[0]?.components.find((candidate) => candidate.name.startsWith('Throughput (gp3)'));
    // the data's Throughput (gp3) row: 0.064 per MiB/s-month
    expect(part?.quantity ?? 0).toBe(billed);
    if (part) expect(part.unitPrice).toBeCloseTo(0.064, 9);
    expect(cost.lines[0]).toMatchObject({ approximate: true });
    expect(cost.lines[0]?.note).toMatch(/assumed included/);
  });

  it('keeps gp3 throughput at the included 125 MiB/s exact', () => {
    const cost = priceChanges(added(resource('aws_elasticsearch_domain', { cluster_config: [{ instance_type: 'c4.2xlarge.elasticsearch' }], ebs_options: [{ ebs_enabled: true, volume_size: 150, volume_type: 'gp3', throughput: 125 }] })), US);
    // 0.587 × 730 = 428.51 + 150 GB × 0.122 = 18.30
    expect(cost.after).toBeCloseTo(428.51 + 18.3, 6);
    expect(cost.lines[0]?.approximate).toBeFalsy();
  });

  it('says when MSK broker storage is not set, and marks the line approximate', () => {
    const cost = priceChanges(added(resource('aws_msk_cluster', { number_of_broker_nodes: 3, broker_node_group_info: [{ instance_type: 'kafka.t3.small' }] })), US);
    expect(cost.after).toBeCloseTo(99.869913, 6);
    expect(cost.lines[0]).toMatchObject({ approximate: true, note: 'broker storage size is not set; storage is not priced' });
  });
});

describe('unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['OpenSearch type the data lacks', resource('aws_opensearch_domain', { cluster_config: [{ instance_type: 'r6g.large.search' }] }), /no price for OpenSearch instance type r6g.large.search in us-east-1/],
    ['OpenSearch without an instance type', resource('aws_opensearch_domain', { cluster_config: [{ instance_count: 2 }] }), /data node instance type is not set/],
    ['OpenSearch negative node count', resource('aws_opensearch_domain', { cluster_config: [{ instance_type: 'c4.2xlarge.search', instance_count: -3 }] }), /instance count is negative/],
    ['OpenSearch absurd volume', resource('aws_opensearch_domain', { cluster_config: [{ instance_type: 'c4.2xlarge.search' }], ebs_options: [{ ebs_enabled: true, volume_size: 1e12 }] }), /implausibly large/],
    ['OpenSearch gp3 IOPS above the included', resource('aws_opensearch_domain', { cluster_config: [{ instance_type: 'c4.2xlarge.search' }], ebs_options: [{ ebs_enabled: true, volume_size: 100, volume_type: 'gp3', iops: 4000 }] }), /gp3 IOPS above the included 3000 \(4000\)/],
    ['OpenSearch in a region the data lacks', resource('aws_opensearch_domain', { cluster_config: [{ instance_type: 'c4.2xlarge.search' }] }, 'eu-west-1'), /in eu-west-1 .*cost.fallback-region/],
    ['MSK broker type the data lacks', resource('aws_msk_cluster', { number_of_broker_nodes: 3, broker_node_group_info: [{ instance_type: 'kafka.m5.large' }] }), /no price for MSK broker instance type kafka.m5.large/],
    ['MSK broker count from a variable', resource('aws_msk_cluster', { number_of_broker_nodes: unknownValue('var.brokers'), broker_node_group_info: [{ instance_type: 'kafka.t3.small' }] }), /number of broker nodes is not known before apply \(var.brokers\)/],
    ['MSK provisioned throughput', resource('aws_msk_cluster', { number_of_broker_nodes: 3, broker_node_group_info: [{ instance_type: 'kafka.t3.small', storage_info: [{ ebs_storage_info: [{ volume_size: 100, provisioned_throughput: [{ enabled: true, volume_throughput: 250 }] }] }] }] }), /provisioned storage throughput/],
    ['Redshift node type the data lacks', resource('aws_redshift_cluster', { node_type: 'ra3.xlplus', number_of_nodes: 2 }), /no price for Redshift node type ra3.xlplus in us-east-1/],
    ['Redshift non-numeric node count', resource('aws_redshift_cluster', { node_type: 'dc2.large', number_of_nodes: 'many' }), /number of nodes is not a number/],
  ])('%s', (_name, item, reason) => {
    const cost = priceChanges(added(item), US);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced).toHaveLength(1);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});
