import { setTimeout as realDelay } from 'node:timers/promises';
import { vi } from 'vitest';

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
