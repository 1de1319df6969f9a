import type { Finding, Severity } from '../checks/model.js';
import { clip, sanitizeTerminal } from './escape.js';
import {
  activeFindings,
  AREA_NAME,
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
import type { Report, Verdict } from './model.js';

export interface TextOptions {
  color?: boolean;
}

type Style = 'red' | 'yellow' | 'cyan' | 'green' | 'bold' | 'dim';

const ANSI: Record<Style, [string, string]> = {
  red: ['\u001B[31m', '\u001B[39m'],
  yellow: ['\u001B[33m', '\u001B[39m'],
  cyan: ['\u001B[36m', '\u001B[39m'],
  green: ['\u001B[32m', '\u001B[39m'],
  bold: ['\u001B[1m', '\u001B[22m'],
  dim: ['\u001B[2m', '\u001B[22m'],
};

const VERDICT_STYLE: Record<Verdict, Style> = { pass: 'green', warn: 'yellow', fail: 'red' };
const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', notice: 'cyan' };
const SEVERITY_HEADING: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', notice: 'Notices' };

// A terminal scrolls, so the caps are looser than the comment's, but a 100 kB title still is not printed whole.
const MAX_FIELD = 2_000;

type Paint = (style: Style, value: string) => string;

function painter(color: boolean): Paint {
  return color ? (style, value) => ANSI[style][0] + value + ANSI[style][1] : (_style, value) => value;
}

/** Untrusted text for the terminal: control characters (ANSI escapes included) removed, one line. */
function safe(value: string): string {
  return sanitizeTerminal(clip(value, MAX_FIELD));
}

function costLines(report: Report, paint: Paint): string[] {
  const sources = sourcesStatement(report.roots, safe);
  return sources === undefined ? costFigures(report, paint) : [sources, ...costFigures(report, paint)];
}

function costFigures(report: Report, paint: Paint): string[] {
  const cost = report.cost;
  if (cost.lines.length === 0 && cost.unpriced.length === 0) {
    return ['Cost: no priced resources changed.'];
  }
  const lines = [`Cost, monthly estimate in USD, ${pricesStatement(report)}:`];
  if (cost.lines.length > 0) {
    const percent = formatPercent(cost.before, cost.delta);
    lines.push(
      `  total  ${formatUsd(cost.before)} → ${formatUsd(cost.after)}  ${paint('bold', formatDelta(cost.delta))}${percent ? ` (${percent})` : ''}`,
    );
    const withScopes = costSpansScopes(cost);
    for (const row of costRowsByImpact(cost)) {
      const { line } = row;
      const range = formatRange(line);
      lines.push(
        `  ${safe(costRowName(row, withScopes))}  ${formatUsd(line.before)} → ${formatUsd(line.after)}  ${line.approximate ? '~' : ''}${formatDelta(line.delta)}${range ? ` (range ${range})` : ''}`,
      );
    }
    if (cost.range) lines.push(`  after the change: ${formatUsd(cost.range.low)}–${formatUsd(cost.range.high)} depending on scaling or deploy-time values`);
    if (cost.regions && cost.regions.length > 0) lines.push(`  priced in ${cost.regions.map(safe).join(', ')}`);
    for (const note of new Set(cost.lines.filter((line) => line.approximate && line.note !== undefined).map((line) => line.note ?? ''))) {
      lines.push(`  ~ approximate: ${safe(note)}`);
    }
  } else {
    lines.push('  no changed resource could be priced');
  }
  for (const group of groupUnpriced(cost.unpriced)) {
    const [first] = group;
    if (!first) continue;
    const more = group.length > 3 ? `, and ${group.length - 3} more` : '';
    lines.push(
      group.length === 1
        ? `  not priced: ${safe(first.address)} (${safe(first.type)}): ${safe(first.reason)}`
        : `  not priced: ${group.length} × ${safe(first.type)}: ${safe(first.reason)} (${group.slice(0, 3).map((item) => safe(item.address)).join(', ')}${more})`,
    );
  }
  return lines;
}

function findingLines(finding: Finding, paint: Paint, copies = ''): string[] {
  const location = findingLocation(finding);
  const head = [location === undefined ? '(change)' : safe(location), paint(SEVERITY_STYLE[finding.severity], safe(finding.ruleId)), safe(finding.message + copies)];
  const lines = [`  ${head.join('  ')}`];
  if (finding.fix !== '') {
    lines.push(paint('dim', `      fix: ${safe(finding.fix)}`));
  }
  return lines;
}

function severitySection(findings: Finding[], severity: Severity, paint: Paint, prefix: string): string[] {
  const matching = findings.filter((finding) => finding.severity === severity);
  if (matching.length === 0) {
    return [];
  }
  const heading = `${prefix}${prefix === '' ? SEVERITY_HEADING[severity] : SEVERITY_HEADING[severity].toLowerCase()}`;
  return ['', paint(SEVERITY_STYLE[severity], `${heading} (${matching.length})`), ...collapseCopies(matching).flatMap((entry) => findingLines(entry.finding, paint, copiesNote(entry)))];
}

function fixedLines(report: Report, paint: Paint): string[] {
  if (report.fixed.length === 0) return [];
  return [
    '',
    paint('green', `Fixed by this change (${report.fixed.length})`),
    ...report.fixed.map((finding) => `  ${safe(findingLocation(finding) ?? '(change)')}  ${safe(finding.ruleId)}  ${safe(finding.message)}`),
  ];
}

/** Findings the base already had, counted per rule: shown so nothing is hidden, summarised because they do not block. */
function existingLines(report: Report): string[] {
  const existing = existingFindings(report);
  if (existing.length === 0) return [];
  const rows = tallyByRule(existing).map((tally) => {
    const files = tally.files.slice(0, 3).map(safe).join(', ') + (tally.files.length > 3 ? ` and ${tally.files.length - 3} more` : '');
    return `  ${safe(tally.ruleId)}  ${tally.severity}  ×${tally.count}  ${files}`;
  });
  return ['', `Already on the base branch (${existing.length}), not blocking`, ...rows];
}

function addedSuppressionLines(report: Report): string[] {
  if (report.suppressionsAdded.length === 0) return [];
  return [
    '',
    `Suppressions this change adds (${report.suppressionsAdded.length})`,
    ...report.suppressionsAdded.map((suppression) => `  ${safe(suppression.file)}:${suppression.line}  ${safe(suppression.ruleId)}  ${suppression.reason ? safe(suppression.reason) : 'no reason given'}`),
  ];
}

/** One line per kind of notice with its count (the JSON report lists each), the others as they are. */
function noticeLines(report: Report): string[] {
  return groupNotices(report.notices).map((group) => {
    const [only] = group.notices;
    if (group.notices.length === 1 && only) return `  ${only.file ? safe(only.file) + (only.line !== undefined ? `:${only.line}` : '') + '  ' : ''}${safe(only.message)}`;
    return `  ${safe(group.label)}`;
  });
}

function suppressedLines(report: Report): string[] {
  const suppressed = suppressedFindings(report.findings);
  if (suppressed.length === 0) {
    return [];
  }
  return [
    '',
    `Suppressed (${suppressed.length})`,
    ...suppressed.map((finding) => {
      const location = findingLocation(finding);
      const reason = finding.suppressionReason ? safe(finding.suppressionReason) : 'no reason given';
      return `  ${location === undefined ? '(change)' : safe(location)}  ${safe(finding.ruleId)}  suppressed: ${reason}`;
    }),
  ];
}

function skippedLines(report: Report): string[] {
  const skipped = report.checks.filter((check) => check.status === 'skipped');
  if (skipped.length === 0) {
    return [];
  }
  return ['', `Skipped checks (${skipped.length})`, ...skippedByReason(skipped).map(({ reason, checks }) => `  ${checks.map((check) => safe(check.ruleId)).join(', ')}  ${safe(reason)}`)];
}

/** The comment's checks table as aligned lines: each area's result as a word, and its findings by status. */
function areaLines(report: Report, paint: Paint): string[] {
  const areas = areaSummaries(report);
  if (areas.length === 0) return [];
  const width = Math.max(...areas.map(({ area }) => AREA_NAME[area].length));
  const rows = areas.map(({ area, result, counts }) => `  ${AREA_NAME[area].padEnd(width)}  ${paint(VERDICT_STYLE[result], result.padEnd(4))}  ${counts.new} new, ${counts.existing} existing, ${counts.fixed} fixed`);
  return ['Checks by area:', ...rows, ''];
}

function summaryLine(report: Report, paint: Paint): string {
  const passed = report.checks.filter((check) => check.status === 'pass').length;
  const skipped = report.checks.filter((check) => check.status === 'skipped').length;
  const cost = report.cost.lines.length > 0 ? `; cost ${formatDelta(report.cost.delta)}/month` : '';
  const verdict = paint(VERDICT_STYLE[report.verdict], paint('bold', report.verdict.toUpperCase()));
  return `${verdict}: ${statusLine(report, ', ')}; ${plural(passed, 'check')} passed, ${skipped} skipped${cost}`;
}

/** The terminal report of the CLI. Colour only when asked; untrusted text never carries escape sequences. */
export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = painter(options.color === true);
  const judged = report.judge === 'all' ? 'every finding judged' : 'new findings only';
  const lines = [`tollgate ${safe(report.tool.version)} — ${paint(VERDICT_STYLE[report.verdict], paint('bold', report.verdict.toUpperCase()))} (fails on: ${report.failOn}, ${judged})`];
  if (report.policy.fallback !== undefined) lines.push(paint('yellow', `! ${safe(report.policy.fallback)}`));
  const change = report.policy.change;
  if (change) {
    const under = change.invalid ? 'the changed file does not load' : `under it the verdict would be ${(change.verdict ?? 'unknown').toUpperCase()}${change.loosens > 0 ? `, and it loosens the gate in ${plural(change.loosens, 'way')}` : ''}`;
    lines.push(paint('yellow', `! This change edits tollgate's configuration (${safe(change.path)}): ${under}. The base's configuration judges it; the change applies once merged.`));
  }
  if (report.pullRequest) {
    const pr = report.pullRequest;
    lines.push(`${pr.number === undefined ? 'Pull request' : `Pull request #${pr.number}`}: ${safe(pr.title)}`);
  }
  lines.push(`${report.files.analyzed} of ${plural(report.files.changed, 'changed file')} analysed${report.files.truncated ? ' (file list capped)' : ''}`, '');
  lines.push(...areaLines(report, paint), ...costLines(report, paint));
  const deciding = activeFindings(decidingFindings(report), ['error', 'warning', 'notice']);
  for (const severity of ['error', 'warning', 'notice'] as const) {
    lines.push(...severitySection(deciding, severity, paint, report.judge === 'all' ? '' : 'New '));
  }
  lines.push(...fixedLines(report, paint), ...existingLines(report), ...addedSuppressionLines(report));
  const notices = noticeLines(report);
  if (notices.length > 0) {
    lines.push('', 'Run notices', ...notices);
  }
  lines.push(...suppressedLines(report), ...skippedLines(report), '', summaryLine(report, paint));
  return lines.join('\n') + '\n';
}
