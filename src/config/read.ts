import { readFile, stat } from 'node:fs/promises';
import { catFile } from '../changes/git.js';
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

/**
 * The configuration file at a commit (`repoPath` relative to the repository root), shown as
 * `display`. One `cat-file --batch` asks for the commit and the file together, so a path the
 * commit lacks (missing) and a commit the repository lacks (undefined: a shallow checkout; the
 * caller reads it another way, or says why it cannot) cost the same single process.
 */
export async function readConfigAtCommit(cwd: string, commit: string, repoPath: string, display = repoPath): Promise<ConfigFileRead | undefined> {
  const objects = [...(await catFile(cwd, [`${commit}^{commit}`, `${commit}:${repoPath}`], true)).values()];
  if (!objects.some((object) => object.type === 'commit')) return undefined;
  const file = objects.find((object) => object.type !== 'commit');
  if (file === undefined) return { path: display, missing: true };
  if (file.type !== 'blob') return { path: display, unreadable: `is a ${file.type} at ${commit}, not a file` };
  if (file.size > MAX_CONFIG_BYTES) return { path: display, unreadable: tooLargeMessage(file.size) };
  return { path: display, text: new TextDecoder().decode(file.content) };
}
