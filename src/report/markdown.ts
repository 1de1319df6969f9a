import type { Notice } from '../changes/model.js';
import type { CheckResult, Finding, Severity } from '../checks/model.js';
import type { CostReport } from '../cost/model.js';
import { clip, escapeInline, truncateMiddle } from './escape.js';
import {
  activeFindings,
  costLinesByImpact,
  countFindings,
  describeCounts,
  findingLocation,
  formatDelta,
  formatPercent,
  formatRange,
  formatUsd,
  plural,
  pricesStatement,
  suppressedFindings,
} from './format.js';
import { fileUrl, ruleDocsUrl } from './links.js';
import type { LinkTarget, Report, Verdict } from './model.js';

/** First line of every comment: the sticky-comment publisher finds its own comment by it. */
export const COMMENT_MARKER = '<!-- tollgate:comment -->';

/** GitHub rejects comment bodies over 65,536 characters. */
export const COMMENT_MAX_CHARS = 65_536;
/** A step's job summary may hold 1 MiB; counted in UTF-16 units this stays under it for ASCII-heavy text. */
export const SUMMARY_MAX_CHARS = 1_000_000;

export interface CommentOptions {
  link?: LinkTarget;
  maxChars?: number;
}

export interface SummaryOptions {
  link?: LinkTarget;
}

const VERDICT_ICON: Record<Verdict, string> = { pass: '✅', warn: '⚠️', fail: '❌' };
const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

// Untrusted strings are cut before escaping, so one huge value cannot crowd out the rest.
const MAX_TITLE = 256;
const MAX_PATH = 300;
const MAX_ADDRESS = 200;
const MAX_MESSAGE = 1_000;
const MAX_FIX = 500;
const MAX_REASON = 500;

interface Layout {
  link?: LinkTarget;
  maxChars: number;
  marker: boolean;
  /** How many cost lines and unpriced resources to list before saying "and N more". */
  costLimit: number;
  /** Where the reader finds what a truncated body left out. */
  fullReportHint: string;
  /** Where the reader finds the cost lines beyond `costLimit`. */
  moreCostHint: string;
}

function text(value: string, max: number): string {
  return escapeInline(clip(value, max));
}

function pathText(value: string): string {
  return escapeInline(truncateMiddle(value, MAX_PATH));
}

function headline(report: Report, layout: Layout): string {
  const counts = countFindings(report.findings);
  const lines = [
    `## ${VERDICT_ICON[report.verdict]} tollgate: ${report.verdict}`,
    '',
    `${describeCounts(counts, ' · ')} (fails on: ${report.failOn})`,
  ];
  const context = contextLine(report);
  if (context) {
    lines.push('', context);
  }
  return (layout.marker ? COMMENT_MARKER + '\n' : '') + lines.join('\n');
}

function contextLine(report: Report): string {
  const parts: string[] = [];
  const pr = report.pullRequest;
  if (pr) {
    const number = pr.number === undefined ? 'Pull request' : `Pull request #${pr.number}`;
    parts.push(pr.title === '' ? number : `${number}: ${text(pr.title, MAX_TITLE)}`);
  }
  const files = `${report.files.analyzed} of ${plural(report.files.changed, 'changed file')} analysed`;
  parts.push(report.files.truncated ? `${files} (the file list was capped; some files were not seen)` : files);
  return parts.join(' · ');
}

function costTable(cost: CostReport, layout: Layout): string[] {
  const lines = costLinesByImpact(cost);
  const shown = lines.slice(0, layout.costLimit);
  const percent = formatPercent(cost.before, cost.delta);
  const rows = [
    '| Resource | Before | After | Delta |',
    '| --- | ---: | ---: | ---: |',
    `| **Total** | ${formatUsd(cost.before)} | ${formatUsd(cost.after)} | **${formatDelta(cost.delta)}**${percent ? ` (${percent})` : ''} |`,
    ...shown.map((line) => {
      const range = formatRange(line);
      const approximate = line.approximate ? '~' : '';
      const delta = `${approximate}${formatDelta(line.delta)}${range ? ` (range ${range})` : ''}`;
      return `| ${text(line.address, MAX_ADDRESS)} | ${formatUsd(line.before)} | ${formatUsd(line.after)} | ${delta} |`;
    }),
  ];
  if (lines.length > shown.length) {
    rows.push('', `…and ${plural(lines.length - shown.length, 'more priced resource')} (${layout.moreCostHint}).`);
  }
  return rows;
}

/** What the table's figures rest on: the range after the change, the regions priced, what `~` means. */
function costFootnotes(cost: CostReport): string[] {
  const notes: string[] = [];
  if (cost.range) notes.push(`After the change: ${formatUsd(cost.range.low)}–${formatUsd(cost.range.high)} a month, depending on scaling or on values known only at deploy time.`);
  if (cost.regions && cost.regions.length > 0) notes.push(`Priced in ${cost.regions.map((region) => text(region, MAX_ADDRESS)).join(', ')}.`);
  const approximate = cost.lines.filter((line) => line.approximate);
  if (approximate.length > 0) {
    const reasons = [...new Set(approximate.map((line) => line.note).filter((note): note is string => note !== undefined))];
    notes.push(`~ approximate${reasons.length > 0 ? `: ${reasons.map((reason) => text(reason, MAX_REASON)).join('; ')}` : ''}.`);
  }
  return notes.length > 0 ? ['', ...notes] : [];
}

function unpricedList(cost: CostReport, layout: Layout): string[] {
  const shown = cost.unpriced.slice(0, layout.costLimit);
  const items = shown.map(
    (item) => `- ${text(item.address, MAX_ADDRESS)} (${text(item.type, MAX_ADDRESS)}): ${text(item.reason, MAX_REASON)}`,
  );
  if (cost.unpriced.length > shown.length) {
    items.push(`- …and ${cost.unpriced.length - shown.length} more (${layout.moreCostHint})`);
  }
  return [`Not priced, so not in the totals (${cost.unpriced.length}):`, '', ...items];
}

function costSection(report: Report, layout: Layout): string {
  const cost = report.cost;
  const lines = ['### Cost', ''];
  if (cost.lines.length === 0 && cost.unpriced.length === 0) {
    lines.push('No priced resources changed.');
    return lines.join('\n');
  }
  lines.push(`Monthly estimate in USD, ${pricesStatement(report)}.`, '');
  if (cost.lines.length > 0) {
    lines.push(...costTable(cost, layout), ...costFootnotes(cost));
  } else {
    lines.push('No changed resource could be priced.');
  }
  if (cost.unpriced.length > 0) {
    lines.push('', ...unpricedList(cost, layout));
  }
  return lines.join('\n');
}

function locationLink(location: { file?: string; line?: number; endLine?: number }, layout: Layout): string {
  const label = findingLocation(location);
  if (label === undefined || location.file === undefined) {
    return '';
  }
  const shown = pathText(label);
  return layout.link ? `[${shown}](${fileUrl(layout.link, location.file, location.line, location.endLine)})` : shown;
}

function ruleLink(ruleId: string, checks: readonly CheckResult[]): string {
  return `[${escapeInline(ruleId)}](${ruleDocsUrl(ruleId, checks)})`;
}

function findingItem(finding: Finding, report: Report, layout: Layout): string {
  const parts = [`**${ruleLink(finding.ruleId, report.checks)}**`, text(finding.message, MAX_MESSAGE)];
  const location = locationLink(finding, layout);
  if (location) {
    parts.push(location);
  }
  if (finding.resource !== undefined) {
    parts.push(`resource ${text(finding.resource, MAX_ADDRESS)}`);
  }
  const fix = finding.fix === '' ? '' : `<br>Fix: ${text(finding.fix, MAX_FIX)}`;
  return `- ${SEVERITY_ICON[finding.severity]} ${parts.join(' — ')}${fix}`;
}

function suppressedItem(finding: Finding, report: Report, layout: Layout): string {
  const parts = [ruleLink(finding.ruleId, report.checks), text(finding.message, MAX_MESSAGE)];
  const location = locationLink(finding, layout);
  if (location) {
    parts.push(location);
  }
  const reason = finding.suppressionReason ? text(finding.suppressionReason, MAX_REASON) : 'no reason given';
  parts.push(`suppressed: ${reason}`);
  return `- ${parts.join(' — ')}`;
}

function noticeItem(notice: Notice, layout: Layout): string {
  const location = locationLink({ file: notice.file }, layout);
  return `- ${SEVERITY_ICON.notice} ${text(notice.message, MAX_MESSAGE)}${location ? ` — ${location}` : ''}`;
}

function folded(summary: string, items: string[]): string {
  // The blank lines let GitHub render the markdown inside the HTML block.
  return `<details><summary>${summary}</summary>\n\n${items.join('\n')}\n\n</details>`;
}

function checkItem(check: CheckResult, report: Report): string {
  const base = `${ruleLink(check.ruleId, report.checks)} — ${text(check.title, MAX_TITLE)}`;
  if (check.status === 'skipped') {
    return `- ⏭️ ${base} — skipped: ${text(check.skippedReason ?? 'no reason given', MAX_REASON)}`;
  }
  return `- ✅ ${base}`;
}

/** The parts of a body, each already rendered, in the order they appear. */
interface Parts {
  head: string;
  cost: string;
  blocking: string[];
  noticeItems: string[];
  noticeFindingCount: number;
  suppressed: string[];
  passing: string[];
  skipped: string[];
  footer: string;
}

function renderParts(report: Report, layout: Layout): Parts {
  const notices = activeFindings(report.findings, ['notice']);
  return {
    head: headline(report, layout),
    cost: costSection(report, layout),
    blocking: activeFindings(report.findings, ['error', 'warning']).map((finding) => findingItem(finding, report, layout)),
    noticeItems: [
      ...notices.map((finding) => findingItem(finding, report, layout)),
      ...report.notices.map((notice) => noticeItem(notice, layout)),
    ],
    noticeFindingCount: notices.length,
    suppressed: suppressedFindings(report.findings).map((finding) => suppressedItem(finding, report, layout)),
    passing: report.checks.filter((check) => check.status === 'pass').map((check) => checkItem(check, report)),
    skipped: report.checks.filter((check) => check.status === 'skipped').map((check) => checkItem(check, report)),
    footer: `<sub>tollgate v${escapeInline(report.tool.version)} · ${pricesStatement(report)}</sub>`,
  };
}

interface Shown {
  blocking: number;
  notices: boolean;
  suppressed: boolean;
  checks: boolean;
}

function findingsSection(items: string[], total: number): string {
  if (total === 0) {
    return '### Findings\n\nNothing to fix.';
  }
  return `### Findings to fix (${total})\n\n${items.join('\n')}`;
}

function truncationLine(omittedFindings: number, omittedNotices: number, hint: string): string {
  const what = [
    omittedFindings > 0 ? plural(omittedFindings, 'more finding') : '',
    omittedNotices > 0 ? plural(omittedNotices, 'more notice') : '',
  ].filter((part) => part !== '');
  return `**Report truncated:** ${what.length > 0 ? what.join(' and ') + '; ' : ''}${hint}.`;
}

function assemble(parts: Parts, shown: Shown, layout: Layout): string {
  const sections = [parts.head, parts.cost, findingsSection(parts.blocking.slice(0, shown.blocking), parts.blocking.length)];
  if (shown.notices && parts.noticeItems.length > 0) {
    sections.push(`### Notices (${parts.noticeItems.length})\n\n${parts.noticeItems.join('\n')}`);
  }
  if (shown.suppressed && parts.suppressed.length > 0) {
    sections.push(folded(`Suppressed findings (${parts.suppressed.length})`, parts.suppressed));
  }
  if (shown.checks && parts.passing.length > 0) {
    sections.push(folded(`Passing checks (${parts.passing.length})`, parts.passing));
  }
  if (shown.checks && parts.skipped.length > 0) {
    sections.push(folded(`Skipped checks (${parts.skipped.length})`, parts.skipped));
  }
  const complete =
    shown.blocking === parts.blocking.length && shown.notices && shown.suppressed && shown.checks;
  if (!complete) {
    const omittedFindings =
      parts.blocking.length -
      shown.blocking +
      (shown.notices ? 0 : parts.noticeFindingCount) +
      (shown.suppressed ? 0 : parts.suppressed.length);
    const omittedNotices = shown.notices ? 0 : parts.noticeItems.length - parts.noticeFindingCount;
    sections.push(truncationLine(omittedFindings, omittedNotices, layout.fullReportHint));
  }
  sections.push(parts.footer);
  return sections.join('\n\n') + '\n';
}

/** The most blocking findings that fit, found by measuring instead of re-rendering per finding. */
function fittingBlockingCount(parts: Parts, layout: Layout): number {
  const withNone = assemble(parts, { blocking: 0, notices: false, suppressed: false, checks: false }, layout);
  // The truncation line's count can only shrink as findings are added, so this is an upper bound.
  let used = withNone.length;
  let count = 0;
  for (const item of parts.blocking) {
    const cost = item.length + 1;
    if (used + cost > layout.maxChars) {
      break;
    }
    used += cost;
    count += 1;
  }
  return count;
}

function minimalBody(parts: Parts, report: Report, layout: Layout): string {
  const omitted = report.findings.length;
  const body = [parts.head, truncationLine(omitted, 0, layout.fullReportHint)].join('\n\n') + '\n';
  if (body.length <= layout.maxChars) {
    return body;
  }
  return clip(body, layout.maxChars);
}

function renderWithin(report: Report, layout: Layout): string {
  const parts = renderParts(report, layout);
  const all = parts.blocking.length;
  // Least important first: the passing list, then suppressed findings, then notices, then findings from the end.
  const attempts: Shown[] = [
    { blocking: all, notices: true, suppressed: true, checks: true },
    { blocking: all, notices: true, suppressed: true, checks: false },
    { blocking: all, notices: true, suppressed: false, checks: false },
    { blocking: all, notices: false, suppressed: false, checks: false },
  ];
  for (const shown of attempts) {
    const body = assemble(parts, shown, layout);
    if (body.length <= layout.maxChars) {
      return body;
    }
  }
  const fitting = fittingBlockingCount(parts, layout);
  const body = assemble(parts, { blocking: fitting, notices: false, suppressed: false, checks: false }, layout);
  return body.length <= layout.maxChars ? body : minimalBody(parts, report, layout);
}

/**
 * The sticky pull-request comment. Deterministic: the same report gives the same bytes, so a
 * re-run on the same commit can skip the update. Never longer than `maxChars` UTF-16 units.
 */
export function renderComment(report: Report, options: CommentOptions = {}): string {
  return renderWithin(report, {
    link: options.link,
    maxChars: options.maxChars ?? COMMENT_MAX_CHARS,
    marker: true,
    costLimit: 20,
    fullReportHint: 'the full report is in the job summary of this run',
    moreCostHint: 'all of them are in the job summary of this run',
  });
}

/** The job summary: the comment's content without the marker, with room for everything a run can hold. */
export function renderJobSummary(report: Report, options: SummaryOptions = {}): string {
  return renderWithin(report, {
    link: options.link,
    maxChars: SUMMARY_MAX_CHARS,
    marker: false,
    costLimit: 500,
    fullReportHint: 'run tollgate with `--format json` for the full report',
    moreCostHint: 'the JSON report lists all of them',
  });
}
