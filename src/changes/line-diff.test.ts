import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffLines, splitLines } from './line-diff.js';

/** Applies zero-context hunks to `before`; independent of the diff code it checks. */
function applyPatch(before: string, patch: string): string {
  const old = splitLines(before);
  const out: string[] = [];
  let cursor = 0;
  const lines = patch === '' ? [] : patch.split('\n');
  for (let i = 0; i < lines.length; ) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i] as string);
    if (header === null) throw new Error(`bad hunk header ${lines[i]}`);
    const start = Number(header[1]);
    const count = header[2] === undefined ? 1 : Number(header[2]);
    const from = count === 0 ? start : start - 1;
    out.push(...old.slice(cursor, from));
    cursor = from + count;
    i++;
    while (i < lines.length && !(lines[i] as string).startsWith('@@')) {
      const line = lines[i] as string;
      const noNewline = lines[i + 1] === '\\ No newline at end of file';
      if (line.startsWith('+')) out.push(line.slice(1) + (noNewline ? '' : '\n'));
      i += noNewline ? 2 : 1;
    }
  }
  out.push(...old.slice(cursor));
  return out.join('');
}

function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] as number);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

const smallText = fc
  .array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 12 })
  .chain((lines) => fc.boolean().map((finalNewline) => lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '')));

describe('diffLines', () => {
  it('renders git-style zero-context hunks', () => {
    expect(diffLines('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual({
      patch: '@@ -2 +2 @@\n-b\n+B\n@@ -3,0 +4 @@\n+d',
      additions: 2,
      deletions: 1,
      approximate: false,
    });
  });

  it('returns an empty patch for equal texts', () => {
    expect(diffLines('x\ny\n', 'x\ny\n')).toEqual({ patch: '', additions: 0, deletions: 0, approximate: false });
  });

  it('marks a missing final newline like git does', () => {
    expect(diffLines('a\n', 'a').patch).toBe('@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file');
  });

  it('produces a patch that turns before into after, with a minimal number of changed lines', () => {
    fc.assert(
      fc.property(smallText, smallText, (before, after) => {
        const diff = diffLines(before, after);
        expect(applyPatch(before, diff.patch)).toBe(after);
        const a = splitLines(before);
        const b = splitLines(after);
        const common = lcsLength(a, b);
        expect(diff.deletions).toBe(a.length - common);
        expect(diff.additions).toBe(b.length - common);
      }),
      { numRuns: 500 },
    );
  });

  it('falls back to "the differing middle changed" past its work budget, still applicable', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const after = Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? `line ${i}` : `changed ${i}`)).join('\n') + '\n';
    const diff = diffLines(before, after, { budget: 10_000 });
    expect(diff.approximate).toBe(true);
    expect(diff.deletions).toBe(2999);
    expect(diff.additions).toBe(2999);
    expect(applyPatch(before, diff.patch)).toBe(after);
  });

  it('adds or removes a whole file exactly, whatever its length and the budget', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const added = diffLines('', text, { budget: 10 });
    expect(added).toMatchObject({ additions: 3000, deletions: 0, approximate: false });
    expect(applyPatch('', added.patch)).toBe(text);
    expect(diffLines(text, '', { budget: 10 })).toMatchObject({ additions: 0, deletions: 3000, approximate: false });
  });

  // A quadratic diff would not finish within the test timeout; the speed itself is not asserted.
  it('diffs a 500,000-line file with a small edit, exactly', () => {
    const lines = Array.from({ length: 500_000 }, (_, i) => `row ${i}`);
    const before = lines.join('\n');
    lines[250_000] = 'edited';
    const diff = diffLines(before, lines.join('\n'));
    expect(diff).toMatchObject({ additions: 1, deletions: 1, approximate: false });
    expect(diff.patch).toBe('@@ -250001 +250001 @@\n-row 250000\n+edited');
  });
});
