/**
 * A small line diff for the directories mode (git and GitHub give us their own patches).
 * Myers' O(ND) algorithm after trimming the common prefix and suffix; hand-written because the
 * npm diff libraries either lack a work bound or pull in more than we need. Above the work
 * budget it falls back to "every line in the differing middle changed", which keeps a 50 MB
 * file from stalling the gate while counts and patch stay truthful.
 */

export interface LineDiff {
  /** Unified-diff hunks with no context lines (`@@ -a,b +c,d @@` onward), '' when equal. */
  patch: string;
  additions: number;
  deletions: number;
  /** True when the work budget ran out and the middle was reported as wholly replaced. */
  approximate: boolean;
}

export interface LineDiffOptions {
  /** Upper bound on element comparisons before falling back. */
  budget?: number;
}

export const DEFAULT_DIFF_BUDGET = 4_000_000;

type Op = 'equal' | 'delete' | 'insert';

/** Lines keep their '\n' so that a missing final newline counts as a change, as in git. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => line + '\n');
  const last = lines.length - 1;
  lines[last] = (lines[last] as string).slice(0, -1);
  if (lines[last] === '') lines.pop();
  return lines;
}

export function diffLines(before: string, after: string, options: LineDiffOptions = {}): LineDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const middleA = a.slice(prefix, a.length - suffix);
  const middleB = b.slice(prefix, b.length - suffix);
  const ids = new Map<string, number>();
  const intern = (line: string): number => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  // With one side empty the edit script is plain deletes or inserts; the search would still walk
  // every diagonal, quadratic in the lines of an added file.
  const oneSided = middleA.length === 0 || middleB.length === 0;
  const script = oneSided ? undefined : myers(middleA.map(intern), middleB.map(intern), options.budget ?? DEFAULT_DIFF_BUDGET);
  const ops = script ?? [...middleA.map((): Op => 'delete'), ...middleB.map((): Op => 'insert')];
  return { ...renderHunks(ops, a, b, prefix), approximate: !oneSided && script === undefined };
}

/** Shortest edit script from a to b, or undefined when it costs more than `budget` comparisons. */
function myers(a: number[], b: number[], budget: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let work = 0;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
        work++;
      }
      work++;
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
    if (work > budget) return undefined;
  }
  return backtrack(trace, n, m);
}

function backtrack(trace: Int32Array[], n: number, m: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d] as Int32Array;
    const at = (k: number): number => previous[k + d] as number;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('equal');
      x--;
      y--;
    }
    ops.push(x === prevX ? 'insert' : 'delete');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push('equal');
    x--;
    y--;
  }
  return ops.reverse();
}

function rangeHeader(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  if (count === 1) return `${start + 1}`;
  return `${start + 1},${count}`;
}

function bodyLine(marker: string, line: string): string {
  return line.endsWith('\n') ? marker + line.slice(0, -1) : `${marker}${line}\n\\ No newline at end of file`;
}

function renderHunks(ops: Op[], a: string[], b: string[], prefix: number): Omit<LineDiff, 'approximate'> {
  const out: string[] = [];
  let additions = 0;
  let deletions = 0;
  let ai = prefix;
  let bi = prefix;
  let i = 0;
  while (i < ops.length) {
    if (ops[i] === 'equal') {
      ai++;
      bi++;
      i++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    const hunkA = ai;
    const hunkB = bi;
    while (i < ops.length && ops[i] !== 'equal') {
      if (ops[i] === 'delete') removed.push(a[ai++] as string);
      else added.push(b[bi++] as string);
      i++;
    }
    out.push(`@@ -${rangeHeader(hunkA, removed.length)} +${rangeHeader(hunkB, added.length)} @@`);
    out.push(...removed.map((line) => bodyLine('-', line)), ...added.map((line) => bodyLine('+', line)));
    additions += added.length;
    deletions += removed.length;
  }
  return { patch: out.join('\n'), additions, deletions };
}
