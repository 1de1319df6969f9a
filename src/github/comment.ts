import type { Verdict } from '../report/model.js';
import type { GitHubClient } from './client.js';
import { asApiFailure, explainApiFailure } from './errors.js';

/** `review` posts a pull request review instead of the comment (review.ts). */
export type CommentMode = 'update' | 'on-failure' | 'off' | 'review';
export const COMMENT_MODES: readonly CommentMode[] = ['update', 'on-failure', 'off', 'review'];

/** The login GITHUB_TOKEN writes as; other Bot identities (a GitHub App's token) also count as ours. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

const COMMENTS_PER_PAGE = 100;
const COMMENT_PERMISSION = 'pull-requests: write';

export interface UpsertCommentOptions {
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  marker: string;
  mode: CommentMode;
  verdict: Verdict;
}

export type CommentOutcome =
  | { outcome: 'created' | 'updated' | 'unchanged'; commentId: number; url?: string }
  | { outcome: 'deleted'; commentId: number }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; reason: string };

/** The fields of an issue comment this module reads. */
export interface ListedComment {
  id: number;
  body?: string | null;
  html_url?: string;
  user?: { login: string; type?: string } | null;
}

/** Every body tollgate writes opens with the marker; a reply quoting it opens with `>`. */
function opensWithMarker(comment: ListedComment, marker: string): boolean {
  return (comment.body ?? '').startsWith(marker);
}

/**
 * Ours: opened by the marker and written by a bot (the workflow token, a GitHub App) or by
 * `identity`, the user a personal access token acts as.
 */
export function isOurComment(comment: ListedComment, marker: string, identity?: string): boolean {
  const author = comment.user;
  if (!author || !opensWithMarker(comment, marker)) return false;
  return author.type === 'Bot' || author.login === ACTIONS_BOT_LOGIN || (identity !== undefined && author.login === identity);
}

/**
 * Ours, oldest first (comment ids grow with time). Every run keeps the oldest and deletes the
 * rest, so runs racing on one pull request agree on the survivor and never delete each other's.
 */
export function findOurComments(comments: readonly ListedComment[], marker: string, identity?: string): ListedComment[] {
  return comments.filter((comment) => isOurComment(comment, marker, identity)).sort((a, b) => a.id - b.id);
}

/**
 * The login a personal access token acts as. Asked only when a person-authored comment opens with
 * the marker, so the usual workflow token (which may not call this endpoint) costs no extra request.
 */
async function tokenIdentity(client: GitHubClient): Promise<string | undefined> {
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch {
    return undefined;
  }
}

async function listOurComments(client: GitHubClient, target: Target, marker: string, identity?: string): Promise<ListedComment[]> {
  const comments = await listComments(client, target);
  const ours = findOurComments(comments, marker, identity);
  if (ours.length > 0 || identity !== undefined) return ours;
  const byPerson = comments.some((comment) => comment.user?.type !== 'Bot' && opensWithMarker(comment, marker));
  return byPerson ? findOurComments(comments, marker, await tokenIdentity(client)) : ours;
}

/** What to do with the sticky comment, decided from the mode and verdict alone. */
export function commentAction(mode: CommentMode, verdict: Verdict): 'upsert' | 'delete' | 'none' {
  if (mode === 'off' || mode === 'review') return 'none';
  if (mode === 'on-failure' && verdict !== 'fail') return 'delete';
  return 'upsert';
}

interface Target {
  owner: string;
  repo: string;
  issueNumber: number;
}

async function listComments(client: GitHubClient, target: Target): Promise<ListedComment[]> {
  return client.paginate(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: COMMENTS_PER_PAGE,
  });
}

function isGone(error: unknown): boolean {
  return asApiFailure(error)?.status === 404;
}

async function deleteComments(client: GitHubClient, target: Target, comments: readonly ListedComment[]): Promise<void> {
  for (const comment of comments) {
    try {
      await client.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: comment.id });
    } catch (error) {
      // A concurrent run cleaning up the same duplicates got there first.
      if (!isGone(error)) throw error;
    }
  }
}

async function createAndSettleRace(
  client: GitHubClient,
  options: UpsertCommentOptions,
): Promise<CommentOutcome> {
  const { data: created } = await client.rest.issues.createComment({
    owner: options.owner,
    repo: options.repo,
    issue_number: options.issueNumber,
    body: options.body,
  });
  const createdOutcome: CommentOutcome = { outcome: 'created', commentId: created.id, url: created.html_url };
  // Two runs for one PR can both find no comment and both create one: the later id gives way,
  // once the older comment carries this run's body.
  const [kept, ...extra] = await listOurComments(client, options, options.marker, created.user?.login);
  if (kept === undefined || kept.id === created.id) {
    await deleteComments(client, options, extra);
    return createdOutcome;
  }
  const updated = await updateIfChanged(client, options, kept);
  if (updated === undefined) {
    // The older one was deleted meanwhile: this run's comment is the one to keep.
    await deleteComments(client, options, extra.filter((comment) => comment.id !== created.id));
    return createdOutcome;
  }
  await deleteComments(client, options, extra);
  return updated;
}

/** The outcome, or undefined when the comment is gone (deleted after it was listed). */
async function updateIfChanged(
  client: GitHubClient,
  options: UpsertCommentOptions,
  existing: ListedComment,
): Promise<CommentOutcome | undefined> {
  // An identical update still counts against the content-creation limit: skip it.
  if (existing.body === options.body) {
    return { outcome: 'unchanged', commentId: existing.id, url: existing.html_url };
  }
  try {
    const { data } = await client.rest.issues.updateComment({
      owner: options.owner,
      repo: options.repo,
      comment_id: existing.id,
      body: options.body,
    });
    return { outcome: 'updated', commentId: data.id, url: data.html_url };
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

async function upsert(client: GitHubClient, options: UpsertCommentOptions): Promise<CommentOutcome> {
  const [oldest, ...extra] = await listOurComments(client, options, options.marker);
  if (oldest === undefined) return createAndSettleRace(client, options);
  // Updated before the extras go, so a refused update leaves the pull request as it was.
  const updated = await updateIfChanged(client, options, oldest);
  if (updated === undefined) return createAndSettleRace(client, options);
  await deleteComments(client, options, extra);
  return updated;
}

async function remove(client: GitHubClient, options: UpsertCommentOptions): Promise<CommentOutcome> {
  const ours = await listOurComments(client, options, options.marker);
  const last = ours.at(-1);
  if (last === undefined) return { outcome: 'skipped', reason: 'no comment to remove: the gate did not fail' };
  await deleteComments(client, options, ours);
  return { outcome: 'deleted', commentId: last.id };
}

/**
 * Keeps one tollgate comment on the pull request, found by its hidden marker and its author.
 * Never throws: an API failure comes back as `failed` with a reason for the log.
 */
export async function upsertComment(client: GitHubClient, options: UpsertCommentOptions): Promise<CommentOutcome> {
  const action = commentAction(options.mode, options.verdict);
  if (action === 'none') return { outcome: 'skipped', reason: `the \`comment\` input is \`${options.mode}\`` };
  try {
    return action === 'upsert' ? await upsert(client, options) : await remove(client, options);
  } catch (error) {
    const what = action === 'upsert' ? 'write the pull request comment' : 'remove the earlier pull request comment';
    return { outcome: 'failed', reason: explainApiFailure(error, what, COMMENT_PERMISSION) };
  }
}
