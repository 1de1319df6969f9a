import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bench, describe } from 'vitest';
import { startFakeGitHub } from '../test/e2e/fake-github.js';
import { createCheckout } from '../test/e2e/git-checkout.js';
import { pullRequestEvent } from '../test/e2e/payloads.js';
import { runAction } from '../test/e2e/run-action.js';
import { largeChange, writeLargeChange, type ChangeCase } from './large-change.js';

/*
 * A large pull request, whole process from outside (issue 17's targets): the gate against the
 * floor of reading and parsing the same files, its growth with the size of the change, and its
 * peak memory. Every figure is a ratio or exponent measured in this run, printed with its target.
 */

const root = fileURLToPath(new URL('../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tollgate-large-'));
const trees = new Map<string, { base: string; head: string }>();

function treesFor(change: ChangeCase, scale: number): { base: string; head: string } {
  const key = `${change}-${scale}`;
  let written = trees.get(key);
  if (!written) {
    written = writeLargeChange(join(work, key), scale, change);
    trees.set(key, written);
  }
  return written;
}

function writeTrees(directory: string, base: Record<string, string>, head: Record<string, string>): { base: string; head: string } {
  for (const [side, files] of [['base', base], ['head', head]] as const) {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(directory, side, path)), { recursive: true });
      writeFileSync(join(directory, side, path), text);
    }
  }
  return { base: join(directory, 'base'), head: join(directory, 'head') };
}

function node(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore', env });
  if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
}

const gate = ({ base, head }: { base: string; head: string }) => node(['dist/cli.js', '--base', base, '--head', head, '--format', 'json', '--output', join(work, 'report.json')]);
const floor = ({ base, head }: { base: string; head: string }) => node(['bench/floor.mjs', base, head]);

function median(run: () => void, times = 5): number {
  const samples = Array.from({ length: times }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

function peakRssMb(trees: { base: string; head: string }): number {
  const file = join(work, 'rss');
  node(['--import', './bench/peak-rss.mjs', 'dist/cli.js', '--base', trees.base, '--head', trees.head, '--format', 'json', '--output', join(work, 'report.json')], { ...process.env, TOLLGATE_BENCH_RSS: file });
  return Number(readFileSync(file, 'utf8')) / 1024;
}

const rows: string[] = [];
for (const change of ['added', 'modified'] as const) {
  const sides = treesFor(change, 1);
  const ratio = median(() => gate(sides)) / median(() => floor(sides));
  rows.push(`gate / floor, ${change === 'added' ? 'every file added' : 'a third of the files modified'}: ${ratio.toFixed(2)} (target ≤ 1.5)`);
}
const scaled = [1, 2, 4].map((scale) => median(() => gate(treesFor('added', scale)), 3));
const exponent = Math.log((scaled[2] ?? 0) / (scaled[0] ?? 1)) / Math.log(4);
rows.push(`scaling 1× → 4×: ${scaled.map((ms) => `${Math.round(ms)} ms`).join(', ')}; exponent ${exponent.toFixed(2)} (target ≤ 1.1)`);
rows.push(`peak RSS on the 4× change: ${Math.round(peakRssMb(treesFor('added', 4)))} MB (target ≤ 150 MB)`);
/** The action's requests to GitHub for the modified case, from a full checkout (fetch-depth: 0) and from the API alone. */
async function apiRequests(fromCheckout: boolean): Promise<number> {
  const { base, head } = largeChange(1, 'modified');
  const checkout = fromCheckout ? createCheckout(base, head) : undefined;
  const baseSha = checkout?.baseSha ?? 'a'.repeat(40);
  const headSha = checkout?.headSha ?? 'b'.repeat(40);
  const fake = await startFakeGitHub({ owner: 'acme', repo: 'platform', pullNumber: 9, baseSha, headSha, base, head });
  try {
    const event = pullRequestEvent({ action: 'synchronize', owner: 'acme', repo: 'platform', number: 9, headSha, baseSha });
    await runAction({ fake, token: 'bench-token', eventName: 'pull_request', event, ...(checkout ? { checkout: checkout.directory } : {}) });
    return fake.requests.length;
  } finally {
    await fake.close();
    checkout?.remove();
  }
}
const modified = largeChange(1, 'modified');
const changedFiles = Object.keys(modified.head).filter((path) => modified.head[path] !== modified.base[path]).length;
rows.push(`the action's GitHub API requests, ${changedFiles} files changed: ${await apiRequests(true)} from a full checkout (target ≤ 6 plus pagination), ${await apiRequests(false)} from the API alone (file contents)`);

/** A pull request that touches application code only: what every run pays before it can answer. */
async function coldStart(): Promise<string[]> {
  const base = { 'README.md': '# shop\n', 'src/app.ts': 'export const answer = 41;\n' };
  const head = { 'README.md': '# shop\n\nNow with docs.\n', 'src/app.ts': 'export const answer = 42;\n', 'src/new.ts': 'export {};\n' };
  const sides = writeTrees(join(work, 'no-iac'), base, head);
  const fake = await startFakeGitHub({ owner: 'acme', repo: 'shop', pullNumber: 7, baseSha: 'a'.repeat(40), headSha: 'b'.repeat(40), base, head });
  try {
    const event = pullRequestEvent({ action: 'synchronize', owner: 'acme', repo: 'shop', number: 7, headSha: 'b'.repeat(40), baseSha: 'a'.repeat(40) });
    const whole: number[] = [];
    const untilFirstRequest: number[] = [];
    let requests = 0;
    for (let run = 0; run < 9; run += 1) {
      const before = fake.requests.length;
      const start = Date.now();
      const result = await runAction({ fake, token: 'bench-token', eventName: 'pull_request', event });
      if (result.exitCode !== 0) throw new Error(`the action exited ${result.exitCode}: ${result.stderr}`);
      whole.push(Date.now() - start);
      untilFirstRequest.push((fake.requests[before]?.receivedAt ?? Number.NaN) - start);
      requests = fake.requests.length - before;
    }
    const nodeAlone = median(() => node(['-e', '0']), 9);
    const cli = median(() => gate(sides), 9);
    const middle = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Number.NaN;
    const over = (ms: number) => `${Math.round(ms - nodeAlone)} ms over node -e 0 (target ≤ 100)`;
    return [
      `cold start, a change with no infrastructure: node -e 0 ${Math.round(nodeAlone)} ms; CLI ${Math.round(cli)} ms, ${over(cli)}; ` +
        `action until its first API request ${Math.round(middle(untilFirstRequest))} ms, ${over(middle(untilFirstRequest))}; whole action run with ${requests} requests to the local fake GitHub ${Math.round(middle(whole))} ms`,
      `dist/ at start: ${distWeight()}`,
    ];
  } finally {
    await fake.close();
  }
}

/** What each bundle compiles at start, and what it reads only when a change needs it. */
function distWeight(): string {
  const dist = join(root, 'dist');
  const sizes = readdirSync(dist).map((name) => ({ name, bytes: statSync(join(dist, name)).size }));
  const sum = (names: (name: string) => boolean) => sizes.filter(({ name }) => names(name)).reduce((total, { bytes }) => total + bytes, 0);
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
  return (
    `index.js ${mb(sum((name) => name === 'index.js'))}, cli.js ${mb(sum((name) => name === 'cli.js'))}; ` +
    `on demand: chunks ${mb(sum((name) => /^\d+\.index\.js$/.test(name)))} (the proxy client), price catalogs ${mb(sum((name) => name.endsWith('.json')))}, presets ${mb(sum((name) => name.endsWith('.yml')))}`
  );
}

rows.push(...(await coldStart()));
process.stdout.write(`\nLarge pull request (505 files, ~24,700 lines at 1×), whole process, median of 5:\n${rows.map((row) => `  ${row}`).join('\n')}\n\n`);

describe('a large pull request, every file added', () => {
  const sides = treesFor('added', 1);
  bench('floor: read both trees, parse the YAML and JSON of the changed files', () => floor(sides), { time: 3000 });
  bench('tollgate CLI on the two trees (target: ≤ 1.5× the floor)', () => gate(sides), { time: 3000 });
});

describe('a large pull request, a third of the files modified', () => {
  const sides = treesFor('modified', 1);
  bench('floor: read both trees, parse both sides of the changed files', () => floor(sides), { time: 3000 });
  bench('tollgate CLI on the two trees (target: ≤ 1.5× the floor)', () => gate(sides), { time: 3000 });
});
