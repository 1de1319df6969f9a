import { setTimeout as realDelay } from 'node:timers/promises';
import { afterEach, beforeEach, vi } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../e2e/fake-github.js';

/**
 * What the fake clock takes over: the retry and throttling plugins wait with `setTimeout` and pace
 * writes by `Date.now()`. A request's deadline (`AbortSignal.timeout`) stays on the real clock.
 */
export const FAKE_CLOCK = { toFake: ['setTimeout', 'clearTimeout', 'Date'] } satisfies Parameters<typeof vi.useFakeTimers>[0];

/**
 * How long the real clock runs before the fake one moves: long enough for a request to the local
 * fake GitHub to be answered, so the clock moves while the client waits on a timer, not mid-request.
 */
const REAL_GRACE_MS = 5;

/**
 * Awaits `work` under vitest's fake timers, moving the fake clock on to the next timer whenever
 * `work` is still waiting: backoff and pacing pass in order and at their full length on the fake
 * clock, and at once on the real one.
 */
export async function settle<T>(work: Promise<T>): Promise<T> {
  let pending = true;
  const done = (): void => {
    pending = false;
  };
  work.then(done, done);
  while (pending) {
    await realDelay(REAL_GRACE_MS);
    if (pending && vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
  }
  return work;
}

/**
 * A fake GitHub per test on the fake clock: registers the hooks that install the clock before each
 * test and, after it, restore real timers and close the fake; `start` begins one for the test.
 */
export function fakeGitHubPerTest(defaults: FakeRepo): (repo?: Partial<FakeRepo>) => Promise<FakeGitHub> {
  let fake: FakeGitHub | undefined;
  beforeEach(() => {
    vi.useFakeTimers(FAKE_CLOCK);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await fake?.close();
    fake = undefined;
  });
  return async (repo = {}) => {
    fake = await startFakeGitHub({ ...defaults, ...repo });
    return fake;
  };
}
