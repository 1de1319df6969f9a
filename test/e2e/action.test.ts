import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { secondaryRateLimit, serverError, startFakeGitHub, type FakeGitHub, type FakeRepo, type Tree } from './fake-github.js';
import { fixtureTrees, pullRequestEvent, webhookExample } from './payloads.js';
import { assertBundleBuilt, runAction, type ActionRun } from './run-action.js';

const OWNER = 'acme';
const REPO = 'platform';
const PR_NUMBER = 42;
const BASE_SHA = 'b'.repeat(40);
const HEAD_SHA = '1'.repeat(40);
const NEXT_HEAD_SHA = '2'.repeat(40);
/** Looks like a real installation token so a leak would be recognisable in any output. */
const TOKEN = 'ghs_e2eTokenThatMustNeverAppear0123456789';
const MARKER = '<!-- tollgate:comment -->';

const COMMENTS = 'POST /repos/:o/:r/issues/:n/comments';
const COMMENT_UPDATE = 'PATCH /repos/:o/:r/issues/comments/:id';
const COMMENT_DELETE = 'DELETE /repos/:o/:r/issues/comments/:id';
const CHECK_CREATE = 'POST /repos/:o/:r/check-runs';
const CHECK_UPDATE = 'PATCH /repos/:o/:r/check-runs/:id';

let fake: FakeGitHub | undefined;

function repoWith(head: Tree, headSha = HEAD_SHA): FakeRepo {
  const trees = fixtureTrees();
  return { owner: OWNER, repo: REPO, pullNumber: PR_NUMBER, baseSha: BASE_SHA, headSha, base: trees.base, head };
}

async function startFake(head: Tree = fixtureTrees().head): Promise<FakeGitHub> {
  fake = await startFakeGitHub(repoWith(head));
  return fake;
}

function prEvent(action: 'opened' | 'synchronize' = 'opened', headSha = HEAD_SHA, forkOwner?: string): Record<string, unknown> {
  return pullRequestEvent({
    action,
    owner: OWNER,
    repo: REPO,
    number: PR_NUMBER,
    headSha,
    baseSha: BASE_SHA,
    ...(forkOwner !== undefined ? { forkOwner } : {}),
  });
}

function run(github: FakeGitHub, options: { event?: unknown; eventName?: string; inputs?: Record<string, string>; workspace?: Record<string, string> } = {}): Promise<ActionRun> {
  return runAction({
    fake: github,
    token: TOKEN,
    eventName: options.eventName ?? 'pull_request',
    event: options.event ?? prEvent(),
    ...(options.inputs ? { inputs: options.inputs } : {}),
    ...(options.workspace ? { workspace: options.workspace } : {}),
  });
}

function log(result: ActionRun): string {
  return result.stdout + result.stderr;
}

/**
 * The runner consumes `::add-mask::` and hides the value from then on; the action must send it
 * for the token, and nothing else it prints, writes or sends may hold the token.
 */
function expectNoTokenAnywhere(github: FakeGitHub, result: ActionRun): void {
  const lines = log(result).split('\n');
  expect(lines).toContain(`::add-mask::${TOKEN}`);
  expect(lines.filter((line) => !line.startsWith('::add-mask::')).join('\n')).not.toContain(TOKEN);
  for (const content of Object.values(result.files)) expect(content).not.toContain(TOKEN);
  for (const request of github.requests) {
    expect(request.rawBody).not.toContain(TOKEN);
    expect(request.path + request.query.toString()).not.toContain(TOKEN);
  }
}

function manyArtifacts(count: number): Tree {
  const head = { ...fixtureTrees().head };
  for (let index = 0; index < count; index += 1) head[`stacks/s${String(index).padStart(2, '0')}/terraform.tfstate`] = '{"version": 4}\n';
  return head;
}

beforeAll(() => {
  assertBundleBuilt();
});

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('tollgate action against a fake GitHub', () => {
  it('comments once, creates a check run on the head commit, and fails on a committed state file', async () => {
    const github = await startFake();
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    expect(github.requestsTo(COMMENTS)).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain(MARKER);
    expect(github.comments[0]?.body).toContain('terraform.tfstate');

    const [checkRun] = github.checkRuns;
    expect(github.checkRuns).toHaveLength(1);
    expect(checkRun?.name).toBe('tollgate');
    expect(checkRun?.head_sha).toBe(HEAD_SHA);
    expect(checkRun?.conclusion).toBe('failure');
    expect(checkRun?.output.annotations).toContainEqual(
      expect.objectContaining({ path: 'infra/terraform.tfstate', annotation_level: 'failure', title: 'no-committed-artifacts' }),
    );

    expect(result.outputs['verdict']).toBe('fail');
    expect(Number(result.outputs['findings'])).toBeGreaterThanOrEqual(1);
    expect(result.outputs['cost-delta']).toMatch(/^-?\d+\.\d{2}$/);
    expect(result.outputs['report-json']).toMatch(/tollgate-report\.json$/);
    expect(JSON.parse(result.files['report'] ?? '{}')).toMatchObject({ verdict: 'fail' });
    expect(result.summary).toContain('tollgate: fail');

    expect(github.requests.filter((request) => request.route === 'unmatched')).toEqual([]);
    for (const request of github.requests) expect(request.headers['authorization']).toBe(`token ${TOKEN}`);
    expectNoTokenAnywhere(github, result);
  });

  it('updates its comment on a new push instead of adding one, and skips an identical re-run', async () => {
    const github = await startFake();
    await run(github);
    const [first] = github.comments;

    github.repo.headSha = NEXT_HEAD_SHA;
    github.repo.head = { ...github.repo.head, 'infra/main.tf': github.repo.head['infra/main.tf']?.replace('t3.large', 't3.xlarge') ?? '' };
    const second = await run(github, { event: prEvent('synchronize', NEXT_HEAD_SHA) });
    expect(second.exitCode, log(second)).toBe(1);
    expect(github.requestsTo(COMMENTS)).toHaveLength(1);
    expect(github.requestsTo(COMMENT_UPDATE)).toHaveLength(1);
    expect(github.comments.map((comment) => comment.id)).toEqual([first?.id]);
    expect(github.comments[0]?.body).toContain(NEXT_HEAD_SHA);
    expect(github.checkRuns.at(-1)?.head_sha).toBe(NEXT_HEAD_SHA);

    const writesBefore = github.writes().length;
    const third = await run(github, { event: prEvent('synchronize', NEXT_HEAD_SHA) });
    expect(third.exitCode, log(third)).toBe(1);
    const commentWrites = github
      .writes()
      .slice(writesBefore)
      .filter((request) => [COMMENTS, COMMENT_UPDATE, COMMENT_DELETE].includes(request.route));
    expect(commentWrites).toEqual([]);
    expect(log(third)).toContain('comment unchanged');
  });

  it('keeps the newest of duplicate comments and ignores a person quoting the marker', async () => {
    const github = await startFake();
    const human = github.seedComment(`> ${MARKER}\nwhy is this failing?`, { login: 'octocat', type: 'User' });
    const older = github.seedComment(`${MARKER}\nold run`);
    const newer = github.seedComment(`${MARKER}\nnewer run`);

    const result = await run(github);
    expect(result.exitCode, log(result)).toBe(1);
    expect(github.comments.map((comment) => comment.id)).toEqual([human.id, newer.id]);
    expect(github.requestsTo(COMMENT_DELETE).map((request) => request.path)).toEqual([`/repos/${OWNER}/${REPO}/issues/comments/${older.id}`]);
    expect(github.requestsTo(COMMENTS)).toHaveLength(0);
    expect(github.comments[1]?.body).toContain('terraform.tfstate');
  });

  it('sends annotations beyond 50 in further check-run updates', async () => {
    const github = await startFake(manyArtifacts(60));
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    const creates = github.requestsTo(CHECK_CREATE);
    const updates = github.requestsTo(CHECK_UPDATE);
    expect(creates).toHaveLength(1);
    expect(updates).toHaveLength(1);
    const annotationsIn = (body: unknown): unknown[] => (body as { output: { annotations: unknown[] } }).output.annotations;
    expect(annotationsIn(creates[0]?.body)).toHaveLength(50);
    expect(annotationsIn(updates[0]?.body)).toHaveLength(11);
    expect(github.checkRuns[0]?.output.annotations).toHaveLength(61);
  });

  it('keeps the verdict when a fork gets a read-only token', async () => {
    const github = await startFake();
    github.readOnly = true;
    const result = await run(github, { event: prEvent('opened', HEAD_SHA, 'outsider') });

    expect(result.exitCode, log(result)).toBe(1);
    expect(github.comments).toEqual([]);
    expect(github.checkRuns).toEqual([]);
    expect(result.summary).toContain('tollgate: fail');
    expect(result.outputs['verdict']).toBe('fail');
    expect(log(result)).toMatch(/read-only token/);
    expect(result.stdout).toMatch(/^::error .*file=infra\/terraform\.tfstate/m);
    expectNoTokenAnywhere(github, result);
  });

  it('retries a comment that failed with a server error', async () => {
    const github = await startFake();
    github.fault(COMMENTS, [serverError(500)]);
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    expect(github.requestsTo(COMMENTS).map((request) => request.status)).toEqual([500, 201]);
    expect(github.comments).toHaveLength(1);
  });

  it('waits out a secondary rate limit for as long as retry-after says', async () => {
    const github = await startFake();
    github.fault(COMMENTS, [secondaryRateLimit(1)]);
    const started = Date.now();
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(github.requestsTo(COMMENTS).map((request) => request.status)).toEqual([403, 201]);
    expect(github.comments).toHaveLength(1);
    expect(log(result)).toContain('secondary rate limit');
  });

  it('reports why the comment is missing when GitHub keeps failing, and still exits by the verdict', async () => {
    const github = await startFake();
    github.fault(COMMENTS, [serverError(502), serverError(502), serverError(502), serverError(502)]);
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    expect(github.requestsTo(COMMENTS)).toHaveLength(4);
    expect(log(result)).toMatch(/No pull request comment: .*HTTP 502/);
    expect(github.checkRuns).toHaveLength(1);
    expect(result.outputs['verdict']).toBe('fail');
  }, 40_000);

  it('passes a clean change, and in on-failure mode removes the comment a failing run left', async () => {
    const { 'infra/terraform.tfstate': _state, ...head } = fixtureTrees().head;
    const github = await startFake(head);
    const stale = github.seedComment(`${MARKER}\nfailed before`);
    const result = await run(github, { inputs: { comment: 'on-failure' } });

    expect(result.exitCode, log(result)).toBe(0);
    expect(result.outputs['verdict']).toBe('pass');
    expect(github.comments).toEqual([]);
    expect(github.requestsTo(COMMENT_DELETE).map((request) => request.path)).toEqual([`/repos/${OWNER}/${REPO}/issues/comments/${stale.id}`]);
    expect(github.checkRuns[0]?.conclusion).toBe('success');
  });

  it('reads fail-on from the config file and the input over it', async () => {
    const github = await startFake();
    const workspace = { '.github/tollgate.yml': 'rules:\n  no-committed-artifacts: warning\n' };
    const warned = await run(github, { workspace });
    expect(warned.exitCode, log(warned)).toBe(0);
    expect(warned.outputs['verdict']).toBe('warn');
    expect(github.checkRuns.at(-1)?.conclusion).toBe('neutral');

    const strict = await run(github, { workspace, inputs: { 'fail-on': 'warning' } });
    expect(strict.exitCode, log(strict)).toBe(1);
    expect(strict.outputs['verdict']).toBe('fail');
  });

  it('skips events other than pull requests without calling GitHub', async () => {
    const github = await startFake();
    const result = await run(github, { eventName: 'push', event: webhookExample('push') });

    expect(result.exitCode, log(result)).toBe(0);
    expect(result.outputs['verdict']).toBe('skipped');
    expect(log(result)).toContain('tollgate runs on pull_request events; got push');
    expect(github.requests).toEqual([]);
  });

  it('fails with one clear line, and no stack, on a bad input', async () => {
    const github = await startFake();
    const result = await run(github, { inputs: { comment: 'sometimes' } });

    expect(result.exitCode).toBe(1);
    expect(log(result)).toContain('::error::tollgate could not run: input "comment" must be one of update, on-failure, off; got "sometimes"');
    expect(log(result)).not.toMatch(/\n\s+at /);
    expect(github.requests).toEqual([]);
  });

  it('fails with the file and line of a bad config file', async () => {
    const github = await startFake();
    const result = await run(github, { workspace: { '.github/tollgate.yml': 'fail-on: sometimes\n' } });

    expect(result.exitCode).toBe(1);
    expect(log(result)).toMatch(/::error file=\.github\/tollgate\.yml,line=1::.*sometimes/);
    expect(log(result)).not.toMatch(/\n\s+at /);
  });
});
