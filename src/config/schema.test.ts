import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RULES } from '../checks/registry.js';
import { buildConfigSchema, type ConfigSchema } from './schema.js';
import base from './schema-base.json' with { type: 'json' };
import { schemaRuleIds } from './validate.js';

function repoFile(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
}

type SchemaNode = Record<string, unknown>;

function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every subschema with its JSON pointer, so a failure names the spot to fix. */
function subschemas(node: unknown, pointer = '#'): [string, SchemaNode][] {
  if (!isSchemaNode(node)) return [];
  const found: [string, SchemaNode][] = [[pointer, node]];
  for (const keyword of ['properties', 'definitions']) {
    const children = node[keyword];
    if (isSchemaNode(children)) for (const [name, child] of Object.entries(children)) found.push(...subschemas(child, `${pointer}/${keyword}/${name}`));
  }
  for (const keyword of ['items', 'then', 'else', 'if']) found.push(...subschemas(node[keyword], `${pointer}/${keyword}`));
  return found;
}

function strictValidator() {
  return new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
}

const schema = buildConfigSchema(RULES) as ConfigSchema & typeof base;

describe('schema/tollgate.schema.json', () => {
  it('is the schema generated from the registry (after adding a rule: `npx vitest run src/config/schema.test.ts --update`)', async () => {
    await expect(`${JSON.stringify(schema, null, 2)}\n`).toMatchFileSnapshot('../../schema/tollgate.schema.json');
  });

  it('is a valid draft-07 schema that compiles in strict mode', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(() => strictValidator()).not.toThrow();
  });

  it('accepts exactly the rule ids of the registry, so a new rule without schema fails CI', () => {
    expect([...schemaRuleIds()].sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it('gives every property a title and a description, for editor completion', () => {
    const properties = subschemas(schema).filter(([pointer]) => /\/(properties|definitions)\/[^/]+$/.test(pointer));
    expect(properties.length).toBeGreaterThan(10);
    const missing = properties.filter(([, node]) => typeof node.title !== 'string' || typeof node.description !== 'string').map(([pointer]) => pointer);
    expect(missing).toEqual([]);
  });

  it('forbids unknown keys in every mapping (a map of named values constrains its key names instead)', () => {
    const objects = subschemas(schema).filter(([, node]) => node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')));
    const isMap = (node: SchemaNode): boolean => isSchemaNode(node.propertyNames) && isSchemaNode(node.additionalProperties);
    const open = objects
      .filter(([, node]) => node.additionalProperties !== false && !isMap(node) && !(isSchemaNode(node.else) && node.else.additionalProperties === false))
      .map(([pointer]) => pointer);
    expect(objects.length).toBeGreaterThan(3);
    expect(open).toEqual([]);
  });

  it('rejects what the docs say it rejects', () => {
    const validate = strictValidator();
    expect(validate({ rules: { No_Such_Rule: 'error' } })).toBe(false);
    expect(validate({ rules: { 'parse-error': { options: {} } } })).toBe(false);
    // Any other lowercase id is a custom policy's: a level, paths and ignore, but no options.
    expect(validate({ rules: { 'team-label': 'warning', 'approved-engines': { level: 'off', paths: ['a/**'] } }, overrides: [{ paths: ['b/**'], rules: { 'team-label': 'off' } }] })).toBe(true);
    expect(validate({ rules: { 'team-label': { level: 'error', options: {} } } })).toBe(false);
    expect(validate({ rules: { 'team-label': { paths: ['a/**'] } } })).toBe(false);
    expect(validate({ 'fail-on': 'sometimes' })).toBe(false);
    expect(validate({ rules: { 'no-committed-artifacts': { options: { allow: ['a'] } } } })).toBe(true);
  });
});

describe('presets', () => {
  it.each(['default', 'strict'])('policies/%s.yml is valid against the schema', (name) => {
    const validate = strictValidator();
    const valid = validate(parse(repoFile(`policies/${name}.yml`)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the default preset sets every registry rule to its built-in severity, and strict-tier rules off', () => {
    const preset = parse(repoFile('policies/default.yml')) as { rules: Record<string, unknown> };
    expect(preset.rules).toEqual(Object.fromEntries(RULES.map((rule) => [rule.id, rule.strictOnly ? 'off' : rule.severity])));
  });

  it('the strict preset extends the default one and turns every strict-tier rule on at its severity', () => {
    const strict = parse(repoFile('policies/strict.yml')) as { rules: Record<string, unknown> };
    expect(strict).toMatchObject({ extends: 'default', 'fail-on': 'warning', rules: { 'parse-error': 'error' } });
    const strictOnly = RULES.filter((rule) => rule.strictOnly);
    expect(strictOnly.length).toBeGreaterThan(0);
    for (const rule of strictOnly) expect([rule.id, strict.rules[rule.id]]).toEqual([rule.id, rule.severity]);
  });
});

describe('docs/config.md', () => {
  const docs = repoFile('docs/config.md');
  it.each([...Object.keys(schema.properties), 'level', 'paths', 'ignore', 'options'])('documents `%s`', (key) => {
    expect(docs).toContain(`\`${key}\``);
  });
});

describe('rule pages', () => {
  const withOptions = RULES.filter((rule) => rule.options !== undefined).map((rule) => [rule.id, rule] as const);
  it.each(withOptions)('docs for %s name every option', (_id, rule) => {
    const page = repoFile(rule.docs);
    for (const option of Object.keys(rule.options ?? {})) expect(page).toContain(`\`${option}\``);
  });
});
