import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { link, removeDir, tempDir, write } from '../../test/fixtures/changes/git-repos.js';
import { collectDirectoryChanges } from './directories.js';
import { ChangesError } from './errors.js';
import type { ChangeSet, ChangedFile } from './model.js';

const TREES = fileURLToPath(new URL('../../test/fixtures/changes/trees/', import.meta.url));

function byPath(changes: ChangeSet, path: string): ChangedFile {
  const file = changes.files.find((candidate) => candidate.path === path);
  if (file === undefined) throw new Error(`no changed file ${path}`);
  return file;
}

const cleanup: string[] = [];
afterEach(() => cleanup.splice(0).forEach(removeDir));

function trees(): { base: string; head: string } {
  const root = tempDir('trees');
  cleanup.push(root);
  const base = join(root, 'base');
  const head = join(root, 'head');
  mkdirSync(base);
  mkdirSync(head);
  return { base, head };
}

describe('collectDirectoryChanges on the fixture trees', () => {
  it('lists added, modified and removed files with patches, and leaves equal files out', async () => {
    const base = join(TREES, 'base');
    const head = join(TREES, 'head');
    const changes = await collectDirectoryChanges({ base, head });
    expect(changes).toEqual({
      source: 'directories',
      baseRef: base,
      headRef: head,
      notices: [],
      files: [
        {
          path: 'k8s/deploy.yaml',
          status: 'modified',
          size: 38,
          before: 'replicas: 2\nimage: web:1.0\n',
          after: 'replicas: 3\nimage: web:1.0\nport: 8080\n',
          patch: '@@ -1 +1 @@\n-replicas: 2\n+replicas: 3\n@@ -2,0 +3 @@\n+port: 8080',
          additions: 2,
          deletions: 1,
        },
        {
          path: 'removed.yaml',
          status: 'removed',
          size: 10,
          before: 'old: true\n',
          patch: '@@ -1 +0,0 @@\n-old: true',
          additions: 0,
          deletions: 1,
        },
        {
          path: 'tf/main.tf',
          status: 'added',
          size: 63,
          after: 'resource "aws_instance" "web" {\n  instance_type = "t3.micro"\n}\n',
          patch: '@@ -0,0 +1,3 @@\n+resource "aws_instance" "web" {\n+  instance_type = "t3.micro"\n+}',
          additions: 3,
          deletions: 0,
        },
      ],
    });
  });

  it('treats a missing base directory as everything added', async () => {
    const head = join(TREES, 'head');
    const changes = await collectDirectoryChanges({ base: join(TREES, 'does-not-exist'), head });
    expect(changes.files.map((file) => [file.path, file.status])).toEqual([
      ['k8s/deploy.yaml', 'added'],
      ['k8s/service.yaml', 'added'],
      ['tf/main.tf', 'added'],
    ]);
  });

  it('reads text only for wanted files but still counts lines for the rest', async () => {
    const changes = await collectDirectoryChanges({
      base: join(TREES, 'base'),
      head: join(TREES, 'head'),
      wantContent: (path) => path.endsWith('.tf'),
    });
    const deploy = byPath(changes, 'k8s/deploy.yaml');
    expect(deploy.before).toBeUndefined();
    expect(deploy.after).toBeUndefined();
    expect(deploy).toMatchObject({ additions: 2, deletions: 1, size: 38 });
    expect(byPath(changes, 'tf/main.tf').after).toContain('aws_instance');
  });
});

describe('collectDirectoryChanges edge cases', () => {
  it('treats an empty base as everything added and skips .git and node_modules', async () => {
    const { base, head } = trees();
    write(head, 'app.yaml', 'a: 1\n');
    write(head, '.git/config', '[core]\n');
    write(head, 'node_modules/pkg/index.js', 'x\n');
    write(head, 'nested/node_modules/pkg/index.js', 'x\n');
    const changes = await collectDirectoryChanges({ base, head });
    expect(changes.files.map((file) => file.path)).toEqual(['app.yaml']);
  });

  it('marks binary files, strips a BOM and handles odd file names', async () => {
    const { base, head } = trees();
    write(head, 'logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d]));
    write(base, 'bom.yaml', 'kind: A\n');
    write(head, 'bom.yaml', '\uFEFFkind: A\n');
    write(head, 'dir with space/$(x) ü\nname.tf', 'a = 1');
    const changes = await collectDirectoryChanges({ base, head });
    expect(byPath(changes, 'logo.png')).toMatchObject({ status: 'added', binary: true, size: 6, note: 'binary file; contents not read' });
    expect(byPath(changes, 'logo.png').patch).toBeUndefined();
    expect(byPath(changes, 'bom.yaml')).toMatchObject({ status: 'modified', before: 'kind: A\n', after: 'kind: A\n' });
    expect(byPath(changes, 'dir with space/$(x) ü\nname.tf')).toMatchObject({
      status: 'added',
      after: 'a = 1',
      patch: '@@ -0,0 +1 @@\n+a = 1\n\\ No newline at end of file',
    });
  });

  it('keeps the size of a large file but not its text, and compares large files by bytes', async () => {
    const { base, head } = trees();
    write(base, 'same-big.txt', 'y'.repeat(3000));
    write(head, 'same-big.txt', 'y'.repeat(3000));
    write(base, 'big.txt', 'x'.repeat(3000));
    write(head, 'big.txt', 'x'.repeat(2999) + 'z');
    const changes = await collectDirectoryChanges({ base, head, maxFileBytes: 2048 });
    expect(changes.files.map((file) => file.path)).toEqual(['big.txt']);
    const big = byPath(changes, 'big.txt');
    expect(big).toMatchObject({ status: 'modified', size: 3000, note: 'larger than the 2 KiB size limit; raise `limits.max-file-bytes` in the tollgate config to analyse it' });
    expect(big.before).toBeUndefined();
    expect(big.after).toBeUndefined();
  });

  it('never follows symlinks, including one pointing outside the tree', async () => {
    const { base, head } = trees();
    link(head, 'passwd', '/etc/passwd');
    link(base, 'same-link', 'target.txt');
    link(head, 'same-link', 'target.txt');
    link(base, 'moved-link', 'a.txt');
    link(head, 'moved-link', 'b.txt');
    const changes = await collectDirectoryChanges({ base, head });
    expect(changes.files.map((file) => [file.path, file.status, file.note])).toEqual([
      ['moved-link', 'modified', 'symbolic link; not followed'],
      ['passwd', 'added', 'symbolic link; not followed'],
    ]);
    expect(JSON.stringify(changes)).not.toContain('root:x:0');
  });

  it('throws a ChangesError when the head directory is missing', async () => {
    const { base } = trees();
    const attempt = collectDirectoryChanges({ base, head: join(base, 'nope') });
    await expect(attempt).rejects.toBeInstanceOf(ChangesError);
    await expect(attempt).rejects.toThrow(/cannot read the head directory .*nope \(ENOENT\)/);
  });

  it('throws a ChangesError when a path is a file, not a directory', async () => {
    const { head } = trees();
    write(head, 'file.txt', 'x');
    await expect(collectDirectoryChanges({ base: join(head, 'file.txt'), head })).rejects.toThrow(/base path .* is not a directory/);
  });
});
