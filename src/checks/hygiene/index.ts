import type { Rule } from '../model.js';
import { noCommittedArtifacts } from './no-committed-artifacts.js';
import { parseError } from './parse-error.js';
import { unexplainedSuppression } from './unexplained-suppression.js';

/** Version-control and change hygiene rules, in report order. */
export const HYGIENE_RULES: readonly Rule[] = [parseError, unexplainedSuppression, noCommittedArtifacts];
