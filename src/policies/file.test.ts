import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RULES } from '../checks/registry.js';
import { parsePolicyFile, parsePolicyFiles } from './file.js';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/policies/platform.yml');
const BUILTIN = new Set(RULES.map((rule) => rule.id));

describe('parsePolicyFile', () => {
  it('reads a file of policies with their places', () => {
    const { policies, errors } = parsePolicyFile(readFileSync(FIXTURE, 'utf8'), '.github/tollgate/policies/platform.yml');
    expect(errors).toEqual([]);
    expect(policies.map((policy) => [policy.id, policy.severity, policy.line, policy.judgesChange])).toEqual([
      ['approved-registry', 'error', 3, false],
      ['team-label', 'warning', 15, false],
      ['rds-engines', 'error', 27, false],
      ['big-instances-need-label', 'error', 42, false],
    ]);
    expect(policies[0]?.docs).toBe('https://wiki.example.com/platform/registry');
    expect([...(policies[0]?.match.change ?? [])]).toEqual(['added', 'changed']);
  });

  const policy = (extra: string) => `policies:\n  - id: p\n    title: T\n    severity: error\n    message: M\n    fix: F\n${extra}`;

  it.each<[string, string, string, number, string]>([
    ['a policy without a match', policy('    assert: { path: a, exists: true }\n'), 'policies[0]', 2, 'match is missing here; it is required'],
    ['a severity that is no severity', policy('    match: { kubernetes: Pod }\n    assert: { path: a, exists: true }\n').replace('severity: error', 'severity: fatal'), 'policies[0].severity', 4, '"fatal" is not allowed; use one of: error, warning, notice'],
    ['a match that names no kind', policy('    match: { paths: ["k8s/**"] }\n    assert: { path: a, exists: true }\n'), 'policies[0].match', 7, ''],
    ['an unknown key in match, with a suggestion', policy('    match: { kubernetes: Pod, namespace: [x] }\n    assert: { path: a, exists: true }\n'), 'policies[0].match.namespace', 7, 'did you mean "namespaces"?'],
    ['an invalid regex, at its line', policy('    match: { kubernetes: Pod }\n    assert:\n      path: metadata.name\n      matches: "([a-z"\n'), 'policies[0].assert.matches', 10, 'is not a valid regular expression'],
    ['a path into a list field name typo', policy('    match: { kubernetes: Pod }\n    assert:\n      all:\n        - path: spec.containers[*].image\n          exits: true\n'), 'policies[0].assert.all[0].exits', 11, 'unknown key "exits" (did you mean "exists"?)'],
    ['an id with capitals', policy('    match: { kubernetes: Pod }\n    assert: { path: a, exists: true }\n').replace('id: p', 'id: TeamLabel'), 'policies[0].id', 2, ''],
  ])('refuses %s with file, line and key', (_name, text, key, line, message) => {
    const { policies, errors } = parsePolicyFile(text, 'p.yml');
    expect(policies).toEqual([]);
    expect(errors[0]).toMatchObject({ file: 'p.yml', key, line });
    expect(errors[0]?.message).toContain(message);
  });

  it('refuses a file that is not a mapping of policies', () => {
    expect(parsePolicyFile('- id: x\n', 'p.yml').errors).toEqual([{ file: 'p.yml', line: 1, column: 1, key: '', message: 'a policy file is a mapping with a `policies:` list; see docs/policies.md' }]);
    expect(parsePolicyFile('policies: [\n', 'p.yml').errors[0]?.message).toMatch(/^invalid YAML/);
  });
});

describe('parsePolicyFiles', () => {
  const one = (id: string) => `policies:\n  - id: ${id}\n    title: T\n    severity: notice\n    message: M\n    fix: F\n    match: { terraform: aws_s3_bucket }\n    assert: { path: bucket, exists: true }\n`;

  it('refuses an id used twice across files, and a built-in rule’s id, naming both places', () => {
    const { policies, errors } = parsePolicyFiles([{ path: 'a.yml', text: one('bucket-name') }, { path: 'b.yml', text: one('bucket-name') + one('k8s-image-tag').replace('policies:\n', '') }], BUILTIN);
    expect(policies.map((policy) => `${policy.file}:${policy.id}`)).toEqual(['a.yml:bucket-name']);
    expect(errors.map((error) => `${error.file}:${error.line}: ${error.message}`)).toEqual([
      'b.yml:2: the id "bucket-name" is already used by the policy at a.yml:2; ids must be unique',
      'b.yml:9: "k8s-image-tag" is the id of a built-in rule; give the policy its own id',
    ]);
  });
});

describe('schema/policy.schema.json', () => {
  it('is the schema policy files are validated against (after changing it: `npx vitest run src/policies/file.test.ts --update`)', async () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'policy-schema.json'), 'utf8')) as unknown;
    await expect(`${JSON.stringify(schema, null, 2)}\n`).toMatchFileSnapshot('../../schema/policy.schema.json');
  });

  it('accepts the example file and refuses a misspelt operator, as an editor using it would', () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'policy-schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
    const example = parse(readFileSync(FIXTURE, 'utf8')) as { policies: Array<{ assert: unknown }> };
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    const first = example.policies[0] as { assert: unknown };
    first.assert = { path: 'spec.replicas', gtee: 2 };
    expect(validate(example)).toBe(false);
  });
});
