import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ChangesError, collectGitChanges } from '../changes/git.js';
import { collectGitHubChanges } from '../changes/github.js';
import type { ChangeSet } from '../changes/model.js';
import type { GitHubClient } from './client.js';
import type { PullRequestContext } from './context.js';

export interface PullRequestChangesOptions {
  client: GitHubClient;
  context: PullRequestContext;
  /** The checked-out repository, or a directory inside it. */
  directory: string;
  /** The `base-ref` input; the pull request's base commit otherwise. */
  baseRef?: string;
  wantContent: (path: string) => boolean;
  log: (message: string) => void;
}

/** A checkout with a `.git` here or in a parent; without one only the API can tell what changed. */
export function findGitRoot(directory: string): string | undefined {
  for (let current = directory; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

function fromApi(options: PullRequestChangesOptions): Promise<ChangeSet> {
  const { client, context, wantContent } = options;
  return collectGitHubChanges({
    client,
    owner: context.owner,
    repo: context.repo,
    pullNumber: context.number,
    baseSha: context.baseSha,
    headSha: context.headSha,
    wantContent,
  });
}

/**
 * Git first: one local process, no API quota. A shallow checkout (the `actions/checkout`
 * default) lacks the base commit, so git reports a ChangesError and the API takes over.
 */
export async function collectPullRequestChanges(options: PullRequestChangesOptions): Promise<ChangeSet> {
  if (findGitRoot(options.directory) === undefined) {
    options.log(`No git checkout at ${options.directory}; reading the pull request's files from the GitHub API.`);
    return fromApi(options);
  }
  try {
    return await collectGitChanges({
      cwd: options.directory,
      base: options.baseRef ?? options.context.baseSha,
      head: options.context.headSha,
      wantContent: options.wantContent,
    });
  } catch (error) {
    if (!(error instanceof ChangesError)) throw error;
    options.log(
      `git could not compare the pull request (${error.message}); reading its files from the GitHub API instead. ` +
        'Check out with `fetch-depth: 0` to let tollgate use git.',
    );
    return fromApi(options);
  }
}
