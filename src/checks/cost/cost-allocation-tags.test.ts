import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import type { ResourceChange } from '../../diff/model.js';
import { parseIac } from '../../iac/parse.js';
import { costAllocationTags } from './cost-allocation-tags.js';
import { added, changed, costLine, costOf, findings, resource, runRule } from './test-support.js';

const allTags = { environment: 'prod', project: 'shop', owner: 'team-a' };

describe('cost-allocation-tags', () => {
  const instance = (attributes: Record<string, unknown>, meta: Record<string, unknown> = {}) => resource('aws_instance', 'api', { instance_type: 't3.micro', ...attributes }, { file: 'infra/main.tf', attributeLines: { tags: 6 }, meta: { source: 'hcl', ...meta } });
  const cost = costOf([costLine('aws_instance.api', 0, 7.59), costLine('stack.yml#Web', 0, 7.59)], { unpriced: [{ address: 'aws_autoscaling_group.w', type: 'aws_autoscaling_group', reason: 'r' }] });
  const unknown = { __unknown: 'var.default_tags (no value given)' };
  const cases: Array<[string, ResourceChange[], Record<string, unknown>, string[]]> = [
    ['an instance without tags', [added(instance({}))], {}, ['environment, project, owner']],
    ['an instance with every tag, any case', [added(instance({ tags: { Environment: 'p', PROJECT: 's', owner: 'o' } }))], {}, []],
    ['a plan resource with tags_all from default_tags', [added(instance({ tags: { Name: 'api' }, tags_all: { Name: 'api', ...allTags } }))], {}, []],
    ['default_tags of its provider', [added(instance({ tags: { owner: 'o' } }, { providerDefaultTags: { Environment: 'prod', project: { __unknown: 'var.project' } } }))], {}, []],
    ['default_tags of its provider that lack one', [added(instance({}, { providerDefaultTags: { environment: 'prod', owner: 'o' } }))], {}, ['project']],
    ['default_tags not known before apply: cannot tell', [added(instance({}, { providerDefaultTags: unknown }))], {}, []],
    ['own tags not known before apply: cannot tell', [added(instance({ tags: unknown }))], {}, []],
    ['a configured list', [added(instance({ tags: { owner: 'o' } }))], { required: ['owner', 'cost-center'] }, ['cost-center']],
    ['an empty list turns it off', [added(instance({}))], { required: [] }, []],
    ['a CloudFormation resource with Tags', [added(resource('AWS::EC2::Instance', 'Web', { Properties: { Tags: [{ Key: 'environment', Value: 'p' }] } }))], {}, ['project, owner']],
    ['an autoscaling group with tag blocks', [added(resource('aws_autoscaling_group', 'w', { tag: [{ key: 'environment' }, { key: 'project' }, { key: 'owner' }] }))], {}, []],
    ['a resource that costs nothing', [added(resource('aws_security_group', 'sg', {}))], {}, []],
    ['a changed resource', [changed(instance({ tags: {} }), instance({}), ['tags'])], {}, []],
  ];
  it.each(cases)('%s', (_name, resources, options, expected) => {
    const found = findings(runRule(costAllocationTags, { resources, cost, options }));
    expect(found.map((finding) => /tags? (.*);/.exec(finding.message)?.[1])).toEqual(expected);
  });

  it('counts default_tags of a provider in an unchanged file of the root, and only of the provider that manages the resource', () => {
    const files: ChangedFile[] = [{ path: 'infra/main.tf', status: 'added', after: 'resource "aws_instance" "api" {\n  instance_type = "t3.micro"\n}\nresource "aws_instance" "dr" {\n  provider      = aws.dr\n  instance_type = "t3.micro"\n}\n' }];
    const context = [{ path: 'infra/providers.tf', text: 'provider "aws" {\n  default_tags {\n    tags = { environment = "prod", project = "shop", owner = "a" }\n  }\n}\nprovider "aws" {\n  alias = "dr"\n}\n' }];
    const { head } = parseIac(files, { context });
    const resources = head.map((after) => added(after));
    const drCost = costOf([costLine('aws_instance.api', 0, 7.59), costLine('aws_instance.dr', 0, 7.59)]);
    expect(findings(runRule(costAllocationTags, { resources, cost: drCost })).map((finding) => finding.resource)).toEqual(['aws_instance.dr']);
  });

  it('points at the tags line and gives a one-line fix', () => {
    expect(findings(runRule(costAllocationTags, { resources: [added(instance({ tags: { Name: 'api', owner: 'o' } }))], cost }))).toEqual([
      {
        message: 'aws_instance.api lacks the cost allocation tags environment, project; its spend cannot be attributed.',
        fix: 'Add environment, project to tags (provider default_tags count).',
        file: 'infra/main.tf',
        line: 6,
        resource: 'aws_instance.api',
        key: 'tags',
      },
    ]);
  });
});
