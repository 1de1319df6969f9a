import type { Notice, NoticeKind } from '../changes/model.js';
import { decidesVerdict, type Category, type CheckResult, type Finding, type Severity, type StatusCounts } from '../checks/model.js';
import type { CostLine, CostReport, UnpricedResource } from '../cost/model.js';
import { groupBy } from '../collections.js';
import type { ResourceSource } from '../iac/model.js';
import { decideVerdict } from '../verdict.js';
import type { Report, Verdict } from './model.js';

/** Helpers every renderer shares, so the comment, summary and terminal say the same thing. */

export interface FindingCounts {
  error: number;
  warning: number;
  notice: number;
  suppressed: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, notice: 0, suppressed: 0 };
  for (const finding of findings) {
    if (finding.suppressed) {
      counts.suppressed += 1;
    } else {
      counts[finding.severity] += 1;
    }
  }
  return counts;
}

export function plural(count: number, singular: string, pluralForm = singular + 's'): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** Unsuppressed findings of the given severities, most severe first, report order kept within a severity. */
export function activeFindings(findings: readonly Finding[], severities: readonly Severity[]): Finding[] {
  return findings
    .filter((finding) => !finding.suppressed && severities.includes(finding.severity))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

export function suppressedFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.suppressed);
}

/** The findings that decided the verdict. */
export function decidingFindings(report: Pick<Report, 'findings' | 'judge'>): Finding[] {
  return report.findings.filter((finding) => decidesVerdict(finding, report.judge));
}

/** Unsuppressed findings the base branch already had, shown but not deciding (empty when every finding is judged). */
export function existingFindings(report: Pick<Report, 'findings' | 'judge'>): Finding[] {
  return report.judge === 'all' ? [] : report.findings.filter((finding) => !finding.suppressed && finding.status === 'existing');
}

/** The areas a report is split into, in the order every channel shows them. */
export const AREAS: readonly Category[] = ['cost', 'deploy', 'hygiene', 'policy'];

export const AREA_NAME: Record<Category, string> = { cost: 'Cost', deploy: 'Deployment', hygiene: 'Hygiene', policy: 'Custom policies' };

/** One area's line of the checks table: its own verdict and its findings by status. */
export interface AreaSummary {
  area: Category;
  result: Verdict;
  counts: StatusCounts;
}

/**
 * The areas that ran (a check of theirs passed or failed, or they found something), each judged by
 * the rule that judges the whole report applied to its own findings, so the worst area's result
 * is the verdict. Counts are of unsuppressed findings, as in `report.counts`.
 */
export function areaSummaries(report: Pick<Report, 'checks' | 'findings' | 'fixed' | 'judge' | 'failOn'>): AreaSummary[] {
  const deciding = decidingFindings(report);
  const active = report.findings.filter((finding) => !finding.suppressed);
  return AREAS.flatMap((area) => {
    const inArea = (item: { category: Category }): boolean => item.category === area;
    const counts: StatusCounts = {
      new: active.filter((finding) => inArea(finding) && finding.status === 'new').length,
      existing: active.filter((finding) => inArea(finding) && finding.status === 'existing').length,
      fixed: report.fixed.filter(inArea).length,
    };
    const ran = report.checks.some((check) => inArea(check) && check.status !== 'skipped') || counts.new + counts.existing + counts.fixed > 0;
    return ran ? [{ area, result: decideVerdict(deciding.filter(inArea), report.failOn), counts }] : [];
  });
}

/** Findings of one rule, for the per-rule summary of existing findings. */
export interface RuleTally {
  ruleId: string;
  severity: Severity;
  count: number;
  files: string[];
}

/** Findings counted per rule, most severe and most frequent first. */
export function tallyByRule(findings: readonly Finding[]): RuleTally[] {
  const tallies = [...groupBy(findings, (finding) => finding.ruleId)].map(([ruleId, group]) => ({
    ruleId,
    severity: group.reduce<Severity>((most, finding) => (SEVERITY_RANK[finding.severity] < SEVERITY_RANK[most] ? finding.severity : most), 'notice'),
    count: group.length,
    files: [...new Set(group.flatMap((finding) => (finding.file === undefined ? [] : [finding.file])))],
  }));
  return tallies.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.count - a.count || a.ruleId.localeCompare(b.ruleId));
}

/** A finding and its copies: the same object rendered by several charts or overlays gives the same finding on the same line. */
export interface CollapsedFinding {
  finding: Finding;
  /** How many findings this entry stands for (1 when it has no copies). */
  count: number;
  /** The scopes (overlays, charts) of the copies, where they differ. */
  scopes: string[];
}

/** Findings with their identical copies (same rule, fingerprint, file, line and message) folded into one entry, order kept. */
export function collapseCopies(findings: readonly Finding[]): CollapsedFinding[] {
  const copies = groupBy(findings, (finding) => [finding.ruleId, finding.fingerprint, finding.file ?? '', finding.line ?? '', finding.message].join('\0'));
  return [...copies.values()].flatMap(([finding, ...rest]) =>
    finding === undefined ? [] : [{ finding, count: rest.length + 1, scopes: [...new Set([finding, ...rest].flatMap((copy) => (copy.scope === undefined ? [] : [copy.scope])))] }],
  );
}

/** " (×3, rendered by a, b and 1 more)" for a collapsed entry with copies; '' for a single finding. */
export function copiesNote(entry: CollapsedFinding): string {
  if (entry.count === 1) return '';
  const named = entry.scopes.slice(0, 2).join(', ');
  const more = entry.scopes.length > 2 ? ` and ${entry.scopes.length - 2} more` : '';
  return ` (×${entry.count}${named === '' ? '' : `, rendered by ${named}${more}`})`;
}

/** Findings grouped by file, in the order of their first appearance; findings about the whole change under ''. */
export function groupByFile(findings: readonly Finding[]): Array<{ file: string; findings: Finding[] }> {
  return [...groupBy(findings, (finding) => finding.file ?? '')].map(([file, grouped]) => ({ file, findings: grouped }));
}

/** "2 errors, 1 warning": the non-zero counts only. */
function severityList(counts: FindingCounts): string {
  const parts = (['error', 'warning', 'notice'] as const).filter((severity) => counts[severity] > 0).map((severity) => plural(counts[severity], severity));
  return parts.join(', ');
}

/**
 * "2 new (1 error, 1 warning) · 1 fixed · 14 existing (not blocking)", or "nothing new"; the plain
 * counts when every finding is judged. Parts that are zero are left out.
 */
export function statusLine(report: Pick<Report, 'findings' | 'fixed' | 'judge'>, separator = ' · '): string {
  const deciding = countFindings(decidingFindings(report));
  const total = deciding.error + deciding.warning + deciding.notice;
  const parts: string[] = [];
  if (report.judge === 'all') parts.push(total === 0 ? 'no findings' : severityList(deciding));
  else parts.push(total === 0 ? 'nothing new' : `${total} new (${severityList(deciding)})`);
  if (report.fixed.length > 0) parts.push(`${report.fixed.length} fixed`);
  const existing = existingFindings(report).length;
  if (existing > 0) parts.push(`${existing} existing (not blocking)`);
  const suppressed = report.findings.filter((finding) => finding.suppressed).length;
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  return parts.join(separator);
}

/** How a report names a kind of notice when it counts many of them in one line. */
const NOTICE_KIND_LABEL: Record<NoticeKind, string> = {
  'remote-module': 'remote modules not fetched, so not analysed',
  'module-not-analysed': 'local modules not analysed',
  'unknown-expansion': 'count or for_each known only after apply, so those resources are not analysed',
  'undeclared-input': 'module inputs the module does not declare',
  'var-file': 'configured var files not read',
  render: 'charts or kustomizations not rendered',
  'unchanged-files': 'notices about files this change does not touch',
  plan: 'plans that do not match their root',
};

/** A kind of notice with how many there are, or a notice of its own kind: what a report lists before the full list. */
export interface NoticeGroup {
  label: string;
  notices: Notice[];
}

/** Notices of one kind counted in one line (two or more), the others each on their own. */
export function groupNotices(notices: readonly Notice[]): NoticeGroup[] {
  const groups: NoticeGroup[] = notices.filter((notice) => notice.kind === undefined).map((notice) => ({ label: notice.message, notices: [notice] }));
  for (const [kind, grouped] of groupBy(notices.filter((notice) => notice.kind !== undefined), (notice) => notice.kind as NoticeKind)) {
    groups.push(grouped.length === 1 && grouped[0] ? { label: grouped[0].message, notices: grouped } : { label: `${grouped.length} ${NOTICE_KIND_LABEL[kind]}`, notices: grouped });
  }
  return groups;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `$1,234.56`, `-$5.00`. Written by hand so the output does not depend on the runner's locale. */
export function formatUsd(amount: number): string {
  const rounded = Math.round(Math.abs(amount) * 100) / 100;
  const [whole = '0', cents = '00'] = rounded.toFixed(2).split('.');
  const sign = amount < 0 && rounded !== 0 ? '-' : '';
  return `${sign}$${groupThousands(whole)}.${cents}`;
}

/** `+$30.00`, `-$5.00`, `$0.00`: a delta always says which way it goes. */
export function formatDelta(delta: number): string {
  const text = formatUsd(delta);
  return text.startsWith('-') || text === '$0.00' ? text : '+' + text;
}

/** `+25.0%` of the before figure, or undefined when there was nothing before to compare with. */
export function formatPercent(before: number, delta: number): string | undefined {
  if (before <= 0) {
    return undefined;
  }
  const percent = (delta / before) * 100;
  const text = Math.abs(percent).toFixed(1);
  if (text === '0.0') {
    return '0.0%';
  }
  return `${percent < 0 ? '-' : '+'}${text}%`;
}

export function formatRange(line: CostLine): string | undefined {
  return line.range ? `${formatUsd(line.range.low)}–${formatUsd(line.range.high)}` : undefined;
}

/** Cost lines that say the same of one address in several scopes (a changed module priced in each root that calls it), summed. */
export interface CostRow {
  line: CostLine;
  /** How many lines the row stands for; its figures are their sums. */
  count: number;
  /** The roots, charts or templates its lines come from, in order, each once; none for plain manifests. */
  scopes: string[];
}

/** Whether rows should name where they come from: the priced lines come from more than one root, chart or template. */
export function costSpansScopes(cost: CostReport): boolean {
  return new Set(cost.lines.flatMap((line) => (line.scope !== undefined ? [line.scope] : []))).size > 1;
}

/**
 * The row as a reader finds it: `module.vpc.aws_nat_gateway.this[0] ×4 (examples/complete,
 * examples/simple and 2 more)`. Where a change spans several roots the same address recurs in
 * each, so the roots are named; a template's resources carry their file in the address already.
 */
export function costRowName(row: CostRow, withScopes: boolean): string {
  const times = row.count > 1 ? ` ×${row.count}` : '';
  const scopes = withScopes ? row.scopes.filter((scope) => !row.line.address.startsWith(scope)) : [];
  if (scopes.length === 0) return `${row.line.address}${times}`;
  const more = scopes.length > 2 ? ` and ${scopes.length - 2} more` : '';
  return `${row.line.address}${times} (${scopes.slice(0, 2).join(', ')}${more})`;
}

/**
 * The rows of a cost table, largest movement first: lines for the same address and type with the
 * same figures are one row with their sums, so a module called by 300 roots is one row, not 300.
 */
export function costRowsByImpact(cost: CostReport): CostRow[] {
  const rows = new Map<string, CostRow>();
  for (const line of cost.lines) {
    const key = [line.address, line.type, line.before, line.after, line.range?.low, line.range?.high, line.approximate === true].join('\0');
    const row = rows.get(key);
    const scopes = line.scope !== undefined ? [line.scope] : [];
    if (!row) {
      rows.set(key, { line, count: 1, scopes });
      continue;
    }
    row.count += 1;
    for (const scope of scopes) if (!row.scopes.includes(scope)) row.scopes.push(scope);
  }
  return [...rows.values()]
    .map(({ line, count, scopes }) => ({
      count,
      scopes,
      line: count === 1 ? line : { ...line, before: line.before * count, after: line.after * count, delta: line.delta * count, ...(line.range ? { range: { low: line.range.low * count, high: line.range.high * count } } : {}) },
    }))
    .sort((a, b) => Math.abs(b.line.delta) - Math.abs(a.line.delta) || (a.line.address < b.line.address ? -1 : a.line.address > b.line.address ? 1 : 0));
}

/** `main.tf:12`, `main.tf:12-15`, `main.tf`, or undefined for a finding about the whole change. */
export function findingLocation(finding: Pick<Finding, 'file' | 'line' | 'endLine'>): string | undefined {
  if (finding.file === undefined || finding.file === '') {
    return undefined;
  }
  if (finding.line === undefined) {
    return finding.file;
  }
  const end = finding.endLine !== undefined && finding.endLine > finding.line ? `-${finding.endLine}` : '';
  return `${finding.file}:${finding.line}${end}`;
}

/** The footer's price statement, identical in every channel. */
export function pricesStatement(report: Pick<Report, 'cost'>): string {
  if (report.cost.catalogDate === null) return 'no prices loaded';
  return `prices as of ${report.cost.catalogDate} (estimate)${report.cost.priceBook ? `; ${report.cost.priceBook}` : ''}`;
}

const PIPELINE_NAME: Record<Exclude<ResourceSource['kind'], 'terraform-source'>, string> = {
  'terraform-plan': 'the plan',
  'cdk-synth': 'the synthesised template',
  'pulumi-preview': 'the preview',
};

/**
 * Which roots (or stacks) were read from files earlier workflow steps produced and which from
 * source, when any came from such a file: `infra/prod from the plan plans/prod.json; infra/dev
 * from source`. Nothing when all came from source, the usual case, so the report stays short.
 */
export function sourcesStatement(roots: readonly ResourceSource[], show: (value: string) => string): string | undefined {
  if (roots.every((root) => root.kind === 'terraform-source')) return undefined;
  const parts = roots.map((root) => (root.kind === 'terraform-source' || root.file === undefined ? `${show(root.scope)} from source` : `${show(root.scope)} from ${PIPELINE_NAME[root.kind]} ${show(root.file)}`));
  return `Read ${parts.join('; ')}.`;
}

/** Unpriced resources grouped by type and reason, in order of first appearance: 700 Deployments without requests are one group. */
export function groupUnpriced(unpriced: readonly UnpricedResource[]): UnpricedResource[][] {
  return [...groupBy(unpriced, (item) => `${item.type}\0${item.reason}`).values()];
}

/** Skipped checks grouped by their reason, in report order: the pull-request rules all skip for the same missing metadata. */
export function skippedByReason(checks: readonly CheckResult[]): Array<{ reason: string; checks: CheckResult[] }> {
  const skipped = checks.filter((check) => check.status === 'skipped');
  return [...groupBy(skipped, (check) => check.skippedReason ?? 'no reason given')].map(([reason, grouped]) => ({ reason, checks: grouped }));
}
