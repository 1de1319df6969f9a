import { closeSync, lstatSync, openSync, readFileSync, readSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  BINARY_NOTE,
  BINARY_SNIFF_BYTES,
  DEFAULT_MAX_FILE_BYTES,
  SYMLINK_NOTE,
  decodeText,
  joinNotes,
  looksBinary,
  sortByPath,
  tooLargeNote,
  wantEverything,
  type WantContent,
} from './content.js';
import { ChangesError } from './errors.js';
import { diffLines } from './line-diff.js';
import type { ChangedFile, ChangeSet, ContextFile, Notice } from './model.js';
import { collectTerraformContext } from './terraform-context.js';

export interface DirectoryChangesOptions {
  /** The tree before the change; missing or empty means every head file is added. */
  base: string;
  head: string;
  maxFileBytes?: number;
  wantContent?: WantContent;
}

/** Folders that are never part of a change under review: VCS metadata and installed packages. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/*
 * Reads are synchronous: the CLI has nothing else to do meanwhile, and a promise, a file handle and
 * a thread-pool hop per file cost more than the read of a small manifest.
 */
const COMPARE_CHUNK_BYTES = 1024 * 1024;

interface TreeEntry {
  kind: 'file' | 'symlink';
  absolute: string;
  size: number;
}

type Tree = Map<string, TreeEntry>;

/** Compares two directory trees without git: added, removed and modified files (no rename detection). */
export async function collectDirectoryChanges(options: DirectoryChangesOptions): Promise<ChangeSet> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const wantContent = options.wantContent ?? wantEverything;
  const notices: Notice[] = [];
  const baseTree = readTree(options.base, 'base', true, notices);
  const headTree = readTree(options.head, 'head', false, notices);
  const paths = [...new Set([...baseTree.keys(), ...headTree.keys()])];
  const files = paths.map((path) => compareEntry(path, baseTree.get(path), headTree.get(path), maxFileBytes, wantContent));
  const changed = sortByPath(files.filter((file): file is ChangedFile => file !== undefined));
  const context = await terraformContext(headTree, changed, maxFileBytes);
  return {
    source: 'directories',
    baseRef: options.base,
    headRef: options.head,
    files: changed,
    notices,
    ...(context.length > 0 ? { context } : {}),
  };
}

/** Unchanged Terraform files from the head directory (see terraform-context.ts); links are never followed. */
function terraformContext(headTree: Tree, files: readonly ChangedFile[], maxFileBytes: number): Promise<ContextFile[]> {
  const readable = [...headTree].filter(([, entry]) => entry.kind === 'file' && entry.size <= maxFileBytes).map(([path]) => path);
  return collectTerraformContext(files, readable, (paths) => {
    const texts = new Map<string, string>();
    for (const path of paths) {
      const entry = headTree.get(path);
      const bytes = entry ? readOrUndefined(entry.absolute) : undefined;
      if (bytes !== undefined && !looksBinary(bytes)) texts.set(path, decodeText(bytes));
    }
    return Promise.resolve(texts);
  });
}

function readOrUndefined(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function readTree(root: string, side: 'base' | 'head', mayBeMissing: boolean, notices: Notice[]): Tree {
  const tree: Tree = new Map();
  let rootStats;
  try {
    rootStats = lstatSync(root);
  } catch (error) {
    if (mayBeMissing && errorCode(error) === 'ENOENT') return tree;
    throw new ChangesError(`cannot read the ${side} directory ${root} (${errorCode(error) ?? String(error)}); check the path`);
  }
  if (!rootStats.isDirectory()) throw new ChangesError(`the ${side} path ${root} is not a directory; pass a directory`);
  walk(root, '', tree, notices);
  return tree;
}

function walk(directory: string, prefix: string, tree: Tree, notices: Notice[]): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    notices.push({ file: prefix || '.', message: `directory ${prefix || '.'} could not be read (${errorCode(error) ?? String(error)}); its files were not compared` });
    return;
  }
  for (const entry of entries) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    const absolute = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(absolute, path, tree, notices);
    } else if (entry.isSymbolicLink() || (entry.isFile() && entry.name !== '.git')) {
      // lstat, never stat: a link is described, its target is never touched.
      const size = sizeOf(absolute);
      if (size === undefined) notices.push({ file: path, message: `${path} vanished or could not be read while listing; skipped` });
      else tree.set(path, { kind: entry.isSymbolicLink() ? 'symlink' : 'file', absolute, size });
    } else if (!entry.isFile()) {
      notices.push({ file: path, message: `${path} is not a regular file or symbolic link; skipped` });
    }
  }
}

interface SideRead {
  bytes?: Uint8Array;
  /** Leading bytes of a file too large to read whole, for the binary check. */
  sniff?: Uint8Array;
  linkTarget?: string;
  error?: string;
}

function sizeOf(path: string): number | undefined {
  try {
    return lstatSync(path).size;
  } catch {
    return undefined;
  }
}

function readSide(entry: TreeEntry | undefined, maxFileBytes: number): SideRead | undefined {
  if (entry === undefined) return undefined;
  try {
    if (entry.kind === 'symlink') return { linkTarget: readlinkSync(entry.absolute) };
    if (entry.size > maxFileBytes) return { sniff: readPrefix(entry.absolute, BINARY_SNIFF_BYTES) };
    return { bytes: readFileSync(entry.absolute) };
  } catch (error) {
    return { error: errorCode(error) ?? String(error) };
  }
}

function compareEntry(
  path: string,
  base: TreeEntry | undefined,
  head: TreeEntry | undefined,
  maxFileBytes: number,
  wantContent: WantContent,
): ChangedFile | undefined {
  const before = readSide(base, maxFileBytes);
  const after = readSide(head, maxFileBytes);
  if (base !== undefined && head !== undefined && sameContent(base, head, before, after)) return undefined;
  const status = base === undefined ? 'added' : head === undefined ? 'removed' : 'modified';
  const file: ChangedFile = { path, status, size: (head ?? base)?.size ?? 0 };
  const notes: string[] = [];
  for (const [side, read] of [['base', before], ['head', after]] as const) {
    if (read?.error !== undefined) notes.push(`the ${side} version could not be read (${read.error})`);
  }
  if (base?.kind === 'symlink' || head?.kind === 'symlink') {
    notes.push(SYMLINK_NOTE);
  } else if ([before, after].some((read) => read?.sniff !== undefined)) {
    if ([before, after].some((read) => read?.sniff !== undefined && looksBinary(read.sniff))) file.binary = true;
    notes.push(tooLargeNote(maxFileBytes));
  } else if ([before, after].some((read) => read?.bytes !== undefined && looksBinary(read.bytes))) {
    file.binary = true;
    notes.push(BINARY_NOTE);
  } else if (notes.length === 0) {
    addText(file, before?.bytes, after?.bytes, wantContent(path));
  }
  const note = joinNotes(notes);
  if (note !== undefined) file.note = note;
  return file;
}

function addText(file: ChangedFile, beforeBytes: Uint8Array | undefined, afterBytes: Uint8Array | undefined, wanted: boolean): void {
  const before = beforeBytes === undefined ? undefined : decodeText(beforeBytes);
  const after = afterBytes === undefined ? undefined : decodeText(afterBytes);
  const diff = diffLines(before ?? '', after ?? '');
  file.additions = diff.additions;
  file.deletions = diff.deletions;
  if (diff.patch !== '') file.patch = diff.patch;
  if (wanted && before !== undefined) file.before = before;
  if (wanted && after !== undefined) file.after = after;
}

function sameContent(base: TreeEntry, head: TreeEntry, before?: SideRead, after?: SideRead): boolean {
  if (base.kind !== head.kind || base.size !== head.size) return false;
  if (before?.error !== undefined || after?.error !== undefined) return false;
  if (base.kind === 'symlink') return before?.linkTarget === after?.linkTarget;
  if (before?.bytes !== undefined && after?.bytes !== undefined) return Buffer.from(before.bytes).equals(after.bytes);
  try {
    return sameFileBytes(base.absolute, head.absolute);
  } catch {
    return false;
  }
}

/** Chunked comparison for files too large to hold whole. */
function sameFileBytes(first: string, second: string): boolean {
  const a = openSync(first, 'r');
  try {
    const b = openSync(second, 'r');
    try {
      const bufferA = Buffer.alloc(COMPARE_CHUNK_BYTES);
      const bufferB = Buffer.alloc(COMPARE_CHUNK_BYTES);
      for (;;) {
        const readA = readSync(a, bufferA, 0, COMPARE_CHUNK_BYTES, null);
        const readB = readSync(b, bufferB, 0, COMPARE_CHUNK_BYTES, null);
        if (readA !== readB) return false;
        if (readA === 0) return true;
        if (!bufferA.subarray(0, readA).equals(bufferB.subarray(0, readB))) return false;
      }
    } finally {
      closeSync(b);
    }
  } finally {
    closeSync(a);
  }
}

function readPrefix(path: string, length: number): Uint8Array {
  const handle = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const bytesRead = readSync(handle, buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    closeSync(handle);
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}
