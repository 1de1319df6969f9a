import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { builtDirectory } from '../../test/support/kustomize-wrapper.js';
import type { CommandRunner } from './render-command.js';
import { isComponent, KustomizationTree, KustomizeTools, kustomizationReferences, looksRemote, readOrigins, resolveEntry } from './render-kustomize.js';

const fixtureRoot = (side: 'base' | 'head') => fileURLToPath(new URL(`../../test/fixtures/render/${side}`, import.meta.url));

describe('kustomizationReferences', () => {
  it.each([
    ['resources, bases and components', 'resources:\n  - ../../base\n  - extra.yaml\nbases: [../legacy]\ncomponents:\n  - ../../components/tls\n', ['../../base', 'extra.yaml', '../legacy', '../../components/tls']],
    ['non-string entries are ignored', 'resources:\n  - 42\n  - {path: x}\n  - ok.yaml\n', ['ok.yaml']],
    ['not YAML', 'resources: [\n', []],
    ['a scalar document', 'just text', []],
  ])('%s', (_name, text, expected) => {
    expect(kustomizationReferences(text)).toEqual(expected);
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string(), (text) => Array.isArray(kustomizationReferences(text))));
  });
});

describe('looksRemote', () => {
  it.each([
    ['https://github.com/org/repo//deploy?ref=v1', true],
    ['ssh://git@github.com/org/repo.git', true],
    ['git@github.com:org/repo.git', true],
    ['git::https://example.com/repo', true],
    ['github.com/org/repo/deploy?ref=main', true],
    ['../../base', false],
    ['deployment.yaml', false],
  ])('%s → %s', (entry, expected) => {
    expect(looksRemote(entry)).toBe(expected);
  });
});

describe('resolveEntry', () => {
  it.each([
    ['deploy/overlays/prod', '../../base', 'deploy/base'],
    ['deploy/overlays/prod', 'patch.yaml', 'deploy/overlays/prod/patch.yaml'],
    ['deploy/base', './', 'deploy/base'],
    ['', '../outside', undefined],
    ['deploy', '/etc', undefined],
    ['a/b', '../../..', undefined],
  ])('%s + %s → %s', (directory, entry, expected) => {
    expect(resolveEntry(directory, entry)).toBe(expected);
  });
});

describe('KustomizationTree', () => {
  it('finds the overlays that include a base', async () => {
    const tree = new KustomizationTree(fixtureRoot('head'));
    const found = await tree.referrersOf('deploy/kustomize/base');
    expect(found).toEqual({ referrers: ['deploy/kustomize/overlays/prod', 'deploy/kustomize/overlays/staging'], capped: false });
    expect((await tree.referrersOf('deploy/kustomize/overlays/prod')).referrers).toEqual([]);
  });

  it('accepts the fixture overlays as safe to build', async () => {
    const tree = new KustomizationTree(fixtureRoot('head'));
    expect(await tree.refusal('deploy/kustomize/overlays/prod')).toBeUndefined();
  });

  describe('hostile kustomizations', () => {
    let root = '';
    afterEach(async () => {
      if (root !== '') await rm(root, { recursive: true, force: true });
    });

    async function repository(files: Record<string, string>): Promise<string> {
      root = await mkdtemp(join(tmpdir(), 'tollgate-kustomize-'));
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), text);
      }
      return root;
    }

    it.each([
      ['an https base', 'resources:\n  - https://github.com/org/repo//deploy?ref=v1\n', 'includes the remote base https://github.com/org/repo//deploy?ref=v1'],
      ['a host/path base', 'resources:\n  - github.com/org/repo/deploy\n', 'includes the remote base github.com/org/repo/deploy'],
      ['a path out of the repository', 'resources:\n  - ../../../../etc\n', 'includes ../../../../etc, which is outside the repository'],
    ])('refuses %s, also through an overlay', async (_name, base, reason) => {
      const dir = await repository({ 'k/base/kustomization.yaml': base, 'k/prod/kustomization.yaml': 'resources:\n  - ../base\n' });
      const tree = new KustomizationTree(dir);
      expect(await tree.refusal('k/prod')).toContain(reason);
      let calls = 0;
      const run: CommandRunner = () => {
        calls++;
        return Promise.resolve({ exitCode: 0, stdout: '', stderr: '' });
      };
      const outcome = await new KustomizeTools(run).render(tree, 'k/prod');
      expect(outcome).toEqual({ kind: 'failed', reason: expect.stringContaining(reason) as string });
      expect(calls).toBe(0);
    });

    it('refuses a base reached through a link that leaves the repository', async () => {
      const outside = await mkdtemp(join(tmpdir(), 'tollgate-outside-'));
      try {
        await writeFile(join(outside, 'kustomization.yaml'), 'resources: []\n');
        const dir = await repository({ 'k/prod/kustomization.yaml': 'resources:\n  - ../shared\n' });
        await symlink(outside, join(dir, 'k/shared'));
        expect(await new KustomizationTree(dir).refusal('k/prod')).toContain('../shared, which is outside the repository');
      } finally {
        await rm(outside, { recursive: true, force: true });
      }
    });
  });
});

describe('KustomizeTools', () => {
  const tree = new KustomizationTree(fixtureRoot('head'));

  it('falls back to kustomize build when kubectl is missing, and tries kubectl only once', async () => {
    const calls: string[] = [];
    const run: CommandRunner = (command, args) => {
      calls.push([command, ...args.map((arg) => builtDirectory(arg).replace(fixtureRoot('head'), '<head>'))].join(' '));
      return Promise.resolve(command === 'kubectl' ? { exitCode: null, stdout: '', stderr: '', failure: 'not-found' } : { exitCode: 0, stdout: 'kind: X\n', stderr: '' });
    };
    const tools = new KustomizeTools(run);
    expect(await tools.render(tree, 'deploy/kustomize/base')).toEqual({ kind: 'rendered', output: 'kind: X\n', origins: [undefined] });
    expect(await tools.render(tree, 'deploy/kustomize/overlays/prod')).toEqual({ kind: 'rendered', output: 'kind: X\n', origins: [undefined] });
    expect(calls).toEqual(['kubectl kustomize <head>/deploy/kustomize/base', 'kustomize build <head>/deploy/kustomize/base', 'kustomize build <head>/deploy/kustomize/overlays/prod']);
  });

  it('never enables helm, plugins or exec', async () => {
    const seen: string[][] = [];
    const run: CommandRunner = (_command, args) => {
      seen.push([...args]);
      return Promise.resolve({ exitCode: 0, stdout: '', stderr: '' });
    };
    await new KustomizeTools(run).render(tree, 'deploy/kustomize/overlays/prod');
    expect(seen.flat().filter((arg) => arg.startsWith('--'))).toEqual([]);
  });

  it('reports a missing binary when neither is installed', async () => {
    const run: CommandRunner = () => Promise.resolve({ exitCode: null, stdout: '', stderr: '', failure: 'not-found' });
    expect(await new KustomizeTools(run).render(tree, 'deploy/kustomize/base')).toEqual({ kind: 'missing-binary' });
  });
});

describe('readOrigins', () => {
  const root = '/repo';
  const wrapper = '/tmp/tollgate-kustomize-x';
  const output = `apiVersion: v1
kind: Service
metadata:
  annotations:
    config.kubernetes.io/origin: |
      path: ../../repo/deploy/base/service.yaml
  name: web
---
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    config.kubernetes.io/origin: |
      path: ../../repo/deploy/base/deployment.yaml
      repo: ""
    team: shop
  name: web
---
apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    config.kubernetes.io/origin: |
      configuredIn: ../../repo/deploy/overlays/prod/kustomization.yaml
      configuredBy:
        apiVersion: builtin
        kind: ConfigMapGenerator
  name: settings
---
kind: Secret
metadata:
  annotations:
    config.kubernetes.io/origin: |
      path: ../../etc/passwd
  name: outside
`;

  it('names where each document is written, and removes the annotation (and an annotations key it empties)', () => {
    const read = readOrigins(output, root, wrapper);
    expect(read.documents).toEqual(['deploy/base/service.yaml', 'deploy/base/deployment.yaml', 'deploy/overlays/prod/kustomization.yaml', undefined]);
    expect(read.output).not.toContain('config.kubernetes.io/origin');
    expect(read.output).toContain('  annotations:\n    team: shop\n  name: web');
    expect(read.output.split('\n').slice(0, 4)).toEqual(['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web']);
  });

  it('leaves output without origins as it is', () => {
    expect(readOrigins('kind: X\n', root, wrapper)).toEqual({ output: 'kind: X\n', documents: [undefined] });
  });
});

describe('isComponent', () => {
  it('knows a kind: Component kustomization', () => {
    expect(isComponent('apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches: []\n')).toBe(true);
    expect(isComponent('resources: [a.yaml]\n')).toBe(false);
    expect(isComponent('kind: [\n')).toBe(false);
  });
});
