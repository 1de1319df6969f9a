import type { Rule } from '../model.js';

/**
 * Files that claim to be infrastructure but do not parse are reported, not skipped silently:
 * a broken manifest in a PR is exactly what a reviewer needs to see. Base-side errors are the
 * base branch's problem, so only the head side is reported.
 */
export const parseError: Rule = {
  id: 'parse-error',
  title: 'Infrastructure files parse',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/parse-error.md',
  run: ({ parseIssues }) =>
    parseIssues
      .filter((issue) => issue.side === 'head')
      .map((issue) => ({
        message: `Not analysed: ${issue.message}`,
        fix:
          issue.line !== undefined
            ? `Fix the syntax at line ${issue.line}, or list the file under \`ignore\` in the tollgate config if it is not infrastructure.`
            : 'Fix the file, or list it under `ignore` in the tollgate config if it is not infrastructure.',
        file: issue.file,
        ...(issue.line !== undefined ? { line: issue.line } : {}),
      })),
};
