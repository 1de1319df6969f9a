import { ACCEPTED_FORM, DEFAULT_TYPES, type HeaderRules } from './conventional-commit.js';
import { booleanOption, compilePattern, numberOption, stringList, stringOption } from './options.js';
import type { JsonSchema } from '../model.js';

/** The Conventional Commits options pr-title-format and commit-message-format share. */
export const HEADER_OPTIONS: Record<string, JsonSchema> = {
  types: {
    title: 'Types',
    description: `Allowed types in \`${ACCEPTED_FORM}\`. Default: ${DEFAULT_TYPES.join(', ')}.`,
    type: 'array',
    items: { type: 'string', pattern: '^[a-z][a-z0-9]*$' },
    minItems: 1,
  },
  scopes: {
    title: 'Scopes',
    description: 'Allowed scopes; empty (the default) allows any scope.',
    type: 'array',
    items: { type: 'string', minLength: 1 },
  },
  'require-scope': { title: 'Require a scope', description: 'Every header must have a `(scope)`. Default: false.', type: 'boolean' },
  'subject-pattern': {
    title: 'Subject pattern',
    description: 'A regular expression (JavaScript syntax) the subject must match, e.g. `^[a-z]` for a lower-case start.',
    type: 'string',
    minLength: 1,
  },
  'max-length': { title: 'Maximum length', description: 'Longest header in characters. Default: 100.', type: 'integer', minimum: 10 },
};

export function headerRules(options: Record<string, unknown>): HeaderRules | { error: string } {
  const source = stringOption(options, 'subject-pattern');
  const subjectPattern = source === undefined ? undefined : compilePattern(source, 'u');
  if (subjectPattern !== undefined && !(subjectPattern instanceof RegExp)) {
    return { error: `options.subject-pattern is not a valid regular expression (${subjectPattern.error})` };
  }
  return {
    types: stringList(options, 'types', DEFAULT_TYPES),
    scopes: stringList(options, 'scopes'),
    requireScope: booleanOption(options, 'require-scope', false),
    maxLength: numberOption(options, 'max-length', 100),
    ...(subjectPattern ? { subjectPattern } : {}),
  };
}
