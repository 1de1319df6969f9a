import { describe, expect, it } from 'vitest';
import { parseCatFileOutput, parseRawNumstat, splitPatchByFile, unquoteGitPath } from './git-parse.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

describe('parseRawNumstat', () => {
  it('joins raw records with their numstat counts, renames and binary files included', () => {
    const output = Buffer.from(
      [
        `:100644 100644 ${SHA_A} ${SHA_B} R087`,
        'old\tname.txt',
        'new name.txt',
        `:000000 100644 ${ZERO} ${SHA_B} A`,
        'img.png',
        '3\t1\t',
        'old\tname.txt',
        'new name.txt',
        '-\t-\timg.png',
        '',
      ].join('\0'),
    );
    expect(parseRawNumstat(output)).toEqual([
      {
        status: 'R',
        path: 'new name.txt',
        previousPath: 'old\tname.txt',
        oldMode: '100644',
        newMode: '100644',
        oldBlob: SHA_A,
        newBlob: SHA_B,
        additions: 3,
        deletions: 1,
        binary: false,
      },
      { status: 'A', path: 'img.png', oldMode: '000000', newMode: '100644', oldBlob: ZERO, newBlob: SHA_B, binary: true },
    ]);
  });
});

describe('unquoteGitPath', () => {
  it('decodes C escapes and octal UTF-8 bytes', () => {
    expect(unquoteGitPath('"a/new\\nline \\"q\\" \\\\ \\303\\274.tf"')).toBe('a/new\nline "q" \\ ü.tf');
  });
  it('leaves unquoted names alone', () => {
    expect(unquoteGitPath('b/plain ü.tf')).toBe('b/plain ü.tf');
  });
});

describe('splitPatchByFile', () => {
  it('keys hunks by the new path, the old path for deletions, and drops headers', () => {
    const output = [
      'diff --git a/x y.tf b/x y.tf',
      'index 1..2 100644',
      '--- a/x y.tf\t',
      '+++ b/x y.tf\t',
      '@@ -1 +1 @@',
      '-a',
      '+diff --git fake',
      'diff --git a/gone.yaml b/gone.yaml',
      'deleted file mode 100644',
      '--- a/gone.yaml',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-k: v',
      'diff --git "a/new\\nline" "b/new\\nline"',
      '--- /dev/null',
      '+++ "b/new\\nline"',
      '@@ -0,0 +1 @@',
      '+q',
      'diff --git a/bin b/bin',
      'Binary files a/bin and b/bin differ',
      '',
    ].join('\n');
    expect(Object.fromEntries(splitPatchByFile(output))).toEqual({
      'x y.tf': '@@ -1 +1 @@\n-a\n+diff --git fake',
      'gone.yaml': '@@ -1 +0,0 @@\n-k: v',
      'new\nline': '@@ -0,0 +1 @@\n+q',
    });
  });
});

describe('parseCatFileOutput', () => {
  it('reads contents that contain newlines and skips missing objects', () => {
    const output = Buffer.concat([
      Buffer.from(`${SHA_A} blob 4\nx\ny\n\n`),
      Buffer.from(`${SHA_B} missing\n`),
      Buffer.from(`${ZERO} blob 0\n\n`),
    ]);
    const objects = parseCatFileOutput(output, true);
    expect(Buffer.from(objects.get(SHA_A)?.content ?? []).toString()).toBe('x\ny\n');
    expect(objects.has(SHA_B)).toBe(false);
    expect(objects.get(ZERO)).toMatchObject({ type: 'blob', size: 0 });
  });

  it('reads sizes from --batch-check output', () => {
    expect(parseCatFileOutput(Buffer.from(`${SHA_A} blob 1234\n`), false).get(SHA_A)).toEqual({ type: 'blob', size: 1234 });
  });
});
