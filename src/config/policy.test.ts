import { describe, expect, it } from 'vitest';
import { plainConfig } from '../test-support.js';
import { RULES } from '../checks/registry.js';
import { defaultConfig } from './load.js';
import type { ConfigFileRead } from './model.js';
import { compareConfigs, resolvePolicy, type Policy, type PolicyDifference } from './policy.js';
import { OPTION_DIRECTIONS } from './strictness.js';

const PATH = '.github/tollgate.yml';
const text = (body: string): ConfigFileRead => ({ path: PATH, text: body });
const missing: ConfigFileRead = { path: PATH, missing: true };

function resolved(base: ConfigFileRead, head: ConfigFileRead, from?: 'base' | 'head'): Policy {
  const policy = resolvePolicy({ base, head, ...(from ? { from } : {}) });
  if ('errors' in policy) throw new Error(`unexpected errors: ${JSON.stringify(policy.errors)}`);
  return policy;
}

const effects = (differences: readonly PolicyDifference[] | undefined) => (differences ?? []).map((difference) => [difference.effect, difference.message, difference.line]);

describe('resolvePolicy', () => {
  it('uses the default preset when neither side has the file, and sees no change', () => {
    const policy = resolved(missing, missing);
    expect(policy).toMatchObject({ from: 'base', config: { source: 'preset:default' } });
    expect(policy.change).toBeUndefined();
  });

  it('judges with the base configuration and shows each way the head loosens it, at its line', () => {
    const policy = resolved(text('fail-on: error\n'), text('fail-on: never\nignore: ["k8s/**"]\nrules:\n  k8s-replicas: off\n'));
    expect(policy.from).toBe('base');
    expect(policy.config.failOn).toBe('error');
    expect(policy.change?.proposed?.failOn).toBe('never');
    expect(effects(policy.change?.differences)).toEqual([
      ['weaker', 'lowers fail-on from error to never', 1],
      ['weaker', 'adds "k8s/**" to ignore', 2],
      ['weaker', 'turns k8s-replicas off (was error)', 4],
    ]);
  });

  it('calls tightening stricter, and a neutral setting a change', () => {
    const policy = resolved(missing, text('extends: strict\njudge: all\ncost:\n  region: eu-west-1\n'));
    const found = effects(policy.change?.differences);
    expect(found).toContainEqual(['stricter', 'extends strict instead of default', 1]);
    expect(found).toContainEqual(['stricter', 'judges every finding (was new)', 2]);
    expect(found).toContainEqual(['stricter', 'raises fail-on from error to warning', 1]);
    expect(found).toContainEqual(['changed', 'sets cost.region from "us-east-1" to "eu-west-1"', 4]);
    expect(found.filter(([effect]) => effect === 'weaker')).toEqual([]);
  });

  it('reads a raised budget, a larger allow list, narrower paths and a threshold turned off as loosening', () => {
    const base = text('paths: ["**"]\nrules:\n  cost-budget:\n    options:\n      max-delta: 500\n  pr-size:\n    options:\n      warning-lines: 800\n');
    const head = text('paths: ["infra/**"]\nrules:\n  cost-budget:\n    options:\n      max-delta: 5000\n  pr-size:\n    options:\n      warning-lines: 0\n  no-committed-artifacts:\n    options:\n      allow: ["**/*.tfstate"]\n');
    expect(effects(resolved(base, head).change?.differences).map(([effect, message]) => [effect, message])).toEqual([
      ['weaker', 'adds "infra/**" and drops "**" in paths'],
      ['weaker', 'sets cost-budget option max-delta from 500 to 5000'],
      ['weaker', 'sets no-committed-artifacts option allow from unset to ["**/*.tfstate"]'],
      ['weaker', 'sets pr-size option warning-lines from 800 to 0'],
    ]);
  });

  it('says that a deleted configuration falls back to the default preset once merged', () => {
    const policy = resolved(text('fail-on: warning\n'), missing);
    expect(effects(policy.change?.differences)).toEqual([
      ['weaker', `deletes ${PATH}; the default preset applies once merged`, undefined],
      ['weaker', 'lowers fail-on from warning to error', undefined],
    ]);
  });

  it('shows a configuration the change breaks, and still judges with the base one', () => {
    const policy = resolved(text('fail-on: error\n'), text('fail-on: sometimes\n'));
    expect(policy.config.failOn).toBe('error');
    expect(policy.change?.errors?.[0]?.message).toMatch(/sometimes/);
    expect(policy.change?.differences[0]?.message).toMatch(/^makes the configuration invalid \(\.github\/tollgate\.yml:1:/);
  });

  it('never locks a repository: a base configuration that does not load lets the head’s judge, and says why', () => {
    const policy = resolved(text('fail-on: [\n'), text('fail-on: error\n'));
    expect(policy.from).toBe('head');
    expect(policy.fallback).toMatch(/^the configuration on the base branch does not load \(\.github\/tollgate\.yml:\d+: invalid YAML/);
    expect(resolvePolicy({ base: text('fail-on: [\n'), head: text('fail-on: [\n') })).toMatchObject({ errors: [expect.objectContaining({ file: PATH })] });
  });

  it('lets the base ask for the head’s configuration (policy-from: head), and the override ask either way', () => {
    expect(resolved(text('policy-from: head\nfail-on: error\n'), text('policy-from: head\nfail-on: never\n'))).toMatchObject({ from: 'head', config: { failOn: 'never' } });
    expect(resolved(text('policy-from: head\nfail-on: error\n'), text('fail-on: never\n'), 'base')).toMatchObject({ from: 'base', config: { failOn: 'error' } });
    expect(resolved(text('fail-on: error\n'), text('fail-on: never\n'), 'head')).toMatchObject({ from: 'head', config: { failOn: 'never' } });
  });

  it('sees a rewritten file with the same meaning as a change without differences', () => {
    const policy = resolved(text('fail-on: error\n'), text('# the default, said out loud\nfail-on: error\n'));
    expect(policy.change).toMatchObject({ path: PATH, differences: [] });
  });
});

describe('compareConfigs', () => {
  it('finds nothing between a configuration and itself', () => {
    expect(compareConfigs(defaultConfig(), defaultConfig())).toEqual([]);
  });
});

describe('option directions', () => {
  /** Options that move the gate neither way: an estimate's assumption, a team's vocabulary, a pattern. */
  const NEUTRAL: Record<string, readonly string[]> = {
    'cost-budget': ['budgets', 'approval-label', 'approvers'],
    'spot-for-non-production': ['discount-percent'],
    'commitment-discount': ['discount-percent'],
    'pr-title-format': ['types', 'scopes', 'subject-pattern'],
    'commit-message-format': ['types', 'scopes', 'subject-pattern'],
    'linked-issue': ['tracker-pattern'],
    'branch-name': ['pattern'],
  };

  it('names a direction for every rule option, or says it has none', () => {
    for (const rule of RULES) {
      for (const name of Object.keys(rule.options ?? {})) {
        const known = OPTION_DIRECTIONS[rule.id]?.[name] !== undefined || NEUTRAL[rule.id]?.includes(name) === true;
        expect(known, `${rule.id} option ${name}`).toBe(true);
      }
    }
    for (const [id, options] of Object.entries(OPTION_DIRECTIONS)) {
      for (const name of Object.keys(options)) expect(Object.keys(RULES.find((rule) => rule.id === id)?.options ?? {}), `${id} ${name}`).toContain(name);
    }
  });
});

describe('compareConfigs on overrides and policies', () => {
  it('calls an override that turns a rule off for some paths, or a dropped policy file, a loosening', () => {
    const before = plainConfig({ policies: ['.github/tollgate/policies/*.yml', 'pack:finops'] });
    const after = plainConfig({ policies: ['.github/tollgate/policies/*.yml'], overrides: [{ paths: ['legacy/**'], levels: { 'k8s-image-tag': 'off', 'pr-size': 'error' } }] });
    expect(compareConfigs(before, after)).toEqual([
      { effect: 'weaker', message: 'drops "pack:finops" in policies', key: ['policies'] },
      { effect: 'weaker', message: 'adds overrides that turn k8s-image-tag off in legacy/**', key: ['overrides'] },
    ]);
  });

  it('reads a custom policy turned off, in the rules or for some paths, as a loosening, and other settings of one as changes', () => {
    const policy = resolved(text('rules:\n  cost-label: warning\n'), text('rules:\n  team-label: off\n  approved-engines: notice\noverrides:\n  - paths: ["legacy/**"]\n    rules: { cost-label: off }\n'));
    expect(effects(policy.change?.differences)).toEqual([
      ['changed', 'sets approved-engines to notice (was its own severity)', 3],
      ['changed', 'drops the setting of cost-label (was warning): it reports at its own severity', 2],
      ['weaker', 'sets team-label to off (was its own severity)', 2],
      ['weaker', 'adds overrides that turn cost-label off in legacy/**', 4],
    ]);
  });
});
