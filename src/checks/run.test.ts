import { describe, expect, it } from 'vitest';
import { emptyCost } from '../cost/model.js';
import type { InlineSuppression } from '../iac/model.js';
import { plainConfig } from '../test-support.js';
import type { Rule, RuleContext, RuleFinding } from './model.js';
import { fingerprintOf } from './identity.js';
import { runChecks } from './run.js';

function ruleReturning(result: RuleFinding[] | { skip: string }, severity: Rule['severity'] = 'warning'): Rule {
  return { id: 'sample-rule', title: 'Sample', category: 'deploy', severity, docs: 'docs/rules/sample-rule.md', run: () => result };
}

function context(overrides: Partial<Omit<RuleContext, 'options'>> = {}): Omit<RuleContext, 'options'> {
  return { files: [], resources: [], parseIssues: [], suppressions: [], cost: emptyCost(), config: plainConfig(), ...overrides };
}

const withSettings = (settings: Record<string, unknown>) => plainConfig({ ruleSettings: { 'sample-rule': { level: 'warning', options: {}, ...settings } } });

describe('runChecks', () => {
  it('fills in id, category and severity and marks the check failed', () => {
    const result = runChecks([ruleReturning([{ message: 'bad', fix: 'fix it', file: 'a.yaml', line: 3 }])], context({ config: withSettings({}) }));
    expect(result.findings).toEqual([
      {
        message: 'bad',
        fix: 'fix it',
        file: 'a.yaml',
        line: 3,
        ruleId: 'sample-rule',
        category: 'deploy',
        severity: 'warning',
        suppressed: false,
        status: 'new',
        fingerprint: fingerprintOf('sample-rule', 'file:a.yaml', ''),
      },
    ]);
    expect(result.checks).toEqual([expect.objectContaining({ ruleId: 'sample-rule', status: 'fail' })]);
  });

  it('passes a rule with no findings and reports skipped ones with the reason', () => {
    expect(runChecks([ruleReturning([])], context({ config: withSettings({}) })).checks[0]?.status).toBe('pass');
    const skipped = runChecks([ruleReturning({ skip: 'no pull request metadata' })], context({ config: withSettings({}) })).checks[0];
    expect(skipped).toMatchObject({ status: 'skipped', skippedReason: 'no pull request metadata' });
  });

  it('does not run a rule that is off', () => {
    const result = runChecks([ruleReturning([{ message: 'bad', fix: 'f' }])], context({ config: withSettings({ level: 'off' }) }));
    expect(result).toEqual({ checks: [], findings: [], fixed: [] });
  });

  it('applies a configured severity over the rule default, and keeps a rule-graded severity otherwise', () => {
    const graded = ruleReturning([{ message: 'big', fix: 'f', severity: 'error' }]);
    expect(runChecks([graded], context({ config: withSettings({}) })).findings[0]?.severity).toBe('error');
    expect(runChecks([graded], context({ config: withSettings({ level: 'notice' }) })).findings[0]?.severity).toBe('notice');
  });

  it('sets a rule’s level per path from overrides, the last matching entry winning, off dropping findings', () => {
    const rule = ruleReturning([
      { message: 'payments', fix: 'f', file: 'services/payments/k8s/app.yaml' },
      { message: 'payments sandbox', fix: 'f', file: 'services/payments/sandbox/app.yaml' },
      { message: 'elsewhere', fix: 'f', file: 'services/cart/app.yaml' },
      { message: 'no file', fix: 'f' },
    ]);
    const overrides = [
      { paths: ['services/payments/**'], levels: { 'sample-rule': 'error' as const } },
      { paths: ['**/sandbox/**'], levels: { 'sample-rule': 'off' as const } },
    ];
    const result = runChecks([rule], context({ config: { ...withSettings({}), overrides } }));
    expect(result.findings.map((f) => [f.message, f.severity])).toEqual([
      ['payments', 'error'],
      ['no file', 'warning'],
      ['elsewhere', 'warning'],
    ]);
  });

  it('runs a rule that is off but turned on for some paths, keeping only the findings there', () => {
    const rule = ruleReturning([
      { message: 'payments', fix: 'f', file: 'services/payments/app.yaml' },
      { message: 'elsewhere', fix: 'f', file: 'services/cart/app.yaml' },
    ]);
    const config = { ...withSettings({ level: 'off' }), overrides: [{ paths: ['services/payments/**'], levels: { 'sample-rule': 'notice' as const } }] };
    const result = runChecks([rule], context({ config }));
    expect(result.findings.map((f) => [f.message, f.severity])).toEqual([['payments', 'notice']]);
    expect(result.checks).toEqual([expect.objectContaining({ severity: 'notice' })]);
  });

  it('drops findings outside the rule paths or inside its ignore globs', () => {
    const rule = ruleReturning([
      { message: 'a', fix: 'f', file: 'k8s/app.yaml' },
      { message: 'b', fix: 'f', file: 'test/fixtures/app.yaml' },
      { message: 'c', fix: 'f', file: 'docs/x.yaml' },
      { message: 'no file', fix: 'f' },
    ]);
    const result = runChecks([rule], context({ config: withSettings({ paths: ['k8s/**', 'test/**'], ignore: ['test/fixtures/**'] }) }));
    expect(result.findings.map((f) => f.message)).toEqual(['no file', 'a']);
  });

  it('honours an inline suppression on the same line or the line above, for the same rule only', () => {
    const suppressions: InlineSuppression[] = [
      { file: 'a.yaml', line: 4, ruleId: 'sample-rule', reason: 'load test namespace' },
      { file: 'a.yaml', line: 9, ruleId: 'other-rule', reason: 'x' },
    ];
    const rule = ruleReturning([
      { message: 'same line', fix: 'f', file: 'a.yaml', line: 4 },
      { message: 'line below', fix: 'f', file: 'a.yaml', line: 5 },
      { message: 'two below', fix: 'f', file: 'a.yaml', line: 6 },
      { message: 'other rule', fix: 'f', file: 'a.yaml', line: 10 },
    ]);
    const result = runChecks([rule], context({ suppressions, config: withSettings({}) }));
    expect(result.findings.map((f) => [f.message, f.suppressed])).toEqual([
      ['same line', true],
      ['line below', true],
      ['two below', false],
      ['other rule', false],
    ]);
    expect(result.findings[0]?.suppressionReason).toBe('load test namespace');
    expect(result.checks[0]?.status).toBe('fail');
  });

  it('passes a check whose only findings are suppressed', () => {
    const suppressions: InlineSuppression[] = [{ file: 'a.yaml', line: 1, ruleId: 'sample-rule', reason: 'r' }];
    const result = runChecks([ruleReturning([{ message: 'm', fix: 'f', file: 'a.yaml', line: 1 }])], context({ suppressions, config: withSettings({}) }));
    expect(result.checks[0]?.status).toBe('pass');
  });

  it('orders findings by severity, then file and line', () => {
    const rule = ruleReturning([
      { message: 'n', fix: 'f', file: 'b', line: 1, severity: 'notice' },
      { message: 'e2', fix: 'f', file: 'b', line: 2, severity: 'error' },
      { message: 'e1', fix: 'f', file: 'a', line: 9, severity: 'error' },
    ]);
    expect(runChecks([rule], context({ config: withSettings({}) })).findings.map((f) => f.message)).toEqual(['e1', 'e2', 'n']);
  });
});

describe('runChecks with an object-wide suppression', () => {
  it('covers every line of the object and nothing after it', () => {
    const suppressions: InlineSuppression[] = [{ file: 'a.yaml', line: 1, endLine: 20, ruleId: 'sample-rule', reason: 'singleton' }];
    const rule = ruleReturning([
      { message: 'inside', fix: 'f', file: 'a.yaml', line: 17 },
      { message: 'next object', fix: 'f', file: 'a.yaml', line: 22 },
    ]);
    const result = runChecks([rule], context({ suppressions, config: withSettings({}) }));
    expect(result.findings.map((f) => [f.message, f.suppressed])).toEqual([
      ['inside', true],
      ['next object', false],
    ]);
  });
});
