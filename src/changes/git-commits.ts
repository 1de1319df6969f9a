import type { CommitInfo, PullRequestInfo } from '../pull-request.js';
import { runGit } from './git-process.js';

/** Field and record separators git never puts in a sha, a name or (in practice) a message. */
const FIELD = '\x1f';
const RECORD = '\x1e';
/** More commits than a pull request sensibly holds; the API caps at 250, this keeps memory bounded. */
export const MAX_GIT_COMMITS = 1000;

export function parseGitLog(output: string): CommitInfo[] {
  return output
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.trim() !== '')
    .flatMap((record) => {
      const [sha = '', parents = '', author = '', message = ''] = record.split(FIELD);
      if (!/^[0-9a-f]{7,64}$/.test(sha)) return [];
      const commit: CommitInfo = { sha, message: message.replace(/\n+$/, ''), parents: parents.split(' ').filter((p) => p !== '').length };
      return [author !== '' ? { ...commit, author } : commit];
    });
}

export interface GitPullRequestOptions {
  cwd: string;
  /** The merge base or base ref: commits reachable from head but not from here are the PR's. */
  base: string;
  head: string;
  /** The head as the user named it (`HEAD`, a branch): its branch name is the PR's head branch. */
  headRef?: string;
  title?: string;
  body?: string;
  branch?: string;
}

/** The commits of base..head, oldest first, as GitHub lists a pull request's. */
export async function gitCommits(cwd: string, base: string, head: string): Promise<CommitInfo[]> {
  const log = await runGit(cwd, ['log', '--topo-order', '--reverse', `--max-count=${MAX_GIT_COMMITS}`, `--format=%H${FIELD}%P${FIELD}%an${FIELD}%B${RECORD}`, `${base}..${head}`, '--']);
  return parseGitLog(log.toString('utf8'));
}

/** Enough of the base branch's history to tell which conventions its people keep. */
export const BASE_HISTORY_COMMITS = 50;
/** Commits looked through for them: dependency bots can write most of a repository's history. */
const BASE_HISTORY_SCANNED = 4 * BASE_HISTORY_COMMITS;

/** GitHub Apps commit as `name[bot]`; Mend Renovate as itself, from its own domain. */
function isBotAuthor(name: string, email: string): boolean {
  return name.includes('[bot]') || email.includes('[bot]') || email.endsWith('@renovateapp.com');
}

/**
 * The messages of the latest non-merge commits people made on `base`, newest first (bots' commits
 * left out: they follow their own configuration, not the team's habit); undefined when git cannot
 * walk them (a shallow checkout without the base commit, not a repository).
 */
export async function gitBaseHistory(cwd: string, base: string): Promise<string[] | undefined> {
  try {
    const log = await runGit(cwd, ['log', '--no-merges', `--max-count=${BASE_HISTORY_SCANNED}`, `--format=%an${FIELD}%ae${FIELD}%B${RECORD}`, base, '--']);
    return log
      .toString('utf8')
      .split(RECORD)
      .map((record) => record.replace(/^\n/, '').split(FIELD))
      .filter(([name = '', email = '', message = '']) => message.trim() !== '' && !isBotAuthor(name, email))
      .slice(0, BASE_HISTORY_COMMITS)
      .map(([, , message = '']) => message.replace(/\n+$/, ''));
  } catch {
    return undefined;
  }
}

/**
 * What a pull request would carry, built from git for a local run: the commits of base..head
 * (one `git log`), the title from `--title` or the newest commit's subject, the branch from
 * `--branch` or the head ref's branch name, the messages of the base's history.
 */
export async function gitPullRequest(options: GitPullRequestOptions): Promise<PullRequestInfo> {
  const [commits, branch, baseHistory] = await Promise.all([
    gitCommits(options.cwd, options.base, options.head),
    options.branch !== undefined ? Promise.resolve(options.branch) : branchName(options.cwd, options.headRef ?? options.head),
    gitBaseHistory(options.cwd, options.base),
  ]);
  // The title comes from the newest commit.
  const newest = commits.at(-1)?.message.split('\n')[0] ?? '';
  return {
    title: options.title ?? newest,
    body: options.body ?? '',
    commits,
    ...(branch !== undefined ? { headBranch: branch } : {}),
    ...(baseHistory !== undefined ? { baseHistory } : {}),
  };
}

async function branchName(cwd: string, head: string): Promise<string | undefined> {
  try {
    const name = (await runGit(cwd, ['rev-parse', '--abbrev-ref', head])).toString('utf8').trim();
    // A detached HEAD or a bare sha has no branch name.
    return name === '' || name === 'HEAD' || /^[0-9a-f]{7,64}$/.test(name) ? undefined : name.replace(/^(?:origin|upstream)\//, '');
  } catch {
    return undefined;
  }
}
