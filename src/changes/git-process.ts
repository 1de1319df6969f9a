import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ChangesError } from './errors.js';

/** git exited non-zero; callers turn this into a ChangesError that says what to do. */
export class GitCommandError extends Error {
  override name = 'GitCommandError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} exited with ${exitCode}: ${firstLine(stderr)}`);
  }
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/**
 * Settings that make git's output parseable whatever the user's config says: raw UTF-8 paths
 * (no octal quoting), no pager, no prompts, no optional index locks next to a running IDE.
 */
const GIT_CONFIG_ARGS = ['-c', 'core.quotepath=false', '--no-pager'];

function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
}

/**
 * Runs git with an argument array (never a shell), feeds `input` to stdin, and collects stdout as
 * Buffers without a size cap (a diff of a large change can exceed execFile's maxBuffer).
 */
export function runGit(cwd: string, args: readonly string[], input?: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...GIT_CONFIG_ARGS, ...args], {
      cwd,
      env: gitEnvironment(),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') reject(error);
      else if (!existsSync(cwd)) reject(new ChangesError(`directory ${cwd} does not exist; run tollgate from your checkout`));
      else reject(new ChangesError('git was not found on PATH; install git, or let tollgate read the change from the GitHub API'));
    });
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(stdout));
      else reject(new GitCommandError(args, code, Buffer.concat(stderr).toString('utf8')));
    });
    // git may exit before reading all of stdin (for example on a bad ref); the exit code reports that.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** The top of the git work tree `directory` is in, or undefined outside one (or without git). */
export async function workTreeRoot(directory: string): Promise<string | undefined> {
  return (await runGit(directory, ['rev-parse', '--show-toplevel']).catch(() => undefined))?.toString('utf8').trim();
}
