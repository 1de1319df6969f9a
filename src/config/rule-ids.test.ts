import { describe, expect, it } from 'vitest';
import { parseConfig } from './load.js';
import { unknownRuleIds } from './rule-ids.js';
import { formatConfigError } from './format-error.js';

const FILE = '.github/tollgate.yml';

function customIds(text: string, extended: Array<{ path: string; text: string }> = []) {
  const result = parseConfig(text, FILE, extended);
  if (!result.config) throw new Error(result.errors.map(formatConfigError).join('\n'));
  return result.config;
}

describe('custom policy ids in a configuration', () => {
  it('sets a custom policy like a rule, and records where each custom id is named', () => {
    const config = customIds('rules:\n  parse-error: warning\n  team-label: warning\n  approved-engines:\n    level: off\n    paths: ["db/**"]\noverrides:\n  - paths: ["legacy/**"]\n    rules: { team-label: off, pr-size: off }\n');
    expect(config.rules['team-label']).toEqual({ level: 'warning', options: {} });
    expect(config.rules['approved-engines']).toEqual({ level: 'off', paths: ['db/**'], options: {} });
    expect(config.overrides[0]?.levels).toEqual({ 'team-label': 'off', 'pr-size': 'off' });
    expect(config.customRuleIds).toEqual([
      { id: 'team-label', file: FILE, line: 3, column: 3, key: 'rules.team-label' },
      { id: 'approved-engines', file: FILE, line: 4, column: 3, key: 'rules.approved-engines' },
      { id: 'team-label', file: FILE, line: 9, column: 14, key: 'overrides[0].rules.team-label' },
    ]);
  });

  it('has none when only built-in rules are set', () => {
    expect(customIds('rules:\n  parse-error: warning\n').customRuleIds).toBeUndefined();
  });

  it('merges as the files do: rules entries accumulate, the nearest file naming one wins; overrides replace whole', () => {
    const org = { path: 'org/tollgate.yml', text: 'rules:\n  team-label: error\n  cost-label: warning\noverrides:\n  - paths: ["x/**"]\n    rules: { cost-label: off }\n' };
    const config = customIds('extends: ./org/tollgate.yml\nrules:\n  team-label: notice\noverrides:\n  - paths: ["y/**"]\n    rules: { pr-size: off }\n', [org]);
    expect(config.customRuleIds).toEqual([
      { id: 'team-label', file: FILE, line: 3, column: 3, key: 'rules.team-label' },
      { id: 'cost-label', file: 'org/tollgate.yml', line: 3, column: 3, key: 'rules.cost-label' },
    ]);
  });
});

describe('unknownRuleIds', () => {
  const references = [
    { id: 'team-label', file: FILE, line: 3, column: 3, key: 'rules.team-label' },
    { id: 'parse-errors', file: FILE, line: 4, column: 3, key: 'rules.parse-errors' },
    { id: 'tem-label', file: FILE, line: 9, column: 14, key: 'overrides[0].rules.tem-label' },
  ];

  it('accepts the ids of loaded policies and reports each other one on its line, with the nearest built-in or custom id', () => {
    expect(unknownRuleIds(references, ['team-label']).map(formatConfigError)).toEqual([
      `${FILE}:4:3: rules.parse-errors: unknown rule id (did you mean "parse-error"?): no built-in rule and no custom policy has it; built-in ids are listed under docs/rules/, custom policies come from the files \`policies:\` lists (1 loaded)`,
      `${FILE}:9:14: overrides[0].rules.tem-label: unknown rule id (did you mean "team-label"?): no built-in rule and no custom policy has it; built-in ids are listed under docs/rules/, custom policies come from the files \`policies:\` lists (1 loaded)`,
    ]);
  });

  it('reports every custom id when no policy loaded', () => {
    expect(unknownRuleIds(references, [])).toHaveLength(3);
    expect(unknownRuleIds([], [])).toEqual([]);
  });
});
