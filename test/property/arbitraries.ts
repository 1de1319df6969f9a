import fc from 'fast-check';
import type { CheckResult, Finding } from '../../src/checks/model.js';
import type { CostLine, CostReport } from '../../src/cost/model.js';
import type { Report, ReportResource } from '../../src/report/model.js';

/** Pieces an attacker can put into a file name, resource name, title or message. */
const HOSTILE_PIECES = [
  '@',
  '@user',
  '@org/team',
  '</details>',
  '<details open>',
  '<summary>',
  '<',
  '>',
  '&lt;',
  '&#64;',
  '|',
  '\\',
  '\\|',
  '`',
  '```',
  '~~~',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '# ',
  '- ',
  '1. ',
  '[x](javascript:alert(1))',
  '\u001B[31m',
  '\u202E',
  '\u0000',
  '%0A',
  '::error::',
  ',line=1',
  '<!-- tollgate:comment -->',
  '$(id)',
  '😀',
  '\uD800',
] as const;

/** A string from the pull request: hostile pieces and arbitrary code units mixed. */
export const untrusted: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'binary', maxLength: 16 })), { maxLength: 10 })
  .map((parts) => parts.join(''));

const severity = fc.constantFrom('error' as const, 'warning' as const, 'notice' as const);
const category = fc.constantFrom('cost' as const, 'deploy' as const, 'hygiene' as const);
const ruleId = fc.constantFrom('parse-error', 'no-committed-artifacts', 'k8s-replicas', 'cost-increase-percent', 'secrets-in-diff');
const money = fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true });

const finding: fc.Arbitrary<Finding> = fc.record(
  {
    ruleId,
    category,
    severity,
    message: untrusted,
    fix: untrusted,
    file: untrusted,
    line: fc.integer({ min: 1, max: 100_000 }),
    endLine: fc.integer({ min: 1, max: 100_000 }),
    resource: untrusted,
    suppressed: fc.boolean(),
    suppressionReason: untrusted,
    status: fc.constantFrom('new' as const, 'existing' as const),
    fingerprint: fc.stringMatching(/^[0-9a-f]{32}$/),
  },
  { requiredKeys: ['ruleId', 'category', 'severity', 'message', 'fix', 'suppressed', 'status', 'fingerprint'] },
);

const check: fc.Arbitrary<CheckResult> = fc.record(
  {
    ruleId,
    title: untrusted,
    category,
    severity,
    status: fc.constantFrom('pass' as const, 'fail' as const, 'skipped' as const),
    docs: fc.constantFrom('docs/rules/parse-error.md', 'docs/rules/k8s-replicas.md'),
    skippedReason: untrusted,
  },
  { requiredKeys: ['ruleId', 'title', 'category', 'severity', 'status', 'docs'] },
);

const resource: fc.Arbitrary<ReportResource> = fc.record({
  address: untrusted,
  type: untrusted,
  kind: fc.constantFrom('terraform' as const, 'kubernetes' as const, 'cloudformation' as const),
  file: untrusted,
  line: fc.integer({ min: 1, max: 100_000 }),
  change: fc.constantFrom('added' as const, 'removed' as const, 'changed' as const, 'unchanged' as const),
});

const costLine: fc.Arbitrary<CostLine> = fc
  .record(
    {
      address: untrusted,
      type: untrusted,
      file: untrusted,
      line: fc.integer({ min: 1, max: 100_000 }),
      before: money,
      after: money,
      range: fc.record({ low: money, high: money }),
      components: fc.array(fc.record({ name: untrusted, unit: untrusted, quantity: money, unitPrice: money, monthly: money }), { maxLength: 3 }),
      approximate: fc.boolean(),
      region: untrusted,
      note: untrusted,
    },
    { requiredKeys: ['address', 'type', 'before', 'after', 'components'] },
  )
  .map((line) => ({ ...line, delta: line.after - line.before }));

const cost: fc.Arbitrary<CostReport> = fc
  .record({
    catalogDate: fc.option(fc.constant('2026-10-01'), { nil: null }),
    lines: fc.array(costLine, { maxLength: 30 }),
    unpriced: fc.array(fc.record({ address: untrusted, type: untrusted, reason: untrusted }), { maxLength: 10 }),
    regions: fc.array(untrusted, { maxLength: 3 }),
  })
  .map(({ catalogDate, lines, unpriced, regions }) => {
    const before = lines.reduce((sum, line) => sum + line.before, 0);
    const after = lines.reduce((sum, line) => sum + line.after, 0);
    return { currency: 'USD' as const, catalogDate, before, after, delta: after - before, lines, unpriced, regions };
  });

/** A whole report with every string field drawn from `untrusted`; sizes reach past the comment budget. */
export const report: fc.Arbitrary<Report> = fc
  .record({
    verdict: fc.constantFrom('pass' as const, 'warn' as const, 'fail' as const),
    failOn: fc.constantFrom('error' as const, 'warning' as const, 'never' as const),
    title: untrusted,
    repository: untrusted,
    refs: fc.tuple(untrusted, untrusted),
    config: untrusted,
    resources: fc.array(resource, { maxLength: 30 }),
    roots: fc.array(fc.record({ kind: fc.constantFrom('terraform-source' as const, 'terraform-plan' as const), scope: untrusted, file: untrusted }), { maxLength: 4 }),
    cost,
    checks: fc.array(check, { maxLength: 12 }),
    judge: fc.constantFrom('new' as const, 'all' as const),
    findings: fc.array(finding, { maxLength: 40 }),
    fixed: fc.array(finding.map((item) => ({ ...item, status: 'fixed' as const })), { maxLength: 10 }),
    notices: fc.array(
      fc.record({ message: untrusted, file: untrusted, line: fc.integer({ min: 1, max: 1000 }), kind: fc.constantFrom('remote-module' as const, 'unknown-expansion' as const, 'render' as const) }, { requiredKeys: ['message'] }),
      { maxLength: 8 },
    ),
    suppressions: fc.array(fc.record({ file: untrusted, line: fc.integer({ min: 1, max: 1000 }), ruleId, reason: untrusted }, { requiredKeys: ['file', 'line', 'ruleId'] }), { maxLength: 5 }),
    bigTitle: fc.boolean(),
  })
  .map((parts) => ({
    version: 1,
    tool: { name: 'tollgate' as const, version: '0.1.0' },
    verdict: parts.verdict,
    failOn: parts.failOn,
    judge: parts.judge,
    counts: {
      new: parts.findings.filter((item) => !item.suppressed && item.status === 'new').length,
      existing: parts.findings.filter((item) => !item.suppressed && item.status === 'existing').length,
      fixed: parts.fixed.length,
    },
    source: { kind: 'github' as const, baseRef: parts.refs[0], headRef: parts.refs[1] },
    pullRequest: { number: 7, title: parts.bigTitle ? parts.title.repeat(2_000) : parts.title, repository: parts.repository, headSha: 'a'.repeat(40) },
    config: parts.config,
    policy: { from: 'base' as const, change: { path: parts.config, verdict: parts.verdict, loosens: 1, tightens: 0 } },
    files: { changed: parts.resources.length + 3, analyzed: parts.resources.length, truncated: false },
    resources: parts.resources,
    roots: parts.roots,
    cost: parts.cost,
    checks: parts.checks,
    findings: parts.findings,
    fixed: parts.fixed,
    suppressionsAdded: parts.suppressions,
    notices: parts.notices,
  }));
