import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResourceChange } from '../diff/model.js';
import { runGate } from '../gate.js';
import type { Resource } from '../iac/model.js';
import { unknownValue } from '../iac/values.js';
import { changeSet, plainConfig } from '../test-support.js';
import { Catalog } from './catalog.js';
import { cloudOfRegion, fallbackRegion } from './pricing.js';
import { priceChanges } from './price.js';
import { parseUsage } from './usage.js';

function resource(type: string, attributes: Record<string, unknown>, extra: Partial<Resource> = {}): Resource {
  const kind = type.startsWith('AWS::') ? 'cloudformation' : /^[A-Z]/.test(type) ? 'kubernetes' : 'terraform';
  return { kind, type, address: `${type}.this`, attributes, file: 'main.tf', line: 3, endLine: 9, meta: {}, ...extra };
}

function added(after: Resource, siblings: Resource[] = []): ResourceChange[] {
  return [after, ...siblings].map((item) => ({ address: item.address, kind: item.kind, type: item.type, change: 'added', after: item }));
}

const US = { region: 'us-east-1', kubernetesRates: {} };

/** Monthly figures hand-computed from the CSV rows in ../shared/pricing-data (730 hours a month). */
describe('pricers, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // aws-ec2-ondemand.csv m5.xlarge 0.192 × 730 = 140.16; component-unit-prices aws_ebs_volume gp3 0.08 × 50 GB = 4.00
    ['EC2 instance with a gp3 root volume', resource('aws_instance', { instance_type: 'm5.xlarge', root_block_device: [{ volume_size: 50, volume_type: 'gp3' }] }), 144.16],
    // CloudFormation default instance type m1.small 0.044 × 730 = 32.12
    ['CloudFormation instance without InstanceType', resource('AWS::EC2::Instance', { Type: 'AWS::EC2::Instance', Properties: {} }), 32.12],
    // gp2 0.1 × 100 = 10.00
    ['gp2 volume', resource('aws_ebs_volume', { size: 100, type: 'gp2' }), 10],
    // io1 0.125 × 100 = 12.50 + Provisioned IOPS 0.065 × 1000 = 65.00
    ['io1 volume with IOPS', resource('aws_ebs_volume', { size: 100, type: 'io1', iops: 1000 }), 77.5],
    // gp3 0.08 × 100 = 8.00 + throughput (250 − 125) × 0.04 = 5.00
    ['gp3 volume with throughput above baseline', resource('aws_ebs_volume', { size: 100, type: 'gp3', throughput: 250 }), 13],
    // st1 0.045 × 500 = 22.50; sc1 0.015 × 500 = 7.50
    ['st1 volume', resource('AWS::EC2::Volume', { Properties: { Size: '500', VolumeType: 'st1' } }), 22.5],
    ['sc1 volume', resource('aws_ebs_volume', { size: 500, type: 'sc1' }), 7.5],
    // NAT gateway 0.045 × 730 = 32.85 (data processed is usage, 0 without a usage file)
    ['NAT gateway', resource('aws_nat_gateway', {}), 32.85],
    // EIP 0.005 × 730 = 3.65
    ['Elastic IP', resource('aws_eip', { domain: 'vpc' }), 3.65],
    // ALB 0.0225068 × 730 = 16.429964
    ['Application load balancer', resource('aws_lb', { load_balancer_type: 'application' }), 16.429964],
    ['Network load balancer (CloudFormation)', resource('AWS::ElasticLoadBalancingV2::LoadBalancer', { Properties: { Type: 'network' } }), 16.429964],
    // Classic ELB 0.025 × 730 = 18.25
    ['Classic load balancer', resource('aws_elb', {}), 18.25],
    // aws-rds-ondemand-regions.csv PostgreSQL Single-AZ db.m5.large 0.178 × 730 = 129.94 + data/list-prices.csv gp2 Single-AZ 0.115 × 100 = 11.50
    ['RDS instance', resource('aws_db_instance', { engine: 'postgres', instance_class: 'db.m5.large', allocated_storage: 100, storage_type: 'gp2' }), 141.44],
    // MySQL Multi-AZ db.t3.large 0.272 × 730 = 198.56 + io1 Multi-AZ 0.25 × 100 = 25.00 + 1000 IOPS × 0.2 = 200
    ['RDS Multi-AZ io1', resource('AWS::RDS::DBInstance', { Properties: { Engine: 'mysql', DBInstanceClass: 'db.t3.large', MultiAZ: true, AllocatedStorage: '100', StorageType: 'io1', Iops: 1000 } }), 423.56],
    // gp3 0.08 × 100 = 8.00 + data/list-prices.csv IOPS above 3,000: (6,000 − 3,000) × 0.005 = 15.00
    ['gp3 volume with IOPS above the included 3,000', resource('aws_ebs_volume', { size: 100, type: 'gp3', iops: 6000 }), 23],
    // Aurora PostgreSQL db.r4.large 0.29 × 730 = 211.70
    ['Aurora instance', resource('aws_rds_cluster_instance', { engine: 'aurora-postgresql', instance_class: 'db.r4.large' }), 211.7],
    // a read replica whose source is not in the change: priced as MySQL, Single-AZ db.t3.large 0.136 × 730 = 99.28
    ['RDS read replica', resource('aws_db_instance', { instance_class: 'db.t3.large', replicate_source_db: unknownValue('aws_db_instance.source.identifier') }), 99.28],
    // EKS control plane 0.1 × 730 = 73.00
    ['EKS cluster', resource('aws_eks_cluster', {}), 73],
    // EKS node group 3 × (t3.medium 0.0416 × 730 + 20 GB gp2 × 0.1) = 3 × 32.368 = 97.104
    ['EKS node group', resource('aws_eks_node_group', { scaling_config: [{ desired_size: 3, min_size: 2, max_size: 6 }] }), 97.104],
    // ElastiCache 2 × cache.m4.large 0.156 × 730 = 227.76
    ['ElastiCache cluster', resource('aws_elasticache_cluster', { node_type: 'cache.m4.large', num_cache_nodes: 2 }), 227.76],
    // interface endpoint in 2 subnets: 0.01 × 730 × 2 = 14.60; gateway endpoints are free (no line)
    ['Interface VPC endpoint', resource('aws_vpc_endpoint', { vpc_endpoint_type: 'Interface', subnet_ids: ['a', 'b'] }), 14.6],
    // KMS 1.00, Secrets Manager 0.40, hosted zone 0.50 per month
    ['KMS key', resource('aws_kms_key', {}), 1],
    ['Secret', resource('aws_secretsmanager_secret', {}), 0.4],
    ['Hosted zone', resource('aws_route53_zone', {}), 0.5],
    // count = 3 × (t3.medium 0.0416 × 730 = 30.368) = 91.104
    ['count multiplies', resource('aws_instance', { instance_type: 't3.medium' }, { count: 3 }), 91.104],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), US);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
    expect(cost.delta).toBeCloseTo(expected, 6);
    for (const line of cost.lines) for (const part of line.components) expect(part.monthly).toBeCloseTo(part.quantity * part.unitPrice, 9);
  });

  it('prices an ASG at its desired count, with min–max as the range', () => {
    const template = resource('aws_launch_template', { name: 'workers', instance_type: 'c6i.large' }, { address: 'aws_launch_template.workers' });
    const group = resource('aws_autoscaling_group', {
      min_size: 2,
      max_size: 10,
      desired_capacity: 3,
      launch_template: [{ id: unknownValue('aws_launch_template.workers.id'), version: '$Latest' }],
    });
    const cost = priceChanges(added(group, [template]), US);
    // c6i.large 0.085 × 730 = 62.05 per instance: desired 3 → 186.15, range 2 → 124.10 to 10 → 620.50
    expect(cost.lines).toHaveLength(1);
    expect(cost.after).toBeCloseTo(186.15, 6);
    expect(cost.lines[0]?.range).toEqual({ low: 124.1, high: 620.5 });
    expect(cost.range).toEqual({ low: 124.1, high: 620.5 });
  });

  it('shows usage-based components with their unit price and no made-up total', () => {
    const cost = priceChanges(added(resource('aws_lambda_function', { memory_size: 512 })), US);
    expect(cost.after).toBe(0);
    expect(cost.lines[0]?.components).toEqual([
      { name: 'Requests', unit: '1M requests', quantity: 0, unitPrice: 0.2, monthly: 0, usageBased: true },
      { name: 'Duration (512 MB)', unit: 'GB-seconds', quantity: 0, unitPrice: 1.66667e-5, monthly: 0, usageBased: true },
    ]);
  });

  it('prices a read replica as an instance of its own, with the engine of the source it names', () => {
    const source = resource('aws_db_instance', { engine: 'postgres', instance_class: 'db.t3.large', allocated_storage: 20 }, { address: 'aws_db_instance.source' });
    const replica = resource('aws_db_instance', { instance_class: 'db.t3.large', replicate_source_db: unknownValue('aws_db_instance.source.identifier') }, { address: 'aws_db_instance.replica' });
    const line = priceChanges(added(replica, [source]), US).lines.find((item) => item.address === 'aws_db_instance.replica');
    // PostgreSQL Single-AZ db.t3.large 0.145 × 730 = 105.85
    expect(line?.components[0]).toMatchObject({ name: 'Database instance (on-demand, Single-AZ, postgresql, db.t3.large)', monthly: 105.85 });
    expect(line?.approximate).toBeUndefined();
  });

  it('prices each instance of a counted Terraform resource once, not once per instance of the group', () => {
    const tf = 'resource "aws_instance" "web" {\n  count         = 2\n  instance_type = "t3.medium"\n}\n';
    const { cost } = runGate({ config: plainConfig(), changes: changeSet([{ path: 'infra/main.tf', status: 'added', after: tf }]) });
    // 2 instances × t3.medium 0.0416 × 730 = 2 × 30.368
    expect(cost.lines.map((line) => [line.address, line.after])).toEqual([
      ['aws_instance.web[0]', 30.368],
      ['aws_instance.web[1]', 30.368],
    ]);
    expect(cost.after).toBeCloseTo(60.736, 6);
  });

  it('prices usage from a usage file', () => {
    const { usage, errors } = parseUsage('resources:\n  aws_lambda_function.this:\n    monthly_requests: 5000000\n    request_duration_ms: 200\n', 'usage.yml');
    expect(errors).toEqual([]);
    const cost = priceChanges(added(resource('aws_lambda_function', { memory_size: 1024 })), US, { usage });
    // 5M requests × 0.2/1M = 1.00; 5M × 0.2 s × 1 GB = 1,000,000 GB-s × 1.66667e-5 = 16.6667
    expect(cost.after).toBeCloseTo(1 + 16.6667, 4);
  });
});

describe('unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['unknown instance type', resource('aws_instance', { instance_type: unknownValue('var.instance_type') }), /instance_type is not known before apply \(var.instance_type\)/],
    ['instance type the data lacks', resource('aws_instance', { instance_type: 'z9.mega' }), /no price for EC2 instance type z9.mega in us-east-1/],
    ['region the data lacks', resource('aws_instance', { instance_type: 'm5.xlarge' }, { region: 'mx-central-1' }), /in mx-central-1 .*cost.fallback-region/],
    ['licence-included engine', resource('aws_db_instance', { engine: 'sqlserver-se', instance_class: 'db.m5.large', allocated_storage: 20 }), /no sqlserver-se instance prices .*SQL Server licences are not in it/],
    ['negative size', resource('aws_ebs_volume', { size: -5, type: 'gp2' }), /negative/],
    ['absurd size', resource('aws_ebs_volume', { size: 1e12, type: 'gp2' }), /implausibly large/],
    ['non-numeric size', resource('aws_ebs_volume', { size: 'lots', type: 'gp2' }), /not a number/],
    ['count as an expression', resource('aws_instance', { instance_type: 't3.medium' }, { meta: { count: unknownValue('length(var.azs)') } }), /count is not known/],
    ['for_each the parser could not expand', resource('aws_instance', { instance_type: 't3.medium' }, { meta: { instancesUnknown: 'for_each of aws_instance.web is not known before apply (var.names)' } }), /^for_each of aws_instance.web is not known before apply \(var.names\)$/],
    ['type with no pricer', resource('aws_gamelift_fleet', {}), /no pricer for aws_gamelift_fleet/],
    ['flow log delivered to S3', resource('aws_flow_log', { log_destination_type: 's3', log_destination: 'arn:aws:s3:::shop-flow-logs', traffic_type: 'ALL' }), /delivered to s3 are billed per GB as vended logs/],
    ['ASG whose template is not in the change', resource('aws_autoscaling_group', { min_size: 1, max_size: 2, launch_template: [{ name: 'elsewhere' }] }), /launch template is not in this change/],
  ])('%s', (_name, item, reason) => {
    const cost = priceChanges(added(item), US);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced).toHaveLength(1);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
    expect(cost.after).toBe(0);
  });

  it('leaves free resources out of both lists', () => {
    const cost = priceChanges(added(resource('aws_iam_role', {})), US);
    expect(cost).toMatchObject({ lines: [], unpriced: [], catalogDate: null });
  });

  it('leaves the free parts of a VPC out: only the NAT gateway, its address and the flow log\'s log group are priced, and no cost allocation tag is asked of the rest', () => {
    const network = [
      'provider "aws" {',
      '  region = "us-east-1"',
      '}',
      'resource "aws_vpc_dhcp_options" "corp" {',
      '  domain_name         = "corp.internal"',
      '  domain_name_servers = ["AmazonProvidedDNS"]',
      '}',
      'resource "aws_vpc_dhcp_options_association" "corp" {',
      '  vpc_id          = "vpc-0a1b2c3d"',
      '  dhcp_options_id = aws_vpc_dhcp_options.corp.id',
      '}',
      'resource "aws_customer_gateway" "office" {',
      '  bgp_asn    = 65010',
      '  ip_address = "198.51.100.7"',
      '  type       = "ipsec.1"',
      '}',
      'resource "aws_vpn_gateway" "office" {',
      '  vpc_id = "vpc-0a1b2c3d"',
      '}',
      'resource "aws_vpc_block_public_access_options" "account" {',
      '  internet_gateway_block_mode = "block-bidirectional"',
      '}',
      'resource "aws_vpc_block_public_access_exclusion" "egress" {',
      '  vpc_id                          = "vpc-0a1b2c3d"',
      '  internet_gateway_exclusion_mode = "allow-egress"',
      '}',
      'resource "aws_redshift_subnet_group" "warehouse" {',
      '  name       = "warehouse"',
      '  subnet_ids = ["subnet-0a1b", "subnet-0c2d"]',
      '}',
      'resource "aws_cloudwatch_log_group" "flow" {',
      '  name              = "/vpc/flow"',
      '  retention_in_days = 30',
      '  tags              = { environment = "prod", project = "network", owner = "platform" }',
      '}',
      'resource "aws_flow_log" "vpc" {',
      '  vpc_id          = "vpc-0a1b2c3d"',
      '  traffic_type    = "REJECT"',
      '  log_destination = aws_cloudwatch_log_group.flow.arn',
      '  iam_role_arn    = "arn:aws:iam::123456789012:role/flow-logs"',
      '}',
      'resource "aws_eip" "nat" {',
      '  domain = "vpc"',
      '}',
      'resource "aws_nat_gateway" "egress" {',
      '  allocation_id = aws_eip.nat.id',
      '  subnet_id     = "subnet-0a1b"',
      '}',
    ].join('\n');
    const { cost, findings } = runGate({ config: plainConfig(), changes: changeSet([{ path: 'network/main.tf', status: 'added', after: network }]) });
    expect(cost.unpriced).toEqual([]);
    // the flow log into CloudWatch is billed as the log group's ingestion (usage-based, $0 without usage);
    // 730 h × $0.045 (NAT gateway) and 730 h × $0.005 (public IPv4 address)
    expect(cost.lines.map((line) => [line.address, line.after])).toEqual([
      ['aws_cloudwatch_log_group.flow', 0],
      ['aws_eip.nat', 3.65],
      ['aws_nat_gateway.egress', 32.85],
    ]);
    expect(findings.filter((finding) => finding.ruleId === 'cost-allocation-tags').map((finding) => finding.resource)).toEqual(['aws_eip.nat', 'aws_nat_gateway.egress']);
  });

  it('does not open the catalog when nothing priceable changed', () => {
    const catalog = new Catalog(() => {
      throw new Error('catalog read');
    });
    expect(() => priceChanges(added(resource('aws_security_group', {})), US, { catalog })).not.toThrow();
  });
});

describe('regions', () => {
  it('uses the fallback region and marks the line approximate', () => {
    const item = resource('aws_instance', { instance_type: 'm5.xlarge' }, { region: 'mx-central-1' });
    const cost = priceChanges(added(item), { ...US, fallbackRegion: 'us-east-1' });
    expect(cost.after).toBeCloseTo(140.16, 6);
    expect(cost.lines[0]).toMatchObject({ approximate: true, region: 'us-east-1', note: 'us-east-1 prices stand in for mx-central-1' });
  });

  it('takes the fallback of the region’s own cloud: the configured region in its cloud, the data’s home in the others', () => {
    expect([fallbackRegion('mx-central-1', 'us-east-1'), fallbackRegion('japaneast', 'us-east-1'), fallbackRegion('asia-south2', 'us-east-1')]).toEqual(['us-east-1', 'eastus', 'us-central1']);
    expect([fallbackRegion('japaneast', 'westeurope'), fallbackRegion('eu-west-3', 'westeurope'), fallbackRegion('japaneast', undefined)]).toEqual(['westeurope', 'us-east-1', undefined]);
    expect(['us-gov-west-1', 'ap-southeast-2', 'europe-west1', 'northamerica-northeast1', 'eastus2', 'westeurope'].map(cloudOfRegion)).toEqual(['aws', 'aws', 'google', 'google', 'azure', 'azure']);
  });

  it('prices EC2 from the regional snapshot, exactly, outside us-east-1', () => {
    // aws-ec2-ondemand-regions.csv eu-west-1 m5.xlarge 0.214 × 730 = 156.22
    const cost = priceChanges(added(resource('aws_instance', { instance_type: 'm5.xlarge' }, { region: 'eu-west-1' })), US);
    expect(cost.after).toBeCloseTo(156.22, 6);
    expect(cost.lines[0]).toMatchObject({ region: 'eu-west-1' });
    expect(cost.lines[0]?.approximate).toBeUndefined();
    expect(cost.catalogDate).toContain('2024-04-04');
  });

  it('derives a type newer than the regional snapshot from its us-east-1 price and the family ratio, and says so', () => {
    const catalog = new Catalog();
    const derived = catalog.ec2DerivedHourly('eu-west-1', 'm8g.large');
    expect(catalog.ec2Hourly('eu-west-1', 'm8g.large')).toBeUndefined();
    // the regional snapshot predates m8g: the ratio is the median of the region's m6g and m7g ratios
    expect(derived).toMatchObject({ family: 'm6g, m7g' });
    const cost = priceChanges(added(resource('aws_instance', { instance_type: 'm8g.large' }, { region: 'eu-west-1' })), US);
    expect(cost.after).toBeCloseTo((catalog.ec2Hourly('us-east-1', 'm8g.large') ?? 0) * (derived?.ratio ?? 0) * 730, 6);
    expect(cost.lines[0]).toMatchObject({ approximate: true, note: expect.stringMatching(/m8g.large has no eu-west-1 price in the data; derived as its us-east-1 price × [0-9.]+, the eu-west-1\/us-east-1 ratio of m6g, m7g types/) });
  });

  it('prices either-or values as a range, the figure at the highest', () => {
    const item = resource('aws_instance', { instance_type: unknownValue('Fn::If IsProd', ['m5.xlarge', 't3.medium']) });
    const cost = priceChanges(added(item), US);
    // m5.xlarge 140.16, t3.medium 0.0416 × 730 = 30.368
    expect(cost.after).toBeCloseTo(140.16, 6);
    expect(cost.lines[0]?.range).toEqual({ low: 30.368, high: 140.16 });
  });
});

describe('the gate on the plan fixture', () => {
  const plan = readFileSync(new URL('../../test/fixtures/terraform/plan/aws-shop.plan.json', import.meta.url), 'utf8');
  const changes = changeSet([{ path: 'plan/aws-shop.plan.json', status: 'added', after: plan }]);

  it('prices before, after and delta: eu-west-1 instances from the regional data, their volumes from us-east-1', () => {
    const config = plainConfig({ cost: { region: 'us-east-1', fallbackRegion: 'us-east-1', kubernetesRates: {} } });
    const { cost } = runGate({ config, changes });
    const byAddress = Object.fromEntries(cost.lines.map((line) => [line.address, line]));
    // each api instance: eu-west-1 m5.xlarge 0.214 × 730 = 156.22 + 50 GB gp3 × 0.08 (us-east-1, approximate) = 4.00 → 160.22, added
    expect(byAddress['aws_instance.api[0]']).toMatchObject({ before: 0, after: 160.22, delta: 160.22, approximate: true, note: 'us-east-1 prices stand in for eu-west-1' });
    // the removed EIP: 3.65 before, 0 after
    expect(byAddress['aws_eip.legacy']).toMatchObject({ before: 3.65, after: 0, delta: -3.65 });
    // NAT gateway in the us-east-1 provider alias: exact, 32.85
    expect(byAddress['module.vpc.aws_nat_gateway.this[0]']).toMatchObject({ after: 32.85, region: 'us-east-1' });
    // PostgreSQL eu-west-1: Single-AZ db.r6g.large 0.252 × 730 = 183.96 + 100 GB gp3 → Multi-AZ db.r6g.xlarge 1.007 × 730 = 735.11 + 200 GB gp3
    expect(byAddress['aws_db_instance.main']?.components[0]).toMatchObject({ name: 'Database instance (on-demand, Multi-AZ, postgresql, db.r6g.xlarge)', monthly: 735.11 });
    expect(cost.unpriced).toEqual([]);
    expect(Object.keys(byAddress).sort()).toEqual(['aws_db_instance.main', 'aws_eip.legacy', 'aws_instance.api[0]', 'aws_instance.api[1]', 'module.vpc.aws_nat_gateway.this[0]']);
    expect(cost.catalogDate).toContain('2024-04-04 (AWS EC2 on-demand, 31 regions');
    expect(cost.regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('without a fallback region lists eu-west-1 resources whose volumes have only us-east-1 prices as unpriced', () => {
    const { cost } = runGate({ config: plainConfig(), changes });
    expect(cost.unpriced.map((item) => item.address).sort()).toEqual(['aws_db_instance.main', 'aws_eip.legacy', 'aws_instance.api[0]', 'aws_instance.api[1]']);
    expect(cost.delta).toBeCloseTo(32.85, 6);
  });
});

describe('unchanged resources priced from a changed one', () => {
  const gateOn = (path: string, before: string, after: string) => runGate({ config: plainConfig(), changes: changeSet([{ path, status: 'modified', before, after }]) }).cost;

  it('reprices an autoscaling group when only its launch template changed', () => {
    const tf = (type: string) =>
      `resource "aws_launch_template" "web" {\n  image_id      = "ami-0c55b159cbfafe1f0"\n  instance_type = "${type}"\n}\n\nresource "aws_autoscaling_group" "web" {\n  desired_capacity = 2\n  min_size         = 2\n  max_size         = 4\n  launch_template {\n    id      = aws_launch_template.web.id\n    version = "$Latest"\n  }\n}\n`;
    const cost = gateOn('infra/main.tf', tf('t3.medium'), tf('m5.xlarge'));
    // 2 × t3.medium 0.0416 × 730 = 60.736 → 2 × m5.xlarge 0.192 × 730 = 280.32; max 4 → 560.64
    expect(cost.lines).toEqual([
      expect.objectContaining({ address: 'aws_autoscaling_group.web', before: 60.736, after: 280.32, delta: 219.584, range: { low: 280.32, high: 560.64 }, line: 6, note: 'unchanged itself; priced from a resource this change modifies; 2 instances (desired capacity); 2–4 is the range' }),
    ]);
    expect(cost.delta).toBeCloseTo(219.584, 6);
  });

  it('reprices an ECS service when only its task definition grew', () => {
    const tf = (cpu: number, memory: number) =>
      `resource "aws_ecs_task_definition" "api" {\n  family                   = "api"\n  requires_compatibilities = ["FARGATE"]\n  cpu                      = ${cpu}\n  memory                   = ${memory}\n  container_definitions    = "[]"\n}\n\nresource "aws_ecs_service" "api" {\n  name            = "api"\n  task_definition = aws_ecs_task_definition.api.arn\n  desired_count   = 2\n  launch_type     = "FARGATE"\n}\n`;
    const cost = gateOn('infra/main.tf', tf(512, 1024), tf(1024, 2048));
    // 2 × (0.5 × 29.55 + 1 × 3.245) = 36.04 → 2 × (1 × 29.55 + 2 × 3.245) = 72.08
    expect(cost.lines.map((line) => [line.address, line.before, line.after])).toEqual([['aws_ecs_service.api', 36.04, 72.08]]);
  });

  it('reprices a Deployment when only its HPA bounds changed', () => {
    const yaml = (max: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web:1.0.0\n          resources:\n            requests: { cpu: "1", memory: 1Gi }\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  minReplicas: 2\n  maxReplicas: ${max}\n`;
    const cost = gateOn('k8s/web.yaml', yaml(4), yaml(10));
    const line = cost.lines.find((item) => item.address === 'apps/v1/Deployment/shop/web');
    expect(line?.delta).toBe(0);
    expect(line?.range?.high).toBeGreaterThan(0);
    expect(line?.note).toMatch(/^unchanged itself/);
  });

  it('leaves out unchanged resources whose price did not move, and unrelated ones entirely', () => {
    const tf = (description: string) =>
      `resource "aws_instance" "app" {\n  ami           = "ami-0c55b159cbfafe1f0"\n  instance_type = "m5.large"\n}\n\nresource "aws_security_group" "app" {\n  description = "${description}"\n}\n`;
    const cost = gateOn('infra/main.tf', tf('old'), tf('new'));
    expect(cost).toMatchObject({ lines: [], unpriced: [], delta: 0 });
  });
});

describe('billing dimensions the bill shows', () => {
  const line = (changes: ResourceChange[], address: string, options = {}) => priceChanges(changes, US, options).lines.find((item) => item.address === address);

  it('bills an EKS cluster past standard support at the extended-support rate, from the day priced', () => {
    const cluster = resource('aws_eks_cluster', { version: '1.29' });
    // support-calendar.json: 1.29 left standard support on 2025-03-23. Extended: 0.6 × 730 = 438; standard: 0.1 × 730 = 73
    expect(line(added(cluster), 'aws_eks_cluster.this', { today: '2026-12-02' })).toMatchObject({ after: 438, note: 'Kubernetes 1.29 left standard support on 2025-03-23: the cluster bills extended support' });
    expect(line(added(cluster), 'aws_eks_cluster.this', { today: '2025-03-22' })?.after).toBe(73);
    expect(line(added(resource('aws_eks_cluster', { version: '1.35' })), 'aws_eks_cluster.this', { today: '2026-12-02' })?.after).toBe(73);
    expect(line(added(resource('aws_eks_cluster', {})), 'aws_eks_cluster.this')?.after).toBe(73);
    const optedOut = line(added(resource('aws_eks_cluster', { version: '1.29', upgrade_policy: [{ support_type: 'STANDARD' }] })), 'aws_eks_cluster.this', { today: '2026-12-02' });
    expect(optedOut).toMatchObject({ after: 73, note: expect.stringContaining('EKS upgrades the cluster instead') });
  });

  it('adds detailed monitoring: 7 metrics × $0.30 on an instance that turns it on, and on launch configurations by default', () => {
    // m5.large 0.096 × 730 = 70.08 + 7 × 0.3 = 2.10
    expect(line(added(resource('aws_instance', { instance_type: 'm5.large', monitoring: true })), 'aws_instance.this')?.after).toBeCloseTo(72.18, 6);
    expect(line(added(resource('aws_instance', { instance_type: 'm5.large' })), 'aws_instance.this')?.after).toBeCloseTo(70.08, 6);
    const configuration = resource('aws_launch_configuration', { name: 'web', instance_type: 'm5.large' }, { address: 'aws_launch_configuration.web' });
    const group = resource('aws_autoscaling_group', { min_size: 2, max_size: 4, launch_configuration: 'web' });
    // 2 × (70.08 + 2.10) = 144.36
    expect(line(added(group, [configuration]), 'aws_autoscaling_group.this')?.after).toBeCloseTo(144.36, 6);
  });

  it('leaves an instance on a Dedicated Host without its own hours, saying the host bills them', () => {
    const onHost = line(added(resource('aws_instance', { instance_type: 'm5.large', host_id: 'h-0123', root_block_device: [{ volume_size: 20, volume_type: 'gp3' }] })), 'aws_instance.this');
    // only the root volume: 20 × 0.08 = 1.60
    expect(onHost).toMatchObject({ after: 1.6, note: 'runs on a Dedicated Host, whose hours bill the instance; its volumes are its own' });
  });

  it('prices a mixed-instances group: the on-demand base and share, the spot rest at on-demand as an upper bound', () => {
    const template = resource('aws_launch_template', { name: 'web', instance_type: 't3.medium' }, { address: 'aws_launch_template.web' });
    const group = resource('aws_autoscaling_group', {
      min_size: 2,
      max_size: 10,
      desired_capacity: 6,
      mixed_instances_policy: [
        {
          instances_distribution: [{ on_demand_base_capacity: 2, on_demand_percentage_above_base_capacity: 25 }],
          launch_template: [{ launch_template_specification: [{ launch_template_id: unknownValue('aws_launch_template.web.id') }], override: [{ instance_type: 'm5.large' }, { instance_type: 'm5a.large' }] }],
        },
      ],
    });
    const priced = line(added(group, [template]), 'aws_autoscaling_group.this');
    // 6 × m5.large 0.096 × 730 = 420.48; 2 base + ceil(4 × 25%) = 3 on demand, 3 spot
    expect(priced).toMatchObject({ after: 420.48, approximate: true, range: { low: 140.16, high: 700.8 } });
    expect(priced?.note).toContain('3 on demand and 3 spot under its mixed instances policy; spot prices are not in the data, so spot instances are priced on demand, an upper bound');
  });

  it('bills RDS Extended Support per vCPU-hour for an engine past standard support, both Multi-AZ instances', () => {
    const database = (extra: Record<string, unknown>) => resource('aws_db_instance', { engine: 'mysql', instance_class: 'db.m5.large', allocated_storage: 20, ...extra });
    const support = (extra: Record<string, unknown>, today: string) => line(added(database(extra)), 'aws_db_instance.this', { today })?.components.find((part) => part.name.startsWith('Extended support'));
    // support-calendar.json: MySQL 5.7 left standard support on 2024-02-29. m5.large has 2 vCPUs: 2 × 730 × 0.1 = 146 (year 1)
    expect(support({ engine_version: '5.7.44' }, '2024-06-01')).toMatchObject({ name: 'Extended support (mysql 5.7, year 1)', quantity: 1460, monthly: 146 });
    // Multi-AZ: the standby runs the version too, 2 × 146; from the third year twice the rate, 0.2
    expect(support({ engine_version: '5.7.44', multi_az: true }, '2024-06-01')?.monthly).toBe(292);
    expect(support({ engine_version: '5.7.44' }, '2026-12-02')).toMatchObject({ name: 'Extended support (mysql 5.7, year 3)', monthly: 292 });
    expect(support({ engine_version: '8.4.3' }, '2026-12-02')).toBeUndefined();
    expect(support({ engine_version: '5.7.44', engine_lifecycle_support: 'open-source-rds-extended-support-disabled' }, '2026-12-02')).toBeUndefined();
    // Aurora PostgreSQL 13 left standard support on 2026-02-28; db.r6g.large has 2 vCPUs
    const aurora = resource('aws_rds_cluster_instance', { engine: 'aurora-postgresql', engine_version: '13.9', instance_class: 'db.r6g.large' });
    expect(line(added(aurora), 'aws_rds_cluster_instance.this', { today: '2026-12-02' })?.components[1]).toMatchObject({ name: 'Extended support (aurora-postgresql 13, year 1)', monthly: 146 });
  });

  it('bills a global table’s replicas their replicated write capacity in each replica region', () => {
    const table = resource('aws_dynamodb_table', { write_capacity: 10, read_capacity: 20, replica: [{ region_name: 'eu-west-1' }, { region_name: 'us-east-2' }] }, { region: 'us-east-2' });
    // The data has DynamoDB rows for us-east-2 only: without a fallback the eu-west-1 replica leaves the table unpriced
    expect(priceChanges(added(table), US).unpriced[0]?.reason).toMatch(/Replicated write capacity unit \(rWCU\)" in eu-west-1/);
    // us-east-2: WCU 0.4745 × 10 = 4.745, RCU 0.095 × 20 = 1.90; each replica rWCU 0.5295 × 10 = 5.295
    const withFallback = priceChanges(added(table), { ...US, fallbackRegion: 'us-east-2' }).lines[0];
    expect(withFallback?.components.map((part) => part.name)).toEqual(['Write capacity unit (WCU)', 'Read capacity unit (RCU)', 'Data storage', 'Replicated write capacity unit (rWCU, eu-west-1)', 'Replicated write capacity unit (rWCU, us-east-2)']);
    expect(withFallback?.after).toBeCloseTo(4.745 + 1.9 + 2 * 5.295, 6);
    expect(withFallback).toMatchObject({ approximate: true, note: 'us-east-2 prices stand in for eu-west-1' });
  });

  it('finds a launch template inside a module, where the reference omits the module prefix', () => {
    const template = resource('aws_launch_template', { instance_type: 'm5.large' }, { address: 'module.eks.aws_launch_template.this[0]', module: 'module.eks' });
    const nodes = resource('aws_eks_node_group', { scaling_config: [{ desired_size: 1, min_size: 1, max_size: 1 }], launch_template: [{ id: unknownValue('aws_launch_template.this[0].id') }] }, { address: 'module.eks.aws_eks_node_group.this', module: 'module.eks' });
    // m5.large 0.096 × 730 = 70.08
    expect(line(added(nodes, [template]), 'module.eks.aws_eks_node_group.this')?.after).toBeCloseTo(70.08, 6);
    // a template without a type leaves it to the group's instance_types: c5.large 0.085 × 730 = 62.05
    const untyped = { ...template, attributes: {} };
    const typed = { ...nodes, attributes: { ...nodes.attributes, instance_types: ['c5.large'] } };
    expect(line(added(typed, [untyped]), 'module.eks.aws_eks_node_group.this')?.after).toBeCloseTo(62.05, 6);
  });

  it('takes a managed node group’s instance type and disks from its launch template', () => {
    const template = resource('aws_launch_template', { name: 'nodes', instance_type: 'm5.xlarge', block_device_mappings: [{ ebs: [{ volume_size: 100, volume_type: 'gp3' }] }] }, { address: 'aws_launch_template.nodes' });
    const nodes = resource('aws_eks_node_group', { scaling_config: [{ desired_size: 2, min_size: 1, max_size: 3 }], launch_template: [{ id: unknownValue('aws_launch_template.nodes.id'), version: '1' }] });
    // 2 × (m5.xlarge 0.192 × 730 = 140.16 + 100 GB gp3 × 0.08 = 8.00) = 296.32
    expect(line(added(nodes, [template]), 'aws_eks_node_group.this')?.after).toBeCloseTo(296.32, 6);
  });
});
