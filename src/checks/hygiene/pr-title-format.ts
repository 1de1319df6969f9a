import type { Rule } from '../model.js';
import { ACCEPTED_FORM, conventionalCount, headerProblem, suggestHeader } from './conventional-commit.js';
import { HEADER_OPTIONS, headerRules } from './header-options.js';
import { NO_PULL_REQUEST, booleanOption, quote } from './options.js';

/** Fewer base commits than this say nothing about the repository's habits. */
const MIN_HISTORY = 10;

/**
 * Why the title is not judged: the base branch's history shows the repository does not keep the
 * convention (fewer than half of its latest commits follow it), and the rule was left to judge only
 * where it is kept. A repository that writes free-form titles would otherwise hear it on every pull
 * request.
 */
function notKept(baseSubjects: readonly string[] | undefined, options: Record<string, unknown>): string | undefined {
  if (!booleanOption(options, 'only-if-kept', true) || baseSubjects === undefined || baseSubjects.length < MIN_HISTORY) return undefined;
  const followed = conventionalCount(baseSubjects);
  if (followed * 2 >= baseSubjects.length) return undefined;
  return `the base branch does not keep Conventional Commits (${followed} of its last ${baseSubjects.length} commits follow them); set only-if-kept: false to hold titles to them anyway`;
}

/**
 * With squash merges the pull request title becomes the commit on the base branch, so it is the
 * one header that feeds changelogs and release tooling: the semantic-PR check, as a rule.
 */
export const prTitleFormat: Rule = {
  id: 'pr-title-format',
  title: 'Pull request title is a Conventional Commit',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/pr-title-format.md',
  judgesChange: true,
  options: {
    ...HEADER_OPTIONS,
    'only-if-kept': {
      title: 'Only where the convention is kept',
      description: `Judge titles only when at least half of the base branch's latest commits (of ${MIN_HISTORY} or more, where its history is at hand) follow Conventional Commits. Set false for a repository adopting them. Default: true.`,
      type: 'boolean',
    },
  },
  run: ({ pr, options }) => {
    if (!pr) return NO_PULL_REQUEST;
    const skip = notKept(pr.baseSubjects, options);
    if (skip !== undefined) return { skip };
    const rules = headerRules(options);
    if ('error' in rules) return { skip: rules.error };
    const problem = headerProblem(pr.title, rules);
    if (problem === undefined) return [];
    return [
      {
        message: `The pull request title "${quote(pr.title)}" ${problem}; the accepted form is \`${ACCEPTED_FORM}\`.`,
        fix: `Retitle it, for example: \`${quote(suggestHeader(pr.title, rules), 100)}\`.`,
      },
    ];
  },
};
