import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions, type FakeRepo, type Tree } from './fake-github.js';
import { fixtureTrees, pullRequestEvent } from './payloads.js';
import { runAction, type ActionRun, type ActionRunOptions } from './run-action.js';
import { PLANTED } from './secrets.js';

/** The pull request most end-to-end tests gate: test/fixtures/events/repo, which commits a state file. */
export const OWNER = 'acme';
export const REPO = 'platform';
export const PR_NUMBER = 42;
export const BASE_SHA = 'b'.repeat(40);
export const HEAD_SHA = '1'.repeat(40);
export const MARKER = '<!-- tollgate:comment -->';

/** Route names as the fake GitHub records them. */
export const ROUTE = {
  listFiles: 'GET /repos/:o/:r/pulls/:n/files',
  getContent: 'GET /repos/:o/:r/contents/:path',
  listComments: 'GET /repos/:o/:r/issues/:n/comments',
  listEvents: 'GET /repos/:o/:r/issues/:n/events',
  createComment: 'POST /repos/:o/:r/issues/:n/comments',
  updateComment: 'PATCH /repos/:o/:r/issues/comments/:id',
  deleteComment: 'DELETE /repos/:o/:r/issues/comments/:id',
  createCheck: 'POST /repos/:o/:r/check-runs',
  updateCheck: 'PATCH /repos/:o/:r/check-runs/:id',
} as const;

const started: FakeGitHub[] = [];

export function repoWith(head: Tree = fixtureTrees().head, base: Tree = fixtureTrees().base): FakeRepo {
  return { owner: OWNER, repo: REPO, pullNumber: PR_NUMBER, baseSha: BASE_SHA, headSha: HEAD_SHA, base, head };
}

/**
 * A fake GitHub serving `repo`; `closeFakes` stops every one started. Files whose tests run
 * concurrently call it in afterAll, since an afterEach would stop the fakes of tests still running.
 */
export async function startFake(repo: FakeRepo = repoWith(), options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const github = await startFakeGitHub(repo, options);
  started.push(github);
  return github;
}

export async function closeFakes(): Promise<void> {
  await Promise.all(started.splice(0).map((github) => github.close()));
}

export interface EventOptions {
  action?: 'opened' | 'synchronize';
  headSha?: string;
  baseSha?: string;
  forkOwner?: string;
  labels?: string[];
}

export function prEvent(options: EventOptions = {}): Record<string, unknown> {
  return pullRequestEvent({
    action: options.action ?? 'opened',
    owner: OWNER,
    repo: REPO,
    number: PR_NUMBER,
    headSha: options.headSha ?? HEAD_SHA,
    baseSha: options.baseSha ?? BASE_SHA,
    ...(options.forkOwner !== undefined ? { forkOwner: options.forkOwner } : {}),
    ...(options.labels !== undefined ? { labels: options.labels } : {}),
  });
}

export type RunOptions = Partial<Omit<ActionRunOptions, 'fake'>>;

/** A pull_request run with the planted token, unless the options say otherwise. */
export function run(github: FakeGitHub, options: RunOptions = {}): Promise<ActionRun> {
  return runAction({ token: PLANTED.token, eventName: 'pull_request', event: prEvent(), ...options, fake: github });
}

export function log(result: ActionRun): string {
  return result.stdout + result.stderr;
}

/** The `output.annotations` of a check-run request body. */
export function annotationsIn(body: unknown): unknown[] {
  return (body as { output: { annotations: unknown[] } }).output.annotations;
}
