import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitBaseHistory, gitPullRequest, parseGitLog } from './git-commits.js';

const repo = mkdtempSync(join(tmpdir(), 'tollgate-commits-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd: repo, encoding: 'utf8' });
}

function commitFile(name: string, message: string): void {
  writeFileSync(join(repo, name), `${name}\n`);
  git('add', name);
  git('commit', '-qm', message);
}

beforeAll(() => {
  git('init', '-q');
  commitFile('a', 'base');
  git('checkout', '-qb', 'fix/dns-ttl');
  commitFile('b', 'fix(dns): lower the TTL\n\nCloses #4.');
  git('checkout', '-q', 'main');
  commitFile('c', 'later on main');
  git('checkout', '-q', 'fix/dns-ttl');
  git('merge', '-q', '--no-edit', 'main');
  commitFile('d', 'WIP: try a record set');
});

describe('gitPullRequest', () => {
  it('reads base..head commits in one log, counting merge parents, with title and branch', async () => {
    const pr = await gitPullRequest({ cwd: repo, base: 'main~1', head: 'HEAD', headRef: 'HEAD' });
    expect(pr.title).toBe('WIP: try a record set');
    expect(pr.headBranch).toBe('fix/dns-ttl');
    expect(pr.body).toBe('');
    // Oldest first; the two parents of the merge may come in either order.
    const headers = pr.commits?.map((commit) => [commit.message.split('\n')[0], commit.parents, commit.author]);
    expect(headers?.slice(2)).toEqual([
      ["Merge branch 'main' into fix/dns-ttl", 2, 'Dev'],
      ['WIP: try a record set', 1, 'Dev'],
    ]);
    expect(headers?.slice(0, 2).map(([header]) => header).sort()).toEqual(['fix(dns): lower the TTL', 'later on main']);
    expect(pr.commits?.find((commit) => commit.message.startsWith('fix'))?.message).toBe('fix(dns): lower the TTL\n\nCloses #4.');
  });

  it('takes the title, body and branch from the flags when given', async () => {
    const pr = await gitPullRequest({ cwd: repo, base: 'main', head: 'HEAD', title: 'feat: x', body: 'Closes #1', branch: 'feat/x' });
    expect(pr).toMatchObject({ title: 'feat: x', body: 'Closes #1', headBranch: 'feat/x' });
  });

  it('carries the messages of the base history, newest first, merges left out', async () => {
    const pr = await gitPullRequest({ cwd: repo, base: 'main', head: 'HEAD' });
    expect(pr.baseHistory).toEqual(['later on main', 'base']);
    // Commits of the same second come in either order.
    expect((await gitBaseHistory(repo, 'HEAD'))?.sort()).toEqual(['WIP: try a record set', 'base', 'fix(dns): lower the TTL\n\nCloses #4.', 'later on main']);
  });

  it('leaves bots out of the base history', async () => {
    git('checkout', '-q', 'main');
    for (const [name, email] of [['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'], ['Mend Renovate', 'bot@renovateapp.com']]) {
      writeFileSync(join(repo, 'deps'), `${name}\n`);
      git('add', 'deps');
      git('-c', `user.name=${name}`, '-c', `user.email=${email}`, 'commit', '-qm', `chore(deps): bump by ${name}`);
    }
    expect(await gitBaseHistory(repo, 'main')).toEqual(['later on main', 'base']);
    git('reset', '-q', '--hard', 'main~2');
    git('checkout', '-q', 'fix/dns-ttl');
  });

  it('has no base subjects where git cannot walk the base', async () => {
    expect(await gitBaseHistory(repo, 'f'.repeat(40))).toBeUndefined();
    expect(await gitBaseHistory(tmpdir(), 'HEAD')).toBeUndefined();
  });

  it('has no branch for a detached sha', async () => {
    const sha = git('rev-parse', 'HEAD').trim();
    expect(await gitPullRequest({ cwd: repo, base: 'main', head: sha })).not.toHaveProperty('headBranch');
  });
});

describe('parseGitLog', () => {
  it('ignores malformed records and keeps messages with blank lines', () => {
    const sha = 'a'.repeat(40);
    expect(parseGitLog(`${sha}\x1fp1 p2\x1fAnn\x1fsubject\n\nbody\n\x1e\nnot-a-sha\x1f\x1f\x1fx\x1e`)).toEqual([{ sha, parents: 2, author: 'Ann', message: 'subject\n\nbody' }]);
  });
});
