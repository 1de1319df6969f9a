import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../test/e2e/fake-github.js';
import { plainConfig } from '../test-support.js';
import { createClient } from './client.js';
import { fetchPullRequestCommits, GITHUB_COMMIT_LIST_LIMIT, needsCommits } from './pull-request-commits.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function commits(count: number): { sha: string; message: string; parents?: number }[] {
  return Array.from({ length: count }, (_, index) => ({ sha: index.toString(16).padStart(40, '0'), message: `feat: change ${index}`, ...(index === 1 ? { parents: 2 } : {}) }));
}

async function start(count: number): Promise<FakeGitHub> {
  fake = await startFakeGitHub({ owner: 'acme', repo: 'platform', pullNumber: 9, baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40), base: {}, head: {}, commits: commits(count) });
  return fake;
}

describe('fetchPullRequestCommits', () => {
  it('pages through listCommits 100 at a time and counts parents', async () => {
    const github = await start(130);
    const listed = await fetchPullRequestCommits(createClient('t', { baseUrl: github.url }), 'acme', 'platform', 9);
    expect(listed.commits).toHaveLength(130);
    expect(listed.truncated).toBe(false);
    expect(listed.commits[1]).toEqual({ sha: '1'.padStart(40, '0'), message: 'feat: change 1', parents: 2, author: 'octocat' });
    expect(github.requestsTo('GET /repos/:o/:r/pulls/:n/commits').map((request) => request.query.get('per_page'))).toEqual(['100', '100']);
  });

  it("says when GitHub's 250-commit cap is reached", async () => {
    const github = await start(GITHUB_COMMIT_LIST_LIMIT);
    expect((await fetchPullRequestCommits(createClient('t', { baseUrl: github.url }), 'acme', 'platform', 9)).truncated).toBe(true);
  });
});

describe('needsCommits', () => {
  it('is false only when every commit rule is off', () => {
    expect(needsCommits(plainConfig())).toBe(true);
    const off = { level: 'off' as const };
    expect(needsCommits(plainConfig({ ruleSettings: { 'commit-message-format': off, 'no-wip-commits': off, 'no-merge-commits': off } }))).toBe(false);
  });
});
