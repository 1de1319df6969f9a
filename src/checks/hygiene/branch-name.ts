import { matchesAnyGlob } from '../../globs.js';
import type { Rule } from '../model.js';
import { compilePattern, NO_PULL_REQUEST, stringList, stringOption } from './options.js';

/** Bots name their own branches; a convention for people should not fail them. */
const DEFAULT_ALLOWED = ['dependabot/**', 'renovate/**', 'release-please--**', 'gh-readonly-queue/**'];

export const branchName: Rule = {
  id: 'branch-name',
  title: 'Branch name follows the convention',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/branch-name.md',
  judgesChange: true,
  options: {
    pattern: {
      title: 'Pattern',
      description: 'A regular expression the head branch name must match, e.g. `^(feat|fix|chore|docs)/[a-z0-9._-]+$`. Without one the rule is skipped.',
      type: 'string',
      minLength: 1,
    },
    allow: {
      title: 'Allowed branches',
      description: `Glob patterns of branch names accepted whatever the pattern says. Default: ${DEFAULT_ALLOWED.join(', ')}.`,
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
  },
  run: ({ pr, options }) => {
    if (!pr) return NO_PULL_REQUEST;
    const source = stringOption(options, 'pattern');
    if (source === undefined) return { skip: 'no branch naming convention configured (options.pattern)' };
    const pattern = compilePattern(source, 'u');
    if (!(pattern instanceof RegExp)) return { skip: `options.pattern is not a valid regular expression (${pattern.error})` };
    const branch = pr.headBranch;
    if (branch === undefined) return { skip: 'the head branch name is not known in this run (pass --branch)' };
    const allowed = stringList(options, 'allow', DEFAULT_ALLOWED);
    if (pattern.test(branch) || matchesAnyGlob(branch, allowed)) return [];
    return [
      {
        message: `The branch "${branch}" does not match the naming pattern \`${source}\`.`,
        fix: `Rename it (\`git branch -m <new-name>\`, push, reopen the pull request from the new branch) to match \`${source}\`.`,
      },
    ];
  },
};

