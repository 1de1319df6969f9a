import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../checks/model.js';
import { cleanReport, hostileReport, manyFindingsReport } from '../../test/fixtures/report/reports.js';
import { brokenSectionLinks, checksTable, listedInSection } from '../../test/support/comment-structure.js';
import { COMMENT_MARKER, renderComment, renderJobSummary } from './markdown.js';
import type { LinkTarget, Report } from './model.js';

const LINK: LinkTarget = { serverUrl: 'https://github.example.com/', repository: 'acme/infra', sha: 'b'.repeat(40) };

/** The only HTML (and blockquote markers) the renderer itself writes; anything else with `<` or `>` came from input. */
const OWN_TAGS = /<!-- tollgate:comment -->|<\/?details>|<\/?summary>|<\/?sub>|<br>|^> ⚠️/gm;

function strayAngles(body: string): string[] {
  return body.replace(OWN_TAGS, '').match(/[<>][^\n]{0,20}/g) ?? [];
}

/** Cell separators as GFM sees them: a `|` not escaped by a backslash. */
function countUnescapedPipes(line: string): number {
  let count = 0;
  for (let index = 0; index < line.length; index += 1) {
    if (line[index] === '\\') {
      index += 1;
    } else if (line[index] === '|') {
      count += 1;
    }
  }
  return count;
}

function tables(body: string): number[][] {
  const result: number[][] = [];
  let current: number[] = [];
  for (const line of body.split('\n')) {
    if (line.startsWith('|')) {
      current.push(countUnescapedPipes(line));
    } else if (current.length > 0) {
      result.push(current);
      current = [];
    }
  }
  if (current.length > 0) {
    result.push(current);
  }
  return result;
}

/** A `](javascript:` that markdown would read as a link: its `]` is not backslash-escaped. */
function hasLiveJavascriptLink(body: string): boolean {
  let from = body.indexOf('](javascript:');
  while (from !== -1) {
    let backslashes = 0;
    while (body[from - 1 - backslashes] === '\\') {
      backslashes += 1;
    }
    if (backslashes % 2 === 0) {
      return true;
    }
    from = body.indexOf('](javascript:', from + 1);
  }
  return false;
}

function count(body: string, needle: string): number {
  return body.split(needle).length - 1;
}

function expectSafe(body: string): void {
  expect(body).not.toMatch(/@\w/);
  expect(strayAngles(body)).toEqual([]);
  expect(hasLiveJavascriptLink(body)).toBe(false);
  expect(count(body, '<details>')).toBe(count(body, '</details>'));
  for (const rows of tables(body)) {
    expect(new Set(rows).size).toBe(1);
  }
}

describe('renderComment', () => {
  it('renders a hostile report safely (snapshot)', async () => {
    const body = renderComment(hostileReport(), { link: LINK });
    expectSafe(body);
    await expect(body).toMatchFileSnapshot('__snapshots__/comment.hostile.md');
  });

  it('renders a clean report without prices (snapshot)', async () => {
    const body = renderComment(cleanReport());
    expect(body).toContain('No priced resources changed.');
    // the price line is stated once, in the cost section; with nothing priced there is no date to state
    expect(body).not.toContain('prices as of');
    expect(body).not.toContain('$');
    await expect(body).toMatchFileSnapshot('__snapshots__/comment.clean.md');
  });

  it('starts with the marker whatever the content', () => {
    for (const report of [cleanReport(), hostileReport(), manyFindingsReport(5_000)]) {
      expect(renderComment(report).split('\n')[0]).toBe(COMMENT_MARKER);
    }
  });

  it('is byte-identical across renders of the same report', () => {
    expect(renderComment(hostileReport(), { link: LINK })).toBe(renderComment(hostileReport(), { link: LINK }));
  });

  it('opens with the verdict, the cost delta and one row per area that ran, each linked to its section', () => {
    const body = renderComment(hostileReport(), { link: LINK });
    const lines = body.split('\n');
    expect(lines.slice(1, 4)).toEqual(['## ❌ tollgate: fail', '', 'Cost **+$30.50 a month** (+25.4%) · 3 new (1 error, 1 warning, 1 notice) · 1 fixed · 1 existing (not blocking) · 1 suppressed']);
    // pdb-required, the one deployment check, was skipped: the area did not run and has no row or section.
    expect(checksTable(body)).toEqual([
      { area: 'Cost', anchor: 'cost', result: '✅ pass', new: 0, existing: 0, fixed: 0 },
      { area: 'Hygiene', anchor: 'hygiene', result: '❌ fail', new: 3, existing: 1, fixed: 1 },
    ]);
    expect(body).not.toContain('### Deployment');
    expect(brokenSectionLinks(body)).toEqual([]);
    expect(listedInSection(body, 'Hygiene')).toEqual({ deciding: 3, existing: 1, fixed: 1 });
  });

  it('gives each area its own result: a warning alone warns, an error fails, findings already there pass', () => {
    const base = hostileReport();
    const finding = (category: Finding['category'], severity: Finding['severity'], status: Finding['status']): Finding => ({ ...base.findings[0]!, category, severity, status, suppressed: false });
    const report: Report = {
      ...base,
      checks: [],
      findings: [finding('cost', 'warning', 'new'), finding('deploy', 'error', 'new'), finding('hygiene', 'error', 'existing'), finding('policy', 'notice', 'new')],
      fixed: [],
    };
    expect(checksTable(renderComment(report)).map((row) => [row.area, row.result])).toEqual([
      ['Cost', '⚠️ warn'],
      ['Deployment', '❌ fail'],
      ['Hygiene', '✅ pass'],
      ['Custom policies', '✅ pass'],
    ]);
    expect(checksTable(renderComment({ ...report, failOn: 'warning' }))[0]?.result).toBe('❌ fail');
    expect(checksTable(renderComment({ ...report, judge: 'all' }))[2]?.result).toBe('❌ fail');
  });

  it('lists an area’s findings by file, errors first, then folds the existing, the fixed and the passing checks', () => {
    const body = renderComment(hostileReport(), { link: LINK });
    const hygiene = body.slice(body.indexOf('### Hygiene'));
    const order = ['Could not parse', 'Committed artifact', 'Notice about the change', 'Already on the base branch (1), not blocking', 'Fixed by this pull request (1)'].map((text) => hygiene.indexOf(text));
    expect(order.every((position, index) => position > 0 && (index === 0 || position > (order[index - 1] ?? 0)))).toBe(true);
    expect(body).toContain('- ⚠️ **[no-committed-artifacts](https://github.com/tollgate-dev/tollgate/blob/main/docs/rules/no-committed-artifacts.md)** — Committed artifact');
    expect(body).toContain('<br>**Fix:** Fix the syntax');
    expect(body.slice(body.indexOf('### Cost'), body.indexOf('### Hygiene'))).toContain('<details><summary>Passing checks (1)</summary>');
    expect(body).toContain('<details><summary>Skipped checks (1)</summary>');
    expect(body).toContain('<details><summary>Suppressed findings (1)</summary>');
    expect(body).toMatch(/suppressed: reviewed by cc @\u200Boctocat/);
  });

  it('lists an area’s new findings open, and folds them when there are very many', () => {
    const open = renderComment(manyFindingsReport(25));
    expect(open).not.toContain('new findings in');
    expect(listedInSection(open, 'Hygiene').deciding).toBe(25);
    const many = renderComment(manyFindingsReport(26));
    expect(many).toContain('<details><summary>26 new findings in 26 files</summary>');
    expect(listedInSection(many, 'Hygiene').deciding).toBe(26);
  });

  it('lists a few existing findings one by one and counts a long backlog per rule', () => {
    const backlog = (count: number): Report => {
      const report = manyFindingsReport(count);
      return { ...report, findings: report.findings.map((finding) => ({ ...finding, status: 'existing' as const, suppressed: false })) };
    };
    const few = renderComment(backlog(3));
    expect(few).toContain('<details><summary>Already on the base branch (3), not blocking</summary>\n\n**dir-1/main.tf**');
    const long = renderComment(backlog(60));
    const fixedInFixture = backlog(60).fixed.length;
    expect(long).toContain('| [parse-error](https://github.com/tollgate-dev/tollgate/blob/main/docs/rules/parse-error.md) | ❌ error | 40 |');
    expect(listedInSection(long, 'Hygiene')).toEqual({ deciding: 0, existing: 60, fixed: fixedInFixture });
  });

  it('keeps errors of every area before any warning when it must cut findings', () => {
    const report = manyFindingsReport(300);
    // Warnings in the first area, errors in the last: the cut keeps the errors.
    report.findings = report.findings.map((finding) => ({ ...finding, category: finding.severity === 'warning' ? 'cost' : 'hygiene', suppressed: false }));
    const body = renderComment(report, { maxChars: 20_000 });
    expect(body).toContain('**Report truncated:**');
    expect(listedInSection(body, 'Hygiene').deciding).toBeGreaterThan(0);
    expect(listedInSection(body, 'Cost').deciding).toBe(0);
  });

  it('links file:line with encoded path segments when a link target is given', () => {
    const body = renderComment(hostileReport(), { link: LINK });
    expect(body).toContain(
      `(https://github.example.com/acme/infra/blob/${'b'.repeat(40)}/infra/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/main%20%281%29.tf#L12-L14)`,
    );
    expect(body).toContain('[parse-error](https://github.com/tollgate-dev/tollgate/blob/main/docs/rules/parse-error.md)');
  });

  it('shows locations as plain text without a link target', () => {
    const body = renderComment(hostileReport());
    expect(body).not.toContain('/blob/' + 'b'.repeat(40));
    expect(body).toContain('k8s/app.yaml:3');
  });

  it('shows the cost table with delta, percentage, range and the catalog date', () => {
    const body = renderComment(hostileReport());
    expect(body).toContain('| **Total** | $120.00 | $150.50 | **+$30.50** (+25.4%) |');
    expect(body).toContain('~+$0.13 (range $60.00–$1,240.00)');
    expect(body).toContain('prices as of 2026-10-01');
    expect(body).toContain('Not priced, so not in the totals (1):');
  });

  it('never shows $0 totals as known when nothing could be priced', () => {
    const report = hostileReport();
    report.cost = { ...report.cost, before: 0, after: 0, delta: 0, lines: [] };
    const body = renderComment(report);
    expect(body).toContain('No changed resource could be priced.');
    expect(body).not.toContain('$0.00');
  });

  it('keeps 5,000 findings within 65,536 characters and says it truncated', () => {
    const report = manyFindingsReport(5_000);
    const body = renderComment(report, { link: LINK });
    expect(body.length).toBeLessThanOrEqual(65_536);
    const match = /\*\*Report truncated:\*\* (\d+) findings?(?:, [^;]*)? not shown; the full report is in the job summary of this run\./.exec(body);
    expect(match).not.toBeNull();
    const shown = listedInSection(body, 'Hygiene').deciding;
    expect(shown).toBeGreaterThan(50);
    expect(shown + Number(match?.[1])).toBe(report.findings.filter((finding) => !finding.suppressed).length);
    // The only fold left is the one that holds the area's many new findings.
    expect(count(body, '<details>')).toBe(1);
    expect(body).toContain('<details><summary>4900 new findings in 4900 files</summary>');
    expectSafe(body);
  });

  it('drops the passing list first when only a little over budget', () => {
    const full = renderComment(hostileReport());
    const body = renderComment(hostileReport(), { maxChars: full.length - 1 });
    expect(body.length).toBeLessThan(full.length);
    expect(body).not.toContain('Passing checks');
    expect(body).toContain('Suppressed findings (1)');
    expect(body).toContain('**Report truncated:** the full report is in the job summary of this run.');
  });

  it('falls back to headline and truncation line when even one finding does not fit', () => {
    const body = renderComment(manyFindingsReport(10), { maxChars: 1_200 });
    expect(body.length).toBeLessThanOrEqual(1_200);
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain('Report truncated');
  });
});

describe('renderJobSummary', () => {
  it('has the same content without the marker (snapshot)', async () => {
    const summary = renderJobSummary(hostileReport(), { link: LINK });
    expect(summary).not.toContain(COMMENT_MARKER);
    expect(renderComment(hostileReport(), { link: LINK })).toBe(`${COMMENT_MARKER}\n${summary}`);
    await expect(summary).toMatchFileSnapshot('__snapshots__/summary.hostile.md');
  });

  it('holds far more than the comment, within 1,000,000 characters', () => {
    const summary = renderJobSummary(manyFindingsReport(5_000));
    expect(summary.length).toBeLessThanOrEqual(1_000_000);
    expect(count(summary, '\n- ❌ ')).toBeGreaterThan(1_000);
  });
});

const hostilePiece = fc.constantFrom(
  '@',
  '@user',
  '@org/team',
  '</details>',
  '<',
  '>',
  '&',
  '|',
  '\\',
  '`',
  '```',
  '\n',
  '\r',
  '#',
  '[x](javascript:alert(1))',
  '\u001B[31m',
  '<!-- tollgate:comment -->',
);
const untrusted = fc.array(fc.oneof(hostilePiece, fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 12 }).map((parts) => parts.join(''));

const finding: fc.Arbitrary<Finding> = fc.record({
  ruleId: fc.constantFrom('parse-error', 'no-committed-artifacts'),
  category: fc.constantFrom('cost', 'deploy', 'hygiene'),
  severity: fc.constantFrom('error', 'warning', 'notice'),
  message: untrusted,
  fix: untrusted,
  file: fc.option(untrusted, { nil: undefined }),
  line: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
  resource: fc.option(untrusted, { nil: undefined }),
  suppressed: fc.boolean(),
  suppressionReason: fc.option(untrusted, { nil: undefined }),
  status: fc.constantFrom('new' as const, 'existing' as const),
  fingerprint: fc.stringMatching(/^[0-9a-f]{32}$/),
});

const randomReport: fc.Arbitrary<Report> = fc
  .record({
    title: untrusted,
    findings: fc.array(finding, { maxLength: 30 }),
    address: untrusted,
    reason: untrusted,
    notice: untrusted,
    skipped: untrusted,
  })
  .map(({ title, findings, address, reason, notice, skipped }) => {
    const report = hostileReport();
    report.pullRequest = { number: 1, title };
    report.findings = findings;
    report.cost.lines = report.cost.lines.map((line) => ({ ...line, address }));
    report.cost.unpriced = [{ address, type: address, reason }];
    report.notices = [{ message: notice, file: notice }];
    report.checks = report.checks.map((check) => ({ ...check, skippedReason: skipped }));
    return report;
  });

describe('renderComment properties', () => {
  it('never pings, never passes input HTML through, keeps table shape, stays in budget', () => {
    fc.assert(
      fc.property(randomReport, fc.integer({ min: 2_000, max: 65_536 }), fc.boolean(), (report, maxChars, linked) => {
        const body = renderComment(report, { maxChars, ...(linked ? { link: LINK } : {}) });
        expect(body.length).toBeLessThanOrEqual(maxChars);
        expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
        expect(count(body, COMMENT_MARKER)).toBe(1);
        expectSafe(body);
      }),
      { numRuns: 200 },
    );
  });
});
