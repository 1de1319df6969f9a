import type { ChangedLines } from '../changes/added-lines.js';
import type { Finding } from '../checks/model.js';
import { clip, escapeInline } from './escape.js';
import { activeFindings, collapseCopies, copiesNote, plural, type CollapsedFinding } from './format.js';
import { ruleDocsUrl } from './links.js';
import { COMMENT_MAX_CHARS, MAX_ADDRESS, MAX_FIX, MAX_MESSAGE, renderComment, SEVERITY_ICON } from './markdown.js';
import type { LinkTarget, Report, Verdict } from './model.js';

/**
 * A review carries at most this many inline comments; the new findings beyond them are in its
 * body only. Each inline comment a re-run supersedes costs a request to delete, so the cap also
 * bounds a re-run's requests.
 */
export const MAX_INLINE_COMMENTS = 50;

/** Never APPROVE: a passing gate is no reviewer's approval, and GitHub refuses it to the workflow token. */
export type ReviewEvent = 'REQUEST_CHANGES' | 'COMMENT';

/** One inline comment as the reviews API takes it: on a head-side line of the diff. */
export interface InlineComment {
  path: string;
  line: number;
  side: 'RIGHT';
  body: string;
}

/** What one review says: its event, its body (the summary), its inline comments. */
export interface ReviewPlan {
  event: ReviewEvent;
  body: string;
  comments: InlineComment[];
}

/** Where each new finding that points into a file goes. */
export interface Placement {
  inline: Array<{ entry: CollapsedFinding; path: string; line: number }>;
  /** On no line the pull request adds: GitHub takes no comment there. */
  offDiff: CollapsedFinding[];
  /** On a changed line, but beyond the cap. */
  overCap: CollapsedFinding[];
}

export interface ReviewOptions {
  link?: LinkTarget;
  maxInline?: number;
}


export function reviewEvent(verdict: Verdict): ReviewEvent {
  return verdict === 'fail' ? 'REQUEST_CHANGES' : 'COMMENT';
}

function firstLine(lines: ReadonlySet<number>): number | undefined {
  let first: number | undefined;
  for (const line of lines) if (first === undefined || line < first) first = line;
  return first;
}

/**
 * The line a finding's comment sits on: the first line of its range the pull request adds. A
 * finding about a whole file (no line) sits on the file's first added line, next to the change.
 */
export function commentLine(finding: Pick<Finding, 'file' | 'line' | 'endLine'>, changed: ChangedLines): number | undefined {
  const lines = finding.file === undefined ? undefined : changed.get(finding.file);
  if (lines === undefined) return undefined;
  if (finding.line === undefined) return firstLine(lines);
  const end = finding.endLine !== undefined && finding.endLine > finding.line ? finding.endLine : finding.line;
  for (let line = finding.line; line <= end; line += 1) if (lines.has(line)) return line;
  return undefined;
}

/**
 * The new findings (those the pull request introduces; existing ones never get an inline
 * comment) that point into a file, errors first so the cap keeps the ones that matter most, each
 * inline on a changed line, off the diff, or over the cap. Copies of one finding are one comment.
 */
export function placeFindings(report: Pick<Report, 'findings'>, changed: ChangedLines, maxInline = MAX_INLINE_COMMENTS): Placement {
  const placement: Placement = { inline: [], offDiff: [], overCap: [] };
  const fresh = report.findings.filter((finding) => finding.status === 'new' && finding.file !== undefined && finding.file !== '');
  for (const entry of collapseCopies(activeFindings(fresh, ['error', 'warning', 'notice']))) {
    const path = entry.finding.file;
    const line = path === undefined ? undefined : commentLine(entry.finding, changed);
    if (path === undefined || line === undefined) placement.offDiff.push(entry);
    else if (placement.inline.length < maxInline) placement.inline.push({ entry, path, line });
    else placement.overCap.push(entry);
  }
  return placement;
}

/** An inline comment's text: severity in words (not colour alone), the rule linked to its page, the message and the fix, escaped. */
export function inlineCommentBody(entry: CollapsedFinding, checks: Report['checks'], link?: LinkTarget): string {
  const { finding } = entry;
  const rule = `[${escapeInline(finding.ruleId)}](${ruleDocsUrl(finding.ruleId, checks, link)})`;
  const lines = [`**${SEVERITY_ICON[finding.severity]} ${finding.severity}** ${rule}: ${escapeInline(clip(finding.message, MAX_MESSAGE))}${escapeInline(copiesNote(entry))}`];
  if (finding.fix !== '') lines.push('', `Fix: ${escapeInline(clip(finding.fix, MAX_FIX))}`);
  if (finding.resource !== undefined) lines.push('', `Resource: ${escapeInline(clip(finding.resource, MAX_ADDRESS))}`);
  return lines.join('\n');
}

function are(count: number): string {
  return count === 1 ? 'is' : 'are';
}

/** One line under the summary saying which new findings have an inline comment and why the others do not. */
export function placementNote(placement: Placement, maxInline = MAX_INLINE_COMMENTS): string | undefined {
  const inline = placement.inline.length;
  const total = inline + placement.offDiff.length + placement.overCap.length;
  if (total === 0) return undefined;
  if (inline === total) return total === 1 ? '_An inline comment marks the new finding, on a line this pull request adds._' : `_Inline comments mark all ${total} new findings in files, on lines this pull request adds._`;
  const reasons: string[] = [];
  if (placement.offDiff.length > 0) reasons.push(`${placement.offDiff.length} ${are(placement.offDiff.length)} on lines this pull request does not add`);
  if (placement.overCap.length > 0) reasons.push(`${placement.overCap.length} ${are(placement.overCap.length)} over the limit of ${maxInline} inline comments`);
  return `_Inline comments mark ${inline} of the ${plural(total, 'new finding')} in files; ${reasons.join(' and ')}: the findings above list them._`;
}

/**
 * The pull request review: the comment's summary as its body (with the note on placement), an
 * inline comment on a changed line for each placed new finding, and REQUEST_CHANGES only when the
 * gate fails. The body keeps the comment's marker first, which finds tollgate's earlier reviews.
 */
export function renderReview(report: Report, changed: ChangedLines, options: ReviewOptions = {}): ReviewPlan {
  const maxInline = options.maxInline ?? MAX_INLINE_COMMENTS;
  const placement = placeFindings(report, changed, maxInline);
  const note = placementNote(placement, maxInline);
  const summary = renderComment(report, { ...(options.link ? { link: options.link } : {}), maxChars: COMMENT_MAX_CHARS - (note === undefined ? 0 : note.length + 2) });
  return {
    event: reviewEvent(report.verdict),
    body: note === undefined ? summary : `${summary}\n${note}\n`,
    comments: placement.inline.map(({ entry, path, line }) => ({ path, line, side: 'RIGHT', body: inlineCommentBody(entry, report.checks, options.link) })),
  };
}
