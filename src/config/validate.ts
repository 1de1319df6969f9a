import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { RULES } from '../checks/registry.js';
import type { ConfigError } from './model.js';
import { buildConfigSchema, type ConfigSchema } from './schema.js';
import base from './schema-base.json' with { type: 'json' };
import type { RawConfig } from './raw.js';
import { nearest } from './suggest.js';
import type { YamlSource } from './yaml-source.js';

let compiled: ValidateFunction<RawConfig> | undefined;
let schema: ConfigSchema | undefined;

function configSchema(): ConfigSchema {
  schema ??= buildConfigSchema(RULES);
  return schema;
}

/** Compiled on first use: a run that never reads config should not pay for schema compilation. */
function validator(): ValidateFunction<RawConfig> {
  // allowUnionTypes: a rule's value is a level string or a settings mapping (see the schema).
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile<RawConfig>(configSchema());
  return compiled;
}

const LEVELS: readonly string[] = base.definitions.level.enum;

const MAX_SHOWN_VALUE = 60;

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  array: 'a list',
  object: 'a mapping',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'an empty value',
};

function typeName(type: string): string {
  return TYPE_NAMES[type] ?? type;
}

function segmentsOf(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `rules.no-committed-artifacts.options.allow[0]`: the spelling users see in their file. */
export function dottedKey(segments: readonly string[]): string {
  return segments.reduce((key, segment) => (/^\d+$/.test(segment) ? `${key}[${segment}]` : key ? `${key}.${segment}` : segment), '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function propertyNames(schemaNode: unknown): string[] {
  return isRecord(schemaNode) && isRecord(schemaNode.properties) ? Object.keys(schemaNode.properties) : [];
}

interface Described {
  message: string;
  allowed?: string[];
}

function describeUnknownKey(parent: readonly string[], key: string, allowed: string[]): Described {
  const suggestion = nearest(key, allowed);
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
  // Dozens of rule ids do not fit in one readable line: point to the list instead.
  if (parent.at(-1) === 'rules') return { message: `unknown rule id${hint}; the ${allowed.length} rule ids are listed in the README and under docs/rules/`, allowed };
  // An id the schema has no entry for is taken as a custom policy's, and those take no options.
  const [section, id] = parent;
  if (section === 'rules' && parent.length === 2 && id !== undefined && !schemaRuleIds().includes(id)) {
    const builtIn = nearest(id, schemaRuleIds());
    return { message: `unknown key; "${id}" is no built-in rule${builtIn ? ` (did you mean "${builtIn}"?)` : ''}, and a custom policy's entry takes only ${allowed.join(', ')}`, allowed };
  }
  return { message: `unknown key${hint}; allowed keys: ${allowed.join(', ')}`, allowed };
}

function describeNotAllowed(value: unknown, allowed: string[]): Described {
  const suggestion = typeof value === 'string' ? nearest(value, allowed) : undefined;
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
  return { message: `${describeValue(value)} is not allowed${hint}; use one of: ${allowed.join(', ')}`, allowed };
}

function describeTypeError(error: ErrorObject, segments: readonly string[]): Described {
  const parent = error.parentSchema;
  if (isRecord(parent) && Array.isArray(parent.enum)) return describeNotAllowed(error.data, parent.enum.map(String));
  if (segments.length === 0) {
    return { message: `the file must be a mapping of settings such as \`fail-on: error\`, not ${describeValue(error.data)}` };
  }
  if (isRecord(parent) && isRecord(parent.else) && segments.length === 2 && segments[0] === 'rules') {
    const keys = propertyNames(parent.else);
    return {
      message: `expected a level (${LEVELS.join(', ')}) or a mapping with ${keys.join(', ')}; got ${describeValue(error.data)}`,
      allowed: [...LEVELS],
    };
  }
  const expected = [error.params.type].flat().map(String);
  const asList = expected.includes('array') && typeof error.data === 'string' ? `; write it as a list: [${JSON.stringify(error.data)}]` : '';
  return { message: `expected ${expected.map(typeName).join(' or ')}, got ${describeValue(error.data)}${asList}`, allowed: expected };
}

function describe(error: ErrorObject, segments: readonly string[]): Described {
  switch (error.keyword) {
    case 'enum':
      return describeNotAllowed(error.data, (error.params.allowedValues as unknown[]).map(String));
    case 'type':
      return describeTypeError(error, segments);
    case 'required':
      return { message: `${String(error.params.missingProperty)} is missing here; it is required` };
    case 'minItems':
      return { message: 'must not be an empty list; list at least one glob, or remove the key' };
    case 'minLength':
      return { message: 'must not be an empty string' };
    case 'minimum':
      return { message: `must be at least ${String(error.params.limit)}, got ${describeValue(error.data)}` };
    case 'maximum':
      return { message: `must be at most ${String(error.params.limit)}, got ${describeValue(error.data)}` };
    default:
      return { message: error.message ?? `is not valid (${error.keyword})` };
  }
}

function unknownKeyError(error: ErrorObject, file: string, source: YamlSource): ConfigError {
  const parent = segmentsOf(error.instancePath);
  const unknownKey = String(error.params.additionalProperty);
  const at = source.locate([...parent, unknownKey], 'key');
  const described = describeUnknownKey(parent, unknownKey, propertyNames(error.parentSchema));
  return { file, line: at.line, column: at.column, key: dottedKey([...parent, unknownKey]), ...described };
}

function badValueError(error: ErrorObject, file: string, source: YamlSource): ConfigError {
  const segments = segmentsOf(error.instancePath);
  const at = source.locate(segments, 'value');
  return { file, line: at.line, column: at.column, key: dottedKey(segments), value: error.data, ...describe(error, segments) };
}

function toConfigError(error: ErrorObject, file: string, source: YamlSource): ConfigError {
  return error.keyword === 'additionalProperties' ? unknownKeyError(error, file, source) : badValueError(error, file, source);
}

/** One error per place: a failed union reports its first, most general failure only. */
function errorIdentity(error: ErrorObject): string {
  return error.keyword === 'additionalProperties' ? `${error.instancePath}/${String(error.params.additionalProperty)}` : error.instancePath;
}

function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    // `if` only says "the then/else branch failed"; that branch's own errors say why.
    if (error.keyword === 'if') return false;
    const identity = errorIdentity(error);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/** A schema's complaints about a YAML file, one per place, each with the line of the offending key or value. */
export function schemaErrors(errors: readonly ErrorObject[], file: string, source: YamlSource): ConfigError[] {
  return relevantErrors(errors).map((error) => toConfigError(error, file, source));
}

/** Validates parsed YAML against the schema; every error carries the line of the offending key or value. */
export function validateConfig(source: YamlSource, file: string): { raw: RawConfig; errors: [] } | { raw?: undefined; errors: ConfigError[] } {
  // An empty file (or a lone `---`) means "all defaults".
  const data = source.data ?? {};
  const validate = validator();
  if (validate(data)) return { raw: data, errors: [] };
  return { errors: schemaErrors(validate.errors ?? [], file, source) };
}

/** The built-in rule ids the schema has an entry for under `rules`, in schema order. */
export function schemaRuleIds(): string[] {
  return Object.keys(configSchema().properties.rules.properties);
}
