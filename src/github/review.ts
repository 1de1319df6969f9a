import { plural } from '../report/format.js';
import { COMMENT_MARKER } from '../report/markdown.js';
import type { InlineComment, ReviewEvent, ReviewPlan } from '../report/review.js';
import type { GitHubClient } from './client.js';
import { isOurComment, type ListedComment } from './comment.js';
import { asApiFailure, describeApiFailure, explainApiFailure } from './errors.js';

/**
 * Opens the body of a review a later run superseded. Submitted reviews cannot be deleted; this
 * marker keeps a retired one recognisable as ours, so a dismissal that failed is tried again.
 */
export const SUPERSEDED_MARKER = '<!-- tollgate:superseded -->';

const REVIEW_PERMISSION = 'pull-requests: write';
const PER_PAGE = 100;

export interface PublishReviewOptions {
  owner: string;
  repo: string;
  pullNumber: number;
  /** The commit the inline comments' line numbers are on: the pull request's head. */
  headSha: string;
  plan: ReviewPlan;
}

export type ReviewOutcome =
  | {
      outcome: 'posted';
      reviewId: number;
      url?: string;
      /** The login the token posted as, which also marks its earlier reviews as tollgate's. */
      author?: string;
      /** What GitHub took, after any fallback. */
      event: ReviewEvent;
      inline: number;
      /** What went otherwise than planned, for the log. */
      warnings: string[];
    }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; reason: string };

export type PostedReview = Extract<ReviewOutcome, { outcome: 'posted' }>;

/** How many of tollgate's earlier reviews were superseded and dismissed, their inline comments deleted, and what could not be done. */
export interface RetiredReviews {
  superseded: number;
  comments: number;
  dismissed: number;
  warnings: string[];
}

/** The fields of a listed review this module reads. */
export interface ListedReview extends ListedComment {
  state: string;
}

export interface ReviewAttempt {
  event: ReviewEvent;
  comments: readonly InlineComment[];
}

/**
 * What to send after GitHub refused `attempt` with a 422 saying `message`, with the log line that
 * says why; undefined when nothing is left to give up. A refusal naming a line, path or diff is
 * about the inline comments; any other refusal of REQUEST_CHANGES is about the token (the pull
 * request's own author, or an organisation that keeps GitHub Actions from reviewing).
 */
export function fallbackAttempt(attempt: ReviewAttempt, message: string): { attempt: ReviewAttempt; warning: string } | undefined {
  const aboutLines = /\b(diff|hunk|line|path|position)\b/i.test(message);
  if (attempt.comments.length > 0 && (aboutLines || attempt.event === 'COMMENT')) {
    return {
      attempt: { ...attempt, comments: [] },
      warning: `GitHub refused the inline comments (${message}); the review went without them, and its body lists every finding`,
    };
  }
  if (attempt.event === 'REQUEST_CHANGES') {
    return {
      attempt: { ...attempt, event: 'COMMENT' },
      warning: `the token may not request changes on this pull request (${message}); the review is a comment instead, and the failing check run still blocks the merge where a branch rule requires it`,
    };
  }
  return undefined;
}

/** An earlier review of tollgate and what retiring it still takes. */
export interface StaleReview {
  id: number;
  /** Still carries its summary and inline comments. */
  live: boolean;
  /** Still requests changes, which would keep blocking the merge. */
  dismiss: boolean;
}

/**
 * tollgate's reviews older than `latestId` (review ids grow with time) that still need work. A
 * run never touches a newer review: of runs racing on one pull request, the last review stays.
 */
export function staleReviews(reviews: readonly ListedReview[], latestId: number, identity?: string): StaleReview[] {
  return reviews.flatMap((review) => {
    if (review.id >= latestId) return [];
    const live = isOurComment(review, COMMENT_MARKER, identity);
    const ours = live || isOurComment(review, SUPERSEDED_MARKER, identity);
    const dismiss = ours && review.state === 'CHANGES_REQUESTED';
    return live || dismiss ? [{ id: review.id, live, dismiss }] : [];
  });
}

async function createReview(client: GitHubClient, options: PublishReviewOptions): Promise<PostedReview> {
  const warnings: string[] = [];
  let attempt: ReviewAttempt = { event: options.plan.event, comments: options.plan.comments };
  for (;;) {
    try {
      const { data } = await client.rest.pulls.createReview({
        owner: options.owner,
        repo: options.repo,
        pull_number: options.pullNumber,
        commit_id: options.headSha,
        body: options.plan.body,
        event: attempt.event,
        comments: [...attempt.comments],
      });
      return {
        outcome: 'posted',
        reviewId: data.id,
        ...(data.html_url ? { url: data.html_url } : {}),
        ...(data.user ? { author: data.user.login } : {}),
        event: attempt.event,
        inline: attempt.comments.length,
        warnings,
      };
    } catch (error) {
      const failure = asApiFailure(error);
      const next = failure?.status === 422 ? fallbackAttempt(attempt, failure.message) : undefined;
      if (next === undefined) throw error;
      warnings.push(next.warning);
      attempt = next.attempt;
    }
  }
}

interface Target {
  owner: string;
  repo: string;
  pullNumber: number;
}

async function deleteInlineComments(client: GitHubClient, target: Target, reviewId: number): Promise<number> {
  const comments = await client.paginate(client.rest.pulls.listCommentsForReview, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    review_id: reviewId,
    per_page: PER_PAGE,
  });
  for (const comment of comments) {
    try {
      await client.rest.pulls.deleteReviewComment({ owner: target.owner, repo: target.repo, comment_id: comment.id });
    } catch (error) {
      // A concurrent run retiring the same review got there first.
      if (asApiFailure(error)?.status !== 404) throw error;
    }
  }
  return comments.length;
}

interface Retirement {
  superseded: boolean;
  comments: number;
  dismissed: boolean;
  warnings: string[];
}

/** Deletes a live review's inline comments, then makes its body one line pointing at the latest review; the marker stays until the comments are gone. */
async function supersede(client: GitHubClient, target: Target, reviewId: number, latestUrl: string | undefined): Promise<number> {
  const comments = await deleteInlineComments(client, target, reviewId);
  const link = latestUrl ? `[tollgate's latest review](${latestUrl})` : "tollgate's latest review";
  await client.rest.pulls.updateReview({ owner: target.owner, repo: target.repo, pull_number: target.pullNumber, review_id: reviewId, body: `${SUPERSEDED_MARKER}\nSuperseded by ${link}.` });
  return comments;
}

/**
 * Supersedes a live review and dismisses one that requests changes; each step that fails is
 * left for the next run, and a failed supersede does not keep a stale request for changes.
 */
async function retire(client: GitHubClient, target: Target, review: StaleReview, latest: { url: string | undefined; headSha: string }): Promise<Retirement> {
  const retirement: Retirement = { superseded: false, comments: 0, dismissed: false, warnings: [] };
  if (review.live) {
    try {
      retirement.comments = await supersede(client, target, review.id, latest.url);
      retirement.superseded = true;
    } catch (error) {
      retirement.warnings.push(`could not supersede tollgate's earlier review #${review.id} (${describeApiFailure(error)}); the next run tries again`);
    }
  }
  if (!review.dismiss) return retirement;
  try {
    await client.rest.pulls.dismissReview({
      owner: target.owner,
      repo: target.repo,
      pull_number: target.pullNumber,
      review_id: review.id,
      message: `Superseded by tollgate's review of ${latest.headSha.slice(0, 7)}.`,
    });
    retirement.dismissed = true;
  } catch (error) {
    retirement.warnings.push(
      `could not dismiss tollgate's earlier review #${review.id}, which requests changes (${describeApiFailure(error)}); dismiss it on the pull request, or let the workflow's token dismiss reviews`,
    );
  }
  return retirement;
}

/**
 * Posts the pull request review. Never throws: a refused review comes back as `failed` with a
 * reason for the log, and tollgate's earlier reviews stay as they were.
 */
export async function postReview(client: GitHubClient, options: PublishReviewOptions): Promise<ReviewOutcome> {
  try {
    return await createReview(client, options);
  } catch (error) {
    return { outcome: 'failed', reason: explainApiFailure(error, 'post the pull request review', REVIEW_PERMISSION) };
  }
}

/**
 * Retires tollgate's reviews older than `posted` (inline comments deleted, body pointing at
 * `posted`, dismissed if they request changes), so one live review stays. Never throws: what
 * could not be done is a warning, and the next run tries again.
 */
export async function retireEarlierReviews(client: GitHubClient, options: Omit<PublishReviewOptions, 'plan'>, posted: PostedReview): Promise<RetiredReviews> {
  const retired: RetiredReviews = { superseded: 0, comments: 0, dismissed: 0, warnings: [] };
  let reviews: ListedReview[];
  try {
    reviews = await client.paginate(client.rest.pulls.listReviews, { owner: options.owner, repo: options.repo, pull_number: options.pullNumber, per_page: PER_PAGE });
  } catch (error) {
    retired.warnings.push(`could not list the earlier reviews to retire them (${describeApiFailure(error)}); the next run tries again`);
    return retired;
  }
  for (const review of staleReviews(reviews, posted.reviewId, posted.author)) {
    const outcome = await retire(client, options, review, { url: posted.url, headSha: options.headSha });
    if (outcome.superseded) retired.superseded += 1;
    retired.comments += outcome.comments;
    if (outcome.dismissed) retired.dismissed += 1;
    retired.warnings.push(...outcome.warnings);
  }
  return retired;
}

/** One line for the log about the retired reviews; undefined when there were none. */
export function retiredSummary(retired: Omit<RetiredReviews, 'warnings'>): string | undefined {
  const parts: string[] = [];
  if (retired.superseded > 0) parts.push(`superseded ${plural(retired.superseded, 'earlier review')} of tollgate (${plural(retired.comments, 'inline comment')} deleted)`);
  if (retired.dismissed > 0) parts.push(`dismissed ${plural(retired.dismissed, 'earlier review')} that requested changes`);
  if (parts.length === 0) return undefined;
  const line = parts.join('; ');
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}
