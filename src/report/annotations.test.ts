import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileReport, manyFindingsReport } from '../../test/fixtures/report/reports.js';
import {
  batch,
  escapeCommandData,
  escapeCommandProperty,
  toCheckAnnotations,
  toWorkflowCommands,
  unescapeCommandValue,
} from './annotations.js';

describe('toCheckAnnotations', () => {
  it('annotates unsuppressed findings that have a file, errors first', () => {
    const annotations = toCheckAnnotations(hostileReport());
    expect(annotations).toEqual([
      {
        path: 'infra/<img src=x onerror=alert(1)>/main (1).tf',
        start_line: 12,
        end_line: 14,
        annotation_level: 'failure',
        title: 'parse-error',
        message: 'Could not parse </details><details open><summary>owned</summary>: run `rm -rf /` or ```js\nalert(1)\n```\nFix: Fix the syntax [click me](javascript:alert(1))',
      },
      {
        path: 'build/.terraform/terraform.tfstate',
        start_line: 1,
        end_line: 1,
        annotation_level: 'warning',
        title: 'no-committed-artifacts',
        message: expect.stringContaining('Committed artifact') as unknown,
        raw_details: 'Resource: aws_s3_bucket.&lt;script&gt; &#64;octocat',
      },
    ]);
  });

  it('clips a huge message to 64 KB of UTF-8', () => {
    const report = hostileReport();
    report.findings = [{ ...report.findings[0]!, message: '€'.repeat(100_000) }];
    const [annotation] = toCheckAnnotations(report);
    expect(new TextEncoder().encode(annotation!.message).length).toBeLessThanOrEqual(65_535);
    expect(annotation!.message.endsWith('…')).toBe(true);
  });

  it('uses line 1 for an impossible line and never ends before it starts', () => {
    const report = hostileReport();
    report.findings = [{ ...report.findings[0]!, line: 0, endLine: -3 }, { ...report.findings[0]!, line: 9, endLine: 4 }];
    expect(toCheckAnnotations(report).map((a) => [a.start_line, a.end_line])).toEqual([
      [1, 1],
      [9, 9],
    ]);
  });
});

describe('batch', () => {
  it('splits into groups of at most 50', () => {
    const annotations = toCheckAnnotations(manyFindingsReport(120));
    const batches = batch(annotations);
    expect(batches.map((group) => group.length)).toEqual([50, 50, annotations.length - 100]);
    expect(batches.flat()).toEqual(annotations);
  });

  it('returns no batches for no items and rejects a bad size', () => {
    expect(batch([], 50)).toEqual([]);
    expect(() => batch([1], 0)).toThrow(/positive integer/);
  });
});

describe('toWorkflowCommands', () => {
  it('writes one escaped command per unsuppressed finding, errors first', () => {
    expect(toWorkflowCommands(hostileReport())).toEqual([
      '::error file=infra/<img src=x onerror=alert(1)>/main (1).tf,line=12,endLine=14,title=parse-error::Could not parse </details><details open><summary>owned</summary>: run `rm -rf /` or ```js%0Aalert(1)%0A```%0AFix: Fix the syntax [click me](javascript:alert(1))',
      '::warning file=build/.terraform/terraform.tfstate,line=1,endLine=1,title=no-committed-artifacts::Committed artifact cc @octocat and @github/security-team a | b || c \\| d%0AFix: Remove it first line%0A%0A# Heading%0A- list item%0A> quote',
      '::notice title=no-committed-artifacts::Notice about the change [2J[31mred[0mevil',
    ]);
  });

  it('escapes property separators in file names', () => {
    const report = hostileReport();
    report.findings = [{ ...report.findings[0]!, file: 'a,b:c%d\ne\u001B.tf', line: 2 }];
    expect(toWorkflowCommands(report)[0]).toMatch(/^::error file=a%2Cb%3Ac%25d%0Ae\.tf,line=2,endLine=14,/);
  });

  it('every command is one line', () => {
    for (const command of toWorkflowCommands(hostileReport())) {
      expect(command).not.toMatch(/[\r\n]/);
    }
  });
});

describe('workflow-command escaping', () => {
  it('round-trips any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(unescapeCommandValue(escapeCommandProperty(value))).toBe(value);
        expect(unescapeCommandValue(escapeCommandData(value))).toBe(value);
      }),
    );
  });

  it('round-trips strings made of the special characters and codes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('%', '25', '0A', '0D', '3A', '2C', ':', ',', '\n', '\r', 'x')), (parts) => {
        const value = parts.join('');
        const escaped = escapeCommandProperty(value);
        expect(escaped).not.toMatch(/[:,\r\n]/);
        expect(unescapeCommandValue(escaped)).toBe(value);
      }),
    );
  });
});

describe('annotations of a finding several renders share', () => {
  it('are one mark on the line, saying how many and which renders', () => {
    const finding = { ruleId: 'k8s-replicas', category: 'deploy' as const, severity: 'error' as const, message: 'Deployment shop/web runs 1 replica.', fix: 'Run 2 or more.', file: 'components/web/deployment.yaml', line: 7, suppressed: false, status: 'new' as const, fingerprint: 'f1' };
    const report = { ...hostileReport(), judge: 'new' as const, findings: [{ ...finding, scope: 'overlays/eu' }, { ...finding, scope: 'overlays/us' }, { ...finding, scope: 'overlays/ap' }] };
    const annotations = toCheckAnnotations(report);
    expect(annotations).toHaveLength(1);
    expect(annotations[0]?.message).toContain('Deployment shop/web runs 1 replica. (×3, rendered by overlays/eu, overlays/us and 1 more)');
    expect(toWorkflowCommands(report)).toHaveLength(1);
  });
});
