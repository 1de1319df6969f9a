import { spawn } from 'node:child_process';

/**
 * How one run of a rendering binary ended. `failure` is set when the command did not run to a
 * normal exit: not installed, killed after the time limit, or stopped for writing too much.
 */
export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  failure?: 'not-found' | 'timeout' | 'output-too-large' | 'spawn-error';
}

export interface CommandOptions {
  cwd: string;
}

/** Runs a binary with an argument array; injectable so tests can fake helm and kustomize. */
export type CommandRunner = (command: string, args: readonly string[], options: CommandOptions) => Promise<CommandResult>;

export const RENDER_TIMEOUT_MS = 60_000;

/** A chart rendering to more than this is not a chart a reviewer reads; the parsers cap files far lower. */
export const RENDER_OUTPUT_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * Variables a renderer may need (where binaries are, where helm keeps its cache, the locale).
 * An allowlist rather than a denylist: a runner's environment holds GITHUB_TOKEN, cloud
 * credentials and whatever a workflow exported, and none of it may reach a template.
 */
const PASSED_ENVIRONMENT = [
  'PATH',
  'HOME',
  'TMPDIR',
  'TMP',
  'TEMP',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'XDG_CACHE_HOME',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'HELM_CACHE_HOME',
  'HELM_CONFIG_HOME',
  'HELM_DATA_HOME',
  'SystemRoot',
  'PATHEXT',
];

export function renderEnvironment(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const name of PASSED_ENVIRONMENT) {
    const value = source[name];
    if (value !== undefined) environment[name] = value;
  }
  // kustomize fetches remote bases with git; tollgate refuses remote bases, and git must never prompt.
  environment.GIT_TERMINAL_PROMPT = '0';
  return environment;
}

export interface SpawnLimits {
  timeoutMs?: number;
  outputLimitBytes?: number;
}

/** The real runner: spawn without a shell, a time limit, an output cap and a scrubbed environment. */
export function spawnRunner(limits: SpawnLimits = {}): CommandRunner {
  const timeoutMs = limits.timeoutMs ?? RENDER_TIMEOUT_MS;
  const outputLimit = limits.outputLimitBytes ?? RENDER_OUTPUT_LIMIT_BYTES;
  return (command, args, options) =>
    new Promise((resolve) => {
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let size = 0;
      let failure: CommandResult['failure'];
      let settled = false;
      const finish = (exitCode: number | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const result: CommandResult = {
          exitCode,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        };
        if (failure !== undefined) result.failure = failure;
        resolve(result);
      };
      const child = spawn(command, [...args], {
        cwd: options.cwd,
        env: renderEnvironment(),
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
      const stop = (reason: NonNullable<CommandResult['failure']>): void => {
        failure ??= reason;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => stop('timeout'), timeoutMs);
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size > outputLimit) stop('output-too-large');
        else into.push(chunk);
      };
      child.stdout.on('data', collect(stdout));
      child.stderr.on('data', collect(stderr));
      child.on('error', (error: NodeJS.ErrnoException) => {
        failure ??= error.code === 'ENOENT' ? 'not-found' : 'spawn-error';
        finish(null);
      });
      child.on('close', (code) => finish(code));
    });
}

const MAX_REASON_LENGTH = 300;

/**
 * The line of a renderer's stderr that says what went wrong: helm's `Error: …` line, kubectl's
 * `err="…"` payload, or else the first non-empty line. Never the whole stderr: it can be long
 * and it quotes template text.
 */
export function firstErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const chosen = lines.find((line) => line.startsWith('Error:')) ?? lines.find((line) => /\berr="/.test(line)) ?? lines[0] ?? '';
  const kubectl = /\berr="(.*)"\s*$/.exec(chosen);
  const reason = (kubectl?.[1] ?? chosen).replace(/^Error:\s*/, '');
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}…` : reason;
}

/** One line for a notice when a render did not produce output. */
export function failureReason(result: CommandResult): string {
  switch (result.failure) {
    case 'timeout':
      return `it did not finish within ${RENDER_TIMEOUT_MS / 1000} s`;
    case 'output-too-large':
      return `its output exceeded ${RENDER_OUTPUT_LIMIT_BYTES / (1024 * 1024)} MiB`;
    case 'spawn-error':
      return 'the process could not be started';
    default: {
      const line = firstErrorLine(result.stderr);
      return line === '' ? `it exited with code ${result.exitCode ?? 'unknown'}` : line;
    }
  }
}
