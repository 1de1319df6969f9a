import { describe, expect, it } from 'vitest';
import type { ResourceChange } from '../../diff/model.js';
import { autoscalingBounds } from './autoscaling-bounds.js';
import { added, changed, costLine, costOf, findings, resource, runRule } from './test-support.js';

const lines = { min_size: 4, max_size: 5 };

describe('autoscaling-bounds', () => {
  const asg = (attributes: Record<string, unknown>) => resource('aws_autoscaling_group', 'workers', attributes, { attributeLines: lines });
  const cases: Array<[string, ResourceChange, string[]]> = [
    ['ASG max 50× min', added(asg({ min_size: 2, max_size: 100 })), ['infra/main.tf:5']],
    ['ASG within 10×', added(asg({ min_size: 2, max_size: 20 })), []],
    ['ASG min 0 counts as 1', added(asg({ min_size: 0, max_size: 11 })), ['infra/main.tf:5']],
    ['ASG max from a variable is not guessed', added(asg({ min_size: 1, max_size: { __unknown: 'var.max' } })), []],
    ['ASG without a max', added(asg({ min_size: 1 })), ['infra/main.tf:4']],
    ['CloudFormation group', added(resource('AWS::AutoScaling::AutoScalingGroup', 'Workers', { Properties: { MinSize: '1', MaxSize: '50' } }, { file: 'stack.yml', line: 3 })), ['stack.yml:3']],
    ['EKS node group', added(resource('aws_eks_node_group', 'ng', { scaling_config: [{ min_size: 1, desired_size: 2, max_size: 30 }] }, { attributeLines: { 'scaling_config.0.max_size': 9 } })), ['infra/main.tf:9']],
    ['HPA 2 → 40', added(resource('HorizontalPodAutoscaler', 'web', { spec: { minReplicas: 2, maxReplicas: 40 } }, { file: 'k8s/hpa.yaml' })), ['k8s/hpa.yaml:1']],
    ['HPA without max is left to k8s-hpa', added(resource('HorizontalPodAutoscaler', 'web', { spec: { minReplicas: 2 } })), []],
    ['a change that leaves the bounds alone', changed(asg({ min_size: 1, max_size: 100 }), asg({ min_size: 1, max_size: 100, tags: {} }), ['tags']), []],
    ['a change that raises the max', changed(asg({ min_size: 1, max_size: 5 }), asg({ min_size: 1, max_size: 100 }), ['max_size']), ['infra/main.tf:5']],
  ];
  it.each(cases)('%s', (_name, change, expected) => {
    expect(findings(runRule(autoscalingBounds, { resources: [change] })).map((finding) => `${finding.file}:${finding.line}`)).toEqual(expected);
  });

  it('names the bounds and the monthly cost at min and max', () => {
    const change = added(asg({ min_size: 2, max_size: 100 }));
    const cost = costOf([costLine('aws_autoscaling_group.workers', 0, 140.16, { range: { low: 140.16, high: 7008 } })]);
    expect(findings(runRule(autoscalingBounds, { resources: [change], cost }))[0]?.message).toBe(
      'aws_autoscaling_group.workers may scale from 2 to 100, over 10× its minimum; at max it costs about $7,008.00 a month against $140.16 at min (estimate).',
    );
    expect(findings(runRule(autoscalingBounds, { resources: [change], cost, options: { 'max-ratio': 60 } }))).toEqual([]);
  });
});
