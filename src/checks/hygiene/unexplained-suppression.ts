import type { Rule } from '../model.js';

/** A suppression is a decision a later reader must be able to understand, so it needs a reason. */
export const unexplainedSuppression: Rule = {
  id: 'unexplained-suppression',
  title: 'Suppressions give a reason',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/unexplained-suppression.md',
  run: ({ suppressions }) =>
    suppressions
      .filter((suppression) => !suppression.reason)
      .map((suppression) => ({
        message: `tollgate:ignore ${suppression.ruleId} has no reason.`,
        fix: `Say why after the rule id: \`tollgate:ignore ${suppression.ruleId} <reason>\`.`,
        file: suppression.file,
        line: suppression.line,
        key: suppression.ruleId,
      })),
};
