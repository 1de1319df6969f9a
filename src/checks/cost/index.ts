import type { Rule } from '../model.js';

/** Cost rules, in report order. */
export const COST_RULES: readonly Rule[] = [];
