import { describe, expect, it } from 'vitest';
import { costIncreasePercent, rootIncreases } from './cost-increase-percent.js';
import { costLine, costOf, findings, runRule } from './test-support.js';

describe('cost-increase-percent', () => {
  const cases: Array<[string, ReturnType<typeof costLine>[], Record<string, unknown>, string[]]> = [
    ['a resize that quadruples the root', [costLine('aws_instance.api', 140.16, 560.64, { file: 'prod/main.tf' })], {}, ['aws_instance.api']],
    ['a small doubling under the $50 floor', [costLine('aws_ebs_volume.data', 4, 8, { file: 'prod/main.tf' })], {}, []],
    ['a 40% increase under the 50% default', [costLine('aws_instance.api', 500, 700, { file: 'prod/main.tf' })], {}, []],
    ['the same 40% with max-percent 25', [costLine('aws_instance.api', 500, 700, { file: 'prod/main.tf' })], { 'max-percent': 25 }, ['aws_instance.api']],
    ['a new root with nothing before', [costLine('aws_instance.api', 0, 900, { file: 'new/main.tf' })], {}, []],
    ['a saving', [costLine('aws_instance.api', 560.64, 140.16, { file: 'prod/main.tf' })], {}, []],
  ];
  it.each(cases)('%s', (_name, lines, options, expected) => {
    expect(findings(runRule(costIncreasePercent, { cost: costOf(lines), options })).map((finding) => finding.resource)).toEqual(expected);
  });

  it('judges each root on its own and names the figures', () => {
    const cost = costOf([
      costLine('aws_instance.api', 140.16, 560.64, { file: 'prod/main.tf', line: 7 }),
      costLine('aws_instance.big', 10000, 10420, { file: 'shared/main.tf' }),
    ]);
    expect(rootIncreases(cost).map((root) => [root.root, Math.round(root.percent)])).toEqual([
      ['prod', 300],
      ['shared', 4],
    ]);
    expect(findings(runRule(costIncreasePercent, { cost }))).toEqual([
      {
        message: 'Resources changed in prod go from $140.16 to $560.64 a month (+$420.48, +300%, over 50%); largest: aws_instance.api +$420.48 (estimate).',
        fix: expect.stringContaining('aws_instance.api'),
        file: 'prod/main.tf',
        line: 7,
        resource: 'aws_instance.api',
      },
    ]);
  });
});
