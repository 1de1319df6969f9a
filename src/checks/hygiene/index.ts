import type { Rule } from '../model.js';
import { configChange } from './config-change.js';
import { branchName } from './branch-name.js';
import { codeownersCoverage } from './codeowners-coverage.js';
import { commitMessageFormat } from './commit-message-format.js';
import { largeFiles } from './large-files.js';
import { linkedIssue } from './linked-issue.js';
import { lockfileConsistency } from './lockfile-consistency.js';
import { noCommittedArtifacts } from './no-committed-artifacts.js';
import { noMergeCommits } from './no-merge-commits.js';
import { noWipCommits } from './no-wip-commits.js';
import { parseError } from './parse-error.js';
import { prDescription } from './pr-description.js';
import { prSize } from './pr-size.js';
import { prTitleFormat } from './pr-title-format.js';
import { secretsInDiff } from './secrets-in-diff.js';
import { unexplainedSuppression } from './unexplained-suppression.js';
import { workflowChanges } from './workflow-changes.js';

/** Version-control and change hygiene rules, in report order. */
export const HYGIENE_RULES: readonly Rule[] = [
  parseError,
  configChange,
  unexplainedSuppression,
  noCommittedArtifacts,
  secretsInDiff,
  largeFiles,
  lockfileConsistency,
  codeownersCoverage,
  workflowChanges,
  prSize,
  prTitleFormat,
  commitMessageFormat,
  noWipCommits,
  noMergeCommits,
  prDescription,
  linkedIssue,
  branchName,
];
