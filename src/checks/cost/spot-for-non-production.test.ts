import { describe, expect, it } from 'vitest';
import { Catalog } from '../../cost/catalog.js';
import type { ResourceChange } from '../../diff/model.js';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { runChecks } from '../run.js';
import { DEFAULT_DISCOUNT_PERCENT, spotForNonProduction } from './spot-for-non-production.js';
import { added, changed, costLine, costOf, findings, resource, runRule } from './test-support.js';

const staging = { file: 'envs/staging/main.tf' };
const nodeGroup = (attributes: Record<string, unknown>, extra = {}) =>
  resource('aws_eks_node_group', 'workers', { scaling_config: [{ min_size: 2, desired_size: 3, max_size: 6 }], ...attributes }, { attributeLines: { capacity_type: 7 }, ...staging, ...extra });
const group = (attributes: Record<string, unknown>, extra = {}) => resource('aws_autoscaling_group', 'workers', { min_size: 1, max_size: 4, ...attributes }, { ...staging, ...extra });
const template = (attributes: Record<string, unknown>) => resource('aws_launch_template', 'workers', { name: 'workers', instance_type: 'c6i.large', ...attributes }, staging);

describe('spot-for-non-production', () => {
  it('defaults to the discount the data implies: OpenCost spot against on-demand rates', () => {
    const catalog = new Catalog();
    const discount = (spot: 'spot_cpu' | 'spot_ram', onDemand: 'cpu' | 'ram') => 100 * (1 - (catalog.kubernetesRate(spot) ?? 0) / (catalog.kubernetesRate(onDemand) ?? 1));
    // 1 − 0.006655 / 0.031611 = 78.95%; 1 − 0.000892 / 0.004237 = 78.95%
    expect(Math.floor(discount('spot_cpu', 'cpu'))).toBe(DEFAULT_DISCOUNT_PERCENT);
    expect(Math.floor(discount('spot_ram', 'ram'))).toBe(DEFAULT_DISCOUNT_PERCENT);
  });

  const cases: Array<[string, ResourceChange[], string[]]> = [
    ['an on-demand node group under a staging path', [added(nodeGroup({}))], ['envs/staging/main.tf:7']],
    ['an explicit ON_DEMAND node group', [added(nodeGroup({ capacity_type: 'ON_DEMAND' }))], ['envs/staging/main.tf:7']],
    ['a spot node group', [added(nodeGroup({ capacity_type: 'SPOT' }))], []],
    ['a capacity type from a variable is not guessed', [added(nodeGroup({ capacity_type: { __unknown: 'var.capacity' } }))], []],
    ['a node group in production', [added(nodeGroup({}, { file: 'envs/prod/main.tf' }))], []],
    ['a node group tagged Environment = dev', [added(nodeGroup({ tags: { Environment: 'dev' } }, { file: 'infra/eks.tf' }))], ['infra/eks.tf:7']],
    ['an autoscaling group with env tag blocks', [added(group({ tag: [{ key: 'env', value: 'test', propagate_at_launch: true }] }, { file: 'infra/asg.tf' }))], ['infra/asg.tf:1']],
    ['an autoscaling group with a mixed policy at 100% on-demand (the default)', [added(group({ mixed_instances_policy: [{ launch_template: [{}] }] }, { attributeLines: { mixed_instances_policy: 5 } }))], ['envs/staging/main.tf:5']],
    ['an autoscaling group that runs spot above its base', [added(group({ mixed_instances_policy: [{ instances_distribution: [{ on_demand_percentage_above_base_capacity: 0 }] }] }))], []],
    [
      'an autoscaling group whose launch template requests spot',
      [added(group({ launch_template: [{ id: { __unknown: 'aws_launch_template.workers.id' } }] })), added(template({ instance_market_options: [{ market_type: 'spot' }] }))],
      [],
    ],
    ['an autoscaling group whose launch template runs on demand', [added(group({ launch_template: [{ name: 'workers' }] })), added(template({}))], ['envs/staging/main.tf:1']],
    ['a CloudFormation group tagged Environment: staging', [added(resource('AWS::AutoScaling::AutoScalingGroup', 'Workers', { Properties: { MinSize: '1', MaxSize: '3', Tags: [{ Key: 'Environment', Value: 'staging', PropagateAtLaunch: true }] } }, { file: 'stack.yml' }))], ['stack.yml:1']],
    ['a change that only retags a node group', [changed(nodeGroup({ tags: { a: '1' } }), nodeGroup({ tags: { a: '2' } }), ['tags'])], []],
    ['a change that moves a node group off spot', [changed(nodeGroup({ capacity_type: 'SPOT' }), nodeGroup({ capacity_type: 'ON_DEMAND' }), ['capacity_type'])], ['envs/staging/main.tf:7']],
  ];
  it.each(cases)('%s', (_name, resources, expected) => {
    expect(findings(runRule(spotForNonProduction, { resources })).map((finding) => `${finding.file}:${finding.line}`)).toEqual(expected);
  });

  it('follows the configured non-production patterns', () => {
    const qa = [added(nodeGroup({}, { file: 'envs/qa/main.tf' }))];
    expect(findings(runRule(spotForNonProduction, { resources: qa }))).toEqual([]);
    const config = plainConfig({ kubernetes: { nonProduction: ['qa'], helmValues: [] } });
    expect(findings(spotForNonProduction.run({ files: [], resources: qa, parseIssues: [], suppressions: [], cost: costOf([]), options: {}, config }))).toHaveLength(1);
  });

  const compute = { name: 'Instance usage (Linux/UNIX, on-demand, t3.medium)', unit: 'hours', quantity: 2190, unitPrice: 0.0416, monthly: 91.104 };
  const disk = { name: 'Node disk: Storage (general purpose SSD, gp2)', unit: 'GB-month', quantity: 60, unitPrice: 0.1, monthly: 6 };
  const cost = costOf([costLine('aws_eks_node_group.workers', 0, 97.104, { components: [compute, disk] })]);

  it('prices the saving on instance hours only, at the default or the configured discount', () => {
    const [finding] = findings(runRule(spotForNonProduction, { resources: [added(nodeGroup({}))], cost }));
    // 78% of the $91.10 instance hours (the $6 of disk is not discounted) = $71.06
    expect(finding).toEqual({
      message:
        'aws_eks_node_group.workers runs on-demand capacity in a non-production environment (kubernetes.non-production matches its path, module or environment tag); spot capacity would save about $71.06 a month (78% of its $91.10 on-demand instance cost, estimate).',
      fix: 'Set capacity_type = "SPOT" and list several instance_types, so a spot shortage in one type does not stall the group.',
      file: 'envs/staging/main.tf',
      line: 7,
      resource: 'aws_eks_node_group.workers',
      key: 'capacity_type',
    });
    // 60% of $91.104 = $54.66
    const [custom] = findings(runRule(spotForNonProduction, { resources: [added(nodeGroup({}))], cost, options: { 'discount-percent': 60 } }));
    expect(custom?.message).toContain('about $54.66 a month (60% of its $91.10');
  });

  it('without a priced line, states the discount instead of a dollar figure', () => {
    const [finding] = findings(runRule(spotForNonProduction, { resources: [added(group({}))] }));
    expect(finding?.message).toContain('spot capacity would save about 78% of its instance cost (estimate)');
    expect(finding?.fix).toContain('mixed_instances_policy');
  });

  it('is suppressed by a tollgate:ignore comment on the reported line', () => {
    const context = { files: [], resources: [added(nodeGroup({}))], parseIssues: [], cost, config: plainConfig() };
    const suppressions = [{ file: 'envs/staging/main.tf', line: 6, ruleId: 'spot-for-non-production', reason: 'load tests need stable nodes' }];
    expect(runChecks([spotForNonProduction], { ...context, suppressions: [] }).findings[0]?.suppressed).toBe(false);
    expect(runChecks([spotForNonProduction], { ...context, suppressions }).findings[0]).toMatchObject({ suppressed: true, suppressionReason: 'load tests need stable nodes' });
  });

  it('reads a real Terraform file end to end, saving priced from the catalog', () => {
    const hcl = [
      'resource "aws_eks_node_group" "workers" {',
      '  cluster_name    = "staging"',
      '  node_group_name = "workers"',
      '  node_role_arn   = "arn:aws:iam::111122223333:role/nodes"',
      '  subnet_ids      = ["subnet-1"]',
      '  instance_types  = ["m5.xlarge"]',
      '  scaling_config {',
      '    desired_size = 2',
      '    min_size     = 2',
      '    max_size     = 2',
      '  }',
      '}',
      '',
    ].join('\n');
    const report = runGate({ config: plainConfig(), changes: changeSet([{ path: 'envs/staging/eks.tf', status: 'added', after: hcl }]) });
    const finding = report.findings.find((item) => item.ruleId === 'spot-for-non-production');
    // 2 × m5.xlarge 0.192 × 730 = 280.32 of instance hours; 78% = 218.6496
    expect(finding).toMatchObject({ severity: 'notice', file: 'envs/staging/eks.tf', line: 1, resource: 'aws_eks_node_group.workers' });
    expect(finding?.message).toContain('about $218.65 a month (78% of its $280.32 on-demand instance cost');
  });
});
