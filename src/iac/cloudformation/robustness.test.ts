import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCloudFormation } from './template.js';

const FIXTURES = ['vpc-alb-asg.yaml', 'aurora.yaml', 'ecs-fargate.yaml', 'sam-app.yaml', 'nested-stacks.yaml', 's3-cloudfront.yaml', 's3-cloudfront.json'].map((name) => ({
  name,
  text: readFileSync(`test/fixtures/cloudformation/${name}`, 'utf8'),
}));

const FRAGMENTS = ['!Ref', '!If [', '!Sub', '!GetAtt .', ': &a', '*a', '{', '}', '[', ']', '"', "'", '\t', '\n  ', '---\n', 'Fn::If', 'AWS::NoValue', '!Condition', '${', '%', '\u0000'];

/** A fixture with a slice deleted, duplicated or replaced by something syntactically loaded. */
const mutatedFixture = fc
  .record({
    fixture: fc.constantFrom(...FIXTURES),
    start: fc.nat(),
    length: fc.nat({ max: 40 }),
    insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })),
  })
  .map(({ fixture, start, length, insert }) => {
    const at = start % (fixture.text.length + 1);
    return { file: fixture.name, text: fixture.text.slice(0, at) + insert + fixture.text.slice(at + length) };
  });

function assertWellFormed(text: string, file = 'fuzz.yaml'): void {
  const result = parseCloudFormation(text, file, 'head', { region: 'us-east-1', parameters: { Environment: 'prod' } });
  expect(Array.isArray(result.resources)).toBe(true);
  for (const issue of result.issues) {
    expect(issue.file).toBe(file);
    expect(typeof issue.message).toBe('string');
    expect(issue.message).not.toMatch(/\n\s+at /);
  }
  for (const resource of result.resources) expect(resource.endLine).toBeGreaterThanOrEqual(resource.line);
}

describe('parseCloudFormation never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => assertWellFormed(text)), { numRuns: 300 });
  });

  it('on mutated fixtures', () => {
    fc.assert(fc.property(mutatedFixture, ({ text, file }) => assertWellFormed(text, file)), { numRuns: 300 });
  });

  it('on arbitrary data shaped like a template', () => {
    const template = fc.record({
      Parameters: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })),
      Conditions: fc.dictionary(fc.constantFrom('A', 'B', 'C'), fc.jsonValue({ maxDepth: 3 })),
      Mappings: fc.jsonValue({ maxDepth: 3 }),
      Globals: fc.jsonValue({ maxDepth: 3 }),
      Resources: fc.dictionary(fc.string({ maxLength: 6 }), fc.record({ Type: fc.constantFrom('AWS::S3::Bucket', 'AWS::Serverless::Function'), Condition: fc.constantFrom('A', 'B', 'C'), Properties: fc.jsonValue({ maxDepth: 4 }) }, { requiredKeys: ['Type'] })),
    });
    fc.assert(fc.property(template, (value) => assertWellFormed(JSON.stringify(value), 'fuzz.json')), { numRuns: 300 });
  });

  it('on pathological nesting', () => {
    const deep = parseCloudFormation(`Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'deep.yaml', 'head');
    expect(deep.issues).toMatchObject([{ file: 'deep.yaml', line: 5, message: 'nesting is too deep to analyse' }]);
    assertWellFormed(`Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ${'!Base64 ['.repeat(2000)}x${']'.repeat(2000)}\n`);
    assertWellFormed(`{"Mappings": {"M": {"a": {"b": ${'['.repeat(3000)}${']'.repeat(3000)}}}}, "Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"X": {"Fn::FindInMap": ["M", "a", "b"]}, "Y": {"Fn::If": ["C", {"Fn::FindInMap": ["M", "a", "b"]}, 1]}}}}}`);
  });
});

describe('a template with thousands of resources', () => {
  // A per-resource scan of the template's lines took 11 s for 1,500 resources; this one would not
  // finish within the test timeout. The speed itself is not asserted.
  it('reads each resource with its own lines', () => {
    const resources = Array.from({ length: 4000 }, (_, index) => `  Queue${index}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q-${index}\n      VisibilityTimeout: 30\n`);
    const result = parseCloudFormation(`Resources:\n${resources.join('')}`, 'big.yaml', 'head');
    expect(result.resources).toHaveLength(4000);
    const last = result.resources[3999];
    expect(last?.attributeLines).toEqual({ Type: 2 + 3999 * 5 + 1, Properties: 2 + 3999 * 5 + 2, 'Properties.QueueName': 2 + 3999 * 5 + 3, 'Properties.VisibilityTimeout': 2 + 3999 * 5 + 4 });
  });
});
