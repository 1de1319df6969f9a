import { describe, expect, it } from 'vitest';
import { hang, secondaryRateLimit, serverError, type FakeGitHub, type RecordedRequest } from '../../test/e2e/fake-github.js';
import { fakeGitHubPerTest, settle } from '../../test/support/fake-clock.js';
import { createClient, MAX_RATE_LIMIT_WAIT_SECONDS, MAX_TIMED_OUT_ATTEMPTS, SERVER_ERROR_RETRIES, shouldRetryPrimaryLimit, shouldRetrySecondaryLimit } from './client.js';
import { explainApiFailure } from './errors.js';

const LIST = 'GET /repos/:o/:r/issues/:n/comments';
const FILES = 'GET /repos/:o/:r/pulls/:n/files';
/** The deadline runs on the real clock (`AbortSignal.timeout`), so it is short; the backoff after it runs on the fake one. */
const TIMEOUT_MS = 200;

const setup = fakeGitHubPerTest({ owner: 'o', repo: 'r', pullNumber: 7, baseSha: 'a'.repeat(40), headSha: 'b'.repeat(40), base: {}, head: {} });

function listComments(github: FakeGitHub, client = createClient('t', { baseUrl: github.url, requestTimeoutMs: TIMEOUT_MS })) {
  return settle(client.rest.issues.listComments({ owner: 'o', repo: 'r', issue_number: 7 }));
}

/** Milliseconds on the fake clock from each attempt's arrival to the next one's. */
function waitsBetween(requests: RecordedRequest[]): number[] {
  return requests.slice(1).map((request, index) => request.receivedAt - (requests[index]?.receivedAt ?? 0));
}

describe('rate-limit retry policy', () => {
  it('retries the primary limit twice, and only for a short wait', () => {
    expect([0, 1, 2].map((count) => shouldRetryPrimaryLimit(10, count))).toEqual([true, true, false]);
    expect(shouldRetryPrimaryLimit(MAX_RATE_LIMIT_WAIT_SECONDS, 0)).toBe(true);
    expect(shouldRetryPrimaryLimit(MAX_RATE_LIMIT_WAIT_SECONDS + 1, 0)).toBe(false);
  });

  it('retries a secondary limit once', () => {
    expect([0, 1].map((count) => shouldRetrySecondaryLimit(1, count))).toEqual([true, false]);
    expect(shouldRetrySecondaryLimit(3600, 0)).toBe(false);
  });
});

describe('a request GitHub does not answer', () => {
  it('is given up after the deadline and retried', async () => {
    const github = await setup();
    github.fault(LIST, [hang()]);
    const { status } = await listComments(github);
    expect(status).toBe(200);
    expect(github.requestsTo(LIST).map((request) => request.status)).toEqual([0, 200]);
  });

  it('fails with the reason after its retries, and then the client stops calling GitHub', async () => {
    const github = await setup();
    const attempts = 1 + SERVER_ERROR_RETRIES;
    expect(attempts).toBe(MAX_TIMED_OUT_ATTEMPTS);
    github.fault(LIST, Array.from({ length: attempts }, () => hang()));
    const client = createClient('t', { baseUrl: github.url, requestTimeoutMs: TIMEOUT_MS });

    const error = await listComments(github, client).catch((caught: unknown) => caught);
    expect(github.requestsTo(LIST)).toHaveLength(attempts);
    expect(explainApiFailure(error, 'read the comments', 'pull-requests: read')).toBe(
      `could not read the comments: GitHub did not answer GET /repos/o/r/issues/7/comments within ${TIMEOUT_MS / 1000} s; the verdict is in the job summary`,
    );

    const next = await settle(client.rest.pulls.listFiles({ owner: 'o', repo: 'r', pull_number: 7 })).catch((caught: unknown) => caught);
    expect(github.requestsTo(FILES)).toEqual([]);
    expect(explainApiFailure(next, 'list the files', 'contents: read')).toMatch(
      /^could not list the files: GitHub left 4 requests unanswered, so tollgate did not send GET \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\}\/files;/,
    );
  });
});

describe('waits between attempts, on the fake clock', () => {
  it("retries a server error three times after the retry plugin's backoff of 1 s, 4 s and 9 s", async () => {
    const github = await setup();
    github.fault(LIST, [serverError(502), serverError(502), serverError(503)]);
    const { status } = await listComments(github);

    expect(status).toBe(200);
    const attempts = github.requestsTo(LIST);
    expect(attempts.map((request) => request.status)).toEqual([502, 502, 503, 200]);
    // At least each step: the fake clock may also jump to the HTTP client's own timers while a request is in flight.
    const waits = waitsBetween(attempts);
    expect(waits).toHaveLength(3);
    [1000, 4000, 9000].forEach((step, index) => {
      expect(waits[index]).toBeGreaterThanOrEqual(step);
      expect(waits[index]).toBeLessThan(step + 1000);
    });
  });

  it("waits as long as a secondary rate limit's retry-after says, then retries once", async () => {
    const github = await setup();
    github.fault(LIST, [secondaryRateLimit(MAX_RATE_LIMIT_WAIT_SECONDS), secondaryRateLimit(1)]);
    const error = await listComments(github).catch((caught: unknown) => caught);

    expect(github.requestsTo(LIST).map((request) => request.status)).toEqual([403, 403]);
    expect(error).toMatchObject({ status: 403, message: expect.stringContaining('secondary rate limit') });
    const [wait = 0] = waitsBetween(github.requestsTo(LIST));
    expect(wait).toBeGreaterThanOrEqual(MAX_RATE_LIMIT_WAIT_SECONDS * 1000);
    expect(wait).toBeLessThan((MAX_RATE_LIMIT_WAIT_SECONDS + 1) * 1000);
  });
});
