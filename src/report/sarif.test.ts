import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../checks/model.js';
import { hostileReport, manyFindingsReport } from '../../test/fixtures/report/reports.js';
import { FINGERPRINT_KEY, renderSarif, ruleName, toSarif } from './sarif.js';

const require = createRequire(import.meta.url);

/**
 * The SARIF schema is draft-04 (`id`); Ajv 8 reads it as draft-07 once `id` is `$id`. One of its
 * patterns (`language`) is not a valid unicode-mode regular expression, hence `unicodeRegExp: false`.
 */
function sarifValidator(): (data: unknown) => boolean {
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });
  const validate = ajv.compile({ ...rest, $id: String(id) });
  return (data) => {
    const valid = validate(data);
    if (!valid) {
      throw new Error(ajv.errorsText(validate.errors));
    }
    return valid;
  };
}

const validate = sarifValidator();

describe('renderSarif', () => {
  it('is valid SARIF 2.1.0 for a hostile report (snapshot)', async () => {
    const out = renderSarif(hostileReport());
    expect(validate(JSON.parse(out))).toBe(true);
    await expect(out).toMatchFileSnapshot('__snapshots__/sarif.hostile.json');
  });

  it('the validator rejects a broken log, so the check above means something', () => {
    const log = toSarif(hostileReport()) as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(() => validate(log)).toThrow(/level/);
  });

  it('describes every rule once and points results at their rule index', () => {
    const log = toSarif(hostileReport());
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules ?? [];
    expect(rules.map((rule) => rule.id)).toEqual(['parse-error', 'no-committed-artifacts', 'cost-increase', 'pdb-required']);
    expect(rules[1]).toMatchObject({
      name: 'NoCommittedArtifacts',
      shortDescription: { text: 'No committed build artifacts' },
      helpUri: 'https://github.com/tollgate-dev/tollgate/blob/main/docs/rules/no-committed-artifacts.md',
      defaultConfiguration: { level: 'warning' },
    });
    for (const result of run.results ?? []) {
      expect(rules[result.ruleIndex!]?.id).toBe(result.ruleId);
    }
  });

  it('maps severities, locations and suppressions', () => {
    const results = toSarif(hostileReport()).runs[0]!.results ?? [];
    expect(results.map((result) => result.level)).toEqual(['error', 'warning', 'note', 'error', 'error', 'warning']);
    expect(results.map((result) => result.baselineState)).toEqual(['new', 'new', 'new', 'unchanged', 'unchanged', 'absent']);
    expect(results[0]!.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'infra/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/main%20%281%29.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, endLine: 14 },
    });
    expect(results[1]!.locations?.[0]?.physicalLocation?.region).toBeUndefined();
    expect(results[2]!.locations).toBeUndefined();
    expect(results[3]!.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: expect.stringContaining('reviewed by') as unknown },
    ]);
    expect(results[0]!.suppressions).toBeUndefined();
  });

  it('adds a descriptor for a rule that a finding names but the checks do not', () => {
    const report = hostileReport();
    report.findings.push({ ...report.findings[0]!, ruleId: 'unknown-rule', suppressed: false });
    const log = toSarif(report);
    expect(log.runs[0]!.tool.driver.rules?.at(-1)?.id).toBe('unknown-rule');
    expect(validate(log)).toBe(true);
  });

  it('keeps fingerprints stable when lines move and distinct for repeated findings', () => {
    const report = hostileReport();
    const before = toSarif(report).runs[0]!.results!.map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]);
    report.findings = report.findings.map((finding) => (finding.line ? { ...finding, line: finding.line + 10 } : finding));
    const after = toSarif(report).runs[0]!.results!.map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(before.length);

    const twice = hostileReport();
    twice.findings = [twice.findings[0]!, twice.findings[0]!];
    const [first, second] = toSarif(twice).runs[0]!.results!.map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]);
    expect(first?.replace(/:1$/, ':2')).toBe(second);
  });

  it('stays schema-valid for 5,000 findings', () => {
    expect(validate(JSON.parse(renderSarif(manyFindingsReport(5_000))) as Log)).toBe(true);
  });

  it('turns rule ids into identifiers', () => {
    expect(ruleName('no-committed-artifacts')).toBe('NoCommittedArtifacts');
    expect(ruleName('k8s_pdb.required')).toBe('K8sPdbRequired');
  });
});

const randomFinding: fc.Arbitrary<Finding> = fc.record({
  ruleId: fc.string({ minLength: 1, maxLength: 20 }),
  category: fc.constantFrom('cost', 'deploy', 'hygiene'),
  severity: fc.constantFrom('error', 'warning', 'notice'),
  message: fc.string({ unit: 'binary' }),
  fix: fc.string({ unit: 'binary' }),
  file: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
  line: fc.option(fc.integer({ min: -5, max: 100_000 }), { nil: undefined }),
  endLine: fc.option(fc.integer({ min: -5, max: 100_000 }), { nil: undefined }),
  resource: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
  suppressed: fc.boolean(),
  suppressionReason: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
  status: fc.constantFrom('new' as const, 'existing' as const),
  fingerprint: fc.stringMatching(/^[0-9a-f]{32}$/),
});

describe('renderSarif properties', () => {
  it('stays schema-valid for random findings', () => {
    fc.assert(
      fc.property(fc.array(randomFinding, { maxLength: 20 }), (findings) => {
        const report = { ...hostileReport(), findings };
        const log = JSON.parse(renderSarif(report)) as Log;
        expect(validate(log)).toBe(true);
        expect(log.runs[0]!.results).toHaveLength(findings.length + report.fixed.length);
      }),
      { numRuns: 200 },
    );
  });
});
