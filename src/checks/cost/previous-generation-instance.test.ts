import { describe, expect, it } from 'vitest';
import type { ResourceChange } from '../../diff/model.js';
import { previousGenerationInstance, replacementFor } from './previous-generation-instance.js';
import { added, changed, findings, resource, runRule } from './test-support.js';

describe('previous-generation-instance', () => {
  it.each([
    // us-east-1 on-demand: m4.large $0.10, m6i.large $0.096, m6g.large $0.077 an hour (catalog 2026-07-20)
    ['m4.large', 'm6i.large', 2.92, 'm6g.large', 16.79],
    // t2.micro $0.0116, t3.micro $0.0104, t4g.micro $0.0084
    ['t2.micro', 't3.micro', 0.876, 't4g.micro', 2.336],
    // i2.xlarge $0.853, i3.xlarge $0.312; no Graviton successor mapped
    ['i2.xlarge', 'i3.xlarge', 394.93, undefined, undefined],
  ])('%s → %s', (from, to, saving, graviton, gravitonSaving) => {
    const replacement = replacementFor(from, 'us-east-1');
    expect(replacement?.to).toBe(to);
    expect(replacement?.saving).toBeCloseTo(saving, 2);
    expect(replacement?.graviton?.type).toBe(graviton);
    if (gravitonSaving !== undefined) expect(replacement?.graviton?.saving).toBeCloseTo(gravitonSaving, 2);
  });

  it.each(['m6i.large', 't3.micro', 'm1.small', 'not-a-type', ''])('leaves %s alone', (type) => {
    expect(replacementFor(type, 'us-east-1')).toBeUndefined();
  });

  const instance = (type: unknown) => resource('aws_instance', 'api', { instance_type: type }, { attributeLines: { instance_type: 7 } });
  const cases: Array<[string, ResourceChange, string[]]> = [
    ['an added m4 instance', added(instance('m4.large')), ['aws_instance.api:7']],
    ['a current type', added(instance('m6i.large')), []],
    ['a type from a variable', added(instance({ __unknown: 'var.type' })), []],
    ['a change that moves to t2', changed(instance('t3.micro'), instance('t2.micro'), ['instance_type']), ['aws_instance.api:7']],
    ['an existing m4 the change does not touch', changed(instance('m4.large'), instance('m4.large'), ['tags']), []],
    ['an EKS node group list', added(resource('aws_eks_node_group', 'ng', { instance_types: ['m5.large', 'c4.xlarge'] }, { attributeLines: { 'instance_types.1': 4 } })), ['aws_eks_node_group.ng:4']],
    ['a CloudFormation launch template', added(resource('AWS::EC2::LaunchTemplate', 'Tpl', { Properties: { LaunchTemplateData: { InstanceType: 'r4.large' } } }, { attributeLines: { 'Properties.LaunchTemplateData.InstanceType': 11 } })), ['stack.yml#Tpl:11']],
  ];
  it.each(cases)('%s', (_name, change, expected) => {
    expect(findings(runRule(previousGenerationInstance, { resources: [change] })).map((finding) => `${finding.resource}:${finding.line}`)).toEqual(expected);
  });

  it('names the type, the equivalent, the saving and the Graviton option, with a one-line fix', () => {
    expect(findings(runRule(previousGenerationInstance, { resources: [added(instance('m4.large'))] }))).toEqual([
      {
        message: 'aws_instance.api uses m4.large, a previous-generation type: m6i.large is the current-generation equivalent, about $2.92 a month less per instance; m6g.large (Graviton, arm64) saves about $16.79 (estimate).',
        fix: 'Set instance_type to m6i.large (or m6g.large if the workload runs on arm64).',
        file: 'infra/main.tf',
        line: 7,
        resource: 'aws_instance.api',
        key: 'instance_type',
      },
    ]);
  });

  it('says which region priced the saving when the resource is elsewhere', () => {
    const eu = { ...instance('c4.large'), region: 'mx-central-1' };
    expect(findings(runRule(previousGenerationInstance, { resources: [added(eu)] }))[0]?.message).toContain('at us-east-1 prices');
  });
});
