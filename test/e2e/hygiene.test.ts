import { afterAll, describe, expect, it } from 'vitest';
import { fixtureTrees, pullRequestEvent } from './payloads.js';
import { runAction } from './run-action.js';
import { closeFakes, startFake } from './scenario.js';
import { PLANTED } from './secrets.js';

const OWNER = 'acme';
const REPO = 'platform';
const PR_NUMBER = 42;
const BASE_SHA = 'b'.repeat(40);
const HEAD_SHA = '1'.repeat(40);
const LIST_COMMITS = 'GET /repos/:o/:r/pulls/:n/commits';

afterAll(closeFakes);

function commits(count: number): { sha: string; message: string; parents?: number }[] {
  return Array.from({ length: count }, (_, index) => ({
    sha: (index + 1).toString(16).padStart(40, 'c'),
    message: index === count - 1 ? 'fixup! feat: add the bucket' : `feat: step ${index}`,
  }));
}

async function runWith(title: string, commitCount: number) {
  const { base, head } = fixtureTrees();
  const { 'infra/terraform.tfstate': _state, ...clean } = head;
  const fake = await startFake({ owner: OWNER, repo: REPO, pullNumber: PR_NUMBER, baseSha: BASE_SHA, headSha: HEAD_SHA, base, head: clean, commits: commits(commitCount) });
  const event = pullRequestEvent({ action: 'opened', owner: OWNER, repo: REPO, number: PR_NUMBER, headSha: HEAD_SHA, baseSha: BASE_SHA });
  (event['pull_request'] as Record<string, unknown>)['title'] = title;
  const result = await runAction({ fake, token: PLANTED.token, eventName: 'pull_request', event });
  return { github: fake, result };
}

describe.concurrent('action: pull request hygiene', () => {
  it('puts the title finding in the comment, escaped, and pages through the commits', async () => {
    const { github, result } = await runWith('Add the **logs** bucket <img src=x> @octocat', 130);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const body = github.comments[0]?.body ?? '';
    expect(body).toContain('pr-title-format');
    expect(body).not.toContain('**logs**');
    expect(body).not.toContain('<img');
    expect(body).not.toMatch(/(^|[^`\w])@octocat/);
    expect(body).toContain('no-wip-commits');
    const pages = github.requestsTo(LIST_COMMITS);
    expect(pages.map((request) => request.query.get('page') ?? '1')).toEqual(['1', '2']);
  });

  it("notes GitHub's 250-commit cap", async () => {
    const { result } = await runWith('feat: add the logs bucket', 250);
    expect(result.summary).toContain('GitHub lists at most 250 commits');
  });
});
