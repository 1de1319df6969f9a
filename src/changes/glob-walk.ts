import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { matchesAnyGlob } from '../globs.js';

/**
 * Finding the files globs match in a tree that can only be listed one directory at a time (a
 * checkout, or the GitHub contents API), without walking the whole repository.
 */

/** A directory's entries, by name; undefined when it is not there. */
export type ListDirectory = (directory: string) => Promise<Array<{ name: string; kind: 'file' | 'directory' }> | undefined>;

/** `platform/policies/**` → `platform/policies`: the directory below which a glob can match. */
export function staticPrefix(glob: string): string {
  const parts = glob.split('/');
  const magic = parts.findIndex((part) => /[*?[\]{}()!+@]/.test(part));
  return (magic === -1 ? parts.slice(0, -1) : parts.slice(0, magic)).join('/');
}

/** Could a glob match something below `directory`? Only then is it worth listing. */
function mayContain(directory: string, globs: readonly string[]): boolean {
  return globs.some((glob) => minimatch(`${directory}/x`, glob, { dot: true, partial: true }));
}

/**
 * The files below the static prefix of each glob, sorted, that a glob matches: subdirectories are
 * listed only where a glob can reach into them, at most `maxDirectories` listings.
 */
export async function filesMatching(globs: readonly string[], list: ListDirectory, maxDirectories: number): Promise<string[]> {
  const found: string[] = [];
  const queue = [...new Set(globs.map(staticPrefix))];
  const listed = new Set<string>();
  while (queue.length > 0 && listed.size < maxDirectories) {
    const directory = queue.shift() ?? '';
    if (listed.has(directory)) continue;
    listed.add(directory);
    for (const entry of (await list(directory)) ?? []) {
      const path = directory === '' ? entry.name : `${directory}/${entry.name}`;
      if (entry.kind === 'file') found.push(path);
      else if (entry.name !== '.git' && entry.name !== 'node_modules' && mayContain(path, globs)) queue.push(path);
    }
  }
  return [...new Set(found.filter((path) => matchesAnyGlob(path, globs)))].sort();
}

/** Lists a directory of a tree on disk, files and directories only. */
export function listTree(root: string): ListDirectory {
  return async (directory) => {
    const entries = await readdir(join(root, directory), { withFileTypes: true }).catch(() => undefined);
    return entries?.flatMap((entry): Array<{ name: string; kind: 'file' | 'directory' }> => (entry.isFile() ? [{ name: entry.name, kind: 'file' }] : entry.isDirectory() ? [{ name: entry.name, kind: 'directory' }] : []));
  };
}
