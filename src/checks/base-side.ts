import type { ChangedFile, FileStatus } from '../changes/model.js';
import { reverseChange } from '../diff/diff.js';
import type { CostReport } from '../cost/model.js';
import type { InlineSuppression, ParseIssue } from '../iac/model.js';
import type { RuleContext } from './model.js';

/**
 * The change seen from its base: the same objects and files with the two sides swapped, so a rule
 * that judges what the head leaves (an added or changed object, its relations, its price) judges
 * what the base had instead. Swapping keeps the change's shape: a changed object stays changed with
 * the same changed attributes, so a rule that looks only at what a change touches looks at the
 * same fields on both sides. Rules that judge the change itself (judgesChange) never see it.
 */

const REVERSED_STATUS: Record<FileStatus, FileStatus> = { added: 'removed', removed: 'added', modified: 'modified', renamed: 'renamed' };

/** The patch is left out: no rule that judges state reads added lines, and a reversed patch would have to be rebuilt. */
function reversedFile(file: ChangedFile): ChangedFile {
  const { path, previousPath, before, after, additions, deletions, patch: _patch, size: _size, ...rest } = file;
  const baseSize = before === undefined ? undefined : Buffer.byteLength(before);
  return {
    ...rest,
    path: previousPath ?? path,
    ...(previousPath !== undefined ? { previousPath: path } : {}),
    status: REVERSED_STATUS[file.status],
    ...(after !== undefined ? { before: after } : {}),
    ...(before !== undefined ? { after: before } : {}),
    ...(deletions !== undefined ? { additions: deletions } : {}),
    ...(additions !== undefined ? { deletions: additions } : {}),
    ...(baseSize !== undefined ? { size: baseSize } : {}),
  };
}

function reversedIssue(issue: ParseIssue): ParseIssue {
  return { ...issue, side: issue.side === 'base' ? 'head' : 'base' };
}

export interface BaseSideInput {
  /** The head's rule context (without options). */
  head: Omit<RuleContext, 'options'>;
  /** Inline suppressions written in the base versions of the files. */
  suppressions: readonly InlineSuppression[];
  /** The cost of the change priced from its base: `after` is the base's figure, with the base's components. */
  cost: CostReport;
}

export function baseSideContext({ head, suppressions, cost }: BaseSideInput): Omit<RuleContext, 'options'> {
  return {
    files: head.files.map(reversedFile),
    ...(head.context ? { context: head.context } : {}),
    resources: head.resources.map(reverseChange),
    parseIssues: head.parseIssues.map(reversedIssue),
    suppressions: [...suppressions],
    cost,
    config: head.config,
  };
}
