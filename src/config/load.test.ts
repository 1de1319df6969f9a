import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { resolvePreset } from './presets.js';
import { RULES } from '../checks/registry.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatConfigError } from './format-error.js';
import { defaultConfig, parseConfig, resolveConfigRead } from './load.js';
import { readConfigFile } from './read.js';

const loadConfig = async (path: string, options: { required: boolean }) => resolveConfigRead(await readConfigFile(path), options.required);
import type { ResolvedConfig } from './model.js';

const FILE = '.github/tollgate.yml';

function fixture(name: string): string {
  return fileURLToPath(new URL(`../../test/fixtures/config/${name}`, import.meta.url));
}

function configOf(text: string): ResolvedConfig {
  const result = parseConfig(text, FILE);
  expect(result.errors.map(formatConfigError)).toEqual([]);
  if (!result.config) throw new Error('expected a config');
  return result.config;
}

function errorsOf(text: string): string[] {
  const result = parseConfig(text, FILE);
  expect(result.config).toBeUndefined();
  return result.errors.map(formatConfigError);
}

describe('defaultConfig', () => {
  it('is the default preset: every rule at its built-in level (strict-tier rules off), fail on errors, every file', () => {
    expect(defaultConfig()).toEqual({
      source: 'preset:default',
      preset: 'default',
      failOn: 'error',
      judge: 'new',
      policyFrom: 'base',
      paths: ['**'],
      ignore: [],
      policies: ['.github/tollgate/policies/*.yml'],
      overrides: [],
      rules: Object.fromEntries(RULES.map((rule) => [rule.id, { level: rule.strictOnly ? 'off' : rule.severity, options: expect.any(Object) }])),
      cost: { region: 'us-east-1', fallbackRegion: 'us-east-1', kubernetesRates: {} },
      kubernetes: { nonProduction: ['dev', 'test', 'staging', 'preview', 'sandbox', 'example', 'examples'], helmValues: [] },
      terraform: { varFiles: [] },
      limits: { maxFileBytes: 2 * 1024 * 1024 },
    });
  });

  it('lays the cost, kubernetes and terraform sections over the preset key by key', () => {
    const text = 'cost:\n  fallback-region: us-east-1\n  kubernetes-rates:\n    cpu-hour: 0.04\nkubernetes:\n  non-production: [qa]\nterraform:\n  var-files: [env/prod.tfvars]\n';
    const { config, errors } = parseConfig(text, FILE);
    expect(errors).toEqual([]);
    expect(config?.cost).toEqual({ region: 'us-east-1', fallbackRegion: 'us-east-1', kubernetesRates: { cpuHour: 0.04 } });
    expect(configOf('cost:\n  fallback-region: none\n').cost).toEqual({ region: 'us-east-1', kubernetesRates: {} });
    expect(config?.kubernetes).toEqual({ nonProduction: ['qa'], helmValues: [] });
    expect(config?.terraform).toEqual({ varFiles: ['env/prod.tfvars'] });
  });

  it('reads limits.max-file-bytes, 2 MiB when unset', () => {
    expect(parseConfig('limits:\n  max-file-bytes: 5000000\n', FILE).config?.limits).toEqual({ maxFileBytes: 5_000_000 });
    expect(parseConfig('fail-on: warning\n', FILE).config?.limits).toEqual({ maxFileBytes: 2_097_152 });
  });

  it.each([
    ['a size with a unit', '2MB', 'expected a whole number, got "2MB"'],
    ['a fraction', '1500.5', 'expected a whole number, got 1500.5'],
    ['a size under 1 KiB', '10', 'must be at least 1024, got 10'],
    ['a size over 64 MiB', '100000000', 'must be at most 67108864, got 100000000'],
  ])('rejects %s for limits.max-file-bytes', (_name, value, expected) => {
    expect(errorsOf(`limits:\n  max-file-bytes: ${value}\n`)).toEqual([`${FILE}:2:19: limits.max-file-bytes: ${expected}`]);
  });

  it('rejects a bad region and a negative rate with their lines', () => {
    const { errors } = parseConfig('cost:\n  region: US East\n  kubernetes-rates:\n    cpu-hour: -1\n', FILE);
    expect(errors.map((e) => [e.key, e.line])).toEqual([
      ['cost.region', 2],
      ['cost.kubernetes-rates.cpu-hour', 4],
    ]);
  });

  it('returns a copy, so one caller cannot change what the next one gets', () => {
    const first = defaultConfig();
    first.paths.push('mutated/**');
    (first.rules['parse-error'] as { level: string }).level = 'off';
    expect(defaultConfig().paths).toEqual(['**']);
    expect(defaultConfig().rules['parse-error']?.level).toBe('notice');
  });
});

describe('parseConfig: valid files', () => {
  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing yet\n'],
    ['a lone document marker', '---\n'],
    ['extends: default', 'extends: default\n'],
  ])('%s resolves to the default preset with the file as source', (_name, text) => {
    expect(configOf(text)).toEqual({ ...defaultConfig(), source: FILE });
  });

  it('extends: strict applies the strict preset over the default one', () => {
    const config = configOf('extends: strict\n');
    expect(config.preset).toBe('strict');
    expect(config.failOn).toBe('warning');
    expect(config.rules['parse-error']).toEqual({ level: 'error', options: {} });
    expect(config.rules['unexplained-suppression']).toEqual({ level: 'warning', options: {} });
    expect(config.rules['no-committed-artifacts']).toEqual({ level: 'error', options: {} });
    expect(Object.keys(config.rules).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it('the user file overrides the strict preset key by key', () => {
    const config = configOf('extends: strict\nfail-on: error\nrules:\n  parse-error: off\n');
    expect(config.failOn).toBe('error');
    expect(config.rules['parse-error']?.level).toBe('off');
    expect(config.rules['unexplained-suppression']?.level).toBe('warning');
  });

  it('shorthand `rule: level` equals `{ level }`', () => {
    const shorthand = configOf('rules:\n  no-committed-artifacts: warning\n');
    const long = configOf('rules:\n  no-committed-artifacts:\n    level: warning\n');
    expect(shorthand).toEqual(long);
    expect(shorthand.rules['no-committed-artifacts']).toEqual({ level: 'warning', options: {} });
  });

  it('a rule mapping without level keeps the preset level and adds its scope and options', () => {
    const config = configOf('rules:\n  no-committed-artifacts:\n    ignore: ["fixtures/**"]\n    options:\n      allow: ["a.tfstate"]\n');
    expect(config.rules['no-committed-artifacts']).toEqual({ level: 'error', ignore: ['fixtures/**'], options: { allow: ['a.tfstate'] } });
  });

  it('`off` is the string off (YAML 1.2), not false', () => {
    expect(configOf('rules:\n  parse-error: off\n').rules['parse-error']?.level).toBe('off');
  });

  it('top-level paths and ignore replace the defaults', () => {
    const config = configOf('paths: ["infra/**"]\nignore: ["**/testdata/**"]\n');
    expect(config.paths).toEqual(['infra/**']);
    expect(config.ignore).toEqual(['**/testdata/**']);
  });

  it('accepts anchors and aliases used normally', async () => {
    const result = await loadConfig(fixture('anchors-valid.yml'), { required: true });
    expect(result.errors).toEqual([]);
    expect(result.config?.paths).toEqual(['infra/**', 'modules/**']);
    expect(result.config?.rules['no-committed-artifacts']?.paths).toEqual(['infra/**', 'modules/**']);
  });

  it('accepts YAML merge keys', () => {
    const config = configOf('rules:\n  no-committed-artifacts:\n    <<: &scope { paths: ["infra/**"] }\n    level: warning\n');
    expect(config.rules['no-committed-artifacts']).toEqual({ level: 'warning', paths: ['infra/**'], options: {} });
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    expect(configOf('\uFEFFfail-on: warning\r\nrules:\r\n  parse-error: error\r\n').failOn).toBe('warning');
  });
});

describe('parseConfig: errors name the file, line, column, key, value and what is allowed', () => {
  it.each([
    ['a bad enum value', 'fail-on: sometimes\n', [`${FILE}:1:10: fail-on: "sometimes" is not allowed; use one of: error, warning, never`]],
    ['a near-miss enum value', 'fail-on: warn\n', [`${FILE}:1:10: fail-on: "warn" is not allowed (did you mean "warning"?); use one of: error, warning, never`]],
    ['a number for an enum', 'fail-on: 3\n', [`${FILE}:1:10: fail-on: 3 is not allowed; use one of: error, warning, never`]],
    ['an empty value', 'fail-on:\n', [`${FILE}:1:9: fail-on: an empty value is not allowed; use one of: error, warning, never`]],
    ['an unknown preset', 'extends: lax\n', [`${FILE}:1:10: extends: "lax" is neither a preset (default, strict), a .yml file of this repository (.github/tollgate-base.yml) nor another repository's file (owner/repo/path.yml@ref)`]],
    [
      'an unknown top-level key, with a suggestion',
      '# settings\nfial-on: warning\n',
      [`${FILE}:2:1: fial-on: unknown key (did you mean "fail-on"?); allowed keys: extends, fail-on, judge, policy-from, paths, ignore, policies, rules, overrides, cost, kubernetes, terraform, limits`],
    ],
    [
      'a camelCase key, with a suggestion',
      'failOn: warning\n',
      [`${FILE}:1:1: failOn: unknown key (did you mean "fail-on"?); allowed keys: extends, fail-on, judge, policy-from, paths, ignore, policies, rules, overrides, cost, kubernetes, terraform, limits`],
    ],
    [
      'an unknown key with nothing close',
      'colour: blue\n',
      [`${FILE}:1:1: colour: unknown key; allowed keys: extends, fail-on, judge, policy-from, paths, ignore, policies, rules, overrides, cost, kubernetes, terraform, limits`],
    ],
    [
      'a rule id no rule or policy can have, with a suggestion',
      'rules:\n  Parse-Error: off\n',
      [`${FILE}:2:3: rules.Parse-Error: unknown rule id (did you mean "parse-error"?); the ${RULES.length} rule ids are listed in the README and under docs/rules/`],
    ],
    [
      'options for an id that is no built-in rule',
      'rules:\n  parse-errors:\n    level: off\n    options: {}\n',
      [`${FILE}:4:5: rules.parse-errors.options: unknown key; "parse-errors" is no built-in rule (did you mean "parse-error"?), and a custom policy's entry takes only level, paths, ignore`],
    ],
    [
      'a custom policy entry without a level',
      'rules:\n  team-label:\n    paths: ["apps/**"]\n',
      [`${FILE}:3:5: rules.team-label: level is missing here; it is required`],
    ],
    [
      'a bad shorthand level',
      'rules:\n  parse-error: warnig\n',
      [`${FILE}:2:16: rules.parse-error: "warnig" is not allowed (did you mean "warning"?); use one of: off, error, warning, notice`],
    ],
    [
      'a bad level in a rule mapping',
      'rules:\n  no-committed-artifacts:\n    level: fatal\n',
      [`${FILE}:3:12: rules.no-committed-artifacts.level: "fatal" is not allowed; use one of: off, error, warning, notice`],
    ],
    [
      'a rule value of the wrong type',
      'rules:\n  parse-error: 5\n',
      [`${FILE}:2:16: rules.parse-error: expected a level (off, error, warning, notice) or a mapping with level, paths, ignore; got 5`],
    ],
    [
      'options on a rule that takes none',
      'rules:\n  parse-error:\n    options: {}\n',
      [`${FILE}:3:5: rules.parse-error.options: unknown key; allowed keys: level, paths, ignore`],
    ],
    [
      'an unknown rule option',
      'rules:\n  no-committed-artifacts:\n    options:\n      alow: ["x"]\n',
      [`${FILE}:4:7: rules.no-committed-artifacts.options.alow: unknown key (did you mean "allow"?); allowed keys: allow`],
    ],
    [
      'a string where a list is expected',
      'paths: "infra/**"\n',
      [`${FILE}:1:8: paths: expected a list, got "infra/**"; write it as a list: ["infra/**"]`],
    ],
    [
      'a mapping where a list is expected',
      'ignore:\n  a: b\n',
      [`${FILE}:2:3: ignore: expected a list, got a mapping`],
    ],
    [
      'a number in a glob list',
      'rules:\n  no-committed-artifacts:\n    options:\n      allow: ["ok/**", 7]\n',
      [`${FILE}:4:24: rules.no-committed-artifacts.options.allow[1]: expected a string, got 7`],
    ],
    ['an empty paths list', 'paths: []\n', [`${FILE}:1:8: paths: must not be an empty list; list at least one glob, or remove the key`]],
    ['an empty glob', 'ignore: ["ok", ""]\n', [`${FILE}:1:16: ignore[1]: must not be an empty string`]],
    ['a list as the whole file', '- fail-on\n', [`${FILE}:1:1: the file must be a mapping of settings such as \`fail-on: error\`, not a list`]],
    ['a scalar as the whole file', 'strict\n', [`${FILE}:1:1: the file must be a mapping of settings such as \`fail-on: error\`, not "strict"`]],
    [
      'two documents',
      'fail-on: error\n---\nfail-on: warning\n',
      [`${FILE}:3:1: the file holds 2 YAML documents; a config file holds one. Remove the \`---\` separator and merge them.`],
    ],
    [
      'a duplicate key',
      'fail-on: error\nrules:\n  parse-error: off\nfail-on: warning\n',
      [`${FILE}:4:1: invalid YAML: the key "fail-on" appears twice (first at line 1); keep one`],
    ],
    [
      'an unclosed flow sequence',
      'paths: ["infra/**"\nignore: []\n',
      [`${FILE}:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`],
    ],
    ['a tab used for indentation', 'rules:\n\tparse-error: off\n', [`${FILE}:2:1: invalid YAML: Tabs are not allowed as indentation`]],
  ])('%s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('reports every error of a file, in line order, with key, value and allowed values', () => {
    const result = parseConfig('rules:\n  parse-error: sometimes\nfail-on: always\n', FILE);
    expect(result.errors).toEqual([
      {
        file: FILE,
        line: 2,
        column: 16,
        key: 'rules.parse-error',
        value: 'sometimes',
        allowed: ['off', 'error', 'warning', 'notice'],
        message: '"sometimes" is not allowed; use one of: off, error, warning, notice',
      },
      {
        file: FILE,
        line: 3,
        column: 10,
        key: 'fail-on',
        value: 'always',
        allowed: ['error', 'warning', 'never'],
        message: '"always" is not allowed; use one of: error, warning, never',
      },
    ]);
  });

  it('an unknown key lists the known keys as allowed', () => {
    const [error] = parseConfig('rules:\n  no-committed-artifacts:\n    lvl: off\n', FILE).errors;
    expect(error).toMatchObject({ line: 3, column: 5, key: 'rules.no-committed-artifacts.lvl', allowed: ['level', 'paths', 'ignore', 'options'] });
  });

  it('locates errors behind an alias at the alias', () => {
    expect(errorsOf('x: &bad "warnig"\n')).toEqual([`${FILE}:1:1: x: unknown key; allowed keys: extends, fail-on, judge, policy-from, paths, ignore, policies, rules, overrides, cost, kubernetes, terraform, limits`]);
    expect(errorsOf('paths: &p ["a/**"]\nrules:\n  parse-error: *p\n')).toEqual([
      `${FILE}:3:16: rules.parse-error: expected a level (off, error, warning, notice) or a mapping with level, paths, ignore; got a list`,
    ]);
  });

  it('caps a flood of YAML syntax errors too', () => {
    const text = Array.from({ length: 40 }, () => 'a: [\n').join('');
    const errors = errorsOf(text);
    expect(errors.length).toBeLessThanOrEqual(21);
    expect(errors.at(-1)).toMatch(/more errors? not shown; fix the ones above first$/);
  });

  it('caps a flood of errors and says how many were left out', () => {
    const text = Array.from({ length: 30 }, (_, i) => `unknown-${i}: 1\n`).join('');
    const errors = errorsOf(text);
    expect(errors).toHaveLength(21);
    expect(errors[0]).toBe(`${FILE}:1:1: unknown-0: unknown key; allowed keys: extends, fail-on, judge, policy-from, paths, ignore, policies, rules, overrides, cost, kubernetes, terraform, limits`);
    expect(errors[20]).toBe(`${FILE}: 10 more errors not shown; fix the ones above first`);
  });
});

describe('parseConfig: hostile input', () => {
  it('an alias bomb becomes one error instead of exhausting memory', () => {
    const names = 'abcdefghi';
    let text = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
    for (let i = 1; i < names.length; i++) text += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]\n`;
    expect(errorsOf(text)).toEqual([
      `${FILE}: the YAML could not be expanded (Excessive alias count indicates a resource exhaustion attack); use fewer aliases and less nesting`,
    ]);
  });

  it('a file over 1 MiB is refused before parsing', () => {
    const text = `# ${'x'.repeat(1024 * 1024)}\n`;
    expect(errorsOf(text)).toEqual([`${FILE}: the file is 1048579 bytes; a config file may be at most 1048576 bytes. Point tollgate at the right file.`]);
  });

  it('a file just under the limit with thousands of unknown keys finishes quickly', () => {
    const line = `${'k'.repeat(60)}-`;
    const text = Array.from({ length: 15_000 }, (_, i) => `${line}${i}: 1\n`).join('');
    const started = Date.now();
    expect(errorsOf(text)).toHaveLength(21);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('deep nesting does not overflow the stack', () => {
    const text = `paths: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const result = parseConfig(text, FILE);
    expect(result.config).toBeUndefined();
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('binary garbage is a YAML error, not a crash', () => {
    const result = parseConfig('\u0000\u0001\u00ff: [\u0007', FILE);
    expect(result.config).toBeUndefined();
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('never throws on random YAML-ish text, and every error is one line naming the file', () => {
    const tokens = [
      'fail-on', 'extends', 'rules', 'paths', 'ignore', 'parse-error', 'no-committed-artifacts', 'level', 'options', 'allow',
      'error', 'warning', 'off', 'strict', '**', ':', ': ', ' ', '  ', '\n', '\t', '-', '- ', '[', ']', '{', '}', ',', '&a', '*a',
      '!', '!!str', '#', '"', "'", '---', '...', '|', '>', '?', '%YAML 1.2', '\r\n', '~', '@', '`', '\u0000',
    ];
    const yamlish = fc.oneof(fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((parts) => parts.join('')), fc.string({ maxLength: 200 }));
    fc.assert(
      fc.property(yamlish, (text) => {
        const result = parseConfig(text, FILE);
        expect(result.config === undefined).toBe(result.errors.length > 0);
        for (const error of result.errors) {
          const line = formatConfigError(error);
          expect(line.startsWith(`${FILE}`)).toBe(true);
          expect(line).not.toMatch(/[\r\n]/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readConfigFile and resolveConfigRead', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tollgate-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads, validates and resolves a full config file', async () => {
    const path = fixture('full.yml');
    const result = await loadConfig(path, { required: true });
    expect(result).toEqual({
      errors: [],
      config: {
        source: path,
        preset: 'strict',
        failOn: 'never',
        judge: 'all',
        policyFrom: 'base',
        paths: ['infra/**', 'k8s/**'],
        ignore: ['**/testdata/**'],
        policies: ['.github/tollgate/policies/*.yml'],
        overrides: [],
        rules: {
          ...resolvePreset('strict').rules,
          'parse-error': { level: 'warning', options: {} },
          'unexplained-suppression': { level: 'off', options: {} },
          'no-committed-artifacts': { level: 'warning', paths: ['**'], ignore: ['fixtures/**'], options: { allow: ['examples/**/*.tfstate'] } },
        },
        cost: { region: 'us-east-1', fallbackRegion: 'us-east-1', kubernetesRates: {} },
        kubernetes: { nonProduction: ['dev', 'test', 'staging', 'preview', 'sandbox', 'example', 'examples'], helmValues: [] },
        terraform: { varFiles: [] },
        limits: { maxFileBytes: 2 * 1024 * 1024 },
      },
    });
  });

  it('a file of only comments is the default preset, sourced from the file', async () => {
    const path = fixture('comments-only.yml');
    expect(await loadConfig(path, { required: false })).toEqual({ errors: [], config: { ...defaultConfig(), source: path } });
  });

  it('reports errors with the real path and line', async () => {
    const path = fixture('typo.yml');
    const result = await loadConfig(path, { required: false });
    expect(result.config).toBeUndefined();
    expect(result.errors.map(formatConfigError)).toEqual([
      `${path}:3:1: fial-on: unknown key (did you mean "fail-on"?); allowed keys: extends, fail-on, judge, policy-from, paths, ignore, policies, rules, overrides, cost, kubernetes, terraform, limits`,
      `${path}:6:12: rules.no-committed-artifacts.level: "eror" is not allowed (did you mean "error"?); use one of: off, error, warning, notice`,
    ]);
  });

  it('a missing optional file is the default preset', async () => {
    const result = await loadConfig(join(dir, 'absent.yml'), { required: false });
    expect(result).toEqual({ errors: [], config: defaultConfig() });
    expect(result.config?.source).toBe('preset:default');
  });

  it('a missing file under a path that is a file is also just missing', async () => {
    const file = join(dir, 'plain');
    await writeFile(file, 'x');
    expect(await loadConfig(join(file, 'tollgate.yml'), { required: false })).toEqual({ errors: [], config: defaultConfig() });
  });

  it('a missing required file is an error', async () => {
    const path = join(dir, 'absent.yml');
    const result = await loadConfig(path, { required: true });
    expect(result.config).toBeUndefined();
    expect(result.errors.map(formatConfigError)).toEqual([
      `${path}: config file not found; check the path, or leave it unset to use the default preset`,
    ]);
  });

  it('a directory is an error even when the file is optional', async () => {
    const path = fixture('a-directory.yml');
    expect((await loadConfig(path, { required: false })).errors.map(formatConfigError)).toEqual([
      `${path}: is a directory; point tollgate at a YAML file such as .github/tollgate.yml`,
    ]);
  });

  it('a file over 1 MiB is refused without reading it', async () => {
    const path = join(dir, 'huge.yml');
    await writeFile(path, Buffer.alloc(2 * 1024 * 1024, 0x61));
    expect((await loadConfig(path, { required: false })).errors.map(formatConfigError)).toEqual([
      `${path}: the file is 2097152 bytes; a config file may be at most 1048576 bytes. Point tollgate at the right file.`,
    ]);
  });
});

describe('overrides', () => {
  it('reads rule levels (shorthand or mapping) and a budget per entry, and a later file replaces the list whole', () => {
    const { config, errors } = parseConfig('overrides:\n  - paths: ["services/payments/**"]\n    rules:\n      pr-size: off\n      k8s-pdb: { level: error }\n    budgets: { name: payments, max-delta: 500 }\n', FILE);
    expect(errors).toEqual([]);
    expect(config?.overrides).toEqual([{ paths: ['services/payments/**'], levels: { 'pr-size': 'off', 'k8s-pdb': 'error' }, budget: { name: 'payments', 'max-delta': 500 } }]);
    const replaced = parseConfig('overrides:\n  - paths: ["sandbox/**"]\n    rules: { k8s-replicas: off }\n', FILE, [{ path: 'base.yml', text: 'overrides:\n  - paths: ["x/**"]\n    rules: { pr-size: off }\n' }]);
    expect(replaced.config?.overrides).toEqual([{ paths: ['sandbox/**'], levels: { 'k8s-replicas': 'off' } }]);
  });

  it('refuses rule options in an override, and an unknown rule id, with the line', () => {
    expect(errorsOf('overrides:\n  - paths: ["a/**"]\n    rules:\n      pr-size: { level: off, options: { warn-lines: 10 } }\n')[0]).toMatch(/^\.github\/tollgate\.yml:4:\d+: overrides\[0\]\.rules\.pr-size\.options: unknown key/);
    expect(errorsOf('overrides:\n  - paths: ["a/**"]\n    rules: { pr_size: off }\n')[0]).toMatch(/overrides\[0\]\.rules\.pr_size: unknown rule id \(did you mean "pr-size"\?\)/);
  });

});
