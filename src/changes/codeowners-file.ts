import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GitCommandError, runGit } from './git-process.js';

/** Where GitHub looks for CODEOWNERS, in its order: the first one found is in force. */
const LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
/** GitHub ignores a CODEOWNERS file over 3 MB. */
const MAX_BYTES = 3 * 1024 * 1024;

export interface CodeownersFile {
  path: string;
  text: string;
}

/** Reads one location's bytes, or undefined when there is nothing there. */
type ReadLocation = (path: string) => Promise<Buffer | undefined>;

async function firstCodeowners(read: ReadLocation): Promise<CodeownersFile | undefined> {
  for (const path of LOCATIONS) {
    const bytes = await read(path);
    if (bytes === undefined) continue;
    return bytes.length > MAX_BYTES ? undefined : { path, text: bytes.toString('utf8') };
  }
  return undefined;
}

/** The CODEOWNERS file of the checkout at `root`, or undefined when there is none (or it cannot be read). */
export function readCodeowners(root: string): Promise<CodeownersFile | undefined> {
  return firstCodeowners((path) => readFile(join(root, path)).catch(() => undefined));
}

/**
 * The CODEOWNERS file as committed at `commit`: what the change will leave in force, whatever the
 * working tree holds (the CLI may compare two refs while a third is checked out).
 */
export function readCodeownersAtCommit(repository: string, commit: string): Promise<CodeownersFile | undefined> {
  return firstCodeowners(async (path) => {
    try {
      return await runGit(repository, ['cat-file', 'blob', `${commit}:${path}`]);
    } catch (error) {
      // git reports a path missing at that commit as an error; any other failure is real.
      if (error instanceof GitCommandError) return undefined;
      throw error;
    }
  });
}
