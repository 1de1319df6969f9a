import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { Severity } from '../checks/model.js';
import type { ConfigError } from '../config/model.js';
import { schemaErrors } from '../config/validate.js';
import { readYaml, type YamlSource } from '../config/yaml-source.js';
import { AssertionError, compileAssertion, someLeaf, type Assertion } from './assert.js';
import { compileMatch, type PolicyMatch, type RawMatch } from './match.js';
import schema from './policy-schema.json' with { type: 'json' };

/** An object a policy must pass or fail: inline YAML, a file beside the policy file, or a named text. */
export type PolicyExample = string | { file: string } | { name: string; content: string };

/** A custom policy, compiled: it runs as a rule (see policyRule). */
export interface CustomPolicy {
  id: string;
  title: string;
  severity: Severity;
  message: string;
  fix: string;
  docs?: string;
  /** Where it is written: findings link here when it names no docs page. */
  file: string;
  line: number;
  match: PolicyMatch;
  assertion: Assertion;
  /** It judges what the change does (a removal, a cost delta), not the state it leaves. */
  judgesChange: boolean;
  /** What `tollgate policy test` checks it against. */
  examples: { pass: PolicyExample[]; fail: PolicyExample[] };
  /** Its match and assertion as written, canonical: two versions of a policy judge alike when these are equal. */
  definition: string;
}

/** A policy as written: the same words, its match and assertion not yet compiled. */
type RawPolicy = Pick<CustomPolicy, 'id' | 'title' | 'severity' | 'message' | 'fix' | 'docs'> & {
  match: RawMatch;
  assert: unknown;
  examples?: { pass?: PolicyExample[]; fail?: PolicyExample[] };
};

let compiled: ValidateFunction<{ policies: RawPolicy[] }> | undefined;

/**
 * The published schema describes assertions in full for editor completion; here an assertion is
 * only a mapping, and compileAssertion says what is wrong inside it in one sentence instead of
 * one complaint per branch of the schema's oneOf.
 */
function validator(): ValidateFunction<{ policies: RawPolicy[] }> {
  // strictRequired off: `anyOf: [{ required: [kubernetes] }, …]` names properties declared beside it, as JSON Schema allows.
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile({ ...schema, definitions: { ...schema.definitions, assertion: { type: 'object' } } });
  return compiled;
}


function errorAt(source: YamlSource, file: string, path: readonly (string | number)[], message: string): ConfigError {
  const at = source.locate(path.map(String), 'value');
  const key = path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text === '' ? segment : `${text}.${segment}`), '');
  return { file, line: at.line, column: at.column, key, message };
}

export interface PolicyFileResult {
  policies: CustomPolicy[];
  errors: ConfigError[];
}

/** Reads one policy file. Never throws: every problem is an error with the file, line and key. */
export function parsePolicyFile(text: string, file: string): PolicyFileResult {
  const read = readYaml(text, file);
  if (!read.source) return { policies: [], errors: read.errors };
  const { source } = read;
  const validate = validator();
  if (!validate(source.data)) {
    const errors = source.data === undefined || typeof source.data !== 'object' || Array.isArray(source.data)
      ? [{ file, line: 1, column: 1, key: '', message: 'a policy file is a mapping with a `policies:` list; see docs/policies.md' }]
      : schemaErrors(validate.errors ?? [], file, source);
    return { policies: [], errors };
  }
  const policies: CustomPolicy[] = [];
  const errors: ConfigError[] = [];
  for (const [index, raw] of source.data.policies.entries()) {
    let assertion: Assertion;
    try {
      assertion = compileAssertion(raw.assert);
    } catch (error) {
      if (!(error instanceof AssertionError)) throw error;
      errors.push(errorAt(source, file, ['policies', index, 'assert', ...error.at], error.message));
      continue;
    }
    const match = compileMatch(raw.match);
    policies.push({
      id: raw.id,
      title: raw.title,
      severity: raw.severity,
      message: raw.message,
      fix: raw.fix,
      ...(raw.docs !== undefined ? { docs: raw.docs } : {}),
      file,
      line: source.locate(['policies', String(index)], 'value').line,
      match,
      assertion,
      judgesChange: match.change.has('removed') || someLeaf(assertion, (leaf) => (leaf.kind === 'cost' ? leaf.measure === 'delta' : leaf.kind === 'expression' && leaf.program.usesCostDelta)),
      examples: { pass: raw.examples?.pass ?? [], fail: raw.examples?.fail ?? [] },
      definition: JSON.stringify({ match: raw.match, assert: raw.assert }),
    });
  }
  return { policies, errors };
}

/**
 * Every policy file of a configuration, checked together: an id may appear once across them
 * and must not be a built-in rule's, since suppressions and settings name rules by id.
 */
export function parsePolicyFiles(files: ReadonlyArray<{ path: string; text: string }>, builtinIds: ReadonlySet<string>): PolicyFileResult {
  const policies: CustomPolicy[] = [];
  const errors: ConfigError[] = [];
  const seen = new Map<string, CustomPolicy>();
  for (const { path, text } of files) {
    const result = parsePolicyFile(text, path);
    errors.push(...result.errors);
    for (const policy of result.policies) {
      const earlier = seen.get(policy.id);
      if (builtinIds.has(policy.id)) {
        errors.push({ file: policy.file, line: policy.line, key: 'id', value: policy.id, message: `"${policy.id}" is the id of a built-in rule; give the policy its own id` });
      } else if (earlier) {
        errors.push({ file: policy.file, line: policy.line, key: 'id', value: policy.id, message: `the id "${policy.id}" is already used by the policy at ${earlier.file}:${earlier.line}; ids must be unique` });
      } else {
        seen.set(policy.id, policy);
        policies.push(policy);
      }
    }
  }
  return { policies, errors };
}
