import type { Rule, RuleFinding } from '../model.js';
import { NO_PULL_REQUEST, quote } from './options.js';

/** `git commit --fixup/--squash` prefixes, which `rebase --autosquash` folds away before merging. */
const AUTOSQUASH = /^(fixup|squash|amend)! /;
/** WIP, Draft or Do-not-merge as the first word, bracketed or not: "WIP: x", "[wip] x", "(DNM) x". */
const WORK_IN_PROGRESS = /^\s*[[(]?\s*(wip|draft|do[\s-]+not[\s-]+merge|dnm)\b\s*[\]):-]?/i;
const WORK_IN_PROGRESS_EMOJI = /^\s*🚧/u;

export function isWorkInProgressTitle(title: string): boolean {
  return WORK_IN_PROGRESS.test(title) || WORK_IN_PROGRESS_EMOJI.test(title);
}

export function isWorkInProgressCommit(message: string): boolean {
  const header = message.split('\n')[0] ?? '';
  return AUTOSQUASH.test(header) || isWorkInProgressTitle(header);
}

export const noWipCommits: Rule = {
  id: 'no-wip-commits',
  title: 'No work-in-progress or fixup commits',
  category: 'hygiene',
  severity: 'warning',
  docs: 'docs/rules/no-wip-commits.md',
  judgesChange: true,
  run: ({ pr }) => {
    if (!pr) return NO_PULL_REQUEST;
    const findings: RuleFinding[] = [];
    if (isWorkInProgressTitle(pr.title)) {
      findings.push({
        message: `The pull request title "${quote(pr.title)}" marks it as work in progress.`,
        fix: 'Finish the change and drop the WIP marker from the title, or convert the pull request to a draft.',
      });
    }
    for (const commit of pr.commits ?? []) {
      const header = commit.message.split('\n')[0] ?? '';
      if (!isWorkInProgressCommit(commit.message)) continue;
      const autosquash = AUTOSQUASH.test(header);
      findings.push({
        message: `Commit ${commit.sha.slice(0, 7)} "${quote(header)}" is ${autosquash ? 'a fixup to fold into an earlier commit' : 'marked work in progress'}.`,
        fix: autosquash
          ? 'Run `git rebase -i --autosquash <base>` and force-push with lease.'
          : 'Squash or reword it with `git rebase -i <base>` before merging.',
      });
    }
    return findings;
  },
};
