import { describe, expect, it } from 'vitest';
import { MAX_RATE_LIMIT_WAIT_SECONDS, shouldRetryPrimaryLimit, shouldRetrySecondaryLimit } from './client.js';

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
