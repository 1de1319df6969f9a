import type { Rule, RuleFinding } from '../model.js';
import { ACCEPTED_FORM, headerProblem, suggestHeader } from './conventional-commit.js';
import { HEADER_OPTIONS, headerRules } from './header-options.js';
import { isWorkInProgressCommit } from './no-wip-commits.js';
import { booleanOption, NO_PULL_REQUEST, quote } from './options.js';

/** Enough to show the pattern without burying the report under one finding per commit of a long branch. */
const MAX_REPORTED = 10;

/**
 * commitlint over the pull request's commits. A repository that squash-merges keeps only the
 * title, so by default this rule stands aside for pr-title-format; the strict preset turns it on.
 */
export const commitMessageFormat: Rule = {
  id: 'commit-message-format',
  title: 'Commit messages are Conventional Commits',
  category: 'hygiene',
  severity: 'warning',
  docs: 'docs/rules/commit-message-format.md',
  judgesChange: true,
  options: {
    ...HEADER_OPTIONS,
    'squash-merge': {
      title: 'Squash merge',
      description:
        'The repository squash-merges pull requests, so only the title reaches the base branch and commits are not checked. Default: true; set false when commits are merged as they are.',
      type: 'boolean',
    },
  },
  run: ({ pr, options }) => {
    if (!pr) return NO_PULL_REQUEST;
    if (booleanOption(options, 'squash-merge', true)) {
      return { skip: 'the repository squash-merges (options.squash-merge), so only the pull request title reaches the base branch; pr-title-format checks it' };
    }
    if (pr.commits === undefined) return { skip: 'the pull request commits are not known in this run' };
    const rules = headerRules(options);
    if ('error' in rules) return { skip: rules.error };
    const findings: RuleFinding[] = [];
    // Merge commits carry git's own message, and fixup/WIP commits are no-wip-commits' business.
    const checked = pr.commits.filter((commit) => commit.parents < 2 && !isWorkInProgressCommit(commit.message));
    for (const commit of checked) {
      const header = commit.message.split('\n')[0] ?? '';
      const problem = headerProblem(header, rules);
      if (problem === undefined) continue;
      findings.push({
        message: `Commit ${commit.sha.slice(0, 7)} "${quote(header)}" ${problem}; the accepted form is \`${ACCEPTED_FORM}\`.`,
        fix: `Reword it (\`git rebase -i\`, then \`reword\`), for example: \`${quote(suggestHeader(header, rules), 100)}\`.`,
      });
    }
    if (findings.length <= MAX_REPORTED) return findings;
    const rest = findings.length - MAX_REPORTED;
    return [
      ...findings.slice(0, MAX_REPORTED),
      { message: `${rest} more commit${rest === 1 ? '' : 's'} break the format.`, fix: 'Reword them with `git rebase -i`, or squash the branch.' },
    ];
  },
};
