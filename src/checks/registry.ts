import { COST_RULES } from './cost/index.js';
import { DEPLOY_RULES } from './deploy/index.js';
import { HYGIENE_RULES } from './hygiene/index.js';
import type { Rule } from './model.js';

/**
 * Every rule tollgate runs, in report order: a plain list so the bundler sees every rule and the
 * schema, presets and docs can be checked against it. Rule ids are public API: never rename one.
 */
export const RULES: readonly Rule[] = [...COST_RULES, ...DEPLOY_RULES, ...HYGIENE_RULES];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
