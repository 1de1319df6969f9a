import { describe, expect, it, vi, afterAll, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import type * as ChildProcess from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, git, link, newRepo, removeDir, tempDir, write } from '../../test/fixtures/changes/git-repos.js';
import { ChangesError, collectGitChanges } from './git.js';
import type { ChangedFile, ChangeSet } from './model.js';
import { renderGitManifests } from './render-git.js';

vi.mock('node:child_process', async (importOriginal) => {
  const actual = await importOriginal<typeof ChildProcess>();
  return { ...actual, spawn: vi.fn(actual.spawn) };
});

const spawnMock = vi.mocked(spawn);

function byPath(changes: ChangeSet, path: string): ChangedFile {
  const file = changes.files.find((candidate) => candidate.path === path);
  if (file === undefined) throw new Error(`no changed file ${JSON.stringify(path)} in ${changes.files.map((f) => f.path).join(', ')}`);
  return file;
}

const cleanup: string[] = [];
afterAll(() => cleanup.forEach(removeDir));

function repo(prefix: string): string {
  const dir = newRepo(prefix);
  cleanup.push(dir);
  return dir;
}

const TEN_LINES = Array.from({ length: 10 }, (_, i) => `line ${i + 1} of a file long enough to be recognised as renamed`).join('\n') + '\n';
const EDITED_LINES = TEN_LINES.replaceAll('file', 'document');
const ODD_NAMES = ['with space.tf', 'ünïcødé.tf', '$(touch pwned).tf', 'new\nline.tf', 'back`tick`.tf'];

describe('collectGitChanges on a feature branch', () => {
  let root: string;
  let forkPoint: string;
  let featureTip: string;
  let changes: ChangeSet;

  beforeAll(async () => {
    const subRepo = repo('sub');
    write(subRepo, 'readme.md', 'sub\n');
    commitAll(subRepo, 'sub');

    root = repo('feature');
    write(root, 'keep.txt', 'unchanged on the branch\n');
    write(root, 'main.tf', 'a\nb\nc\n');
    write(root, 'delete.yaml', 'x: 1\n');
    write(root, 'rename-same.txt', TEN_LINES);
    write(root, 'rename-edit.txt', EDITED_LINES);
    write(root, 'bom.yaml', 'kind: A\n');
    forkPoint = commitAll(root, 'base');

    git(root, 'checkout', '-q', '-b', 'feature');
    write(root, 'main.tf', 'a\nB\nc\nd\n');
    git(root, 'rm', '-q', 'delete.yaml');
    mkdirSync(join(root, 'moved'));
    git(root, 'mv', 'rename-same.txt', 'moved/same.txt');
    git(root, 'mv', 'rename-edit.txt', 'moved/edit.txt');
    write(root, 'moved/edit.txt', EDITED_LINES.replace('line 5 of', 'LINE FIVE of'));
    write(root, 'image.bin', Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02]));
    write(root, 'bom.yaml', '\uFEFFkind: B\n');
    write(root, 'big.txt', 'x'.repeat(2000) + '\n');
    ODD_NAMES.forEach((name, index) => write(root, name, `value = ${index}\n`));
    link(root, 'link-inside', 'keep.txt');
    link(root, 'link-outside', '/etc/passwd');
    git(root, 'submodule', 'add', '-q', subRepo, 'vendor/sub');
    featureTip = commitAll(root, 'feature');

    git(root, 'checkout', '-q', 'main');
    write(root, 'keep.txt', 'changed on main after the fork\n');
    write(root, 'main-only.txt', 'added on main after the fork\n');
    commitAll(root, 'main moves on');
    git(root, 'checkout', '-q', 'feature');

    changes = await collectGitChanges({ cwd: root, base: 'main', head: 'feature', maxFileBytes: 1024 });
  });

  it('diffs from the fork point, so changes made on main later are not part of the set', () => {
    expect(changes.source).toBe('git');
    expect(changes.baseRef).toBe('main');
    expect(changes.headRef).toBe('feature');
    expect(changes.baseSha).toBe(forkPoint);
    expect(changes.headSha).toBe(featureTip);
    const paths = changes.files.map((file) => file.path);
    expect(paths).not.toContain('keep.txt');
    expect(paths).not.toContain('main-only.txt');
  });

  it('lists every changed file sorted by path, submodules left out', () => {
    const expected = [
      '.gitmodules',
      'big.txt',
      'bom.yaml',
      'delete.yaml',
      'image.bin',
      'link-inside',
      'link-outside',
      'main.tf',
      'moved/edit.txt',
      'moved/same.txt',
      ...ODD_NAMES,
    ].sort((a, b) => (a < b ? -1 : 1));
    expect(changes.files.map((file) => file.path)).toEqual(expected);
  });

  it('reads a modified file on both sides with its zero-context patch and line counts', () => {
    expect(byPath(changes, 'main.tf')).toEqual({
      path: 'main.tf',
      status: 'modified',
      before: 'a\nb\nc\n',
      after: 'a\nB\nc\nd\n',
      patch: '@@ -2 +2 @@ a\n-b\n+B\n@@ -3,0 +4 @@ c\n+d',
      size: 8,
      additions: 2,
      deletions: 1,
    });
  });

  it('reports a deletion with the base text and the base size', () => {
    expect(byPath(changes, 'delete.yaml')).toMatchObject({ status: 'removed', before: 'x: 1\n', size: 5, deletions: 1, additions: 0 });
    expect(byPath(changes, 'delete.yaml').after).toBeUndefined();
  });

  it('detects renames with and without edits', () => {
    expect(byPath(changes, 'moved/same.txt')).toMatchObject({
      status: 'renamed',
      previousPath: 'rename-same.txt',
      before: TEN_LINES,
      after: TEN_LINES,
      additions: 0,
      deletions: 0,
    });
    expect(byPath(changes, 'moved/same.txt').patch).toBeUndefined();
    const edited = byPath(changes, 'moved/edit.txt');
    expect(edited).toMatchObject({ status: 'renamed', previousPath: 'rename-edit.txt', additions: 1, deletions: 1 });
    expect(edited.after).toContain('LINE FIVE of');
    expect(edited.patch).toMatch(/^@@ -5 \+5 @@/);
  });

  it('marks binary files without text', () => {
    const image = byPath(changes, 'image.bin');
    expect(image).toMatchObject({ status: 'added', binary: true, size: 5 });
    expect(image.after).toBeUndefined();
    expect(image.patch).toBeUndefined();
    expect(image.note).toMatch(/binary/);
  });

  it('strips a UTF-8 byte-order mark', () => {
    expect(byPath(changes, 'bom.yaml')).toMatchObject({ before: 'kind: A\n', after: 'kind: B\n' });
  });

  it('keeps the size of a file above maxFileBytes but not its text', () => {
    const big = byPath(changes, 'big.txt');
    expect(big).toMatchObject({ status: 'added', size: 2001, note: 'larger than the 1 KiB size limit; raise `limits.max-file-bytes` in the tollgate config to analyse it' });
    expect(big.after).toBeUndefined();
    expect(big.patch).toBeUndefined();
  });

  it('reads files whose names hold spaces, unicode, shell syntax and newlines', () => {
    ODD_NAMES.forEach((name, index) => {
      const file = byPath(changes, name);
      expect(file.status).toBe('added');
      expect(file.after).toBe(`value = ${index}\n`);
      expect(file.patch).toBe(`@@ -0,0 +1 @@\n+value = ${index}`);
    });
  });

  it('never follows a symlink, even one that points outside the repository', () => {
    for (const path of ['link-inside', 'link-outside']) {
      const file = byPath(changes, path);
      expect(file.status).toBe('added');
      expect(file.after).toBeUndefined();
      expect(file.note).toBe('symbolic link; not followed');
    }
    expect(JSON.stringify(changes)).not.toContain('root:x:0');
  });

  it('skips a submodule with a notice naming it', () => {
    expect(changes.notices).toEqual([
      { file: 'vendor/sub', message: 'submodule vendor/sub skipped: tollgate does not read submodule contents' },
    ]);
  });

  it('reads text only for the files the caller wants, keeping size and status for the rest', async () => {
    const limited = await collectGitChanges({ cwd: root, base: 'main', head: 'feature', wantContent: (path) => path.endsWith('.tf') });
    expect(byPath(limited, 'main.tf').after).toBe('a\nB\nc\nd\n');
    const yaml = byPath(limited, 'delete.yaml');
    expect(yaml).toMatchObject({ status: 'removed', size: 5 });
    expect(yaml.before).toBeUndefined();
    expect(byPath(limited, 'image.bin').binary).toBe(true);
    expect(byPath(limited, 'big.txt').after).toBeUndefined();
  });

  it('works from a subdirectory and reports paths from the repository root', async () => {
    const fromSub = await collectGitChanges({ cwd: `${root}/moved`, base: 'main', head: 'feature' });
    expect(fromSub.files.map((file) => file.path)).toEqual(changes.files.map((file) => file.path));
    expect(byPath(fromSub, 'big.txt').after).toBe('x'.repeat(2000) + '\n');
  });
});

describe('collectGitChanges process use', () => {
  function repoWithChangedFiles(count: number): string {
    const root = repo(`many-${count}`);
    write(root, 'seed.txt', 'seed\n');
    commitAll(root, 'base');
    for (let i = 0; i < count; i++) write(root, `file-${i}.tf`, `value = ${i}\n`);
    commitAll(root, 'head');
    return root;
  }

  async function spawnsFor(root: string): Promise<string[][]> {
    spawnMock.mockClear();
    const result = await collectGitChanges({ cwd: root, base: 'HEAD~1' });
    expect(result.files.length).toBeGreaterThan(0);
    return spawnMock.mock.calls.map((call) => [...(call[1] ?? [])]);
  }

  it('reads all contents through a single git cat-file --batch process', async () => {
    const calls = await spawnsFor(repoWithChangedFiles(30));
    const batch = calls.filter((args) => args.includes('cat-file') && args.includes('--batch'));
    expect(batch).toHaveLength(1);
  });

  it('spawns the same number of processes for 3 files as for 30', async () => {
    const few = await spawnsFor(repoWithChangedFiles(3));
    const many = await spawnsFor(repoWithChangedFiles(30));
    expect(many.length).toBe(few.length);
    // The eighth to tenth: `ls-tree`, `git grep` for module callers and `cat-file` for the unchanged files of the changed Terraform roots.
    expect(many.length).toBeLessThanOrEqual(10);
  });
});

describe('one head tree listing for Terraform context and chart rendering', () => {
  let root = '';
  beforeAll(() => {
    root = repo('listing');
    write(root, 'infra/main.tf', 'resource "aws_s3_bucket" "logs" {}\n');
    write(root, 'infra/variables.tf', 'variable "region" {}\n');
    write(root, 'charts/web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
    write(root, 'charts/web/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n');
    commitAll(root, 'base');
    write(root, 'infra/main.tf', 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n');
    write(root, 'charts/web/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-2\n');
    commitAll(root, 'head');
  });

  const lsTrees = (): string[][] => spawnMock.mock.calls.map((call) => [...(call[1] ?? [])]).filter((args) => args.includes('ls-tree'));

  it('lists the head tree once when a change touches both Terraform and a chart', async () => {
    spawnMock.mockClear();
    const changes = await collectGitChanges({ cwd: root, base: 'HEAD~1' });
    expect(changes.context?.map((file) => file.path)).toEqual(['infra/variables.tf']);
    expect(changes.headTree?.sha).toBe(changes.headSha);
    await renderGitManifests(root, changes, []);
    // The collector's head listing, and the base listing the renderer needs: two, where each step listing its own made three.
    expect(lsTrees().map((args) => args.at(-1))).toEqual([changes.headSha, changes.baseSha]);
  });

  it('lists the head tree in the renderer when the collector had no reason to', async () => {
    const changes = await collectGitChanges({ cwd: root, base: 'HEAD~1' });
    const { headTree: _headTree, ...withoutListing } = changes;
    spawnMock.mockClear();
    await renderGitManifests(root, withoutListing, []);
    expect(lsTrees().map((args) => args.at(-1)).sort()).toEqual([changes.baseSha, changes.headSha].sort());
  });
});

describe('collectGitChanges errors', () => {
  it('explains a shallow clone that lacks the fork point and suggests fetch-depth: 0', async () => {
    const origin = repo('origin');
    write(origin, 'a.txt', '1\n');
    commitAll(origin, 'one');
    git(origin, 'checkout', '-q', '-b', 'feature');
    write(origin, 'b.txt', '2\n');
    commitAll(origin, 'two');
    git(origin, 'checkout', '-q', 'main');
    write(origin, 'c.txt', '3\n');
    commitAll(origin, 'three');
    const clone = tempDir('shallow');
    cleanup.push(clone);
    git(clone, 'clone', '-q', '--depth', '1', '--no-single-branch', `file://${origin}`, '.');

    const attempt = collectGitChanges({ cwd: clone, base: 'origin/main', head: 'origin/feature' });
    await expect(attempt).rejects.toBeInstanceOf(ChangesError);
    await expect(attempt).rejects.toThrow(/shallow.*`fetch-depth: 0`.*GitHub API/);
  });

  it('names an unknown ref and how to fetch it', async () => {
    const root = repo('unknown-ref');
    write(root, 'a.txt', '1\n');
    commitAll(root, 'one');
    const attempt = collectGitChanges({ cwd: root, base: 'origin/release-9' });
    await expect(attempt).rejects.toBeInstanceOf(ChangesError);
    await expect(attempt).rejects.toThrow('unknown git ref "origin/release-9": fetch it first (`git fetch origin origin/release-9`)');
  });

  it('refuses a ref that git would read as an option', async () => {
    const root = repo('option-ref');
    write(root, 'a.txt', '1\n');
    commitAll(root, 'one');
    await expect(collectGitChanges({ cwd: root, base: '--output=/tmp/x' })).rejects.toThrow(/not a valid git ref/);
  });

  it('says so when the directory is not a git repository', async () => {
    const plain = tempDir('plain');
    cleanup.push(plain);
    const attempt = collectGitChanges({ cwd: plain, base: 'main' });
    await expect(attempt).rejects.toBeInstanceOf(ChangesError);
    await expect(attempt).rejects.toThrow(/is not inside a git repository/);
  });

  it('says so when the directory does not exist', async () => {
    const attempt = collectGitChanges({ cwd: '/nonexistent/tollgate-checkout', base: 'main' });
    await expect(attempt).rejects.toBeInstanceOf(ChangesError);
    await expect(attempt).rejects.toThrow('directory /nonexistent/tollgate-checkout does not exist; run tollgate from your checkout');
  });

  it('says so when the branches share no history', async () => {
    const root = repo('orphan');
    write(root, 'a.txt', '1\n');
    commitAll(root, 'one');
    git(root, 'checkout', '-q', '--orphan', 'other');
    write(root, 'b.txt', '2\n');
    commitAll(root, 'unrelated');
    await expect(collectGitChanges({ cwd: root, base: 'main', head: 'other' })).rejects.toThrow(/share no history/);
  });
});
