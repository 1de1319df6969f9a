import type { Finding, Severity } from '../checks/model.js';
import type { CostLine, CostReport } from '../cost/model.js';
import type { Report } from './model.js';

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

/** "2 errors, 1 warning, 0 notices, 1 suppressed" (suppressed only when there are some). */
export function describeCounts(counts: FindingCounts, separator = ', '): string {
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.notice, 'notice')];
  if (counts.suppressed > 0) {
    parts.push(`${counts.suppressed} suppressed`);
  }
  return parts.join(separator);
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

/** The cost lines worth showing first: largest movement, then address for a stable order. */
export function costLinesByImpact(cost: CostReport): CostLine[] {
  return [...cost.lines].sort(
    (a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
  );
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
  return report.cost.catalogDate === null ? 'no prices loaded' : `prices as of ${report.cost.catalogDate} (estimate)`;
}
