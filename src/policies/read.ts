import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { catFile } from '../changes/git.js';
import { runGit } from '../changes/git-process.js';
import type { ConfigError } from '../config/model.js';
import { MAX_CONFIG_BYTES, tooLargeMessage } from '../config/yaml-source.js';

/**
 * Reading the custom policy files a configuration lists (`policies:` globs), from a directory
 * tree or from a commit. What they mean is parsePolicyFiles's business; these only read.
 */

/** More files than this is a glob that matched the wrong directory, not a set of policies. */
export const MAX_POLICY_FILES = 200;

export interface PolicyFilesRead {
  files: Array<{ path: string; text: string }>;
  errors: ConfigError[];
}

/** `platform/policies/**` → `platform/policies`: the directory below which a glob can match. */
function staticPrefix(glob: string): string {
  const parts = glob.split('/');
  const magic = parts.findIndex((part) => /[*?[\]{}()!+@]/.test(part));
  return (magic === -1 ? parts.slice(0, -1) : parts.slice(0, magic)).join('/');
}

function selected(paths: readonly string[], globs: readonly string[], source: string): PolicyFilesRead & { paths: string[] } {
  const matched = [...new Set(paths.filter((path) => globs.some((glob) => minimatch(path, glob, { dot: true }))))].sort();
  if (matched.length <= MAX_POLICY_FILES) return { paths: matched, files: [], errors: [] };
  const error = { file: source, key: 'policies', value: globs, message: `the policies globs match ${matched.length} files; at most ${MAX_POLICY_FILES} are read. Narrow them to the policy files.` };
  return { paths: [], files: [], errors: [error] };
}

async function walk(root: string, directory: string, found: string[]): Promise<void> {
  const entries = await readdir(join(root, directory), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = directory === '' ? entry.name : `${directory}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== '.git' && entry.name !== 'node_modules') await walk(root, path, found);
    else if (entry.isFile()) found.push(path);
    if (found.length > MAX_POLICY_FILES * 10) return;
  }
}

/** The policy files under a directory tree (a checkout, or the CLI's two-directory mode). */
export async function readPolicyFilesInTree(root: string, globs: readonly string[], source: string): Promise<PolicyFilesRead> {
  const found: string[] = [];
  for (const prefix of new Set(globs.map(staticPrefix))) await walk(root, prefix, found);
  const { paths, errors } = selected(found, globs, source);
  const files: PolicyFilesRead['files'] = [];
  for (const path of paths) {
    const full = join(root, path);
    const size = (await stat(full)).size;
    if (size > MAX_CONFIG_BYTES) errors.push({ file: path, key: '', message: tooLargeMessage(size) });
    else files.push({ path, text: await readFile(full, 'utf8') });
  }
  return { files, errors };
}

/** The policy files at a commit: one `ls-tree` for the names and blob ids, one `cat-file --batch` for the texts. */
export async function readPolicyFilesAtCommit(cwd: string, commit: string, globs: readonly string[], source: string): Promise<PolicyFilesRead> {
  const prefixes = [...new Set(globs.map(staticPrefix))].map((prefix) => (prefix === '' ? '.' : prefix));
  const listing = (await runGit(cwd, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...prefixes])).toString('utf8');
  // `<mode> blob <sha>\t<path>` per entry.
  const blobs = new Map(
    listing.split('\0').flatMap((entry) => {
      const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
      return match?.[1] && match[2] ? [[match[2], match[1]] as const] : [];
    }),
  );
  const { paths, errors } = selected([...blobs.keys()], globs, source);
  const objects = await catFile(cwd, paths.map((path) => blobs.get(path) ?? ''), true);
  const files: PolicyFilesRead['files'] = [];
  for (const path of paths) {
    const object = objects.get(blobs.get(path) ?? '');
    if (object?.content === undefined) continue;
    if (object.size > MAX_CONFIG_BYTES) errors.push({ file: path, key: '', message: tooLargeMessage(object.size) });
    else files.push({ path, text: new TextDecoder().decode(object.content) });
  }
  return { files, errors };
}
