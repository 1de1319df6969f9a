import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hang, LIST_FILES_LIMIT, secondaryRateLimit, serverError, type ScriptedResponse, type Tree } from './fake-github.js';
import { fixtureTrees } from './payloads.js';
import { assertBundleBuilt, type ActionRun } from './run-action.js';
import { annotationsIn, closeFakes, log, MARKER, repoWith, ROUTE, run, startFake } from './scenario.js';

/**
 * GitHub misbehaving in the ways it does: every run must end by its verdict (exit code, outputs,
 * job summary) with one comment at most, and say in the log what it could not post and why.
 * The slowest run here waits out one request timeout (15 s) and a retry: about 20 s, so the tests
 * run side by side, each with its own fake GitHub and action process.
 */

const INVALID_ANNOTATION: ScriptedResponse = {
  status: 422,
  body: { message: 'Validation Failed', errors: [{ resource: 'CheckRun', code: 'invalid', field: 'annotations' }] },
};

function withStateFiles(count: number): Tree {
  const head = { ...fixtureTrees().head };
  for (let index = 0; index < count; index += 1) head[`stacks/s${String(index).padStart(2, '0')}/terraform.tfstate`] = '{"version": 4}\n';
  return head;
}

/** The verdict reached every channel that needs no write access. */
function expectFailVerdict(result: ActionRun): void {
  expect(result.exitCode, log(result)).toBe(1);
  expect(result.outputs['verdict']).toBe('fail');
  expect(result.summary).toContain('tollgate: fail');
  expect(JSON.parse(result.files['report'] ?? '{}')).toMatchObject({ verdict: 'fail' });
}

function workflowErrors(result: ActionRun): string[] {
  return result.stdout.split('\n').filter((line) => line.startsWith('::error file='));
}

beforeAll(() => {
  assertBundleBuilt();
});

afterAll(closeFakes);

describe.concurrent('action under GitHub faults', () => {
  it('times out a comment whose answer never came, retries it, and removes the duplicate the retry made', async () => {
    const github = await startFake();
    github.fault(ROUTE.createComment, [hang({ afterHandling: true })]);
    const result = await run(github);

    expectFailVerdict(result);
    expect(github.requestsTo(ROUTE.createComment).map((request) => request.status)).toEqual([0, 201]);
    expect(github.requestsTo(ROUTE.deleteComment).map((request) => request.status)).toEqual([204]);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain('terraform.tfstate');
    expect(github.checkRuns).toHaveLength(1);
  }, 60_000);

  it('writes a new comment when its comment is deleted between the listing and the update', async () => {
    const github = await startFake();
    github.seedComment(`${MARKER}\nan earlier run`);
    github.beforeNext(ROUTE.updateComment, () => github.comments.splice(0, 1));
    const result = await run(github);

    expectFailVerdict(result);
    expect(github.requestsTo(ROUTE.updateComment).map((request) => request.status)).toEqual([404]);
    expect(github.requestsTo(ROUTE.createComment).map((request) => request.status)).toEqual([201]);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain('terraform.tfstate');
  });

  it('keeps the check run when GitHub rejects a batch of annotations, and reports the rest as workflow annotations', async () => {
    const github = await startFake(repoWith(withStateFiles(60)));
    github.fault(ROUTE.updateCheck, [INVALID_ANNOTATION]);
    const result = await run(github);

    expectFailVerdict(result);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    expect(github.checkRuns[0]?.output.annotations).toHaveLength(50);
    expect(log(result)).toMatch(/::warning::11 annotations did not reach the check run \(HTTP 422: Validation Failed/);
    const sent = new Set(annotationsIn(github.requestsTo(ROUTE.createCheck)[0]?.body).map((annotation) => (annotation as { path: string }).path));
    const fallback = workflowErrors(result);
    expect(fallback).toHaveLength(11);
    for (const line of fallback) expect(sent.has(/file=([^,]+)/.exec(line)?.[1] ?? '')).toBe(false);
  });

  it('creates the check run without annotations when GitHub rejects them, so the required check still reports', async () => {
    const github = await startFake();
    github.fault(ROUTE.createCheck, [INVALID_ANNOTATION]);
    const result = await run(github);

    expectFailVerdict(result);
    expect(github.requestsTo(ROUTE.createCheck).map((request) => request.status)).toEqual([422, 201]);
    expect(github.checkRuns).toEqual([expect.objectContaining({ conclusion: 'failure', output: expect.objectContaining({ annotations: [] }) })]);
    expect(workflowErrors(result).some((line) => line.includes('file=infra/terraform.tfstate'))).toBe(true);
    expect(github.comments).toHaveLength(1);
  });

  it("pages through 3,000 files 100 at a time and says what GitHub's cap left out", async () => {
    const head = { ...fixtureTrees().head };
    // After infra/ and k8s/ in GitHub's path order, so the fixture's files are among the first 3,000.
    for (let index = 0; index < 3500; index += 1) head[`site/page-${String(index).padStart(4, '0')}.md`] = `# Page ${index}\n`;
    const github = await startFake(repoWith(head));
    const result = await run(github);

    expectFailVerdict(result);
    const pages = github.requestsTo(ROUTE.listFiles);
    expect(pages).toHaveLength(LIST_FILES_LIMIT / 100);
    expect(pages.map((request) => request.query.get('page') ?? '1')).toEqual(Array.from({ length: 30 }, (_, index) => String(index + 1)));
    expect(pages.every((request) => request.query.get('per_page') === '100')).toBe(true);
    expect(result.summary).toContain('GitHub lists at most 3,000 files');
    expect(github.comments).toHaveLength(1);
  }, 60_000);

  it('finds its comment on the third page of a long conversation and updates it there', async () => {
    const github = await startFake();
    for (let index = 0; index < 250; index += 1) github.seedComment(`comment ${index}`, { login: 'octocat', type: 'User' });
    const ours = github.seedComment(`${MARKER}\nan earlier run`);
    for (let index = 0; index < 20; index += 1) github.seedComment(`later comment ${index}`, { login: 'hubot', type: 'User' });
    const result = await run(github);

    expectFailVerdict(result);
    expect(github.requestsTo(ROUTE.listComments).map((request) => request.query.get('page') ?? '1')).toEqual(['1', '2', '3']);
    expect(github.requestsTo(ROUTE.createComment)).toEqual([]);
    expect(github.requestsTo(ROUTE.updateComment).map((request) => request.path)).toEqual([`/repos/acme/platform/issues/comments/${ours.id}`]);
    expect(github.comments.filter((comment) => comment.body.startsWith(MARKER))).toHaveLength(1);
  });

  it('waits out a 429 secondary rate limit for as long as retry-after says', async () => {
    const github = await startFake();
    github.fault(ROUTE.listFiles, [{ ...secondaryRateLimit(2), status: 429 }]);
    const result = await run(github);

    expectFailVerdict(result);
    expect(github.requestsTo(ROUTE.listFiles).map((request) => request.status)).toEqual([429, 200]);
    expect(log(result)).toMatch(/secondary rate limit hit for GET \S+\/pulls\/42\/files\S*; retrying once in 2 s/);
  });

  it.each([
    { what: 'listing the files', route: ROUTE.listFiles, status: 502 },
    { what: 'reading a file', route: ROUTE.getContent, status: 503 },
    { what: 'creating the check run', route: ROUTE.createCheck, status: 502 },
  ])('retries $what after HTTP $status', async ({ route, status }) => {
    const github = await startFake();
    github.fault(route, [serverError(status)]);
    const result = await run(github);

    expectFailVerdict(result);
    expect(github.requestsTo(route).filter((request) => request.status === status)).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]?.output.annotations).toContainEqual(expect.objectContaining({ path: 'infra/terraform.tfstate' }));
  });
});
