import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangedFile, ChangeSet, TreeListing } from './model.js';
import { runGit } from './git-process.js';
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

/**
 * Directories that hold a Helm chart or a kustomization at a commit: the listing the collector
 * already made when it has one for this commit, else one `ls-tree` (names only), no file read.
 */
export async function renderableDirectories(cwd: string, sha: string, listed?: TreeListing): Promise<Set<string>> {
  if (listed?.sha === sha) return renderableIn(listed.entries.map((entry) => entry.path));
  const listing = (await runGit(cwd, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', sha])).toString('utf8');
  return renderableIn(listing.split('\0'));
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

/** Lays out a commit's tree in `into` with `git archive | tar -x`: the renderers need real directories. */
function extractTree(cwd: string, sha: string, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', sha], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
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
 * (one when the collector already listed the head tree). `maxFileBytes` is `limits.max-file-bytes`.
 */
export async function renderGitManifests(cwd: string, changes: ChangeSet, helmValues: readonly string[], maxFileBytes?: number): Promise<ChangeSet> {
  const { baseSha, headSha } = changes;
  if (!baseSha || !headSha) return changes;
  let work: string | undefined;
  try {
    const [atBase, atHead] = await Promise.all([renderableDirectories(cwd, baseSha), renderableDirectories(cwd, headSha, changes.headTree)]);
    const directories = new Set([...atBase, ...atHead]);
    if (!touchesRenderable(changes.files, directories)) return changes;
    work = await mkdtemp(join(tmpdir(), 'tollgate-render-'));
    const baseRoot = join(work, 'base');
    const headRoot = join(work, 'head');
    await Promise.all([mkdir(baseRoot), mkdir(headRoot)]);
    await Promise.all([extractTree(cwd, baseSha, baseRoot), extractTree(cwd, headSha, headRoot)]);
    return await renderManifests(changes, { baseRoot, headRoot, helmValues, ...(maxFileBytes !== undefined ? { maxFileBytes } : {}) });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ...changes, notices: [...changes.notices, { kind: 'render', message: `Helm charts and Kustomize overlays were not rendered: ${reason}` }] };
  } finally {
    if (work) await rm(work, { recursive: true, force: true });
  }
}
