import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import type { ResourceChange } from '../../diff/model.js';
import { costAllocationTags, defaultTagKeys } from './cost-allocation-tags.js';
import { added, changed, costLine, costOf, findings, resource, runRule } from './test-support.js';

const allTags = { environment: 'prod', project: 'shop', owner: 'team-a' };

describe('cost-allocation-tags', () => {
  it('reads the keys of a provider default_tags block', () => {
    const source = 'provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = {\n      Environment = "prod"\n      "project"   = "shop"\n      owner = var.owner\n    }\n  }\n}\n';
    expect(defaultTagKeys(source)).toEqual(['Environment', 'project', 'owner']);
    expect(defaultTagKeys('provider "aws" { default_tags {')).toEqual([]);
  });

  const instance = (attributes: Record<string, unknown>, file = 'infra/main.tf') => resource('aws_instance', 'api', { instance_type: 't3.micro', ...attributes }, { file, attributeLines: { tags: 6 } });
  const cost = costOf([costLine('aws_instance.api', 0, 7.59), costLine('stack.yml#Web', 0, 7.59)], { unpriced: [{ address: 'aws_autoscaling_group.w', type: 'aws_autoscaling_group', reason: 'r' }] });
  const provider = (path: string): ChangedFile => ({ path, status: 'modified', after: 'provider "aws" {\n  default_tags {\n    tags = { environment = "prod", project = "shop", owner = "a" }\n  }\n}\n' });
  const cases: Array<[string, ResourceChange[], ChangedFile[], Record<string, unknown>, string[]]> = [
    ['an instance without tags', [added(instance({}))], [], {}, ['environment, project, owner']],
    ['an instance with every tag, any case', [added(instance({ tags: { Environment: 'p', PROJECT: 's', owner: 'o' } }))], [], {}, []],
    ['a plan resource with tags_all from default_tags', [added(instance({ tags: { Name: 'api' }, tags_all: { Name: 'api', ...allTags } }))], [], {}, []],
    ['default_tags in a changed provider of the same root', [added(instance({}))], [provider('infra/providers.tf')], {}, []],
    ['default_tags in another root do not count', [added(instance({}))], [provider('other/providers.tf')], {}, ['environment, project, owner']],
    ['a configured list', [added(instance({ tags: { owner: 'o' } }))], [], { required: ['owner', 'cost-center'] }, ['cost-center']],
    ['an empty list turns it off', [added(instance({}))], [], { required: [] }, []],
    ['a CloudFormation resource with Tags', [added(resource('AWS::EC2::Instance', 'Web', { Properties: { Tags: [{ Key: 'environment', Value: 'p' }] } }))], [], {}, ['project, owner']],
    ['an autoscaling group with tag blocks', [added(resource('aws_autoscaling_group', 'w', { tag: [{ key: 'environment' }, { key: 'project' }, { key: 'owner' }] }))], [], {}, []],
    ['a resource that costs nothing', [added(resource('aws_security_group', 'sg', {}))], [], {}, []],
    ['a changed resource', [changed(instance({ tags: {} }), instance({}), ['tags'])], [], {}, []],
  ];
  it.each(cases)('%s', (_name, resources, files, options, expected) => {
    const found = findings(runRule(costAllocationTags, { resources, files, cost, options }));
    expect(found.map((finding) => /tags? (.*);/.exec(finding.message)?.[1])).toEqual(expected);
  });

  it('points at the tags line and gives a one-line fix', () => {
    expect(findings(runRule(costAllocationTags, { resources: [added(instance({ tags: { Name: 'api', owner: 'o' } }))], cost }))).toEqual([
      {
        message: 'aws_instance.api lacks the cost allocation tags environment, project; its spend cannot be attributed.',
        fix: 'Add environment, project to tags (provider default_tags count).',
        file: 'infra/main.tf',
        line: 6,
        resource: 'aws_instance.api',
      },
    ]);
  });
});
