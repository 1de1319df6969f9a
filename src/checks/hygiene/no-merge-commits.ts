import type { Rule, RuleFinding } from '../model.js';
import { NO_PULL_REQUEST, quote } from './options.js';

export const noMergeCommits: Rule = {
  id: 'no-merge-commits',
  title: 'No merge commits inside the pull request',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/no-merge-commits.md',
  judgesChange: true,
  run: ({ pr }) => {
    if (!pr) return NO_PULL_REQUEST;
    if (pr.commits === undefined) return { skip: 'the pull request commits are not known in this run' };
    const base = pr.baseBranch ?? 'the base branch';
    return pr.commits
      .filter((commit) => commit.parents > 1)
      .map(
        (commit): RuleFinding => ({
          message: `Commit ${commit.sha.slice(0, 7)} "${quote(commit.message)}" is a merge commit (${commit.parents} parents) inside the pull request.`,
          fix: `Rebase on ${base} instead of merging it in: \`git rebase ${base === 'the base branch' ? '<base>' : base}\`, then force-push with lease.`,
        }),
      );
  },
};
