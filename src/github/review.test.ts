import { describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../test/e2e/fake-github.js';
import { fakeGitHubPerTest, settle } from '../../test/support/fake-clock.js';
import { COMMENT_MARKER } from '../report/markdown.js';
import type { ReviewPlan } from '../report/review.js';
import { createClient } from './client.js';
import { fallbackAttempt, postReview, retiredSummary, retireEarlierReviews, staleReviews, SUPERSEDED_MARKER, type ListedReview, type RetiredReviews, type ReviewAttempt, type ReviewOutcome } from './review.js';

const BOT = { login: 'github-actions[bot]', type: 'Bot' };
const HEAD = 'b'.repeat(40);
const CREATE = 'POST /repos/:o/:r/pulls/:n/reviews';
const DISMISS = 'PUT /repos/:o/:r/pulls/:n/reviews/:id/dismissals';
const COMMENT = { path: 'main.tf', line: 2, side: 'RIGHT', body: 'x' } as const;

describe('fallbackAttempt', () => {
  const full: ReviewAttempt = { event: 'REQUEST_CHANGES', comments: [COMMENT] };
  it.each<[string, ReviewAttempt, string, ReviewAttempt | undefined]>([
    ['a refused line drops the inline comments, keeping the event', full, 'Unprocessable Entity: "Pull request review thread line must be part of the diff"', { event: 'REQUEST_CHANGES', comments: [] }],
    ['a refused path does too', full, 'Unprocessable Entity: "Path could not be resolved"', { event: 'REQUEST_CHANGES', comments: [] }],
    ['the author’s own token turns REQUEST_CHANGES into COMMENT', full, 'Unprocessable Entity: "Can not request changes on your own pull request"', { event: 'COMMENT', comments: [COMMENT] }],
    ['so does an organisation that keeps Actions from reviewing', { event: 'REQUEST_CHANGES', comments: [] }, 'Unprocessable Entity: "GitHub Actions is not permitted to approve pull requests."', { event: 'COMMENT', comments: [] }],
    ['a comment refused for another reason goes without its inline comments', { event: 'COMMENT', comments: [COMMENT] }, 'Unprocessable Entity', { event: 'COMMENT', comments: [] }],
    ['nothing is left to give up', { event: 'COMMENT', comments: [] }, 'Unprocessable Entity', undefined],
  ])('%s', (_name, attempt, message, expected) => {
    expect(fallbackAttempt(attempt, message)?.attempt).toEqual(expected);
  });
});

describe('staleReviews', () => {
  const reviews: ListedReview[] = [
    { id: 1, body: `${COMMENT_MARKER}\nold`, state: 'CHANGES_REQUESTED', user: BOT },
    { id: 2, body: `${SUPERSEDED_MARKER}\nSuperseded`, state: 'CHANGES_REQUESTED', user: BOT },
    { id: 3, body: `${SUPERSEDED_MARKER}\nSuperseded`, state: 'DISMISSED', user: BOT },
    { id: 4, body: `${COMMENT_MARKER}\nolder pass`, state: 'COMMENTED', user: BOT },
    { id: 5, body: `${COMMENT_MARKER}\nquoted by a person`, state: 'CHANGES_REQUESTED', user: { login: 'octocat', type: 'User' } },
    { id: 6, body: 'LGTM', state: 'APPROVED', user: BOT },
    { id: 8, body: `${COMMENT_MARKER}\nthis run's`, state: 'COMMENTED', user: BOT },
    { id: 9, body: `${COMMENT_MARKER}\na newer run's`, state: 'CHANGES_REQUESTED', user: BOT },
  ];

  it('retires older live reviews, dismisses those still requesting changes, and never touches a newer run’s or a person’s', () => {
    expect(staleReviews(reviews, 8)).toEqual([
      { id: 1, live: true, dismiss: true },
      { id: 2, live: false, dismiss: true },
      { id: 4, live: true, dismiss: false },
    ]);
  });

  it('counts the person a personal access token acts as as tollgate', () => {
    expect(staleReviews(reviews, 8, 'octocat').map((review) => review.id)).toEqual([1, 2, 4, 5]);
  });
});

describe('retiredSummary', () => {
  it.each([
    ['nothing when nothing was retired', { superseded: 0, comments: 0, dismissed: 0 }, undefined],
    ['superseded and dismissed', { superseded: 2, comments: 1, dismissed: 1 }, 'Superseded 2 earlier reviews of tollgate (1 inline comment deleted); dismissed 1 earlier review that requested changes.'],
    ['a dismissal retried alone', { superseded: 0, comments: 0, dismissed: 1 }, 'Dismissed 1 earlier review that requested changes.'],
  ])('%s', (_name, retired, expected) => {
    expect(retiredSummary(retired)).toBe(expected);
  });
});

describe('publishReview against a fake GitHub', () => {
  const setup = fakeGitHubPerTest({ owner: 'o', repo: 'r', pullNumber: 7, baseSha: 'a'.repeat(40), headSha: HEAD, base: { 'main.tf': 'a\n' }, head: { 'main.tf': 'a\nb\nc\n' } });

  /** What publish does with `comment: review`: post the review, then retire the earlier ones. */
  async function post(github: FakeGitHub, plan: ReviewPlan): Promise<{ posted: ReviewOutcome; retired?: RetiredReviews }> {
    const client = createClient('test-token', { baseUrl: github.url });
    const target = { owner: 'o', repo: 'r', pullNumber: 7, headSha: HEAD };
    const posted = await settle(postReview(client, { ...target, plan }));
    if (posted.outcome !== 'posted') return { posted };
    return { posted, retired: await settle(retireEarlierReviews(client, target, posted)) };
  }

  const failing: ReviewPlan = { event: 'REQUEST_CHANGES', body: `${COMMENT_MARKER}\nfail`, comments: [COMMENT, { ...COMMENT, line: 3 }] };
  const passing: ReviewPlan = { event: 'COMMENT', body: `${COMMENT_MARKER}\npass`, comments: [] };

  it('replaces the earlier review: its inline comments deleted, its body pointing at the new one, its request for changes dismissed', async () => {
    const github = await setup();
    const first = await post(github, failing);
    expect(first).toMatchObject({ posted: { outcome: 'posted', event: 'REQUEST_CHANGES', inline: 2, warnings: [] }, retired: { superseded: 0, dismissed: 0 } });
    const second = await post(github, passing);
    expect(second).toMatchObject({ posted: { outcome: 'posted', event: 'COMMENT', warnings: [] }, retired: { superseded: 1, comments: 2, dismissed: 1, warnings: [] } });

    expect(github.liveReviews().map((review) => review.body)).toEqual([passing.body]);
    expect(github.reviewComments).toEqual([]);
    const [old] = github.reviews;
    expect(old).toMatchObject({ state: 'DISMISSED', dismissal: `Superseded by tollgate's review of ${HEAD.slice(0, 7)}.` });
    expect(old?.body).toBe(`${SUPERSEDED_MARKER}\nSuperseded by [tollgate's latest review](${second.posted.outcome === 'posted' ? second.posted.url : ''}).`);
  });

  it('posts a comment instead when the token may not request changes, and says why', async () => {
    const github = await setup();
    github.requestChangesRefusal = 'Can not request changes on your own pull request';
    const { posted } = await post(github, failing);
    expect(posted).toMatchObject({ outcome: 'posted', event: 'COMMENT', inline: 2 });
    expect(posted.outcome === 'posted' ? posted.warnings : []).toEqual([expect.stringMatching(/^the token may not request changes on this pull request \(.*Can not request changes on your own pull request/)]);
    expect(github.requestsTo(CREATE).map((request) => (request.body as { event: string }).event)).toEqual(['REQUEST_CHANGES', 'COMMENT']);
    expect(github.reviews.map((review) => review.state)).toEqual(['COMMENTED']);
  });

  it('goes without the inline comments GitHub refuses, rather than without a review', async () => {
    const github = await setup();
    const { posted } = await post(github, { ...failing, comments: [{ ...COMMENT, line: 9 }] });
    expect(posted).toMatchObject({ outcome: 'posted', event: 'REQUEST_CHANGES', inline: 0, warnings: [expect.stringContaining('must be part of the diff')] });
    expect(github.reviews).toHaveLength(1);
    expect(github.reviewComments).toEqual([]);
  });

  it('keeps the new review when the old one cannot be dismissed, and says how to lift its block', async () => {
    const github = await setup();
    github.seedReview(`${COMMENT_MARKER}\nold`, 'CHANGES_REQUESTED', [{ path: 'main.tf', line: 2 }]);
    github.denied.add(DISMISS);
    const { retired } = await post(github, passing);
    expect(retired).toEqual({ superseded: 1, comments: 1, dismissed: 0, warnings: [expect.stringMatching(/^could not dismiss tollgate's earlier review #\d+, which requests changes \(HTTP 403/)] });
    // Retired but still blocking: the next run sees the superseded marker and tries the dismissal again.
    github.denied.delete(DISMISS);
    expect(await post(github, passing)).toMatchObject({ retired: { superseded: 1, comments: 0, dismissed: 1, warnings: [] } });
    expect(github.reviews.filter((review) => review.state === 'CHANGES_REQUESTED')).toEqual([]);
  });

  it('still lifts a stale request for changes when the old body cannot be replaced', async () => {
    const github = await setup();
    const old = github.seedReview(`${COMMENT_MARKER}\nold`, 'CHANGES_REQUESTED', [{ path: 'main.tf', line: 3 }]);
    github.denied.add('PUT /repos/:o/:r/pulls/:n/reviews/:id');
    const { retired } = await post(github, passing);
    expect(retired).toEqual({ superseded: 0, comments: 0, dismissed: 1, warnings: [expect.stringMatching(/^could not supersede tollgate's earlier review #\d+ \(HTTP 403/)] });
    expect(old).toMatchObject({ state: 'DISMISSED', body: `${COMMENT_MARKER}\nold` });
  });

  it('fails with the permission to grant when the token cannot post, leaving earlier reviews alone', async () => {
    const github = await setup();
    github.seedReview(`${COMMENT_MARKER}\nold`, 'CHANGES_REQUESTED');
    github.readOnly = true;
    expect(await post(github, failing)).toEqual({ posted: { outcome: 'failed', reason: expect.stringContaining('`permissions: pull-requests: write`') } });
    expect(github.writes().map((request) => request.route)).toEqual([CREATE]);
  });
});
