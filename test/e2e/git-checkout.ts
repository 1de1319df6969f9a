import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Tree } from './fake-github.js';

export interface Checkout {
  directory: string;
  baseSha: string;
  headSha: string;
  remove(): void;
}

/** A fixed identity and clock, so nothing from the machine running the tests reaches the commits. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Octo Cat',
  GIT_AUTHOR_EMAIL: 'octo@example.test',
  GIT_COMMITTER_NAME: 'Octo Cat',
  GIT_COMMITTER_EMAIL: 'octo@example.test',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function git(directory: string, args: string[]): string {
  return execFileSync('git', args, { cwd: directory, env: { PATH: process.env['PATH'] ?? '', ...GIT_ENV }, encoding: 'utf8' }).trim();
}

function writeTree(directory: string, tree: Tree): void {
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), content);
  }
}

/**
 * A repository with the base tree committed, then the head tree on top: what `fetch-depth: 0`
 * leaves. `history` is the base branch's earlier commits, oldest first, by their subjects.
 */
export function createCheckout(base: Tree, head: Tree, headMessage = 'feat: change the infrastructure', history: readonly string[] = []): Checkout {
  const directory = mkdtempSync(join(tmpdir(), 'tollgate-e2e-checkout-'));
  git(directory, ['init', '--quiet', '--initial-branch=main']);
  for (const subject of history) git(directory, ['commit', '--quiet', '--allow-empty', '--message', subject]);
  writeTree(directory, base);
  git(directory, ['add', '--all']);
  git(directory, ['commit', '--quiet', '--message', 'chore: base']);
  const baseSha = git(directory, ['rev-parse', 'HEAD']);
  git(directory, ['rm', '-r', '--quiet', '--cached', '.']);
  for (const path of Object.keys(base)) rmSync(join(directory, path));
  writeTree(directory, head);
  git(directory, ['add', '--all']);
  git(directory, ['commit', '--quiet', '--message', headMessage]);
  const headSha = git(directory, ['rev-parse', 'HEAD']);
  return { directory, baseSha, headSha, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
