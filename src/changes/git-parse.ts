/** Pure parsers for git's machine-readable output; git.ts runs the commands. */

export const GITLINK_MODE = '160000';
export const SYMLINK_MODE = '120000';

export interface RawEntry {
  /** First letter of git's status: A, D, M, R, C, T, U, X. */
  status: string;
  path: string;
  previousPath?: string;
  oldMode: string;
  newMode: string;
  oldBlob: string;
  newBlob: string;
  additions?: number;
  deletions?: number;
  /** git's numstat printed `-\t-`: binary by its own heuristic or by .gitattributes. */
  binary: boolean;
}

interface NumstatEntry {
  additions?: number;
  deletions?: number;
  binary: boolean;
}

const utf8 = new TextDecoder('utf-8');

/**
 * Parses `git diff --raw --numstat -z` output: every raw record first (`:old new oldsha newsha
 * S\0path\0`, two paths for renames and copies), then every numstat record (`add\tdel\tpath\0`,
 * or `add\tdel\t\0old\0new\0` for renames).
 */
export function parseRawNumstat(output: Uint8Array): RawEntry[] {
  const tokens = utf8.decode(output).split('\0');
  if (tokens[tokens.length - 1] === '') tokens.pop();
  const entries: RawEntry[] = [];
  const stats = new Map<string, NumstatEntry>();
  let i = 0;
  const take = (): string => {
    const token = tokens[i++];
    if (token === undefined) throw new Error('git diff --raw output ended early');
    return token;
  };
  while (i < tokens.length) {
    const token = take();
    if (token.startsWith(':')) {
      const [oldMode, newMode, oldBlob, newBlob, statusField] = token.slice(1).split(' ');
      const status = (statusField ?? '').charAt(0);
      const twoPaths = status === 'R' || status === 'C';
      const first = take();
      const entry: RawEntry = {
        status,
        path: twoPaths ? take() : first,
        oldMode: oldMode ?? '',
        newMode: newMode ?? '',
        oldBlob: oldBlob ?? '',
        newBlob: newBlob ?? '',
        binary: false,
      };
      if (twoPaths) entry.previousPath = first;
      entries.push(entry);
    } else {
      const [added = '', deleted = '', path = ''] = splitNumstat(token);
      let newPath = path;
      if (path === '') {
        take();
        newPath = take();
      }
      const binary = added === '-' && deleted === '-';
      stats.set(newPath, binary ? { binary } : { binary, additions: Number(added), deletions: Number(deleted) });
    }
  }
  return entries.map((entry) => ({ ...entry, ...stats.get(entry.path) }));
}

/** `add\tdel\tpath`, where the path itself may contain tabs. */
function splitNumstat(token: string): [string, string, string] {
  const firstTab = token.indexOf('\t');
  const secondTab = token.indexOf('\t', firstTab + 1);
  return [token.slice(0, firstTab), token.slice(firstTab + 1, secondTab), token.slice(secondTab + 1)];
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style quoting of a path (`"a/new\nline"`, octal `\303\251` for raw bytes). */
export function unquoteGitPath(quoted: string): string {
  if (!quoted.startsWith('"') || !quoted.endsWith('"') || quoted.length < 2) return quoted;
  const body = quoted.slice(1, -1);
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char !== '\\') {
      const code = body.codePointAt(i) as number;
      const text = String.fromCodePoint(code);
      bytes.push(...encoder.encode(text));
      i += text.length - 1;
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return utf8.decode(new Uint8Array(bytes));
}

/** The path on a `--- a/x` or `+++ b/x` line, or undefined for /dev/null. */
function headerPath(line: string): string | undefined {
  let name = line.slice(4);
  if (name === '/dev/null') return undefined;
  // git appends a tab after names that contain a space; a name that really ends in a tab is quoted.
  name = name.startsWith('"') ? unquoteGitPath(name) : name.replace(/\t$/, '');
  return name.replace(/^[ab]\//, '');
}

/**
 * Splits `git diff -p --src-prefix=a/ --dst-prefix=b/` output into hunks per file (from the first
 * `@@` line on, no headers), keyed by the new path (the old path for a deletion). A type change
 * (file to symlink) arrives as two sections for one path; their hunks are joined.
 */
export function splitPatchByFile(output: string): Map<string, string> {
  const patches = new Map<string, string>();
  let minus: string | undefined;
  let plus: string | undefined;
  let hunks: string[] = [];
  let inHunks = false;
  const flush = (): void => {
    const path = plus ?? minus;
    if (path !== undefined && hunks.length > 0) {
      const previous = patches.get(path);
      const text = hunks.join('\n');
      patches.set(path, previous === undefined ? text : `${previous}\n${text}`);
    }
    minus = plus = undefined;
    hunks = [];
    inHunks = false;
  };
  const lines = output.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line.startsWith('diff --git ')) {
      flush();
    } else if (inHunks || line.startsWith('@@')) {
      inHunks = true;
      hunks.push(line);
    } else if (line.startsWith('--- ')) {
      minus = headerPath(line);
    } else if (line.startsWith('+++ ')) {
      plus = headerPath(line);
    }
  }
  flush();
  return patches;
}

export interface BatchObject {
  type: string;
  size: number;
  content?: Uint8Array;
}

/**
 * Parses `git cat-file --batch` (`<sha> <type> <size>\n<bytes>\n` per object) or, with
 * `withContent` false, `--batch-check` (`<sha> <type> <size>\n`). Missing objects
 * (`<name> missing\n`) are left out of the map.
 */
export function parseCatFileOutput(output: Uint8Array, withContent: boolean): Map<string, BatchObject> {
  const objects = new Map<string, BatchObject>();
  let position = 0;
  while (position < output.length) {
    const lineEnd = output.indexOf(10, position);
    if (lineEnd < 0) break;
    const [name = '', type = '', size] = utf8.decode(output.subarray(position, lineEnd)).split(' ');
    position = lineEnd + 1;
    if (size === undefined) continue;
    const object: BatchObject = { type, size: Number(size) };
    if (withContent) {
      object.content = output.subarray(position, position + object.size);
      position += object.size + 1;
    }
    objects.set(name, object);
  }
  return objects;
}
