import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanReport, hostileReport, manyFindingsReport } from '../../test/fixtures/report/reports.js';
import { renderText } from './text.js';

const ESC = '\u001B';

describe('renderText', () => {
  it('renders a hostile report without colour (snapshot)', async () => {
    const out = renderText(hostileReport());
    expect(out).not.toContain(ESC);
    await expect(out).toMatchFileSnapshot('__snapshots__/text.hostile.txt');
  });

  it('renders a clean report (snapshot)', async () => {
    const out = renderText(cleanReport());
    expect(out).toContain('Cost: no priced resources changed.');
    await expect(out).toMatchFileSnapshot('__snapshots__/text.clean.txt');
  });

  it('colours only its own text when asked', () => {
    const out = renderText(hostileReport(), { color: true });
    expect(out).toContain(`${ESC}[31m`);
    // The hostile strings carry ESC[2J (clear screen); only our colour codes may appear.
    // eslint-disable-next-line no-control-regex -- finding escape sequences is the point
    const codes = out.match(/\u001B\[[0-9;]*[A-Za-z]/g) ?? [];
    expect(new Set(codes)).toEqual(new Set([`${ESC}[31m`, `${ESC}[39m`, `${ESC}[1m`, `${ESC}[22m`, `${ESC}[33m`, `${ESC}[36m`, `${ESC}[2m`, `${ESC}[32m`]));
    expect(out).not.toContain(`${ESC}[2J`);
  });

  it('groups new findings by severity with location, rule and fix, then the fixed and the existing ones', () => {
    const out = renderText(hostileReport());
    const errors = out.indexOf('New errors (1)');
    const warnings = out.indexOf('New warnings (1)');
    const notices = out.indexOf('New notices (1)');
    const fixed = out.indexOf('Fixed by this change (1)');
    const existing = out.indexOf('Already on the base branch (1), not blocking');
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(errors);
    expect(notices).toBeGreaterThan(warnings);
    expect(fixed).toBeGreaterThan(notices);
    expect(existing).toBeGreaterThan(fixed);
    expect(out).toContain('  no-committed-artifacts  error  ×1  old/</details><details open><summary>owned</summary>.tfstate');
    expect(out).not.toContain('Already there');
    expect(out).toMatch(/\n {2}infra\/<img src=x onerror=alert\(1\)>\/main \(1\)\.tf:12-14 {2}parse-error {2}Could not parse/);
    expect(out).toContain('      fix: Fix the syntax [click me](javascript:alert(1))');
    expect(out).toContain('  k8s/app.yaml:3  parse-error  suppressed: reviewed by cc @octocat');
  });

  it('ends with a summary line', () => {
    const lines = renderText(hostileReport()).trimEnd().split('\n');
    expect(lines.at(-1)).toBe('FAIL: 3 new (1 error, 1 warning, 1 notice), 1 fixed, 1 existing (not blocking), 1 suppressed; 1 check passed, 1 skipped; cost +$30.50/month');
  });

  it('keeps a 100 kB title to one bounded line', () => {
    const out = renderText(manyFindingsReport(1));
    const titleLine = out.split('\n').find((line) => line.startsWith('Pull request #7'));
    expect(titleLine?.length).toBeLessThan(2_100);
  });

  it('never lets a control character from input through', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (file, message) => {
        const report = hostileReport();
        report.findings = [{ ...report.findings[0]!, file, message, fix: message }];
        report.notices = [{ message, file }];
        const out = renderText(report);
        // eslint-disable-next-line no-control-regex -- finding control characters is the point
        expect(out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      }),
    );
  });
});
