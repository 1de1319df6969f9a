import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, git, newRepo, removeDir, write } from '../../test/fixtures/changes/git-repos.js';
import { collectGitChanges } from './git.js';
import { renderGitManifests, touchesRenderable, unrenderedPaths } from './render-git.js';

describe('touchesRenderable', () => {
  const directories = new Set(['charts/web', 'deploy/overlays/prod', '']);
  it.each([
    ['a template of a chart', 'charts/web/templates/deployment.yaml', true],
    ['the values of a chart', 'charts/web/values.yaml', true],
    ['a file next to nothing renderable', 'src/app.ts', true],
    ['a file of an overlay', 'deploy/overlays/prod/patch.yaml', true],
  ])('%s', (_name, path, expected) => {
    expect(touchesRenderable([{ path, status: 'modified' }], directories)).toBe(expected);
  });

  it('is false without any chart or kustomization, or outside them', () => {
    expect(touchesRenderable([{ path: 'charts/web/values.yaml', status: 'modified' }], new Set())).toBe(false);
    expect(touchesRenderable([{ path: 'infra/main.tf', status: 'modified' }], new Set(['charts/web']))).toBe(false);
  });

  it('looks at the previous path of a renamed file', () => {
    expect(touchesRenderable([{ path: 'old/x.yaml', previousPath: 'charts/web/templates/x.yaml', status: 'renamed' }], new Set(['charts/web']))).toBe(true);
  });
});

describe('unrenderedPaths', () => {
  it('leaves out blobs over the size limit and blobs git could not size, never trees or links', () => {
    const listing = {
      sha: 'a'.repeat(40),
      entries: [
        { path: 'deploy/kustomization.yaml', mode: '100644', type: 'blob', object: '1', size: 120 },
        { path: 'docs/diagram.png', mode: '100644', type: 'blob', object: '2', size: 5_000_000 },
        { path: 'docs/missing.png', mode: '100644', type: 'blob', object: '3' },
        { path: 'vendor/lib', mode: '160000', type: 'commit', object: '4' },
      ],
    };
    expect(unrenderedPaths(listing, 1_000_000)).toEqual(['docs/diagram.png', 'docs/missing.png']);
  });
});

describe('renderGitManifests on a partial clone', () => {
  it('renders although a blob outside the manifests is missing from the repository', async () => {
    const root = newRepo('partial');
    try {
      write(root, 'deploy/kustomization.yaml', 'resources: [web.yaml]\n');
      write(root, 'deploy/web.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "1"\n');
      write(root, 'docs/diagram.png', 'not really a picture\n');
      commitAll(root, 'base');
      write(root, 'deploy/web.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "2"\n');
      commitAll(root, 'head');
      // A clone that fetched no large blobs: the picture's object is gone, as in a partial clone.
      const object = git(root, 'rev-parse', 'HEAD:docs/diagram.png').trim();
      rmSync(join(root, '.git', 'objects', object.slice(0, 2), object.slice(2)));
      const changes = await collectGitChanges({ cwd: root, base: 'HEAD~1' });
      const rendered = await renderGitManifests(root, changes, []);
      expect(rendered.notices.map((notice) => notice.message).join('\n')).not.toMatch(/git archive/);
    } finally {
      removeDir(root);
    }
  });
});
