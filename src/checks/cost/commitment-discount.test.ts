import { describe, expect, it } from 'vitest';
import { Catalog } from '../../cost/catalog.js';
import type { CostComponent } from '../../cost/model.js';
import { priceChanges } from '../../cost/price.js';
import type { ResourceChange } from '../../diff/model.js';
import { runGate } from '../../gate.js';
import type { Resource } from '../../iac/model.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { runChecks } from '../run.js';
import { commitmentDiscount, DEFAULT_DISCOUNT_PERCENT, reservedHourly } from './commitment-discount.js';
import { added, changed, costLine, costOf, findings, resource, runRule } from './test-support.js';

const US = { region: 'us-east-1', kubernetesRates: {} };

/** Changes priced by the real cost stage, so the rule sees the component names the pricers write. */
function run(changes: ResourceChange[], options: Record<string, unknown> = {}) {
  return findings(runRule(commitmentDiscount, { resources: changes, cost: priceChanges(changes, US), options }));
}

const instance = (attributes: Record<string, unknown>, extra: Partial<Resource> = {}) => resource('aws_instance', 'api', attributes, { file: 'prod/main.tf', attributeLines: { instance_type: 4 }, ...extra });

describe('commitment-discount', () => {
  it('defaults to the smallest discount the data’s reserved rows imply', () => {
    const catalog = new Catalog();
    const ec2 = catalog.ec2Hourly('us-east-1', 't3.medium') ?? 0;
    const row = (type: string, name: string) => catalog.component('aws', type, 'us-east-1', name)?.usd ?? 0;
    const discounts = [
      1 - row('aws_instance', 'Instance usage (Linux/UNIX, reserved, t3.medium)') / ec2, // 27.9%
      1 - row('aws_db_instance', 'Database instance (reserved, Multi-AZ, db.t3.large)') / row('aws_db_instance', 'Database instance (on-demand, Multi-AZ, db.t3.large)'), // 29.6%
      1 - row('aws_elasticache_cluster', 'ElastiCache (reserved, cache.m6g.12xlarge)') / row('aws_elasticache_cluster', 'ElastiCache (on-demand, cache.m6g.12xlarge)'), // 31.7%
      1 - row('aws_rds_cluster_instance', 'Database instance (reserved, db.r4.large)') / row('aws_rds_cluster_instance', 'Database instance (on-demand, db.r4.large)'), // 34.5%
      1 - row('aws_autoscaling_group', 'Instance usage (Linux/UNIX, reserved, t3.medium)') / ec2, // 37.3%
    ];
    expect(discounts.map((value) => Math.round(value * 1000) / 10)).toEqual([27.9, 29.6, 31.7, 34.5, 37.3]);
    expect(Math.floor(Math.min(...discounts) * 100)).toBe(DEFAULT_DISCOUNT_PERCENT);
  });

  it('finds the reserved row of an on-demand component, count suffix and all', () => {
    expect(reservedHourly('aws_instance', 'us-east-1', 'Instance usage (Linux/UNIX, on-demand, t3.medium) × 20')).toBe(0.03);
    expect(reservedHourly('aws_db_instance', 'us-east-1', 'Database instance (on-demand, Multi-AZ, db.t3.large)')).toBe(0.191397);
    expect(reservedHourly('aws_instance', 'us-east-1', 'Instance usage (Linux/UNIX, on-demand, m5.4xlarge)')).toBeUndefined();
  });

  it('estimates from an assumed discount where the data has no reserved rate', () => {
    // m5.4xlarge 0.768 × 730 = 560.64 a month; 27% × 12 = 1,816.4736 a year
    expect(run([added(instance({ instance_type: 'm5.4xlarge' }))])).toEqual([
      {
        message:
          'aws_instance.api runs $560.64 a month of steady on-demand compute; a 1-year reserved instance or Savings Plan would save about $1,816.47 a year (estimate, at an assumed 27% discount; the price data has no reserved rate for it).',
        fix: 'Once its size has settled, cover it with a 1-year Savings Plan or reserved instance: a billing purchase, nothing to change in this pull request.',
        file: 'prod/main.tf',
        line: 4,
        resource: 'aws_instance.api',
        key: 'instance_type',
      },
    ]);
    // discount-percent 40: 560.64 × 0.4 × 12 = 2,691.072
    expect(run([added(instance({ instance_type: 'm5.4xlarge' }))], { 'discount-percent': 40 })[0]?.message).toContain('about $2,691.07 a year (estimate, at an assumed 40% discount');
  });

  it('uses the data’s reserved rate where it has one', () => {
    // 20 × t3.medium 0.0416 × 730 = 607.36 a month; (0.0416 − 0.03) × 730 × 20 × 12 = 2,032.32 a year
    const [finding] = run([added(instance({ instance_type: 't3.medium' }, { count: 20 }))]);
    expect(finding?.message).toBe(
      'aws_instance.api runs $607.36 a month of steady on-demand compute; a 1-year reserved instance or Savings Plan would save about $2,032.32 a year (estimate, at the data\'s reserved rate, $0.03/h reserved against $0.0416/h on demand).',
    );
    // MySQL Multi-AZ db.t3.large: 0.272 × 730 = 198.56 a month, under the $500 default. The data's
    // reserved RDS rows name no engine, so the assumed 27% applies: 198.56 × 0.27 × 12 = 643.33 a year
    const database = added(resource('aws_db_instance', 'main', { engine: 'mysql', instance_class: 'db.t3.large', multi_az: true, allocated_storage: 100, storage_type: 'gp3' }, { file: 'prod/db.tf' }));
    expect(run([database])).toEqual([]);
    expect(run([database], { 'min-monthly': 150 })[0]?.message).toContain('$198.56 a month of steady on-demand compute; a 1-year reserved instance or Savings Plan would save about $643.33 a year (estimate, at an assumed 27% discount');
  });

  const compute = (name: string, monthly: number): CostComponent => ({ name, unit: 'hours', quantity: 730, unitPrice: monthly / 730, monthly });
  const big = (address: string, extra = {}) => costLine(address, 0, 1000, { components: [compute('Instance usage (Linux/UNIX, on-demand, m5.8xlarge)', 1000)], ...extra });
  const asg = (attributes: Record<string, unknown>) => resource('aws_autoscaling_group', 'web', attributes, { file: 'prod/main.tf' });
  const cases: Array<[string, ResourceChange[], ReturnType<typeof costLine>[], string[]]> = [
    ['a large new instance', [added(instance({ instance_type: 'm5.8xlarge' }))], [big('aws_instance.api')], ['aws_instance.api']],
    ['an autoscaled group (the line has a range)', [added(asg({ min_size: 2, max_size: 6 }))], [big('aws_autoscaling_group.web', { range: { low: 500, high: 3000 } })], []],
    ['a fixed-size group', [added(asg({ min_size: 2, max_size: 2 }))], [big('aws_autoscaling_group.web')], ['aws_autoscaling_group.web']],
    ['a fixed-size group tagged env = dev', [added(asg({ min_size: 2, max_size: 2, tag: [{ key: 'env', value: 'dev', propagate_at_launch: true }] }))], [big('aws_autoscaling_group.web')], []],
    ['an instance in a non-production path', [added(instance({ instance_type: 'm5.8xlarge' }, { file: 'envs/dev/main.tf' }))], [big('aws_instance.api', { file: 'envs/dev/main.tf' })], []],
    ['a change that lowers the cost', [changed(instance({ instance_type: 'm5.12xlarge' }), instance({ instance_type: 'm5.8xlarge' }), ['instance_type'])], [big('aws_instance.api', { before: 1500, delta: -500 })], []],
    ['a change that raises the cost', [changed(instance({ instance_type: 'm5.4xlarge' }), instance({ instance_type: 'm5.8xlarge' }), ['instance_type'])], [big('aws_instance.api', { before: 560.64, delta: 439.36 })], ['aws_instance.api']],
    ['an unpriced instance (no line)', [added(instance({ instance_type: 'm5.8xlarge' }))], [], []],
    ['storage only: nothing to commit', [added(resource('aws_ebs_volume', 'data', { size: 10000 }))], [costLine('aws_ebs_volume.data', 0, 1000, { components: [{ name: 'Storage (general purpose SSD, gp2)', unit: 'GB-month', quantity: 10000, unitPrice: 0.1, monthly: 1000 }] })], []],
    ['a type sold without commitments', [added(resource('aws_nat_gateway', 'main', {}))], [big('aws_nat_gateway.main')], []],
  ];
  it.each(cases)('%s', (_name, resources, lines, expected) => {
    expect(findings(runRule(commitmentDiscount, { resources, cost: costOf(lines) })).map((finding) => finding.resource)).toEqual(expected);
  });

  it('is suppressed by a tollgate:ignore comment on the reported line', () => {
    const changes = [added(instance({ instance_type: 'm5.4xlarge' }))];
    const context = { files: [], resources: changes, parseIssues: [], cost: priceChanges(changes, US), config: plainConfig() };
    const suppressions = [{ file: 'prod/main.tf', line: 3, ruleId: 'commitment-discount', reason: 'covered by the org Savings Plan' }];
    expect(runChecks([commitmentDiscount], { ...context, suppressions }).findings[0]).toMatchObject({ suppressed: true, suppressionReason: 'covered by the org Savings Plan' });
  });

  it('reads a real CloudFormation template end to end', () => {
    const template = [
      'Resources:',
      '  Cache:',
      '    Type: AWS::ElastiCache::CacheCluster',
      '    Properties:',
      '      Engine: redis',
      '      CacheNodeType: cache.m6g.12xlarge',
      '      NumCacheNodes: 1',
      '',
    ].join('\n');
    const report = runGate({ config: plainConfig(), changes: changeSet([{ path: 'stacks/cache.yaml', status: 'added', after: template }]) });
    const finding = report.findings.find((item) => item.ruleId === 'commitment-discount');
    // cache.m6g.12xlarge 3.557 × 730 = 2,596.61 a month; reserved 2.428: (3.557 − 2.428) × 730 × 12 = 9,890.04 a year
    expect(finding).toMatchObject({ severity: 'notice', file: 'stacks/cache.yaml', line: 6 });
    expect(finding?.message).toContain('$2,596.61 a month of steady on-demand compute; a 1-year reserved instance or Savings Plan would save about $9,890.04 a year');
  });
});
