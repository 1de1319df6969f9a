import { describe, expect, it } from 'vitest';
import { emptyCost, type CostReport } from '../src/cost/model.js';
import { compareCase, groupAddress, matches, typeOf } from './compare.js';
import type { GoldenResource } from './golden.js';
import { improvements, isAllowed, regressions, renderSummary, tallyRates } from './summary.js';

const golden = (address: string, ...monthly: number[]): GoldenResource => ({
  address,
  components: monthly.map((value, index) => ({ groups: [], name: `part ${index}`, monthly: value, usageBased: false })),
  baseline: monthly.reduce((sum, value) => sum + value, 0),
  total: monthly.reduce((sum, value) => sum + value, 0),
});

function cost(overrides: Partial<CostReport>): CostReport {
  return { ...emptyCost(), ...overrides };
}

const line = (address: string, ...monthly: number[]): CostReport['lines'][number] => ({
  address,
  type: typeOf(address),
  before: 0,
  after: monthly.reduce((sum, value) => sum + value, 0),
  delta: 0,
  components: monthly.map((value, index) => ({ name: `c${index}`, unit: 'hours', quantity: 1, unitPrice: value, monthly: value })),
});

describe('compareCase', () => {
  it('matches within 5% or a cent, and not beyond', () => {
    expect(matches(104.9, 100)).toBe(true);
    expect(matches(105.1, 100)).toBe(false);
    expect(matches(0.009, 0)).toBe(true);
  });

  it('compares count instances as one group and names the missing component', () => {
    const outcomes = compareCase({
      caseName: 'aws/x',
      provider: 'aws',
      golden: [golden('aws_instance.web[0]', 70, 8), golden('aws_instance.web[1]', 70, 8), golden('module.m.aws_db_instance.db', 100, 25)],
      cost: cost({ lines: [line('aws_instance.web', 140, 16), line('module.m.aws_db_instance.db', 100)] }),
      withUsage: false,
    });
    expect(outcomes.map(({ address, type, resources, status, cause }) => ({ address, type, resources, status, cause }))).toEqual([
      { address: 'aws_instance.web', type: 'aws_instance', resources: 2, status: 'match', cause: '' },
      { address: 'module.m.aws_db_instance.db', type: 'aws_db_instance', resources: 1, status: 'differs', cause: 'expected part 1 $25.00' },
    ]);
  });

  it('compares a for_each instance alone where tollgate lists it under its own address', () => {
    const outcomes = compareCase({
      caseName: 'azure/x',
      provider: 'azure',
      golden: [golden('azurerm_virtual_machine.vms["Basic_A4"]', 300), golden('azurerm_virtual_machine.vms["Standard_B1s"]', 7.59)],
      cost: cost({
        lines: [line('azurerm_virtual_machine.vms["Standard_B1s"]', 7.59)],
        unpriced: [{ address: 'azurerm_virtual_machine.vms["Basic_A4"]', type: 'azurerm_virtual_machine', reason: 'no price for Basic_A4' }],
      }),
      withUsage: false,
    });
    expect(outcomes.map(({ address, status }) => ({ address, status }))).toEqual([
      { address: 'azurerm_virtual_machine.vms["Basic_A4"]', status: 'unpriced' },
      { address: 'azurerm_virtual_machine.vms["Standard_B1s"]', status: 'match' },
    ]);
  });

  it('gives tollgate’s reason for an unpriced resource, and skips resources with nothing to compare', () => {
    const outcomes = compareCase({
      caseName: 'aws/x',
      provider: 'aws',
      golden: [golden('aws_mq_broker.a', 21.9), golden('aws_sqs_queue.q')],
      cost: cost({ unpriced: [{ address: 'aws_mq_broker.a', type: 'aws_mq_broker', reason: 'no pricer for aws_mq_broker yet' }] }),
      withUsage: false,
    });
    expect(outcomes.map(({ address, status, cause }) => ({ address, status, cause }))).toEqual([{ address: 'aws_mq_broker.a', status: 'unpriced', cause: 'no pricer for aws_mq_broker yet' }]);
  });

  it('strips only the instance key of the last step', () => {
    expect(groupAddress('module.a[0].aws_x.y["k"]')).toBe('module.a[0].aws_x.y');
    expect(typeOf('module.a[0].data.aws_x.y[2]')).toBe('aws_x');
  });
});

describe('rates and the ratchet', () => {
  const outcomes = compareCase({
    caseName: 'aws/x',
    provider: 'aws',
    golden: [golden('aws_instance.a', 10), golden('aws_instance.b', 10), golden('aws_eip.c', 3.65)],
    cost: cost({ lines: [line('aws_instance.a', 10), line('aws_instance.b', 12), line('aws_eip.c', 3.65)] }),
    withUsage: false,
  });
  const rates = tallyRates(outcomes);

  it('allows a difference by address, or for every resource of a type in a case', () => {
    const [, differs] = outcomes;
    const byType = { case: 'aws/x', type: 'aws_instance', reason: 'r' };
    expect(differs && isAllowed(differs, [{ case: 'aws/x', address: 'aws_instance.b', reason: 'r' }])).toBeDefined();
    expect(differs && isAllowed(differs, [byType])).toBe(byType);
    expect(differs && isAllowed(differs, [{ case: 'aws/y', type: 'aws_instance', reason: 'r' }, { case: 'aws/x', type: 'aws_eip', reason: 'r' }])).toBeUndefined();
  });

  it('tallies matched and comparable resources per provider and type', () => {
    expect(rates).toEqual({ aws: { aws_eip: { comparable: 1, matched: 1 }, aws_instance: { comparable: 2, matched: 1 } } });
  });

  it('fails a type that matches fewer than the baseline, and lists one that matches more', () => {
    const baseline = { aws: { aws_eip: { comparable: 1, matched: 0 }, aws_instance: { comparable: 2, matched: 2 } } };
    expect(regressions(baseline, rates).map((change) => change.type)).toEqual(['aws_instance']);
    expect(improvements(baseline, rates).map((change) => change.type)).toEqual(['aws_eip']);
  });

  it('prints the provider rate, the type rates and the worst miss with its cause', () => {
    const text = renderSummary({ title: 'Baseline', outcomes, allowed: [], worst: 5 });
    expect(text).toContain('aws     2/3 (66.7%)');
    expect(text).toContain('aws_instance');
    expect(text).toContain('aws/x aws_instance.b: expected $10.00, tollgate $12.00; expected part 0 $10.00; tollgate c0 $12.00');
  });
});
