import type { PolicyChange } from '../../config/policy.js';
import type { Rule, RuleFinding, Severity } from '../model.js';

const EFFECT_SEVERITY: Record<'weaker' | 'stricter' | 'changed', Severity | undefined> = { weaker: undefined, stricter: 'notice', changed: 'notice' };

function findingsOf(change: PolicyChange): RuleFinding[] {
  const { path } = change;
  const invalid = change.errors !== undefined;
  return change.differences.map((difference): RuleFinding => {
    const severity = invalid ? 'error' : EFFECT_SEVERITY[difference.effect];
    const effect = invalid ? 'breaks the gate' : difference.effect === 'weaker' ? 'loosens the gate' : difference.effect === 'stricter' ? 'tightens the gate' : 'changes the gate';
    return {
      message: `This pull request ${difference.message} in ${path}; that ${effect}. The base branch’s version judges this pull request; the change takes effect once merged.`,
      fix: invalid
        ? `Fix ${path} (run \`tollgate --base <base> --head .\` locally to see the errors), or revert it.`
        : difference.effect === 'weaker'
          ? `If the change is meant, have an owner of ${path} approve it (give it a CODEOWNERS entry); if not, revert it.`
          : 'Nothing to do; this says what changes once merged.',
      file: path,
      ...(difference.line !== undefined ? { line: difference.line } : {}),
      ...(severity ? { severity } : {}),
      key: difference.key.join('.') || difference.message,
    };
  });
}

/**
 * A pull request that changes tollgate's configuration, or the custom policy files it lists, is
 * judged by the base branch's versions, so the change cannot loosen the gate judging it; this rule
 * says what the change would do once merged. A loosening is reported at the rule's level (a
 * warning by default: the reviewer decides), a tightening or a neutral change as a notice, and a
 * file the change breaks as an error.
 */
export const configChange: Rule = {
  id: 'config-change',
  title: 'Changes to the gate’s configuration are shown, not applied to themselves',
  category: 'hygiene',
  severity: 'warning',
  docs: 'docs/rules/config-change.md',
  judgesChange: true,
  run: ({ policyChange, customPolicyChanges = [] }) => [...(policyChange ? [policyChange] : []), ...customPolicyChanges].flatMap(findingsOf),
};
