import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../model.js';
import { cloudFormationSuppressions } from './suppressions.js';
import { parseCloudFormation } from './template.js';

function resourceWithMetadata(metadata: unknown, kind: Resource['kind'] = 'cloudformation'): Resource {
  return { kind, type: 'AWS::S3::Bucket', address: 't.yaml#B', attributes: { Type: 'AWS::S3::Bucket', Properties: {}, Metadata: metadata }, file: 't.yaml', line: 7, endLine: 12, meta: { logicalId: 'B' } };
}

describe('cloudFormationSuppressions', () => {
  it('reads the fixtures, at the line of each resource', () => {
    const sam = parseCloudFormation(readFileSync('test/fixtures/cloudformation/sam-app.yaml', 'utf8'), 'sam-app.yaml', 'head');
    const line = readFileSync('test/fixtures/cloudformation/sam-app.yaml', 'utf8').split('\n').indexOf('  CreateTodoFunction:') + 1;
    expect(cloudFormationSuppressions(sam.resources)).toEqual([
      { file: 'sam-app.yaml', line, endLine: expect.any(Number), ruleId: 'lambda-memory-size', reason: 'image thumbnails need the headroom' },
      { file: 'sam-app.yaml', line, endLine: expect.any(Number), ruleId: 'no-reason-given' },
    ]);
    const site = parseCloudFormation(readFileSync('test/fixtures/cloudformation/s3-cloudfront.json', 'utf8'), 'site.json', 'head');
    expect(cloudFormationSuppressions(site.resources)).toMatchObject([{ file: 'site.json', ruleId: 'cloudfront-waf', reason: 'public documentation, no forms' }]);
  });

  it.each<[string, unknown, number]>([
    ['no Metadata', undefined, 0],
    ['Metadata of another tool', { 'AWS::CloudFormation::Init': {} }, 0],
    ['ignore that is not a list', { tollgate: { ignore: 'cost-delta' } }, 0],
    ['an entry without a rule', { tollgate: { ignore: [{ reason: 'because' }] } }, 0],
    ['an entry with an empty rule', { tollgate: { ignore: [{ rule: '  ', reason: 'because' }] } }, 0],
    ['two entries', { tollgate: { ignore: [{ rule: 'a', reason: 'x' }, { rule: 'b', reason: 'y' }] } }, 2],
    ['entries naming the rule as id', { tollgate: { ignore: [{ id: 'a', reason: 'x' }, { id: '', reason: 'y' }] } }, 1],
  ])('%s → %i suppressions', (_name, metadata, count) => {
    expect(cloudFormationSuppressions([resourceWithMetadata(metadata)])).toHaveLength(count);
  });

  it('leaves out a blank reason so the gate can flag it', () => {
    expect(cloudFormationSuppressions([resourceWithMetadata({ tollgate: { ignore: [{ rule: 'a', reason: '  ' }] } })])).toEqual([{ file: 't.yaml', line: 7, endLine: 12, ruleId: 'a' }]);
  });

  it('only reads CloudFormation resources', () => {
    expect(cloudFormationSuppressions([resourceWithMetadata({ tollgate: { ignore: [{ rule: 'a', reason: 'x' }] } }, 'kubernetes')])).toEqual([]);
  });
});
