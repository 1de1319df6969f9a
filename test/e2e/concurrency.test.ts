import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGitHub } from './fake-github.js';
import { assertBundleBuilt, shiftedClockEnv } from './run-action.js';
import { closeFakes, log, MARKER, ROUTE, run, startFake } from './scenario.js';

beforeAll(() => {
  assertBundleBuilt();
});

afterAll(closeFakes);

function bodiesSent(github: FakeGitHub, route: string): string[] {
  return github.requestsTo(route).map((request) => (request.body as { body: string }).body);
}

function checkRunSent(github: FakeGitHub): { output?: unknown; completed_at?: string } {
  return (github.requestsTo(ROUTE.createCheck)[0]?.body ?? {}) as { output?: unknown; completed_at?: string };
}

describe.concurrent('action: concurrency and idempotency', () => {
  it('leaves one comment when two runs of the same pull request race', async () => {
    const github = await startFake();
    // Both runs list the comments before either has written: each finds none and creates one.
    github.holdUntil(ROUTE.listComments, 2);
    const results = await Promise.all([run(github), run(github)]);

    for (const result of results) {
      expect(result.exitCode, log(result)).toBe(1);
      expect(log(result)).not.toContain('No pull request comment');
    }
    const created = github.requestsTo(ROUTE.createComment);
    expect(created.map((request) => request.status)).toEqual([201, 201]);
    expect(github.comments).toHaveLength(1);
    const [survivor] = github.comments;
    expect(survivor?.body.startsWith(MARKER)).toBe(true);
    expect(survivor?.body).toContain('terraform.tfstate');
    // The older comment stays; the newer one is deleted, by one run or by both (the second then gets a 404).
    const ids = created.map((request) => (request.responseBody as { id: number }).id);
    expect(survivor?.id).toBe(Math.min(...ids));
    const deletes = github.requestsTo(ROUTE.deleteComment);
    expect(new Set(deletes.map((request) => request.path))).toEqual(new Set([`/repos/acme/platform/issues/comments/${Math.max(...ids)}`]));
    expect(deletes.map((request) => request.status).sort()).toEqual(deletes.length === 1 ? [204] : [204, 404]);
  }, 60_000);

  it('renders byte-identical output for the same commit a year later in another time zone', async () => {
    const first = await startFake();
    const second = await startFake();
    const [earlier, later] = await Promise.all([run(first), run(second, { env: shiftedClockEnv(400, 'Pacific/Kiritimati') })]);

    expect(earlier.exitCode, log(earlier)).toBe(1);
    expect(later.exitCode, log(later)).toBe(1);
    const [body] = bodiesSent(first, ROUTE.createComment);
    expect(body).toContain('terraform.tfstate');
    expect(bodiesSent(second, ROUTE.createComment)).toEqual([body]);
    expect(checkRunSent(second).output).toEqual(checkRunSent(first).output);
    expect(later.summary).toBe(earlier.summary);
    // The clock did move: only the check run's completion time, outside the output, shows it.
    expect(checkRunSent(second).completed_at?.slice(0, 4)).not.toBe(checkRunSent(first).completed_at?.slice(0, 4));
  });
});
