import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ChangesError, collectGitChanges } from '../changes/git.js';
import { collectGitHubChanges } from '../changes/github.js';
import type { ChangeSet } from '../changes/model.js';
import type { GitHubClient } from './client.js';
import type { PullRequestContext } from './context.js';

export interface PullRequestChangesOptions {
  /** Absent without a token: then only git can tell what changed. */
  client: GitHubClient | undefined;
  context: PullRequestContext;
  /** The checked-out repository, or a directory inside it. */
  directory: string;
  /** The `base-ref` input; the pull request's base commit otherwise. */
  baseRef?: string;
  wantContent: (path: string) => boolean;
  /** `limits.max-file-bytes`: larger files keep their entry but not their text. */
  maxFileBytes: number;
  log: (message: string) => void;
}

/** A checkout with a `.git` here or in a parent; without one only the API can tell what changed. */
export function findGitRoot(directory: string): string | undefined {
  for (let current = directory; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

const NO_TOKEN_FIX = 'check out the repository with `fetch-depth: 0`, or pass `github-token` to read the change from the API';

function fromApi(options: PullRequestChangesOptions, whyNotGit: string): Promise<ChangeSet> {
  const { client, context, wantContent, maxFileBytes } = options;
  if (client === undefined) throw new ChangesError(`${whyNotGit}, and the \`github-token\` input is empty: ${NO_TOKEN_FIX}`);
  options.log(`${whyNotGit}; reading the pull request's files from the GitHub API.`);
  return collectGitHubChanges({
    client,
    owner: context.owner,
    repo: context.repo,
    pullNumber: context.number,
    baseSha: context.baseSha,
    headSha: context.headSha,
    wantContent,
    maxFileBytes,
  });
}

/**
 * Git first: one local process, no API quota. A shallow checkout (the `actions/checkout`
 * default) lacks the base commit, so git reports a ChangesError and the API takes over.
 */
export async function collectPullRequestChanges(options: PullRequestChangesOptions): Promise<ChangeSet> {
  if (options.context.eventName === 'pull_request_target') {
    // That run holds a write token: the pull request's files are read as data from the API, never
    // from a checkout, where rendering could run what the pull request brought.
    return fromApi(options, 'On pull_request_target tollgate does not read the change from the checkout');
  }
  if (findGitRoot(options.directory) === undefined) return fromApi(options, `No git checkout at ${options.directory}`);
  try {
    return await collectGitChanges({
      cwd: options.directory,
      base: options.baseRef ?? options.context.baseSha,
      head: options.context.headSha,
      wantContent: options.wantContent,
      maxFileBytes: options.maxFileBytes,
    });
  } catch (error) {
    if (!(error instanceof ChangesError)) throw error;
    // A shallow checkout is the usual cause; `fetch-depth: 0` lets tollgate use git.
    return fromApi(options, `git could not compare the pull request (${error.message}; check out with \`fetch-depth: 0\`)`);
  }
}
