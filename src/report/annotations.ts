import type { Finding, Severity } from '../checks/model.js';
import { clip, clipUtf8, stripControl } from './escape.js';
import { activeFindings, collapseCopies, copiesNote, decidingFindings } from './format.js';
import type { Report } from './model.js';

/** One annotation as the check-runs API takes it. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
  raw_details?: string;
}

/** The check-runs API accepts at most this many annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** The API limits `message` and `raw_details` to 64 KB; measured in UTF-8 bytes to be safe. */
const MAX_ANNOTATION_BYTES = 64 * 1024 - 1;
const MAX_TITLE = 255;

const ANNOTATION_LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice',
};

function annotationLines(finding: Finding): { start: number; end: number } {
  const start = finding.line !== undefined && Number.isInteger(finding.line) && finding.line >= 1 ? finding.line : 1;
  const end = finding.endLine !== undefined && Number.isInteger(finding.endLine) && finding.endLine > start ? finding.endLine : start;
  return { start, end };
}

/** Plain text for the annotation UI and the log: terminal escapes and bidi overrides removed. */
function annotationMessage(finding: Finding): string {
  const message = finding.fix === '' ? finding.message : `${finding.message}\nFix: ${finding.fix}`;
  return stripControl(message.replace(/\r\n?/g, '\n'));
}

function toAnnotation(finding: Finding & { file: string }): CheckAnnotation {
  const { start, end } = annotationLines(finding);
  const annotation: CheckAnnotation = {
    path: finding.file,
    start_line: start,
    end_line: end,
    annotation_level: ANNOTATION_LEVEL[finding.severity],
    title: clip(stripControl(finding.ruleId), MAX_TITLE),
    message: clipUtf8(annotationMessage(finding), MAX_ANNOTATION_BYTES),
  };
  if (finding.resource !== undefined) {
    annotation.raw_details = clipUtf8(`Resource: ${finding.resource}`, MAX_ANNOTATION_BYTES);
  }
  return annotation;
}

function hasFile(finding: Finding): finding is Finding & { file: string } {
  return finding.file !== undefined && finding.file !== '';
}

/** One mark per finding and its copies: a Kustomize component three overlays render is one annotation on its line, saying ×3. */
function withoutCopies(findings: readonly Finding[]): Finding[] {
  return collapseCopies(findings).map((entry) => (entry.count === 1 ? entry.finding : { ...entry.finding, message: `${entry.finding.message}${copiesNote(entry)}` }));
}

/**
 * Check-run annotations for every finding that decides the verdict (the new ones, unless every
 * finding is judged) and points into a file, errors first: what was already there is in the
 * summary, not on the diff. A finding about the change as a whole has no place in the diff view.
 */
export function toCheckAnnotations(report: Report): CheckAnnotation[] {
  return withoutCopies(activeFindings(decidingFindings(report), ['error', 'warning', 'notice'])).filter(hasFile).map(toAnnotation);
}

/** Splits `items` into consecutive groups of at most `size` (the API's per-request limit). */
export function batch<T>(items: readonly T[], size: number = ANNOTATIONS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`batch size must be a positive integer, got ${size}`);
  }
  const batches: T[][] = [];
  for (let index = 0; index < items.length; index += size) {
    batches.push(items.slice(index, index + size));
  }
  return batches;
}

/** Workflow-command data: the runner decodes these three, so a message cannot end the command or start another. */
export function escapeCommandData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values also separate on `:` and `,`. */
export function escapeCommandProperty(value: string): string {
  return escapeCommandData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND_UNESCAPES: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };

/** What the runner does with an escaped value; one pass, so `%250A` stays `%0A`. */
export function unescapeCommandValue(value: string): string {
  return value.replace(/%(?:25|0D|0A|3A|2C)/g, (code) => COMMAND_UNESCAPES[code] ?? code);
}

const COMMAND_NAME: Record<Severity, string> = { error: 'error', warning: 'warning', notice: 'notice' };

function workflowCommand(finding: Finding): string {
  const properties: string[] = [];
  if (hasFile(finding)) {
    const { start, end } = annotationLines(finding);
    properties.push(`file=${escapeCommandProperty(stripControl(finding.file))}`, `line=${start}`, `endLine=${end}`);
  }
  properties.push(`title=${escapeCommandProperty(clip(stripControl(finding.ruleId), MAX_TITLE))}`);
  const message = escapeCommandData(clipUtf8(annotationMessage(finding), MAX_ANNOTATION_BYTES));
  return `::${COMMAND_NAME[finding.severity]} ${properties.join(',')}::${message}`;
}

/**
 * `::error file=…,line=…::message` lines for when the token cannot create a check run (fork
 * pull requests): the runner turns them into annotations. Errors first, because the runner
 * shows only the first few of each level; findings without a file are kept, without `file=`.
 */
export function toWorkflowCommands(report: Report): string[] {
  return withoutCopies(activeFindings(decidingFindings(report), ['error', 'warning', 'notice'])).map(workflowCommand);
}
