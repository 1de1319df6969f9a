import type { Rule } from './model.js';
import { noCommittedArtifacts } from './hygiene/no-committed-artifacts.js';
import { parseError } from './hygiene/parse-error.js';
import { unexplainedSuppression } from './hygiene/unexplained-suppression.js';

/**
 * Every rule tollgate runs, in report order. A plain list so the bundler sees every rule and
 * the schema and docs can be checked against it. Rule ids are public API: never rename one.
 */
export const RULES: readonly Rule[] = [parseError, unexplainedSuppression, noCommittedArtifacts];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
