import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { budgetsOf, costBudget } from './cost-budget.js';
import { costLine, costOf, findings, runRule } from './test-support.js';

const cost = costOf(
  [
    costLine('aws_instance.api', 0, 560.64, { file: 'infra/prod/main.tf', line: 12 }),
    costLine('aws_ebs_volume.data', 50, 40, { file: 'infra/prod/disk.tf', line: 3 }),
    costLine('aws_instance.dev', 0, 30.37, { file: 'infra/dev/main.tf', line: 5 }),
  ],
  { unpriced: [{ address: 'aws_lambda_function.x', type: 'aws_lambda_function', reason: 'usage-based' }] },
);

describe('cost-budget', () => {
  it('is skipped, not passed, until a budget is configured', () => {
    expect(runRule(costBudget, { cost })).toEqual({ skip: expect.stringContaining('no budget configured') });
  });

  const cases: Array<[string, Record<string, unknown>, Array<[string | undefined, string | undefined]>]> = [
    ['under every threshold', { 'warn-delta': 1000, 'max-delta': 2000, 'max-total': 5000 }, []],
    ['delta over the warning threshold', { 'warn-delta': 500 }, [['warning', 'aws_instance.api']]],
    ['delta over the error limit', { 'warn-delta': 100, 'max-delta': 500 }, [['error', 'aws_instance.api']]],
    ['total over the error limit', { 'max-total': 600 }, [['error', 'aws_instance.api']]],
    ['a per-path budget over its limit, the other under', { budgets: [{ paths: ['infra/prod/**'], 'max-delta': 400 }, { paths: ['infra/dev/**'], 'max-delta': 100 }] }, [['error', 'aws_instance.api']]],
    ['a per-path budget whose resources save money', { budgets: [{ paths: ['infra/prod/disk.tf'], 'max-delta': 0 }] }, []],
  ];
  it.each(cases)('%s', (_name, options, expected) => {
    expect(findings(runRule(costBudget, { cost, options })).map((finding) => [finding.severity, finding.resource])).toEqual(expected);
  });

  it('takes a budget from an overrides entry, over that entry’s paths', () => {
    const config = { ...plainConfig(), overrides: [{ paths: ['infra/prod/**'], levels: {}, budget: { name: 'production', 'max-delta': 400 } }] };
    const [finding] = findings(costBudget.run({ files: [], resources: [], parseIssues: [], suppressions: [], cost, options: {}, config }));
    expect(finding).toMatchObject({ severity: 'error', resource: 'aws_instance.api', message: expect.stringContaining('Budget for production: the monthly delta +$550.64 is over the $400.00 limit') });
  });

  it('names the budget, the figures, the driver, the unpriced count, and points at the driver', () => {
    const [finding] = findings(runRule(costBudget, { cost, options: { budgets: [{ name: 'production', paths: ['infra/prod/**'], 'max-delta': 400 }] } }));
    expect(finding).toEqual({
      severity: 'error',
      message:
        'Budget for production: the monthly delta +$550.64 is over the $400.00 limit (estimate). Largest increase: aws_instance.api +$560.64/month. 1 resource could not be priced and is not counted.',
      fix: expect.stringContaining('raise the budget'),
      file: 'infra/prod/main.tf',
      line: 12,
      resource: 'aws_instance.api',
    });
  });

  it('turns an error into a warning when the approval label is on the pull request, and names who can apply it and who did', () => {
    const options = { 'max-delta': 100, 'approval-label': 'cost-approved', approvers: '@acme/finops' };
    const pr = (labels: string[]) => ({ title: 't', body: '', labels });
    const [unapproved] = findings(runRule(costBudget, { cost, options, pr: pr([]) }));
    expect(unapproved?.severity).toBe('error');
    expect(unapproved?.fix).toContain('ask @acme/finops to apply the `cost-approved` label');
    const [approved] = findings(runRule(costBudget, { cost, options, pr: pr(['Cost-Approved']) }));
    expect(approved?.severity).toBe('warning');
    expect(approved?.message).toContain('Approved with the cost-approved label.');
    const [named] = findings(runRule(costBudget, { cost, options, pr: { ...pr(['cost-approved']), labelAppliers: { 'cost-approved': 'finops-lead' } } }));
    expect(named?.message).toContain('Approved by @finops-lead with the cost-approved label.');
  });

  it('ignores budgets without paths or thresholds', () => {
    expect(budgetsOf({ budgets: [{ paths: [], 'max-delta': 1 }, { paths: ['a/**'] }, 'junk'] })).toEqual([]);
  });

  it('fails the gate on the shop plan when the delta is over budget', () => {
    const plan = readFileSync(new URL('../../../test/fixtures/terraform/plan/aws-shop.plan.json', import.meta.url), 'utf8');
    const config = plainConfig({
      cost: { region: 'us-east-1', fallbackRegion: 'us-east-1', kubernetesRates: {} },
      ruleSettings: { 'cost-budget': { level: 'error', options: { 'max-delta': 200 } } },
    });
    const report = runGate({ config, changes: changeSet([{ path: 'plans/shop.plan.json', status: 'added', after: plan }]) });
    const budget = report.findings.filter((finding) => finding.ruleId === 'cost-budget');
    // eu-west-1: two m5.xlarge api instances with 50 GB gp3 (2 × (156.22 + 4)), a NAT gateway (32.85), minus the
    // released EIP (3.65), and the database from Single-AZ db.r6g.large with 100 GB gp3 to Multi-AZ db.r6g.xlarge with 200 GB
    // PostgreSQL: (735.11 + 200 × 0.23) − (183.96 + 100 × 0.115) = +585.65
    expect(budget).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringContaining('the monthly delta +$935.29 is over the $200.00 limit'),
        file: 'plans/shop.plan.json',
        resource: 'aws_db_instance.main',
      }),
    ]);
    expect(report.verdict).toBe('fail');
  });
});
