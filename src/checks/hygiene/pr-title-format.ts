import type { Rule } from '../model.js';
import { habitNotKept, onlyIfKeptOption, type Habit } from './base-history.js';
import { ACCEPTED_FORM, isConventionalHeader, headerProblem, suggestHeader } from './conventional-commit.js';
import { HEADER_OPTIONS, headerRules } from './header-options.js';
import { NO_PULL_REQUEST, quote } from './options.js';

/** A team keeps the convention when at least half of its commits follow it. */
const CONVENTIONAL_HABIT: Habit = {
  what: 'follow Conventional Commits',
  keptBy: (message) => isConventionalHeader(message.split('\n')[0] ?? ''),
  share: 0.5,
  otherwise: 'hold titles to them anyway',
};

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
    'only-if-kept': onlyIfKeptOption('follow Conventional Commits', 'half'),
  },
  run: ({ pr, options }) => {
    if (!pr) return NO_PULL_REQUEST;
    const skip = habitNotKept(pr.baseHistory, options, CONVENTIONAL_HABIT);
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
