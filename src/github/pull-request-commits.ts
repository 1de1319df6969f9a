import { gitCommits } from '../changes/git-commits.js';
import type { ResolvedConfig } from '../config/model.js';
import type { CommitInfo } from '../pull-request.js';
import type { GitHubClient } from './client.js';

/** pulls.listCommits returns at most this many commits, however many the pull request has. */
export const GITHUB_COMMIT_LIST_LIMIT = 250;

export const COMMITS_TRUNCATED_NOTICE =
  'GitHub lists at most 250 commits of a pull request; commits after that were not checked';

/** The rules that read commits: when all are off, the action makes no commits request at all. */
export const COMMIT_RULES = ['commit-message-format', 'no-wip-commits', 'no-merge-commits'] as const;

export function needsCommits(config: ResolvedConfig): boolean {
  return COMMIT_RULES.some((id) => (config.rules[id]?.level ?? 'off') !== 'off');
}

/** The rules that read the base branch's history (`PullRequestInfo.baseHistory`). */
export const BASE_HISTORY_RULES = ['pr-title-format', 'linked-issue'] as const;

export function needsBaseHistory(config: ResolvedConfig): boolean {
  return BASE_HISTORY_RULES.some((id) => (config.rules[id]?.level ?? 'off') !== 'off');
}

export interface PullRequestCommits {
  commits: CommitInfo[];
  truncated: boolean;
}

/** The pull request's commits, oldest first, through the paginated listCommits API (100 a page, 3 pages at most). */
export async function fetchPullRequestCommits(client: GitHubClient, owner: string, repo: string, pullNumber: number): Promise<PullRequestCommits> {
  const listed = await client.paginate(client.rest.pulls.listCommits, { owner, repo, pull_number: pullNumber, per_page: 100 });
  const commits = listed.map((entry) => {
    const author = entry.author?.login ?? entry.commit.author?.name ?? undefined;
    const commit: CommitInfo = { sha: entry.sha, message: entry.commit.message, parents: entry.parents.length };
    return author ? { ...commit, author } : commit;
  });
  return { commits, truncated: commits.length >= GITHUB_COMMIT_LIST_LIMIT };
}

/** Without a token the commits come from the checkout, base..head, as the CLI reads them. */
export async function gitPullRequestCommits(cwd: string, baseSha: string, headSha: string): Promise<PullRequestCommits> {
  return { commits: await gitCommits(cwd, baseSha, headSha), truncated: false };
}
