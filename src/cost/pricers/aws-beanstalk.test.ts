import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { awsResource, expectPricedAt, priceAdded } from './pricer-test-support.js';

const setting = (namespace: string, name: string, value: unknown) => ({ namespace, name, value });
const environment = (settings: ReturnType<typeof setting>[], region?: string) => awsResource('aws_elastic_beanstalk_environment', { name: 'env', setting: settings }, region);
/** Two t3.small instances behind a network load balancer, with a 100 GB PostgreSQL db.m6g.xlarge database. */
const withDatabase = (extra: ReturnType<typeof setting>[]) =>
  environment([
    setting('aws:ec2:instances', 'InstanceTypes', 't3.small'),
    setting('aws:autoscaling:asg', 'MinSize', 2),
    setting('aws:elasticbeanstalk:environment', 'LoadBalancerType', 'network'),
    setting('aws:rds:dbinstance', 'DBInstanceClass', 'db.m6g.xlarge'),
    setting('aws:rds:dbinstance', 'DBEngine', 'postgres'),
    setting('aws:rds:dbinstance', 'DBAllocatedStorage', 100),
    ...extra,
  ]);

/**
 * Monthly figures hand-computed from the EC2 and RDS price tables and rows of
 * component-unit-prices.csv (730 hours a month).
 */
describe('Elastic Beanstalk environment pricer, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // eu-west-1: t3.small 0.0228 × 730 = 16.644 + NLB 0.0252055 × 730 = 18.400015 (the eu-west-1 NLB row recorded under Beanstalk)
    [
      'one instance behind a network load balancer',
      environment([setting('aws:ec2:instances', 'InstanceTypes', 't3.small'), setting('aws:autoscaling:asg', 'MinSize', 1), setting('aws:elasticbeanstalk:environment', 'LoadBalancerType', 'network')], 'eu-west-1'),
      16.644 + 18.400015,
    ],
    // us-east-1: 2 × t3.small 0.0208 × 730 = 30.368 + NLB 0.0225068 × 730 = 16.429964
    // + PostgreSQL Multi-AZ db.m6g.xlarge 0.636 × 730 = 464.28 + 100 GB × 0.23 (gp2 Multi-AZ, data/list-prices.csv) = 23.00
    [
      'two instances and a Multi-AZ database',
      withDatabase([setting('aws:rds:dbinstance', 'MultiAZDatabase', true)]),
      30.368 + 16.429964 + 464.28 + 23,
    ],
    // the same with a Single-AZ database: PostgreSQL db.m6g.xlarge 0.318 × 730 = 232.14 + 100 GB × 0.115 (gp2 Single-AZ) = 11.50
    [
      'two instances and a Single-AZ database',
      withDatabase([]),
      30.368 + 16.429964 + 232.14 + 11.5,
    ],
    // us-east-1: 4 × (c4.large 0.10 × 730 = 73.00 + io1 root IOPS 300 × 0.065 = 19.50) + classic LB (the default) 0.025 × 730 = 18.25
    [
      'four instances with io1 roots behind the default classic balancer',
      environment([
        setting('aws:autoscaling:launchconfiguration', 'InstanceType', 'c4.large'),
        setting('aws:autoscaling:asg', 'MinSize', '4'),
        setting('aws:autoscaling:launchconfiguration', 'RootVolumeType', 'io1'),
        setting('aws:autoscaling:launchconfiguration', 'RootVolumeIOPS', 300),
      ]),
      4 * (73 + 19.5) + 18.25,
    ],
    // single instance: no load balancer; t3.small 0.0208 × 730 = 15.184 + gp2 root 20 GB × 0.10 = 2.00
    [
      'single-instance environment',
      environment([
        setting('aws:ec2:instances', 'InstanceTypes', 't3.small, t3.medium'),
        setting('aws:elasticbeanstalk:environment', 'EnvironmentType', 'SingleInstance'),
        setting('aws:autoscaling:launchconfiguration', 'RootVolumeSize', 20),
      ]),
      15.184 + 2,
    ],
  ])('%s', (_name, item, expected) => expectPricedAt(item, expected));

  it('gives MinSize–MaxSize as the range, the shared load balancer counted once', () => {
    // us-east-1: each t3.small 15.184; classic LB 18.25; MinSize 1 (default), MaxSize 3
    const cost = priceAdded(environment([setting('aws:ec2:instances', 'InstanceTypes', 't3.small'), setting('aws:autoscaling:asg', 'MaxSize', 3)]));
    expect(cost.lines[0]?.range?.low).toBeCloseTo(15.184 + 18.25, 6);
    expect(cost.lines[0]?.range?.high).toBeCloseTo(3 * 15.184 + 18.25, 6);
  });
});

describe('Elastic Beanstalk: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['no instance type', environment([setting('aws:autoscaling:asg', 'MinSize', 1)]), /no instance type is set/],
    ['a database without a class', environment([setting('aws:ec2:instances', 'InstanceTypes', 't3.small'), setting('aws:rds:dbinstance', 'DBEngine', 'mysql')]), /DBInstanceClass is not set/],
    ['a gateway load balancer', environment([setting('aws:ec2:instances', 'InstanceTypes', 't3.small'), setting('aws:elasticbeanstalk:environment', 'LoadBalancerType', 'gateway')]), /"gateway" is not classic, application or network/],
  ])('%s', (_name, item, reason) => {
    const cost = priceAdded(item);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});
