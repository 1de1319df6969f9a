import type { Notice } from '../changes/model.js';
import type { Category, CheckResult, Finding, Severity } from '../checks/model.js';
import type { CostReport } from '../cost/model.js';
import type { InlineSuppression } from '../iac/model.js';
import { clip, escapeInline, truncateMiddle } from './escape.js';
import {
  activeFindings,
  collapseCopies,
  copiesNote,
  costRowsByImpact,
  decidingFindings,
  existingFindings,
  findingLocation,
  formatDelta,
  formatPercent,
  formatRange,
  formatUsd,
  groupByFile,
  groupNotices,
  groupUnpriced,
  plural,
  pricesStatement,
  skippedByReason,
  sourcesStatement,
  statusLine,
  suppressedFindings,
  tallyByRule,
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
  /** How many run notices the folded full list shows before saying "and N more", and how long each may be. */
  noticeLimit: number;
  noticeChars: number;
  /** Where the reader finds what a truncated body left out. */
  fullReportHint: string;
  /** Where the reader finds the cost lines, unpriced resources and notices beyond the limits. */
  moreHint: string;
}

function text(value: string, max: number): string {
  return escapeInline(clip(value, max));
}

function pathText(value: string): string {
  return escapeInline(truncateMiddle(value, MAX_PATH));
}

/** The first thing a reader must know when the change touches the gate's own configuration, or the base's does not load. */
function policyBanner(report: Report): string | undefined {
  const { change, fallback } = report.policy;
  if (fallback !== undefined) return `> ⚠️ ${text(fallback.charAt(0).toUpperCase() + fallback.slice(1), MAX_REASON)}.`;
  if (!change) return undefined;
  const path = `\`${pathText(change.path)}\``;
  const under = change.invalid
    ? 'the changed file does not load (see config-change below)'
    : `under the new configuration the verdict would be **${change.verdict ?? 'unknown'}**${change.loosens > 0 ? `; it loosens the gate in ${plural(change.loosens, 'way')} (see config-change below)` : ''}`;
  return `> ⚠️ This pull request changes tollgate's configuration (${path}): ${under}. The base branch's configuration judges this pull request; the change takes effect once merged.`;
}

function headline(report: Report, layout: Layout): string {
  const judged = report.judge === 'all' ? 'every finding judged' : 'new findings only';
  const status = statusLine(report);
  const lines = [`## ${VERDICT_ICON[report.verdict]} tollgate: ${report.verdict}`, '', `${status.charAt(0).toUpperCase()}${status.slice(1)} (fails on: ${report.failOn}, ${judged})`];
  const banner = policyBanner(report);
  if (banner) lines.push('', banner);
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
  const lines = costRowsByImpact(cost);
  const shown = lines.slice(0, layout.costLimit);
  const percent = formatPercent(cost.before, cost.delta);
  const rows = [
    '| Resource | Before | After | Delta |',
    '| --- | ---: | ---: | ---: |',
    `| **Total** | ${formatUsd(cost.before)} | ${formatUsd(cost.after)} | **${formatDelta(cost.delta)}**${percent ? ` (${percent})` : ''} |`,
    ...shown.map(({ line, count }) => {
      const range = formatRange(line);
      const approximate = line.approximate ? '~' : '';
      const delta = `${approximate}${formatDelta(line.delta)}${range ? ` (range ${range})` : ''}`;
      const times = count > 1 ? ` ×${count}` : '';
      return `| ${text(line.address, MAX_ADDRESS)}${times} | ${formatUsd(line.before)} | ${formatUsd(line.after)} | ${delta} |`;
    }),
  ];
  const hidden = lines.slice(shown.length).reduce((sum, row) => sum + row.count, 0);
  if (hidden > 0) {
    rows.push('', `…and ${plural(hidden, 'more priced resource')} (${layout.moreHint}).`);
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

/** Unpriced resources that share a type and a reason are one line: a repository of 700 Deployments without requests says so once. */
function unpricedList(cost: CostReport, layout: Layout): string[] {
  const lines = groupUnpriced(cost.unpriced).map((items) => {
    const [first] = items;
    if (!first) return '';
    if (items.length === 1) return `- ${text(first.address, MAX_ADDRESS)} (${text(first.type, MAX_ADDRESS)}): ${text(first.reason, MAX_REASON)}`;
    const named = items.slice(0, 3).map((item) => text(item.address, MAX_ADDRESS)).join(', ');
    const more = items.length > 3 ? `, and ${items.length - 3} more` : '';
    return `- ${items.length} × ${text(first.type, MAX_ADDRESS)}: ${text(first.reason, MAX_REASON)} (${named}${more})`;
  });
  return [`Not priced, so not in the totals (${cost.unpriced.length}):`, '', ...limited(lines, layout.costLimit, layout, (line) => line)];
}

function costSection(report: Report, layout: Layout): string {
  const cost = report.cost;
  const lines = ['### Cost', ''];
  const sources = sourcesStatement(report.roots, (value) => text(value, MAX_PATH));
  if (sources) lines.push(sources, '');
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

function ruleLink(ruleId: string, checks: readonly CheckResult[], link: LinkTarget | undefined): string {
  return `[${escapeInline(ruleId)}](${ruleDocsUrl(ruleId, checks, link)})`;
}

/** `line 12` (or `lines 12–15`), linked: the location of a finding listed under its file's heading. */
function lineLink(finding: Finding, layout: Layout): string {
  if (finding.file === undefined || finding.line === undefined) return '';
  const label = finding.endLine !== undefined && finding.endLine > finding.line ? `lines ${finding.line}–${finding.endLine}` : `line ${finding.line}`;
  return layout.link ? `[${label}](${fileUrl(layout.link, finding.file, finding.line, finding.endLine)})` : label;
}

/**
 * One finding as a list item. Under its file's heading (`grouped`) it names only the line: the
 * heading gives the file and the message names the object.
 */
function findingItem(finding: Finding, report: Report, layout: Layout, grouped = false, copies = ''): string {
  const parts = [`**${ruleLink(finding.ruleId, report.checks, layout.link)}**`, text(finding.message, MAX_MESSAGE) + text(copies, MAX_MESSAGE)];
  const location = grouped ? lineLink(finding, layout) : locationLink(finding, layout);
  if (location) {
    parts.push(location);
  }
  if (!grouped && finding.resource !== undefined) {
    parts.push(`resource ${text(finding.resource, MAX_ADDRESS)}`);
  }
  const fix = finding.fix === '' ? '' : `<br>Fix: ${text(finding.fix, MAX_FIX)}`;
  return `- ${SEVERITY_ICON[finding.severity]} ${parts.join(' — ')}${fix}`;
}

function suppressedItem(finding: Finding, report: Report, layout: Layout): string {
  const parts = [ruleLink(finding.ruleId, report.checks, layout.link), text(finding.message, MAX_MESSAGE)];
  const location = locationLink(finding, layout);
  if (location) {
    parts.push(location);
  }
  const reason = finding.suppressionReason ? text(finding.suppressionReason, MAX_REASON) : 'no reason given';
  parts.push(`suppressed: ${reason}`);
  return `- ${parts.join(' — ')}`;
}

function addedSuppressionItem(suppression: InlineSuppression, report: Report, layout: Layout): string {
  const location = locationLink(suppression, layout);
  const reason = suppression.reason ? text(suppression.reason, MAX_REASON) : '**no reason given**';
  return `- ${ruleLink(suppression.ruleId, report.checks, layout.link)}${location ? ` — ${location}` : ''} — ${reason}`;
}

/** The first `limit` of a list's items, rendered, then one line saying how many more there are and where. */
function limited<T>(items: readonly T[], limit: number, layout: Layout, render: (item: T) => string): string[] {
  const shown = items.slice(0, limit).map(render);
  const more = items.length - shown.length;
  return more > 0 ? [...shown, `- …and ${more} more (${layout.moreHint})`] : shown;
}

function noticeItem(notice: Notice, layout: Layout): string {
  const location = locationLink({ file: notice.file, ...(notice.line !== undefined ? { line: notice.line } : {}) }, layout);
  return `- ${SEVERITY_ICON.notice} ${text(notice.message, layout.noticeChars)}${location ? ` — ${location}` : ''}`;
}

function folded(summary: string, items: string[]): string {
  // The blank lines let GitHub render the markdown inside the HTML block.
  return `<details><summary>${summary}</summary>\n\n${items.join('\n')}\n\n</details>`;
}

/** Skipped checks, one line per reason: the pull-request rules all skip for the same missing metadata. */
function skippedLines(report: Report, layout: Layout): string[] {
  return skippedByReason(report.checks).map(({ reason, checks }) => `- ⏭️ ${checks.map((check) => ruleLink(check.ruleId, report.checks, layout.link)).join(', ')}: ${text(reason, MAX_REASON)}`);
}

const CATEGORY_NAME: Record<Category, string> = { cost: 'Cost', deploy: 'Deployment', hygiene: 'Hygiene', policy: 'Custom policies' };

/**
 * Passing checks by area, as rule ids: a list the reader scans for one name, so it costs a line
 * per area rather than a line per rule. A check that passes only because its findings were
 * already on the base branch is marked.
 */
function passingLines(report: Report): string[] {
  const lines: string[] = [];
  for (const category of ['cost', 'deploy', 'hygiene', 'policy'] as const) {
    const passing = report.checks.filter((check) => check.status === 'pass' && check.category === category);
    if (passing.length === 0) continue;
    const names = passing.map((check) => `${escapeInline(check.ruleId)}${report.judge === 'new' && (check.counts?.existing ?? 0) > 0 ? '¹' : ''}`);
    lines.push(`${CATEGORY_NAME[category]}: ${names.join(', ')}`);
  }
  if (report.checks.some((check) => check.status === 'pass' && report.judge === 'new' && (check.counts?.existing ?? 0) > 0)) {
    lines.push('¹ nothing new; findings already on the base branch (above)');
  }
  // Blank lines between the lines: each is its own paragraph.
  return lines.flatMap((line, index) => (index === 0 ? [line] : ['', line]));
}

/**
 * The findings that decide the verdict, grouped under their file (the file of the most severe
 * finding first), as lines: a blank line before each heading keeps the heading out of the list above it.
 */
function blockingLines(findings: readonly Finding[], report: Report, layout: Layout): { lines: string[]; weights: number[] } {
  const lines: string[] = [];
  const weights: number[] = [];
  for (const group of groupByFile(findings)) {
    const heading = group.file === '' ? 'The pull request' : layout.link ? `[${pathText(group.file)}](${fileUrl(layout.link, group.file)})` : pathText(group.file);
    const before = lines.length > 0 ? [''] : [];
    lines.push(...before, `**${heading}**`, '');
    weights.push(...before.map(() => 0), 0, 0);
    for (const entry of collapseCopies(group.findings)) {
      lines.push(findingItem(entry.finding, report, layout, true, copiesNote(entry)));
      weights.push(entry.count);
    }
  }
  return { lines, weights };
}

/** A fixed finding's location is on the base branch: linked to the base commit, or not at all. */
function fixedItem(finding: Finding, report: Report, layout: Layout): string {
  const parts = [ruleLink(finding.ruleId, report.checks, layout.link), text(finding.message, MAX_MESSAGE)];
  const { link, ...rest } = layout;
  const location = locationLink(finding, link?.baseSha ? { ...rest, link: { ...link, sha: link.baseSha } } : rest);
  if (location) parts.push(`was ${location}`);
  return `- ✔️ ${parts.join(' — ')}`;
}

/** Existing findings counted per rule: a large backlog costs one row per rule, not one line per finding. */
function existingTable(findings: readonly Finding[], report: Report, layout: Layout): string[] {
  const rows = tallyByRule(findings).map((tally) => {
    const files = tally.files.slice(0, 3).map((file) => pathText(file)).join(', ');
    const more = tally.files.length > 3 ? ` and ${tally.files.length - 3} more` : '';
    return `| ${ruleLink(tally.ruleId, report.checks, layout.link)} | ${SEVERITY_ICON[tally.severity]} ${tally.severity} | ${tally.count} | ${files}${more} |`;
  });
  return ['| Rule | Level | Findings | Files |', '| --- | --- | ---: | --- |', ...rows];
}

/** The parts of a body, each already rendered, in the order they appear. */
interface Parts {
  head: string;
  cost: string;
  /** Deciding errors and warnings, with file headings; `blockingCount` of them are findings. */
  blocking: string[];
  /** How many findings each line of `blocking` stands for (0 for a heading, more for copies). */
  blockingWeights: number[];
  blockingCount: number;
  fixed: string[];
  noticeFindings: string[];
  noticeGroups: string[];
  noticeList: string[];
  noticeCount: number;
  suppressionsAdded: string[];
  existing: string[];
  existingCount: number;
  suppressed: string[];
  passing: string[];
  passingCount: number;
  skipped: string[];
  skippedCount: number;
  footer: string;
}

function renderParts(report: Report, layout: Layout): Parts {
  const deciding = decidingFindings(report);
  const blocking = activeFindings(deciding, ['error', 'warning']);
  const blockingList = blockingLines(blocking, report, layout);
  const existing = existingFindings(report);
  return {
    head: headline(report, layout),
    cost: costSection(report, layout),
    blocking: blockingList.lines,
    blockingWeights: blockingList.weights,
    blockingCount: blocking.length,
    fixed: report.fixed.map((finding) => fixedItem(finding, report, layout)),
    noticeFindings: activeFindings(deciding, ['notice']).map((finding) => findingItem(finding, report, layout)),
    noticeGroups: groupNotices(report.notices).map((group) => (group.notices.length === 1 && group.notices[0] ? noticeItem(group.notices[0], layout) : `- ${SEVERITY_ICON.notice} ${text(group.label, MAX_MESSAGE)}`)),
    noticeList: limited(report.notices, layout.noticeLimit, layout, (notice) => noticeItem(notice, layout)),
    noticeCount: report.notices.length,
    suppressionsAdded: limited(report.suppressionsAdded, layout.costLimit, layout, (suppression) => addedSuppressionItem(suppression, report, layout)),
    existing: existing.length > 0 ? existingTable(existing, report, layout) : [],
    existingCount: existing.length,
    suppressed: suppressedFindings(report.findings).map((finding) => suppressedItem(finding, report, layout)),
    passing: passingLines(report),
    passingCount: report.checks.filter((check) => check.status === 'pass').length,
    skipped: skippedLines(report, layout),
    skippedCount: report.checks.filter((check) => check.status === 'skipped').length,
    footer: `<sub>tollgate v${escapeInline(report.tool.version)}</sub>`,
  };
}

/** What a body shows of each part; everything else is left to the job summary or the JSON report. */
interface Shown {
  /** How many lines of `blocking` (findings and their file headings). */
  blocking: number;
  fixed: boolean;
  noticeFindings: boolean;
  /** The full notice list, folded under the one-line-per-kind summary. */
  noticeList: boolean;
  existing: boolean;
  suppressed: boolean;
  checks: boolean;
}

function findingsSection(parts: Parts, shownLines: number, judge: Report['judge']): string {
  if (parts.blockingCount === 0) {
    return judge === 'all' ? '### Findings\n\nNothing to fix.' : '### New findings\n\nNothing new to fix.';
  }
  const title = judge === 'all' ? 'Findings to fix' : 'New findings to fix';
  return `### ${title} (${parts.blockingCount})\n\n${parts.blocking.slice(0, shownLines).join('\n')}`;
}

function noticesSection(parts: Parts, shown: Shown): string | undefined {
  const summary = [...(shown.noticeFindings ? parts.noticeFindings : []), ...parts.noticeGroups];
  if (summary.length === 0) return undefined;
  const total = (shown.noticeFindings ? parts.noticeFindings.length : 0) + parts.noticeCount;
  const lines = [`### Notices (${total})`, '', ...summary];
  // The full list only adds something when some line above counts several notices.
  if (shown.noticeList && parts.noticeCount > parts.noticeGroups.length) lines.push('', folded(`All run notices (${parts.noticeCount})`, parts.noticeList));
  return lines.join('\n');
}

function truncationLine(omitted: string[], hint: string): string {
  return `**Report truncated:** ${omitted.length > 0 ? omitted.join(', ') + ' not shown; ' : ''}${hint}.`;
}

function omissions(parts: Parts, shown: Shown): string[] {
  const omitted: string[] = [];
  const blockingShown = parts.blockingWeights.slice(0, shown.blocking).reduce((sum, weight) => sum + weight, 0);
  if (blockingShown < parts.blockingCount) omitted.push(plural(parts.blockingCount - blockingShown, 'finding'));
  if (!shown.fixed && parts.fixed.length > 0) omitted.push(`${parts.fixed.length} fixed`);
  if (!shown.noticeFindings && parts.noticeFindings.length > 0) omitted.push(plural(parts.noticeFindings.length, 'notice finding'));
  if (!shown.existing && parts.existingCount > 0) omitted.push(`the summary of ${parts.existingCount} existing`);
  if (!shown.suppressed && parts.suppressed.length > 0) omitted.push(`${parts.suppressed.length} suppressed`);
  return omitted;
}

function assemble(parts: Parts, shown: Shown, layout: Layout, report: Report): string {
  const sections = [parts.head, parts.cost, findingsSection(parts, shown.blocking, report.judge)];
  if (parts.fixed.length > 0) {
    sections.push(shown.fixed ? `### Fixed by this pull request (${parts.fixed.length})\n\n${parts.fixed.join('\n')}` : `### Fixed by this pull request (${parts.fixed.length})`);
  }
  if (parts.suppressionsAdded.length > 0) {
    sections.push(`### Suppressions this pull request adds (${report.suppressionsAdded.length})\n\n${parts.suppressionsAdded.join('\n')}`);
  }
  const notices = noticesSection(parts, shown);
  if (notices) sections.push(notices);
  if (parts.existingCount > 0) {
    const summary = `Already on the base branch (${parts.existingCount}), not blocking`;
    sections.push(shown.existing ? folded(summary, parts.existing) : `<details><summary>${summary}</summary></details>`);
  }
  if (shown.suppressed && parts.suppressed.length > 0) {
    sections.push(folded(`Suppressed findings (${parts.suppressed.length})`, parts.suppressed));
  }
  if (shown.checks && parts.passingCount > 0) {
    sections.push(folded(`Passing checks (${parts.passingCount})`, parts.passing));
  }
  if (shown.checks && parts.skippedCount > 0) {
    sections.push(folded(`Skipped checks (${parts.skippedCount})`, parts.skipped));
  }
  const complete = shown.blocking >= parts.blocking.length && shown.fixed && shown.noticeFindings && shown.noticeList && shown.existing && shown.suppressed && shown.checks;
  if (!complete) {
    sections.push(truncationLine(omissions(parts, shown), layout.fullReportHint));
  }
  sections.push(parts.footer);
  return sections.join('\n\n') + '\n';
}

/** The most blocking lines that fit, found by measuring instead of re-rendering per line. */
function fittingBlockingLines(parts: Parts, layout: Layout, report: Report): number {
  const none: Shown = { blocking: 0, fixed: false, noticeFindings: false, noticeList: false, existing: false, suppressed: false, checks: false };
  // The truncation line's count can only shrink as findings are added, so this is an upper bound.
  let used = assemble(parts, none, layout, report).length;
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
  const body = [parts.head, truncationLine([plural(report.findings.length, 'finding')], layout.fullReportHint)].join('\n\n') + '\n';
  if (body.length <= layout.maxChars) {
    return body;
  }
  return clip(body, layout.maxChars);
}

function renderWithin(report: Report, layout: Layout): string {
  const parts = renderParts(report, layout);
  const all = parts.blocking.length;
  // Least important first: the check lists, suppressed findings, the existing summary, the full
  // notice list, notice findings, the fixed list, then blocking findings from the end.
  const full: Shown = { blocking: all, fixed: true, noticeFindings: true, noticeList: true, existing: true, suppressed: true, checks: true };
  const attempts: Shown[] = [
    full,
    { ...full, checks: false },
    { ...full, checks: false, suppressed: false },
    { ...full, checks: false, suppressed: false, existing: false },
    { ...full, checks: false, suppressed: false, existing: false, noticeList: false },
    { ...full, checks: false, suppressed: false, existing: false, noticeList: false, noticeFindings: false },
    { ...full, checks: false, suppressed: false, existing: false, noticeList: false, noticeFindings: false, fixed: false },
  ];
  for (const shown of attempts) {
    const body = assemble(parts, shown, layout, report);
    if (body.length <= layout.maxChars) {
      return body;
    }
  }
  const fitting = fittingBlockingLines(parts, layout, report);
  const body = assemble(parts, { blocking: fitting, fixed: false, noticeFindings: false, noticeList: false, existing: false, suppressed: false, checks: false }, layout, report);
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
    noticeLimit: 10,
    noticeChars: 300,
    fullReportHint: 'the full report is in the job summary of this run',
    moreHint: 'all of them are in the job summary of this run',
  });
}

/** The job summary: the comment's content without the marker, with room for everything a run can hold. */
export function renderJobSummary(report: Report, options: SummaryOptions = {}): string {
  return renderWithin(report, {
    link: options.link,
    maxChars: SUMMARY_MAX_CHARS,
    marker: false,
    costLimit: 500,
    noticeLimit: 500,
    noticeChars: MAX_MESSAGE,
    fullReportHint: 'run tollgate with `--format json` for the full report',
    moreHint: 'the JSON report lists all of them',
  });
}
