import { ChangesError } from './errors.js';
import {
  BINARY_NOTE,
  DEFAULT_MAX_FILE_BYTES,
  SYMLINK_NOTE,
  joinNotes,
  sortByPath,
  textFields,
  tooLargeNote,
  wantEverything,
  type SideBytes,
  type WantContent,
} from './content.js';
import {
  GITLINK_MODE,
  SYMLINK_MODE,
  parseCatFileOutput,
  parseRawNumstat,
  splitPatchByFile,
  type BatchObject,
  type RawEntry,
} from './git-parse.js';
import { GitCommandError, firstLine, runGit } from './git-process.js';
import type { ChangedFile, ChangeSet, ContextFile, FileStatus, Notice, TreeEntry, TreeListing } from './model.js';
import { gitModuleCalls } from './git-module-calls.js';
import { collectTerraformContext, hasTerraformChange } from './terraform-context.js';

export { ChangesError } from './errors.js';

export interface GitChangesOptions {
  /** Any directory inside the repository. */
  cwd: string;
  /** The branch the pull request merges into (a ref or sha), e.g. `origin/main`. */
  base: string;
  head?: string;
  maxFileBytes?: number;
  /** Which files need their text; size, binary-ness and status are known for all. */
  wantContent?: WantContent;
}

const NULL_BLOB = /^0+$/;

const DIFF_ARGS = ['--no-ext-diff', '--no-textconv', '--no-relative', '-M'];

/**
 * The files a branch changed since it forked from `base` (like GitHub's three-dot diff), with
 * base and head contents read through one `git cat-file --batch` process.
 */
export async function collectGitChanges(options: GitChangesOptions): Promise<ChangeSet> {
  const head = options.head ?? 'HEAD';
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const wantContent = options.wantContent ?? wantEverything;
  const root = await repositoryRoot(options.cwd);
  const [baseCommit, headSha] = await Promise.all([resolveCommit(root, options.base), resolveCommit(root, head)]);
  const baseSha = await mergeBase(root, baseCommit, headSha, options.base, head);

  const [rawOutput, patchOutput] = await Promise.all([
    runGit(root, ['diff', '--raw', '--numstat', '-z', '--no-abbrev', ...DIFF_ARGS, baseSha, headSha, '--']),
    runGit(root, [
      'diff',
      '-U0',
      '--no-color',
      '--submodule=short',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      ...DIFF_ARGS,
      baseSha,
      headSha,
      '--',
    ]),
  ]);
  const notices: Notice[] = [];
  const entries: RawEntry[] = [];
  for (const entry of parseRawNumstat(rawOutput)) {
    if (entry.oldMode === GITLINK_MODE || entry.newMode === GITLINK_MODE) {
      notices.push({ file: entry.path, message: `submodule ${entry.path} skipped: tollgate does not read submodule contents` });
    } else if (toStatus(entry.status) !== undefined) {
      entries.push(entry);
    }
  }
  const patches = splitPatchByFile(patchOutput.toString('utf8'));

  const sizes = await catFile(root, entries.flatMap(blobsOf), false);
  const plans = entries.map((entry) => planFile(entry, sizes, maxFileBytes, wantContent));
  const contents = await catFile(
    root,
    plans.flatMap((plan) => (plan.read ? blobsOf(plan.entry) : [])),
    true,
  );
  const files = plans.map((plan) => buildFile(plan, patches.get(plan.entry.path), contents));
  const headTree = hasTerraformChange(files) ? await listTree(root, headSha) : undefined;
  const context = headTree ? await terraformContext(root, headTree, files, maxFileBytes) : [];
  return {
    source: 'git',
    baseRef: options.base,
    headRef: head,
    baseSha,
    headSha,
    files: sortByPath(files),
    notices,
    ...(context.length > 0 ? { context } : {}),
    ...(headTree ? { headTree } : {}),
  };
}

/** `<mode> SP <type> SP <object> SP+ <size> TAB <path>` records, NUL-terminated (`ls-tree -r -z -l`). */
function parseTreeListing(text: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of text.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, object, size] = record.slice(0, tab).split(/ +/);
    if (mode === undefined || type === undefined || object === undefined) continue;
    const entry: TreeEntry = { path: record.slice(tab + 1), mode, type, object };
    if (size !== undefined && /^\d+$/.test(size)) entry.size = Number(size);
    entries.push(entry);
  }
  return entries;
}

/** A commit's whole tree with modes, object ids and sizes, from one `git ls-tree` process. */
export async function listTree(root: string, sha: string): Promise<TreeListing> {
  const listing = await runGit(root, ['ls-tree', '-r', '-z', '-l', '--full-tree', sha]);
  return { sha, entries: parseTreeListing(listing.toString('utf8')) };
}

/**
 * Unchanged Terraform files at head (see terraform-context.ts): the head listing, with modes and
 * sizes so symbolic links, submodules and oversized files are never read, one `git grep` for the
 * module callers, and one `cat-file --batch` per module level for the texts.
 */
async function terraformContext(root: string, headTree: TreeListing, files: readonly ChangedFile[], maxFileBytes: number): Promise<ContextFile[]> {
  const blobs = new Map<string, string>();
  for (const entry of headTree.entries) {
    if (entry.type !== 'blob' || entry.mode === SYMLINK_MODE || (entry.size ?? 0) > maxFileBytes) continue;
    blobs.set(entry.path, entry.object);
  }
  return collectTerraformContext(files, [...blobs.keys()], async (paths) => {
    const contents = await catFile(root, paths.map((path) => blobs.get(path) ?? ''), true);
    const texts = new Map<string, string>();
    for (const path of paths) {
      const content = contents.get(blobs.get(path) ?? '')?.content;
      const fields = content === undefined ? undefined : textFields({ after: content });
      if (fields?.after !== undefined) texts.set(path, fields.after);
    }
    return texts;
  }, () => gitModuleCalls(root, headTree.sha));
}

function toStatus(gitStatus: string): FileStatus | undefined {
  switch (gitStatus) {
    case 'A':
    case 'C':
      return 'added';
    case 'D':
      return 'removed';
    case 'M':
    case 'T':
      return 'modified';
    case 'R':
      return 'renamed';
    default:
      return undefined;
  }
}

function blobsOf(entry: RawEntry): string[] {
  return [entry.oldBlob, entry.newBlob].filter((blob) => !NULL_BLOB.test(blob));
}

interface FilePlan {
  entry: RawEntry;
  status: FileStatus;
  size?: number;
  symlink: boolean;
  tooLarge: boolean;
  read: boolean;
  maxFileBytes: number;
}

function planFile(entry: RawEntry, sizes: Map<string, BatchObject>, maxFileBytes: number, wantContent: WantContent): FilePlan {
  const status = toStatus(entry.status) as FileStatus;
  const symlink = entry.oldMode === SYMLINK_MODE || entry.newMode === SYMLINK_MODE;
  const sideSizes = blobsOf(entry).map((blob) => sizes.get(blob)?.size ?? 0);
  const tooLarge = sideSizes.some((size) => size > maxFileBytes);
  const sizeBlob = status === 'removed' ? entry.oldBlob : entry.newBlob;
  const plan: FilePlan = {
    entry,
    status,
    symlink,
    tooLarge,
    read: !symlink && !tooLarge && !entry.binary && wantContent(entry.path),
    maxFileBytes,
  };
  const size = sizes.get(sizeBlob)?.size;
  if (size !== undefined) plan.size = size;
  return plan;
}

function buildFile(plan: FilePlan, patch: string | undefined, contents: Map<string, BatchObject>): ChangedFile {
  const { entry } = plan;
  const file: ChangedFile = { path: entry.path, status: plan.status };
  if (entry.previousPath !== undefined && plan.status === 'renamed') file.previousPath = entry.previousPath;
  if (plan.size !== undefined) file.size = plan.size;
  if (entry.additions !== undefined) file.additions = entry.additions;
  if (entry.deletions !== undefined) file.deletions = entry.deletions;
  const notes: string[] = [];
  let binary = entry.binary;
  if (plan.symlink) {
    notes.push(SYMLINK_NOTE);
  } else if (entry.binary) {
    notes.push(BINARY_NOTE);
  } else if (plan.tooLarge) {
    notes.push(tooLargeNote(plan.maxFileBytes));
  } else if (plan.read) {
    const fields = textFields(readSides(entry, contents, notes));
    binary = fields.binary === true;
    notes.push(...fields.notes);
    if (fields.before !== undefined) file.before = fields.before;
    if (fields.after !== undefined) file.after = fields.after;
  }
  if (binary) file.binary = true;
  if (patch !== undefined && !binary && !plan.symlink && !plan.tooLarge) file.patch = patch;
  const note = joinNotes(notes);
  if (note !== undefined) file.note = note;
  return file;
}

function readSides(entry: RawEntry, contents: Map<string, BatchObject>, notes: string[]): SideBytes {
  const sides: SideBytes = {};
  const read = (blob: string, side: 'before' | 'after'): void => {
    if (NULL_BLOB.test(blob)) return;
    const content = contents.get(blob)?.content;
    if (content === undefined) notes.push(`the ${side === 'before' ? 'base' : 'head'} version (blob ${blob}) is missing from the repository`);
    else sides[side] = content;
  };
  read(entry.oldBlob, 'before');
  read(entry.newBlob, 'after');
  return sides;
}

/** One `git cat-file` process for all blobs (ids or `<rev>:<path>` names): `--batch` with contents, `--batch-check` for sizes only. */
export async function catFile(root: string, blobs: string[], withContent: boolean): Promise<Map<string, BatchObject>> {
  const unique = [...new Set(blobs)];
  if (unique.length === 0) return new Map();
  const mode = withContent ? '--batch' : '--batch-check';
  const output = await runGit(root, ['cat-file', mode, '--buffer'], Buffer.from(unique.map((blob) => `${blob}\n`).join('')));
  return parseCatFileOutput(output, withContent);
}

async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await runGit(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8').replace(/\n$/, '');
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new ChangesError(
        `${cwd} is not inside a git repository (git: ${firstLine(error.stderr)}); run tollgate from your checkout, or compare two directories instead`,
      );
    }
    throw error;
  }
}

async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref === '' || ref.startsWith('-')) {
    throw new ChangesError(`"${ref}" is not a valid git ref; pass a branch, tag or commit such as origin/main`);
  }
  try {
    const output = await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    return output.toString('utf8').trim();
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    const shallowHint = (await isShallow(root)) ? '; this checkout is shallow, so also set `fetch-depth: 0` on actions/checkout' : '';
    throw new ChangesError(`unknown git ref "${ref}": fetch it first (\`git fetch origin ${ref}\`) or check its name${shallowHint}`);
  }
}

async function mergeBase(root: string, baseSha: string, headSha: string, baseRef: string, headRef: string): Promise<string> {
  try {
    return (await runGit(root, ['merge-base', baseSha, headSha])).toString('utf8').trim();
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    if (await isShallow(root)) {
      throw new ChangesError(
        `the checkout is shallow (git cannot find where ${headRef} forked from ${baseRef}); set \`fetch-depth: 0\` on actions/checkout, or let tollgate read the change from the GitHub API`,
      );
    }
    throw new ChangesError(
      `${baseRef} and ${headRef} share no history (git merge-base found no common commit); compare a branch with the branch it was created from`,
    );
  }
}

async function isShallow(root: string): Promise<boolean> {
  try {
    return (await runGit(root, ['rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true';
  } catch {
    return false;
  }
}
