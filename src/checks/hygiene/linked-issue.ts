import type { Rule } from '../model.js';
import { habitNotKept, onlyIfKeptOption } from './base-history.js';
import { compilePattern, NO_PULL_REQUEST, stringList, stringOption } from './options.js';

/** `#123`, `GH-123`, `owner/repo#123`, or a link to an issue or pull request. Not `#123abc` (a colour, an anchor). */
const GITHUB_REFERENCE = /(?:^|[\s([,;:])(?:[\w.-]+\/[\w.-]+)?(?:#|GH-)\d+\b|https?:\/\/\S+\/(?:issues|pull)\/\d+/i;
/** A branch named after its issue: `123-fix-dns`, `fix/123-dns`, `issue-123`. */
const BRANCH_NUMBER = /(?:^|\/)(?:(?:issue|gh)[-_])?\d+(?:[-_/]|$)/i;

const DEFAULT_IGNORED_AUTHORS = ['dependabot[bot]', 'renovate[bot]', 'github-actions[bot]'];

export interface IssueReference {
  where: 'title' | 'body' | 'branch';
}

export function findIssueReference(
  texts: { title: string; body: string; branch?: string },
  trackerPattern?: RegExp,
): IssueReference | undefined {
  const matches = (text: string): boolean => GITHUB_REFERENCE.test(text) || (trackerPattern?.test(text) ?? false);
  if (matches(texts.title)) return { where: 'title' };
  if (matches(texts.body)) return { where: 'body' };
  if (texts.branch !== undefined && (BRANCH_NUMBER.test(texts.branch) || (trackerPattern?.test(texts.branch) ?? false))) return { where: 'branch' };
  return undefined;
}

/** GitHub ends a squash-merged subject with its pull request's number: a link to the pull request, not to an issue. */
const SQUASH_SUFFIX = / \(#\d+\)$/;

/** Whether a commit message names an issue or a tracker key, GitHub's squash suffix aside. */
function linksIssue(message: string, tracker: RegExp | undefined): boolean {
  const [subject = '', ...body] = message.split('\n');
  const text = [subject.replace(SQUASH_SUFFIX, ''), ...body].join('\n');
  return GITHUB_REFERENCE.test(text) || (tracker?.test(text) ?? false);
}

export const linkedIssue: Rule = {
  id: 'linked-issue',
  title: 'Pull request links an issue',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/linked-issue.md',
  judgesChange: true,
  options: {
    'tracker-pattern': {
      title: 'Tracker key pattern',
      description: 'A regular expression for an external tracker key, e.g. `\\b[A-Z][A-Z0-9]+-\\d+\\b` for Jira keys such as ABC-123.',
      type: 'string',
      minLength: 1,
    },
    'ignore-authors': {
      title: 'Authors without issues',
      description: `Pull request authors whose changes need no issue. Default: ${DEFAULT_IGNORED_AUTHORS.join(', ')}.`,
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
    'only-if-kept': onlyIfKeptOption('name an issue or a tracker key', 'one in five'),
  },
  run: ({ pr, options }) => {
    if (!pr) return NO_PULL_REQUEST;
    if (pr.author !== undefined && stringList(options, 'ignore-authors', DEFAULT_IGNORED_AUTHORS).includes(pr.author)) return [];
    const source = stringOption(options, 'tracker-pattern');
    const tracker = source === undefined ? undefined : compilePattern(source);
    if (tracker !== undefined && !(tracker instanceof RegExp)) return { skip: `options.tracker-pattern is not a valid regular expression (${tracker.error})` };
    const skip = habitNotKept(pr.baseHistory, options, {
      what: 'name issues',
      keptBy: (message) => linksIssue(message, tracker),
      share: 0.2,
      otherwise: 'ask every pull request for one anyway',
    });
    if (skip !== undefined) return { skip };
    const found = findIssueReference({ title: pr.title, body: pr.body, ...(pr.headBranch !== undefined ? { branch: pr.headBranch } : {}) }, tracker);
    if (found) return [];
    return [
      {
        message: 'The pull request references no issue in its title, description or branch name.',
        fix:
          tracker !== undefined
            ? `Mention the issue (\`Closes #123\`) or the tracker key (pattern \`${source}\`) in the description.`
            : 'Mention the issue it resolves in the description, e.g. `Closes #123` or `owner/repo#123`.',
      },
    ];
  },
};
