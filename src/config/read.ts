import { readFile, stat } from 'node:fs/promises';
import { GitCommandError, runGit } from '../changes/git-process.js';
import type { ConfigFileRead } from './model.js';
import { MAX_CONFIG_BYTES, tooLargeMessage } from './yaml-source.js';

/**
 * Reading one side's configuration file, from the disk or from a commit. The policy stage
 * (resolvePolicy) decides what the texts mean; these only read.
 */

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** A configuration file on disk (a directory tree, the checkout), named `display` in messages. */
export async function readConfigFile(path: string, display = path): Promise<ConfigFileRead> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { path: display, unreadable: 'is a directory; point tollgate at a YAML file such as .github/tollgate.yml' };
    if (info.size > MAX_CONFIG_BYTES) return { path: display, unreadable: tooLargeMessage(info.size) };
    return { path: display, text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path: display, missing: true };
    return { path: display, unreadable: `cannot read the config file (${code ?? 'unknown error'})` };
  }
}

/** Whether the repository at `cwd` has this commit (a shallow checkout may not). */
export async function hasCommit(cwd: string, commit: string): Promise<boolean> {
  try {
    await runGit(cwd, ['cat-file', '-e', `${commit}^{commit}`]);
    return true;
  } catch (error) {
    if (error instanceof GitCommandError) return false;
    throw error;
  }
}

/**
 * The configuration file at a commit (`repoPath` relative to the repository root), shown as
 * `display`. A path the commit does not have is missing; a commit git does not know is unreadable.
 */
export async function readConfigAtCommit(cwd: string, commit: string, repoPath: string, display = repoPath): Promise<ConfigFileRead> {
  const object = `${commit}:${repoPath}`;
  try {
    const type = (await runGit(cwd, ['cat-file', '-t', object])).toString('utf8').trim();
    if (type !== 'blob') return { path: display, unreadable: `is a ${type} at ${commit}, not a file` };
    const size = Number((await runGit(cwd, ['cat-file', '-s', object])).toString('utf8').trim());
    if (size > MAX_CONFIG_BYTES) return { path: display, unreadable: tooLargeMessage(size) };
    return { path: display, text: (await runGit(cwd, ['cat-file', 'blob', object])).toString('utf8') };
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    // `cat-file -t` on a path the commit lacks fails; so does an unknown commit: tell them apart.
    return (await hasCommit(cwd, commit)) ? { path: display, missing: true } : { path: display, unreadable: `commit ${commit} is not in this repository; fetch it (or check out with fetch-depth: 0)` };
  }
}
