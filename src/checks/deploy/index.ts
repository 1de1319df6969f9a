import type { Rule } from '../model.js';

/** Deployment-safety rules, in report order. */
export const DEPLOY_RULES: readonly Rule[] = [];
