import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeGitHub } from './fake-github.js';
import { findLeaks, PLANTED, tokenMasked } from './secrets.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * The built action, as the runner executes it. `TOLLGATE_E2E_BUNDLE` points the suite at another
 * build of `src/main.ts` (a bundle in a scratch directory); the runner and CI use `dist/`.
 */
export const BUNDLE = process.env['TOLLGATE_E2E_BUNDLE'] ?? join(ROOT, 'dist', 'index.js');
const RUN_TIMEOUT_MS = 60_000;

export function assertBundleBuilt(): void {
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: the end-to-end tests run the built action; run \`npm run build\` first`);
  }
}

export interface ActionRunOptions {
  fake: FakeGitHub;
  /** '' for a run without a token. */
  token: string;
  eventName: string;
  event: unknown;
  /** Action inputs by their action.yml names; passed as the runner does, `INPUT_<NAME>`. */
  inputs?: Record<string, string>;
  /** Files written into a fresh workspace (which has no `.git`, so changes come from the API). */
  workspace?: Record<string, string>;
  /** A git checkout to use as the workspace instead (see git-checkout.ts); left in place. */
  checkout?: string;
  /** More environment for the action's process. */
  env?: Record<string, string>;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  /** Every file the run left behind, for secret scanning. */
  files: Record<string, string>;
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core writes them to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index] ?? '');
    if (!match) continue;
    const [, name = '', delimiter] = match;
    const value: string[] = [];
    for (index += 1; index < lines.length && lines[index] !== delimiter; index += 1) value.push(lines[index] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
}

function readIfPresent(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Every file under `directory`, keyed by its path relative to `root`. */
function filesUnder(directory: string, root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) Object.assign(files, filesUnder(path, root));
    else files[relative(root, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

/**
 * Fails the run's test when a planted secret reached any output, or the token was not masked
 * first: every end-to-end run is checked, so a new test gets the check without asking.
 */
function assertNoLeaks(run: ActionRun, fake: FakeGitHub, token: string): void {
  const leaks = findLeaks({ stdout: run.stdout, stderr: run.stderr, files: run.files, requests: fake.requests });
  if (token !== '' && !tokenMasked(run.stdout, token)) leaks.unshift('the token was not masked (::add-mask::) before any other workflow command');
  if (leaks.length > 0) throw new Error(`secrets leaked from the action run:\n${leaks.join('\n')}\n--- log ---\n${run.stdout}${run.stderr}`);
}

/** Runs `node dist/index.js` against the fake GitHub in a fresh runner-like environment. */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  assertBundleBuilt();
  const root = mkdtempSync(join(tmpdir(), 'tollgate-e2e-'));
  try {
    const workspace = options.checkout ?? join(root, 'workspace');
    const runnerTemp = join(root, 'runner-temp');
    if (options.checkout === undefined) mkdirSync(workspace);
    mkdirSync(runnerTemp);
    for (const [path, content] of Object.entries(options.workspace ?? {})) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), content);
    }
    const eventPath = join(root, 'event.json');
    const summaryPath = join(root, 'step-summary.md');
    const outputPath = join(root, 'output.txt');
    writeFileSync(eventPath, JSON.stringify(options.event));
    writeFileSync(summaryPath, '');
    writeFileSync(outputPath, '');
    const { owner, repo } = options.fake.repo;
    // A clean environment: nothing from the machine running the tests (a real runner's
    // GITHUB_* variables or token) may leak into the run.
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      HOME: root,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_API_URL: options.fake.url,
      GITHUB_GRAPHQL_URL: `${options.fake.url}/graphql`,
      GITHUB_SERVER_URL: 'https://github.test',
      GITHUB_REPOSITORY: `${owner}/${repo}`,
      GITHUB_SHA: 'f'.repeat(40),
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      ...inputEnv({ 'github-token': options.token, [PLANTED.input.name]: PLANTED.input.value, ...options.inputs }),
      ...options.env,
    };
    const { exitCode, stdout, stderr } = await spawnNode(BUNDLE, workspace, env);
    const files: Record<string, string> = {
      ...filesUnder(runnerTemp, root),
      summary: readIfPresent(summaryPath),
      output: readIfPresent(outputPath),
    };
    const report = join(runnerTemp, 'tollgate-report.json');
    if (existsSync(report)) files['report'] = readFileSync(report, 'utf8');
    const run = { exitCode, stdout, stderr, summary: files['summary'] ?? '', outputs: parseOutputFile(files['output'] ?? ''), files };
    assertNoLeaks(run, options.fake, options.token);
    return run;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function spawnNode(script: string, cwd: string, env: Record<string, string>): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  // Asynchronous on purpose: the fake GitHub answers from this same process.
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolvePromise({ exitCode, stdout, stderr });
    });
  });
}

/**
 * Environment that runs the action as if `days` later, in another time zone: a preloaded module
 * moves `Date` forward. Two runs a "year" apart must still agree wherever output has to be stable.
 */
export function shiftedClockEnv(days: number, timeZone: string): Record<string, string> {
  const preload = `const Real = Date; const shift = ${days * 86_400_000};
globalThis.Date = class extends Real { constructor(...args) { super(...(args.length === 0 ? [Real.now() + shift] : args)); } static now() { return Real.now() + shift; } };`;
  return { NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(preload)}`, TZ: timeZone };
}
