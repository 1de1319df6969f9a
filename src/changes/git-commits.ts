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

/**
 * What a pull request would carry, built from git for a local run: the commits of base..head
 * (one `git log`), the title from `--title` or the newest commit's subject, the branch from
 * `--branch` or the head ref's branch name.
 */
export async function gitPullRequest(options: GitPullRequestOptions): Promise<PullRequestInfo> {
  const [log, branch] = await Promise.all([
    runGit(options.cwd, ['log', '--topo-order', '--reverse', `--max-count=${MAX_GIT_COMMITS}`, `--format=%H${FIELD}%P${FIELD}%an${FIELD}%B${RECORD}`, `${options.base}..${options.head}`, '--']),
    options.branch !== undefined ? Promise.resolve(options.branch) : branchName(options.cwd, options.headRef ?? options.head),
  ]);
  const commits = parseGitLog(log.toString('utf8'));
  // Oldest first, as GitHub lists a pull request's commits; the title comes from the newest.
  const newest = commits.at(-1)?.message.split('\n')[0] ?? '';
  return {
    title: options.title ?? newest,
    body: options.body ?? '',
    commits,
    ...(branch !== undefined ? { headBranch: branch } : {}),
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
