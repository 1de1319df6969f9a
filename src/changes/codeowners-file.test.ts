import { afterAll, describe, expect, it } from 'vitest';
import { commitAll, git, newRepo, removeDir, tempDir, write } from '../../test/fixtures/changes/git-repos.js';
import { readCodeowners, readCodeownersAtCommit } from './codeowners-file.js';

const cleanup: string[] = [];
afterAll(() => cleanup.forEach(removeDir));

function track(dir: string): string {
  cleanup.push(dir);
  return dir;
}

describe('readCodeowners (a checkout)', () => {
  it('takes .github/CODEOWNERS over the root and docs/ copies, as GitHub does', async () => {
    const root = track(tempDir('owners-fs-'));
    write(root, 'docs/CODEOWNERS', '* @docs-team\n');
    write(root, 'CODEOWNERS', '* @root-team\n');
    expect(await readCodeowners(root)).toEqual({ path: 'CODEOWNERS', text: '* @root-team\n' });
    write(root, '.github/CODEOWNERS', '/infra/ @platform\n');
    expect(await readCodeowners(root)).toEqual({ path: '.github/CODEOWNERS', text: '/infra/ @platform\n' });
  });

  it('finds nothing in a tree without one, and ignores a file over GitHub\'s 3 MB limit', async () => {
    const root = track(tempDir('owners-none-'));
    expect(await readCodeowners(root)).toBeUndefined();
    write(root, 'CODEOWNERS', `${'# padding\n'.repeat(320_000)}* @someone\n`);
    expect(await readCodeowners(root)).toBeUndefined();
  });
});

describe('readCodeownersAtCommit (a git ref)', () => {
  it('reads the file as committed at the given commit, not the working tree', async () => {
    const root = track(newRepo('owners-git-'));
    write(root, '.github/CODEOWNERS', '/infra/ @platform\n');
    commitAll(root, 'owners');
    const first = git(root, 'rev-parse', 'HEAD').trim();
    write(root, '.github/CODEOWNERS', '/infra/ @platform\n/k8s/ @sre\n');
    commitAll(root, 'more owners');
    const second = git(root, 'rev-parse', 'HEAD').trim();
    write(root, '.github/CODEOWNERS', '* @uncommitted\n');

    expect(await readCodeownersAtCommit(root, first)).toEqual({ path: '.github/CODEOWNERS', text: '/infra/ @platform\n' });
    expect(await readCodeownersAtCommit(root, second)).toEqual({ path: '.github/CODEOWNERS', text: '/infra/ @platform\n/k8s/ @sre\n' });
  });

  it('falls back to docs/CODEOWNERS and finds nothing in a commit without any', async () => {
    const root = track(newRepo('owners-git-docs-'));
    write(root, 'README.md', 'hello\n');
    commitAll(root, 'no owners');
    const bare = git(root, 'rev-parse', 'HEAD').trim();
    write(root, 'docs/CODEOWNERS', '* @docs-team\n');
    commitAll(root, 'docs owners');

    expect(await readCodeownersAtCommit(root, bare)).toBeUndefined();
    expect(await readCodeownersAtCommit(root, 'HEAD')).toEqual({ path: 'docs/CODEOWNERS', text: '* @docs-team\n' });
  });
});
