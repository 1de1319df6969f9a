import type { Notice } from '../changes/model.js';
import type { Category, CheckResult, Finding, Severity } from '../checks/model.js';
import type { CostReport } from '../cost/model.js';
import type { InlineSuppression } from '../iac/model.js';
import { clip, escapeInline, truncateMiddle } from './escape.js';
import {
  activeFindings,
  AREA_NAME,
  AREAS,
  areaSummaries,
  collapseCopies,
  copiesNote,
  costRowName,
  costRowsByImpact,
  costSpansScopes,
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
  type AreaSummary,
  type CollapsedFinding,
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

// Every result and severity is a word or a distinct shape as well as a colour, so it reads the
// same in GitHub's light and dark themes and without colour vision.
const VERDICT_ICON: Record<Verdict, string> = { pass: '✅', warn: '⚠️', fail: '❌' };
export const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** An area's new findings are listed open up to this many entries; beyond it they are folded, the table above giving the counts. */
const OPEN_FINDINGS_LIMIT = 25;

// Untrusted strings are cut before escaping, so one huge value cannot crowd out the rest.
const MAX_TITLE = 256;
const MAX_PATH = 300;
export const MAX_ADDRESS = 200;
export const MAX_MESSAGE = 1_000;
export const MAX_FIX = 500;
const MAX_REASON = 500;

interface Layout {
  link?: LinkTarget;
  maxChars: number;
  marker: boolean;
  /** How many cost lines and unpriced resources to list before saying "and N more". */
  costLimit: number;
  /** How many existing findings an area lists one by one; a longer backlog is counted per rule. */
  existingLimit: number;
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

/**
 * The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. Only used
 * for the renderer's own headings, which are plain words; a test checks it against GitHub's slugger.
 */
function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
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

/** The cost delta as the headline states it; the Cost section has the table behind it. */
function costHeadline(cost: CostReport): string {
  if (cost.lines.length > 0) {
    const percent = formatPercent(cost.before, cost.delta);
    return `Cost **${formatDelta(cost.delta)} a month**${percent ? ` (${percent})` : ''}`;
  }
  if (cost.unpriced.length > 0) return `Cost not estimated: ${plural(cost.unpriced.length, 'changed resource')} could not be priced`;
  return 'No priced resources changed';
}

const RESULT_LABEL: Record<Verdict, string> = { pass: `${VERDICT_ICON.pass} pass`, warn: `${VERDICT_ICON.warn} warn`, fail: `${VERDICT_ICON.fail} fail` };

/** One row per area that ran, each linked to its section below. */
function checksTable(areas: readonly AreaSummary[]): string[] {
  if (areas.length === 0) return [];
  const rows = areas.map(({ area, result, counts }) => `| [${AREA_NAME[area]}](#${headingAnchor(AREA_NAME[area])}) | ${RESULT_LABEL[result]} | ${counts.new} | ${counts.existing} | ${counts.fixed} |`);
  return ['| Area | Result | New | Existing | Fixed |', '| :--- | :--- | ---: | ---: | ---: |', ...rows];
}

/** The verdict, the cost delta and the checks table: what a reader needs before any detail. */
function headline(report: Report, layout: Layout): string {
  const lines = [`## ${VERDICT_ICON[report.verdict]} tollgate: ${report.verdict}`, '', `${costHeadline(report.cost)} · ${statusLine(report)}`];
  const table = checksTable(areaSummaries(report));
  if (table.length > 0) lines.push('', ...table);
  const banner = policyBanner(report);
  if (banner) lines.push('', banner);
  lines.push('', contextLine(report));
  return (layout.marker ? COMMENT_MARKER + '\n' : '') + lines.join('\n');
}

function contextLine(report: Report): string {
  const judged = report.judge === 'all' ? 'every finding judged' : 'new findings only';
  const parts = [`Fails on: ${report.failOn}, ${judged}`];
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
  const withScopes = costSpansScopes(cost);
  const shown = lines.slice(0, layout.costLimit);
  const percent = formatPercent(cost.before, cost.delta);
  const rows = [
    '| Resource | Before | After | Delta |',
    '| :--- | ---: | ---: | ---: |',
    `| **Total** | ${formatUsd(cost.before)} | ${formatUsd(cost.after)} | **${formatDelta(cost.delta)}**${percent ? ` (${percent})` : ''} |`,
    ...shown.map((row) => {
      const { line } = row;
      const range = formatRange(line);
      const approximate = line.approximate ? '~' : '';
      const delta = `${approximate}${formatDelta(line.delta)}${range ? ` (range ${range})` : ''}`;
      return `| ${text(costRowName(row, withScopes), MAX_ADDRESS)} | ${formatUsd(line.before)} | ${formatUsd(line.after)} | ${delta} |`;
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
  // One paragraph per note: consecutive lines would run together into one.
  return notes.flatMap((note) => ['', note]);
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

/** The estimate at the top of the Cost section: where the figures come from, the table, what was not priced. */
function costEstimate(report: Report, layout: Layout): string {
  const cost = report.cost;
  const lines: string[] = [];
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

function locationLink(location: { file?: string; line?: number; endLine?: number }, link: LinkTarget | undefined): string {
  const label = findingLocation(location);
  if (label === undefined || location.file === undefined) {
    return '';
  }
  const shown = pathText(label);
  return link ? `[${shown}](${fileUrl(link, location.file, location.line, location.endLine)})` : shown;
}

function ruleLink(ruleId: string, checks: readonly CheckResult[], link: LinkTarget | undefined): string {
  return `[${escapeInline(ruleId)}](${ruleDocsUrl(ruleId, checks, link)})`;
}

/** `line 12` (or `lines 12–15`), linked: the location of a finding listed under its file's heading. */
function lineLink(finding: Finding, link: LinkTarget | undefined): string {
  if (finding.file === undefined || finding.line === undefined) return '';
  const label = finding.endLine !== undefined && finding.endLine > finding.line ? `lines ${finding.line}–${finding.endLine}` : `line ${finding.line}`;
  return link ? `[${label}](${fileUrl(link, finding.file, finding.line, finding.endLine)})` : label;
}

/** One finding under its file's heading: the rule (linked to its docs), the line, what is wrong, and on a second line the fix. */
function findingItem(entry: CollapsedFinding, icon: string, report: Report, link: LinkTarget | undefined): string {
  const { finding } = entry;
  const location = lineLink(finding, link);
  const fix = finding.fix === '' ? '' : `<br>**Fix:** ${text(finding.fix, MAX_FIX)}`;
  return `- ${icon} **${ruleLink(finding.ruleId, report.checks, link)}**${location ? ` · ${location}` : ''} — ${text(finding.message, MAX_MESSAGE)}${text(copiesNote(entry), MAX_MESSAGE)}${fix}`;
}

function suppressedItem(finding: Finding, report: Report, layout: Layout): string {
  const parts = [ruleLink(finding.ruleId, report.checks, layout.link), text(finding.message, MAX_MESSAGE)];
  const location = locationLink(finding, layout.link);
  if (location) {
    parts.push(location);
  }
  const reason = finding.suppressionReason ? text(finding.suppressionReason, MAX_REASON) : 'no reason given';
  parts.push(`suppressed: ${reason}`);
  return `- ${parts.join(' — ')}`;
}

function addedSuppressionItem(suppression: InlineSuppression, report: Report, layout: Layout): string {
  const location = locationLink(suppression, layout.link);
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
  const location = locationLink({ file: notice.file, ...(notice.line !== undefined ? { line: notice.line } : {}) }, layout.link);
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

/**
 * An area's passing checks as rule ids: a list the reader scans for one name, so it costs a line
 * rather than a line per rule. A check that passes only because its findings were already on the
 * base branch is marked.
 */
function passingLines(report: Report, area: Category): string[] {
  const passing = report.checks.filter((check) => check.status === 'pass' && check.category === area);
  const onlyExisting = (check: CheckResult): boolean => report.judge === 'new' && (check.counts?.existing ?? 0) > 0;
  const names = passing.map((check) => `${escapeInline(check.ruleId)}${onlyExisting(check) ? '¹' : ''}`).join(', ');
  return passing.some(onlyExisting) ? [names, '', '¹ nothing new; findings already on the base branch (above)'] : [names];
}

/** A finding rendered under its file's heading. `rank` orders what a truncated body keeps: errors of every area before any warning. */
interface Entry {
  file: string;
  heading: string;
  item: string;
  /** How many findings the entry stands for (copies are one entry). */
  weight: number;
  severity: Severity;
  rank: number;
}

function fileHeading(file: string, link: LinkTarget | undefined): string {
  if (file === '') return '**The pull request**';
  return `**${link ? `[${pathText(file)}](${fileUrl(link, file)})` : pathText(file)}**`;
}

/** Findings under their files' headings, in the findings' order (so the file of the most severe first), copies as one entry. */
function fileEntries(findings: readonly Finding[], link: LinkTarget | undefined, render: (entry: CollapsedFinding) => string): Entry[] {
  return groupByFile(findings).flatMap((group) => {
    const heading = fileHeading(group.file, link);
    return collapseCopies(group.findings).map((entry) => ({ file: group.file, heading, item: render(entry), weight: entry.count, severity: entry.finding.severity, rank: 0 }));
  });
}

/** Entries as lines, a file's heading before its first entry; the blank line before a heading keeps it out of the list above. */
function groupedLines(entries: readonly Entry[]): string[] {
  const lines: string[] = [];
  entries.forEach((entry, index) => {
    if (entries[index - 1]?.file !== entry.file) lines.push(...(lines.length > 0 ? [''] : []), entry.heading, '');
    lines.push(entry.item);
  });
  return lines;
}

/** What a body shows of an area: its new (deciding) findings, the existing and the fixed ones, and its passing checks. */
interface AreaParts {
  area: Category;
  /** Deciding findings, ranked across all areas. */
  entries: Entry[];
  findingCount: number;
  fileCount: number;
  existing: string[];
  existingCount: number;
  fixed: string[];
  fixedCount: number;
  passing: string[];
  passingCount: number;
}

/** The parts of a body, each already rendered, in the order they appear. */
interface Parts {
  head: string;
  costEstimate: string;
  areas: AreaParts[];
  /** Every area's entries; a body shows those ranked below `Shown.entries`. */
  entries: Entry[];
  findingCount: number;
  noticeGroups: string[];
  noticeList: string[];
  noticeCount: number;
  suppressionsAdded: string[];
  suppressed: string[];
  skipped: string[];
  skippedCount: number;
  footer: string;
}

/** Existing findings one by one while they are few; a large backlog costs one row per rule instead. */
function existingLines(findings: readonly Finding[], report: Report, layout: Layout): string[] {
  if (findings.length <= layout.existingLimit) {
    return groupedLines(fileEntries(activeFindings(findings, ['error', 'warning', 'notice']), layout.link, (entry) => findingItem(entry, SEVERITY_ICON[entry.finding.severity], report, layout.link)));
  }
  const rows = tallyByRule(findings).map((tally) => {
    const files = tally.files.slice(0, 3).map((file) => pathText(file)).join(', ');
    const more = tally.files.length > 3 ? ` and ${tally.files.length - 3} more` : '';
    return `| ${ruleLink(tally.ruleId, report.checks, layout.link)} | ${SEVERITY_ICON[tally.severity]} ${tally.severity} | ${tally.count} | ${files}${more} |`;
  });
  return ['| Rule | Level | Findings | Files |', '| :--- | :--- | ---: | :--- |', ...rows];
}

/** A fixed finding's location is on the base branch: linked to the base commit, or not at all. */
function fixedLines(findings: readonly Finding[], report: Report, layout: Layout): string[] {
  const link = layout.link?.baseSha ? { ...layout.link, sha: layout.link.baseSha } : undefined;
  return groupedLines(fileEntries(findings, link, (entry) => findingItem({ ...entry, finding: { ...entry.finding, fix: '' } }, '✅', report, link)));
}

/** Areas with a section: every area that ran, and Cost always, which holds the estimate. */
function sectionAreas(report: Report): Category[] {
  const ran = new Set(areaSummaries(report).map((summary) => summary.area));
  return AREAS.filter((area) => area === 'cost' || ran.has(area));
}

function renderParts(report: Report, layout: Layout): Parts {
  const areas = sectionAreas(report);
  const deciding = activeFindings(decidingFindings(report), ['error', 'warning', 'notice']);
  const unranked = areas.map((area) =>
    fileEntries(
      deciding.filter((finding) => finding.category === area),
      layout.link,
      (entry) => findingItem(entry, SEVERITY_ICON[entry.finding.severity], report, layout.link),
    ),
  );
  const byPriority = unranked.flat().map((entry, position) => ({ entry, position }));
  byPriority.sort((a, b) => SEVERITY_RANK[a.entry.severity] - SEVERITY_RANK[b.entry.severity] || a.position - b.position);
  const rankOf = new Map(byPriority.map(({ entry }, rank) => [entry, rank]));
  const ranked = unranked.map((entries) => entries.map((entry) => ({ ...entry, rank: rankOf.get(entry) ?? 0 })));
  const existing = existingFindings(report);
  const areaParts = areas.map((area, index): AreaParts => {
    const entries = ranked[index] ?? [];
    const areaExisting = existing.filter((finding) => finding.category === area);
    const areaFixed = report.fixed.filter((finding) => finding.category === area);
    const passingCount = report.checks.filter((check) => check.status === 'pass' && check.category === area).length;
    return {
      area,
      entries,
      findingCount: entries.reduce((sum, entry) => sum + entry.weight, 0),
      fileCount: new Set(entries.map((entry) => entry.file)).size,
      existing: areaExisting.length > 0 ? existingLines(areaExisting, report, layout) : [],
      existingCount: areaExisting.length,
      fixed: fixedLines(areaFixed, report, layout),
      fixedCount: areaFixed.length,
      passing: passingCount > 0 ? passingLines(report, area) : [],
      passingCount,
    };
  });
  return {
    head: headline(report, layout),
    costEstimate: costEstimate(report, layout),
    areas: areaParts,
    entries: ranked.flat(),
    findingCount: areaParts.reduce((sum, area) => sum + area.findingCount, 0),
    noticeGroups: groupNotices(report.notices).map((group) => (group.notices.length === 1 && group.notices[0] ? noticeItem(group.notices[0], layout) : `- ${SEVERITY_ICON.notice} ${text(group.label, MAX_MESSAGE)}`)),
    noticeList: limited(report.notices, layout.noticeLimit, layout, (notice) => noticeItem(notice, layout)),
    noticeCount: report.notices.length,
    suppressionsAdded: limited(report.suppressionsAdded, layout.costLimit, layout, (suppression) => addedSuppressionItem(suppression, report, layout)),
    suppressed: suppressedFindings(report.findings).map((finding) => suppressedItem(finding, report, layout)),
    skipped: skippedLines(report, layout),
    skippedCount: report.checks.filter((check) => check.status === 'skipped').length,
    footer: `<sub>tollgate v${escapeInline(report.tool.version)}</sub>`,
  };
}

/** What a body shows of each part; everything else is left to the job summary or the JSON report. */
interface Shown {
  /** The entries ranked below this number. */
  entries: number;
  fixed: boolean;
  /** The full notice list, folded under the one-line-per-kind summary. */
  noticeList: boolean;
  existing: boolean;
  suppressed: boolean;
  checks: boolean;
}

const FOLDS_DROPPED: Omit<Shown, 'entries'> = { fixed: false, noticeList: false, existing: false, suppressed: false, checks: false };

function newFindingsBlock(area: AreaParts, shownEntries: number, judge: Report['judge']): string[] {
  if (area.findingCount === 0) return [judge === 'all' ? 'No findings.' : 'No new findings.'];
  const lines = groupedLines(area.entries.filter((entry) => entry.rank < shownEntries));
  if (lines.length === 0) return [];
  if (area.entries.length <= OPEN_FINDINGS_LIMIT) return [lines.join('\n')];
  return [folded(`${plural(area.findingCount, judge === 'all' ? 'finding' : 'new finding')} in ${plural(area.fileCount, 'file')}`, lines)];
}

/** A fold when its list is shown; its summary alone, as a sentence, when the budget left it out. */
function foldOrLine(summary: string, lines: string[], shown: boolean): string {
  return shown ? folded(summary, lines) : `${summary}.`;
}

function areaSection(area: AreaParts, parts: Parts, shown: Shown, judge: Report['judge']): string {
  const blocks = [`### ${AREA_NAME[area.area]}`];
  if (area.area === 'cost') blocks.push(parts.costEstimate);
  blocks.push(...newFindingsBlock(area, shown.entries, judge));
  if (area.existingCount > 0) blocks.push(foldOrLine(`Already on the base branch (${area.existingCount}), not blocking`, area.existing, shown.existing));
  if (area.fixedCount > 0) blocks.push(foldOrLine(`Fixed by this pull request (${area.fixedCount})`, area.fixed, shown.fixed));
  if (shown.checks && area.passingCount > 0) blocks.push(folded(`Passing checks (${area.passingCount})`, area.passing));
  return blocks.join('\n\n');
}

function noticesSection(parts: Parts, shown: Shown): string | undefined {
  if (parts.noticeGroups.length === 0) return undefined;
  const lines = [`### Run notices (${parts.noticeCount})`, '', ...parts.noticeGroups];
  // The full list only adds something when some line above counts several notices.
  if (shown.noticeList && parts.noticeCount > parts.noticeGroups.length) lines.push('', folded(`All run notices (${parts.noticeCount})`, parts.noticeList));
  return lines.join('\n');
}

function truncationLine(omitted: string[], hint: string): string {
  return `**Report truncated:** ${omitted.length > 0 ? omitted.join(', ') + ' not shown; ' : ''}${hint}.`;
}

function omissions(parts: Parts, shown: Shown): string[] {
  const omitted: string[] = [];
  const findingsShown = parts.entries.filter((entry) => entry.rank < shown.entries).reduce((sum, entry) => sum + entry.weight, 0);
  if (findingsShown < parts.findingCount) omitted.push(plural(parts.findingCount - findingsShown, 'finding'));
  const fixed = parts.areas.reduce((sum, area) => sum + area.fixedCount, 0);
  if (!shown.fixed && fixed > 0) omitted.push(`${fixed} fixed`);
  const existing = parts.areas.reduce((sum, area) => sum + area.existingCount, 0);
  if (!shown.existing && existing > 0) omitted.push(`the list of ${existing} existing`);
  if (!shown.suppressed && parts.suppressed.length > 0) omitted.push(`${parts.suppressed.length} suppressed`);
  return omitted;
}

function assemble(parts: Parts, shown: Shown, layout: Layout, report: Report): string {
  const sections = [parts.head, ...parts.areas.map((area) => areaSection(area, parts, shown, report.judge))];
  if (parts.suppressionsAdded.length > 0) {
    sections.push(`### Suppressions this pull request adds (${report.suppressionsAdded.length})\n\n${parts.suppressionsAdded.join('\n')}`);
  }
  const notices = noticesSection(parts, shown);
  if (notices) sections.push(notices);
  if (shown.suppressed && parts.suppressed.length > 0) {
    sections.push(folded(`Suppressed findings (${parts.suppressed.length})`, parts.suppressed));
  }
  if (shown.checks && parts.skippedCount > 0) {
    sections.push(folded(`Skipped checks (${parts.skippedCount})`, parts.skipped));
  }
  const complete = shown.entries >= parts.entries.length && shown.fixed && shown.noticeList && shown.existing && shown.suppressed && shown.checks;
  if (!complete) {
    sections.push(truncationLine(omissions(parts, shown), layout.fullReportHint));
  }
  sections.push(parts.footer);
  return sections.join('\n\n') + '\n';
}

/** The most entries that fit with every fold dropped, found by bisection: a body grows with each entry it shows. */
function fittingEntries(parts: Parts, layout: Layout, report: Report): number {
  const fits = (entries: number): boolean => assemble(parts, { ...FOLDS_DROPPED, entries }, layout, report).length <= layout.maxChars;
  let low = 0;
  let high = parts.entries.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
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
  // Least important first: the check lists, suppressed findings, the existing lists, the full
  // notice list, the fixed lists, then findings, notices before warnings before errors.
  const full: Shown = { entries: parts.entries.length, fixed: true, noticeList: true, existing: true, suppressed: true, checks: true };
  const attempts: Shown[] = [
    full,
    { ...full, checks: false },
    { ...full, checks: false, suppressed: false },
    { ...full, checks: false, suppressed: false, existing: false },
    { ...full, checks: false, suppressed: false, existing: false, noticeList: false },
    { ...full, ...FOLDS_DROPPED },
  ];
  for (const shown of attempts) {
    const body = assemble(parts, shown, layout, report);
    if (body.length <= layout.maxChars) {
      return body;
    }
  }
  const body = assemble(parts, { ...FOLDS_DROPPED, entries: fittingEntries(parts, layout, report) }, layout, report);
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
    existingLimit: 25,
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
    existingLimit: 500,
    noticeLimit: 500,
    noticeChars: MAX_MESSAGE,
    fullReportHint: 'run tollgate with `--format json` for the full report',
    moreHint: 'the JSON report lists all of them',
  });
}
