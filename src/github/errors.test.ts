import { describe, expect, it } from 'vitest';
import { explainApiFailure } from './errors.js';

/** The shape Octokit's RequestError has where explainApiFailure reads it. */
const answered = (status: number, message: string) => Object.assign(new Error(message), { status });

describe('explainApiFailure', () => {
  it('tells a rate limit from a missing permission: waiting fixes one, the workflow the other', () => {
    expect(explainApiFailure(answered(403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'), 'post the comment', 'pull-requests: write')).toBe(
      "could not post the comment: GitHub's rate limit held after retries (HTTP 403: You have exceeded a secondary rate limit. Please wait a few minutes before you try again.); re-run the job later; the verdict is in the job summary",
    );
    expect(explainApiFailure(answered(429, 'API rate limit exceeded for installation ID 1.'), 'post the comment', 'pull-requests: write')).toMatch(/^could not post the comment: GitHub's rate limit held after retries \(HTTP 429/);
    expect(explainApiFailure(answered(403, 'Must have admin rights to Repository.'), 'create the check run', 'checks: write')).toMatch(/grant `permissions: checks: write` in the workflow/);
  });
});
