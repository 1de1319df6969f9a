import { describe, expect, it } from 'vitest';
import { parseConfig } from './load.js';
import type { ConfigFileRead } from './model.js';
import { expandExtends, extendsTarget, type ExtendsTarget } from './extends.js';

describe('extendsTarget', () => {
  it.each<[string, ExtendsTarget]>([
    ['strict', { kind: 'preset', name: 'strict' }],
    ['.github/tollgate-base.yml', { kind: 'local', path: '.github/tollgate-base.yml' }],
    ['./platform/tollgate.yaml', { kind: 'local', path: 'platform/tollgate.yaml' }],
    ['acme/platform-config/tollgate/base.yml@v3', { kind: 'remote', owner: 'acme', repo: 'platform-config', path: 'tollgate/base.yml', ref: 'v3' }],
    ['acme/.github/tollgate.yml@main', { kind: 'remote', owner: 'acme', repo: '.github', path: 'tollgate.yml', ref: 'main' }],
  ])('%s', (value, target) => {
    expect(extendsTarget(value)).toEqual(target);
  });

  it.each(['lax', '../outside.yml', '/etc/tollgate.yml', 'acme/repo/base.yml@', 'acme/repo/base.json@main'])('refuses %s', (value) => {
    expect(extendsTarget(value)).toHaveProperty('error');
  });
});

/** Files by the name `extends` gives them; a name not here is missing. */
function files(texts: Record<string, string>) {
  const requested: string[] = [];
  const read = (target: Exclude<ExtendsTarget, { kind: 'preset' }>): Promise<ConfigFileRead> => {
    const name = target.kind === 'local' ? target.path : `${target.owner}/${target.repo}/${target.path}@${target.ref}`;
    requested.push(name);
    const text = texts[name];
    return Promise.resolve(text === undefined ? { path: name, missing: true } : { path: name, text });
  };
  return { read, requested };
}

const ORG = 'acme/platform-config/tollgate/base.yml@v3';

describe('expandExtends and parseConfig', () => {
  it('lays the chain under the file: preset, then the organisation file, then the team file, then the repository', async () => {
    const { read, requested } = files({
      [ORG]: 'extends: strict\nfail-on: warning\npolicies: ["pack:finops"]\nrules:\n  pr-size: off\n',
      '.github/tollgate-team.yml': `extends: ${ORG}\njudge: all\nrules:\n  pr-size: notice\n`,
    });
    const expanded = await expandExtends({ path: '.github/tollgate.yml', text: 'extends: .github/tollgate-team.yml\nfail-on: error\n' }, read);
    expect(requested).toEqual(['.github/tollgate-team.yml', ORG]);
    expect('text' in expanded && expanded.extended?.map((layer) => layer.path)).toEqual([ORG, '.github/tollgate-team.yml']);
    if (!('text' in expanded)) throw new Error('not read');
    const { config, errors } = parseConfig(expanded.text, expanded.path, expanded.extended);
    expect(errors).toEqual([]);
    expect(config).toMatchObject({ preset: 'strict', failOn: 'error', judge: 'all', policies: ['pack:finops'], source: '.github/tollgate.yml' });
    expect(config?.rules['pr-size']?.level).toBe('notice');
  });

  it('refuses a loop, naming each file in it', async () => {
    const { read } = files({ 'a.yml': 'extends: b.yml\n', 'b.yml': 'extends: a.yml\n' });
    expect(await expandExtends({ path: '.github/tollgate.yml', text: 'extends: a.yml\n' }, read)).toEqual({
      path: '.github/tollgate.yml',
      unreadable: 'extends loops: .github/tollgate.yml → a.yml → b.yml → a.yml; one of them must extend a preset or nothing',
    });
  });

  it('says which file extends a missing one, and what to check', async () => {
    const { read } = files({});
    expect(await expandExtends({ path: '.github/tollgate.yml', text: `extends: ${ORG}\n` }, read)).toEqual({
      path: '.github/tollgate.yml',
      unreadable: `.github/tollgate.yml extends ${ORG}, which does not exist; check the path, the repository and the ref`,
    });
  });

  it('reports a mistake in an extended file at that file’s line', async () => {
    const { read } = files({ 'base.yml': 'fail-on: sometimes\n' });
    const expanded = await expandExtends({ path: '.github/tollgate.yml', text: 'extends: base.yml\n' }, read);
    if (!('text' in expanded)) throw new Error('not read');
    expect(parseConfig(expanded.text, expanded.path, expanded.extended).errors).toEqual([expect.objectContaining({ file: 'base.yml', line: 1, key: 'fail-on' })]);
  });

  it('reads nothing for a preset, and refuses an extends it could not follow', async () => {
    const { read, requested } = files({});
    const plain = { path: '.github/tollgate.yml', text: 'extends: strict\n' };
    expect(await expandExtends(plain, read)).toBe(plain);
    expect(requested).toEqual([]);
    expect(parseConfig('extends: base.yml\n', '.github/tollgate.yml').errors).toEqual([expect.objectContaining({ line: 1, key: 'extends', message: expect.stringContaining('base.yml was not read') })]);
  });
});
