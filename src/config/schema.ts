import type { JsonSchema, Rule } from '../checks/model.js';
import base from './schema-base.json' with { type: 'json' };

/** One rule's entry: a level, or a mapping of level, paths, ignore and (when it takes any) options. */
function ruleSchema(rule: Rule): JsonSchema {
  const settings: JsonSchema = {
    level: {
      title: 'Level',
      description: '`off` disables the rule; `error`, `warning` or `notice` sets the severity of its findings. Missing: the preset\'s level.',
      $ref: '#/definitions/level',
    },
    paths: { title: 'Rule paths', description: 'Glob patterns: the rule only reports findings in files matching one of them.', $ref: '#/definitions/rulePaths' },
    ignore: { title: 'Rule ignore', description: 'Glob patterns: the rule never reports findings in files matching one of them.', $ref: '#/definitions/ruleIgnore' },
  };
  if (rule.options) {
    settings.options = {
      title: `${rule.id} options`,
      description: `Options of the ${rule.id} rule.`,
      type: 'object',
      additionalProperties: false,
      properties: rule.options,
    };
  }
  return {
    title: rule.id,
    description: `${rule.title}. Default level: ${rule.severity}. See ${rule.docs}.`,
    type: ['string', 'object'],
    if: { type: 'string' },
    then: { $ref: '#/definitions/level' },
    else: { type: 'object', additionalProperties: false, properties: settings },
  };
}

/**
 * The config file's JSON Schema: the hand-written base (schema-base.json) with one entry per rule,
 * generated from the registry so a rule and its schema cannot drift. The published copy in
 * schema/tollgate.schema.json is checked against this by a test.
 */
type RuleEntries = { properties: Record<string, JsonSchema>; patternProperties?: Record<string, JsonSchema> };

export type ConfigSchema = JsonSchema & {
  properties: { rules: RuleEntries; overrides: { items: { properties: { rules: RuleEntries } } } };
};

/**
 * The ids a custom policy may have (policy-schema.json's id pattern) that are not a built-in
 * rule's: a built-in id must match its own entry only, or its options would be refused. Whether a
 * custom id names a policy that exists is known only once the policy files load (checkRuleIds).
 */
function customIdPattern(rules: readonly Rule[]): string {
  // Built-in ids are lowercase words and dashes: nothing in them needs escaping.
  return `^(?!(?:${rules.map((rule) => rule.id).join('|')})$)[a-z0-9][a-z0-9-]*$`;
}

/** A rule's level in a per-path override: options stay the rule's own, so only the level can be set. */
function overrideLevelSchema(rule: Rule): JsonSchema {
  return {
    title: rule.id,
    description: `${rule.title}: its level in these files.`,
    type: ['string', 'object'],
    if: { type: 'string' },
    then: { $ref: '#/definitions/level' },
    else: { type: 'object', additionalProperties: false, required: ['level'], properties: { level: { title: 'Level', description: `The level of ${rule.id} in these files.`, $ref: '#/definitions/level' } } },
  };
}

export function buildConfigSchema(rules: readonly Rule[]): ConfigSchema {
  const schema = structuredClone(base) as ConfigSchema;
  for (const rule of rules) {
    schema.properties.rules.properties[rule.id] = ruleSchema(rule);
    schema.properties.overrides.items.properties.rules.properties[rule.id] = overrideLevelSchema(rule);
  }
  const custom = customIdPattern(rules);
  schema.properties.rules.patternProperties = { [custom]: { $ref: '#/definitions/policyRule' } };
  schema.properties.overrides.items.properties.rules.patternProperties = { [custom]: { $ref: '#/definitions/policyLevel' } };
  return schema;
}
