import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangedFile, ChangeSet, TreeListing } from './model.js';
import { DEFAULT_MAX_FILE_BYTES } from './content.js';
import { listTree } from './git.js';
import type { CommandRunner } from './render-command.js';
import { renderManifests } from './render.js';

const RENDER_MARKERS = new Set(['Chart.yaml', 'kustomization.yaml', 'kustomization.yml', 'Kustomization']);

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Directories that hold a Helm chart or a kustomization, among a tree's paths. */
export function renderableIn(paths: Iterable<string>): Set<string> {
  const directories = new Set<string>();
  for (const path of paths) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (RENDER_MARKERS.has(name)) directories.add(parentOf(path));
  }
  return directories;
}

/** A commit's tree: the listing the collector already made when it has one for this commit, else one `ls-tree`. */
async function treeAt(cwd: string, sha: string, listed?: TreeListing): Promise<TreeListing> {
  return listed?.sha === sha ? listed : listTree(cwd, sha);
}

/**
 * Files the renderers never need and the extraction leaves out: blobs over the size limit (helm
 * and kustomize read manifests, not images or archives) and blobs whose size git could not read
 * (missing from a partial clone). One of them must not cost the render of the whole tree.
 */
export function unrenderedPaths(listing: TreeListing, maxFileBytes: number): string[] {
  return listing.entries.filter((entry) => entry.type === 'blob' && (entry.size === undefined || entry.size > maxFileBytes)).map((entry) => entry.path);
}

export function touchesRenderable(files: readonly ChangedFile[], directories: ReadonlySet<string>): boolean {
  if (directories.size === 0) return false;
  return files.some((file) =>
    [file.path, file.previousPath].some((path) => {
      for (let directory = path === undefined ? undefined : parentOf(path); directory !== undefined; directory = directory === '' ? undefined : parentOf(directory)) {
        if (directories.has(directory)) return true;
      }
      return false;
    }),
  );
}

/** Lays out a commit's tree in `into` with `git archive | tar -x`, without the `excluded` paths: the renderers need real directories. */
function extractTree(cwd: string, sha: string, into: string, excluded: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const pathspecs = excluded.length === 0 ? [] : ['--', '.', ...excluded.map((path) => `:(exclude,literal)${path}`)];
    const archive = spawn('git', ['archive', '--format=tar', sha, ...pathspecs], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    const untar = spawn('tar', ['-x', '-C', into], { stdio: ['pipe', 'ignore', 'ignore'] });
    archive.stdout.pipe(untar.stdin);
    let pending = 2;
    const done = (what: string) => (code: number | null) => {
      if (code !== 0) reject(new Error(`${what} exited with ${code}`));
      else if (--pending === 0) resolve();
    };
    archive.on('error', reject).on('close', done('git archive'));
    untar.on('error', reject).on('close', done('tar'));
  });
}

/**
 * Renders the charts and kustomizations a git change touches. The two trees are extracted only when
 * a changed file sits inside a chart or kustomization, so a change without any costs two `ls-tree`s
 * (one when the collector already listed the head tree). `maxFileBytes` is `limits.max-file-bytes`:
 * larger files are neither extracted nor read from the rendered output. `run` as renderManifests takes it.
 */
export async function renderGitManifests(cwd: string, changes: ChangeSet, helmValues: readonly string[], maxFileBytes = DEFAULT_MAX_FILE_BYTES, run?: CommandRunner): Promise<ChangeSet> {
  const { baseSha, headSha } = changes;
  if (!baseSha || !headSha) return changes;
  let work: string | undefined;
  try {
    const [baseTree, headTree] = await Promise.all([treeAt(cwd, baseSha), treeAt(cwd, headSha, changes.headTree)]);
    const directories = new Set([...renderableIn(baseTree.entries.map((entry) => entry.path)), ...renderableIn(headTree.entries.map((entry) => entry.path))]);
    if (!touchesRenderable(changes.files, directories)) return changes;
    work = await mkdtemp(join(tmpdir(), 'tollgate-render-'));
    const baseRoot = join(work, 'base');
    const headRoot = join(work, 'head');
    await Promise.all([mkdir(baseRoot), mkdir(headRoot)]);
    await Promise.all([extractTree(cwd, baseSha, baseRoot, unrenderedPaths(baseTree, maxFileBytes)), extractTree(cwd, headSha, headRoot, unrenderedPaths(headTree, maxFileBytes))]);
    return await renderManifests(changes, { baseRoot, headRoot, helmValues, maxFileBytes, ...(run ? { run } : {}) });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ...changes, notices: [...changes.notices, { kind: 'render', message: `Helm charts and Kustomize overlays were not rendered: ${reason}` }] };
  } finally {
    if (work) await rm(work, { recursive: true, force: true });
  }
}
