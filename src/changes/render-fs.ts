import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** The two trees a change is rendered from. A missing base means the base side has no files (a new repository). */
export interface RenderRoots {
  head: string;
  base?: string;
}

export type RenderSide = 'base' | 'head';

export const RENDER_SIDES: readonly RenderSide[] = ['base', 'head'];

/** Repository-relative directories above a repository path, nearest first, ending with the root (''). */
export function ancestorDirectories(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  const directories: string[] = [];
  for (let length = parts.length; length >= 0; length--) directories.push(parts.slice(0, length).join('/'));
  return directories;
}

export function joinRepoPath(directory: string, name: string): string {
  return directory === '' ? name : `${directory}/${name}`;
}

export function absolutePath(root: string, repoPath: string): string {
  return repoPath === '' ? root : join(root, ...repoPath.split('/'));
}

/** Whether a regular file (or a link to one) is at this repository path; errors count as absent. */
export async function fileExists(root: string, repoPath: string): Promise<boolean> {
  try {
    return (await stat(absolutePath(root, repoPath))).isFile();
  } catch {
    return false;
  }
}

export async function directoryExists(root: string, repoPath: string): Promise<boolean> {
  try {
    return (await stat(absolutePath(root, repoPath))).isDirectory();
  } catch {
    return false;
  }
}

/** Text of a small file, or undefined when it is missing, unreadable or larger than `maxBytes`. */
export async function readSmallText(root: string, repoPath: string, maxBytes: number): Promise<string | undefined> {
  try {
    const absolute = absolutePath(root, repoPath);
    if ((await stat(absolute)).size > maxBytes) return undefined;
    return await readFile(absolute, 'utf8');
  } catch {
    return undefined;
  }
}

function isInside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !path.startsWith(sep) && !/^[A-Za-z]:/.test(path));
}

/** Whether a path, after following every link, stays inside the root (a PR must not render files from elsewhere on the runner). */
export async function resolvesInside(root: string, absolute: string): Promise<boolean> {
  try {
    const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(absolute)]);
    return isInside(realRoot, realTarget);
  } catch {
    return false;
  }
}

/** Charts and kustomizations are small; a directory with more entries than this is not walked, and not rendered. */
export const SYMLINK_WALK_LIMIT = 10_000;

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/**
 * Every entry under `start` (repository paths), depth first. Links are not followed: a linked
 * directory could loop or leave the repository. Unreadable directories are passed over.
 */
async function* walkEntries(root: string, start: string): AsyncGenerator<{ path: string; entry: Dirent }> {
  const pending = [start];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(absolutePath(root, current), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = joinRepoPath(current, entry.name);
      yield { path, entry };
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path);
    }
  }
}

/**
 * The first symbolic link under `directory` that leads outside the root or nowhere, as a
 * repository path, or a reason when the directory is too large to check. helm follows links
 * inside a chart, so a link to `~/.ssh/id_rsa` named `templates/key.yaml` would be rendered
 * into the report; such a chart is refused instead.
 */
export async function unsafeLink(root: string, directory: string): Promise<string | undefined> {
  let seen = 0;
  for await (const { path, entry } of walkEntries(root, directory)) {
    if (++seen > SYMLINK_WALK_LIMIT) return `more than ${SYMLINK_WALK_LIMIT} files under ${directory || '.'}`;
    if (entry.isSymbolicLink() && !(await resolvesInside(root, absolutePath(root, path)))) return `symbolic link ${path} leads outside the repository`;
  }
  return undefined;
}

/** Every file under the root with one of these names (repository paths), walking at most `limit` entries. */
export async function findFilesNamed(root: string, names: ReadonlySet<string>, limit: number): Promise<{ paths: string[]; capped: boolean }> {
  const paths: string[] = [];
  let seen = 0;
  for await (const { path, entry } of walkEntries(root, '')) {
    if (++seen > limit) return { paths, capped: true };
    if (entry.isFile() && names.has(entry.name)) paths.push(path);
  }
  return { paths: paths.sort(), capped: false };
}

/** Whether anything (file, directory or link) is at this repository path; tells a local kustomize entry from a remote one. */
export async function pathExists(root: string, repoPath: string): Promise<boolean> {
  try {
    await lstat(absolutePath(root, repoPath));
    return true;
  } catch {
    return false;
  }
}

/**
 * Names of the non-directory entries of each directory of one tree, read once and top-down:
 * a directory missing from its parent's listing is never read, so a change spread over
 * thousands of paths costs one read per directory that exists, not a stat per name and path.
 */
export class DirectoryListings {
  private readonly listings = new Map<string, Promise<{ files: Set<string>; directories: Set<string> } | undefined>>();

  constructor(readonly root: string) {}

  async has(directory: string, name: string): Promise<boolean> {
    return (await this.list(directory))?.files.has(name) ?? false;
  }

  private list(directory: string): Promise<{ files: Set<string>; directories: Set<string> } | undefined> {
    let listing = this.listings.get(directory);
    if (listing === undefined) {
      listing = this.read(directory);
      this.listings.set(directory, listing);
    }
    return listing;
  }

  private async read(directory: string): Promise<{ files: Set<string>; directories: Set<string> } | undefined> {
    if (directory !== '') {
      const slash = directory.lastIndexOf('/');
      const parent = await this.list(slash < 0 ? '' : directory.slice(0, slash));
      if (parent?.directories.has(directory.slice(slash + 1)) !== true) return undefined;
    }
    try {
      const entries = await readdir(absolutePath(this.root, directory), { withFileTypes: true });
      const listing = { files: new Set<string>(), directories: new Set<string>() };
      for (const entry of entries) (entry.isDirectory() ? listing.directories : listing.files).add(entry.name);
      return listing;
    } catch {
      return undefined;
    }
  }
}
