import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { matchesAnyGlob } from '../globs.js';
import { catFile } from '../changes/git.js';
import { filesMatching, listTree, staticPrefix, type ListDirectory } from '../changes/glob-walk.js';
import { runGit } from '../changes/git-process.js';
import type { ConfigError } from '../config/model.js';
import { MAX_CONFIG_BYTES, tooLargeMessage } from '../config/yaml-source.js';

/**
 * Reading the custom policy files a configuration lists (`policies:` globs), from a directory
 * tree, a commit, or any source that can list a directory and read a file (the GitHub API). What
 * they mean is parsePolicyFiles's business; these only read.
 */

/** More files than this is a glob that matched the wrong directory, not a set of policies. */
export const MAX_POLICY_FILES = 200;

/** Directories listed at most while looking for policy files through a source that lists one at a time. */
const MAX_DIRECTORIES = 50;

export interface PolicyFilesRead {
  files: Array<{ path: string; text: string }>;
  errors: ConfigError[];
}

function matching(paths: readonly string[], globs: readonly string[], source: string): { paths: string[]; errors: ConfigError[] } {
  const matched = [...new Set(paths.filter((path) => matchesAnyGlob(path, globs)))].sort();
  if (matched.length <= MAX_POLICY_FILES) return { paths: matched, errors: [] };
  return { paths: [], errors: [{ file: source, key: 'policies', value: globs, message: `the policies globs match ${matched.length} files; at most ${MAX_POLICY_FILES} are read. Narrow them to the policy files.` }] };
}

/** A file's text, or why it cannot be read. */
export type ReadText = (path: string) => Promise<{ text: string } | { error: string }>;

/**
 * The policy files a source holds: the static prefix of each glob listed, subdirectories listed
 * only where a glob can reach into them, at most MAX_DIRECTORIES listings.
 */
export async function readPolicyFiles(globs: readonly string[], source: string, list: ListDirectory, read: ReadText): Promise<PolicyFilesRead> {
  const { paths, errors } = matching(await filesMatching(globs, list, MAX_DIRECTORIES), globs, source);
  const files: PolicyFilesRead['files'] = [];
  for (const path of paths) {
    const text = await read(path);
    if ('error' in text) errors.push({ file: path, key: '', message: text.error });
    else files.push({ path, text: text.text });
  }
  return { files, errors };
}

/** The policy files under a directory tree (a checkout, or the CLI's two-directory mode). */
export function readPolicyFilesInTree(root: string, globs: readonly string[], source: string): Promise<PolicyFilesRead> {
  return readPolicyFiles(
    globs,
    source,
    listTree(root),
    async (path) => {
      const size = (await stat(join(root, path))).size;
      return size > MAX_CONFIG_BYTES ? { error: tooLargeMessage(size) } : { text: await readFile(join(root, path), 'utf8') };
    },
  );
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
  const { paths, errors } = matching([...blobs.keys()], globs, source);
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
