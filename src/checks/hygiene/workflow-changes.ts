import type { ChangedFile } from '../../changes/model.js';
import type { Rule, RuleFinding } from '../model.js';

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const PULL_REQUEST_TARGET = /^\s*(?:on\s*:\s*(?:\[[^\]]*)?)?-?\s*\bpull_request_target\b/m;
/** A checkout of the pull request's head: the code an outside contributor wrote. */
const HEAD_CHECKOUT = /\$\{\{\s*(?:github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref)\s*\}\}|refs\/pull\/[^/\s]+\/(?:head|merge)/;
const WRITE_ALL = /^\s*permissions\s*:\s*["']?write-all["']?\s*(?:#.*)?$/m;

function lineOf(text: string, pattern: RegExp): number | undefined {
  const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text);
  return match ? text.slice(0, match.index + (match[0].length - match[0].trimStart().length)).split('\n').length : undefined;
}

function runsUntrustedHead(text: string): boolean {
  return PULL_REQUEST_TARGET.test(text) && HEAD_CHECKOUT.test(text);
}

/**
 * Workflow edits that change what a pull request can do to the repository. A notice, not a
 * failure: both can be right, and a reviewer with the context should decide.
 */
export const workflowChanges: Rule = {
  id: 'workflow-changes',
  title: 'Risky workflow changes are pointed out',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/workflow-changes.md',
  judgesChange: true,
  run: ({ files }) => {
    const findings: RuleFinding[] = [];
    for (const file of files.filter((candidate: ChangedFile) => WORKFLOW.test(candidate.path) && candidate.after !== undefined)) {
      const after = file.after ?? '';
      const before = file.before ?? '';
      if (runsUntrustedHead(after) && !runsUntrustedHead(before)) {
        const line = lineOf(after, HEAD_CHECKOUT);
        findings.push({
          message: `${file.path} runs on pull_request_target and checks out the pull request's head: code from a fork runs with a write token and secrets.`,
          fix: 'Use `pull_request` for anything that runs the PR\'s code, or split the job so the privileged part never executes it.',
          file: file.path,
          ...(line !== undefined ? { line } : {}),
        });
      }
      if (WRITE_ALL.test(after) && !WRITE_ALL.test(before)) {
        const line = lineOf(after, WRITE_ALL);
        findings.push({
          message: `${file.path} grants \`permissions: write-all\` to its token.`,
          fix: 'List only the scopes the job needs, e.g. `permissions: { contents: read, pull-requests: write }`.',
          file: file.path,
          ...(line !== undefined ? { line } : {}),
        });
      }
    }
    return findings;
  },
};
