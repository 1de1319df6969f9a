import { describe, expect, it } from 'vitest';
import { emptyCost } from '../cost/model.js';
import { finding } from '../test-support.js';
import { costRowName, costRowsByImpact, costSpansScopes, findingLocation, formatDelta, formatPercent, formatUsd, statusLine } from './format.js';
import { encodeSegment, fileUrl } from './links.js';

describe('money', () => {
  it.each([
    [0, '$0.00'],
    [1234.5, '$1,234.50'],
    [1_000_000, '$1,000,000.00'],
    [-5, '-$5.00'],
    [-0.001, '$0.00'],
    [0.005, '$0.01'],
  ])('formatUsd(%d) is %s', (amount, expected) => {
    expect(formatUsd(amount)).toBe(expected);
  });

  it.each([
    [30.5, '+$30.50'],
    [-12, '-$12.00'],
    [0, '$0.00'],
  ])('formatDelta(%d) is %s', (delta, expected) => {
    expect(formatDelta(delta)).toBe(expected);
  });

  it('gives a percentage only when there was a cost before', () => {
    expect(formatPercent(120, 30.5)).toBe('+25.4%');
    expect(formatPercent(100, -50)).toBe('-50.0%');
    expect(formatPercent(100, 0.01)).toBe('0.0%');
    expect(formatPercent(0, 10)).toBeUndefined();
  });
});

describe('findingLocation and counts', () => {
  it.each([
    [{ file: 'a.tf', line: 3, endLine: 5 }, 'a.tf:3-5'],
    [{ file: 'a.tf', line: 3, endLine: 3 }, 'a.tf:3'],
    [{ file: 'a.tf' }, 'a.tf'],
    [{ file: '' }, undefined],
    [{}, undefined],
  ])('%j is %s', (finding, expected) => {
    expect(findingLocation(finding)).toBe(expected);
  });

  it('says what is new, fixed and existing, leaving out what is zero', () => {
    const found = (status: 'new' | 'existing', severity: 'error' | 'warning', suppressed = false) => finding({ status, severity, suppressed });
    const findings = [found('new', 'error'), found('new', 'warning'), found('new', 'warning'), found('existing', 'error'), found('new', 'error', true)];
    expect(statusLine({ findings, fixed: [finding({ status: 'fixed' })], judge: 'new' })).toBe('3 new (1 error, 2 warnings) · 1 fixed · 1 existing (not blocking) · 1 suppressed');
    expect(statusLine({ findings, fixed: [], judge: 'all' }, ', ')).toBe('2 errors, 2 warnings, 1 suppressed');
    expect(statusLine({ findings: [found('existing', 'error')], fixed: [], judge: 'new' })).toBe('nothing new · 1 existing (not blocking)');
  });
});

describe('links', () => {
  it('encodes characters that would end a markdown link', () => {
    expect(encodeSegment("a (b)!*'")).toBe('a%20%28b%29%21%2A%27');
  });

  it('builds blob links on the server of the run (GHES) with line ranges', () => {
    const link = { serverUrl: 'https://ghe.example.com/', repository: 'acme/infra', sha: 'abc' };
    expect(fileUrl(link, 'dir/my file#1.tf', 4, 9)).toBe('https://ghe.example.com/acme/infra/blob/abc/dir/my%20file%231.tf#L4-L9');
    expect(fileUrl(link, 'a.tf')).toBe('https://ghe.example.com/acme/infra/blob/abc/a.tf');
  });
});

describe('costRowsByImpact', () => {
  const line = (address: string, scope: string, before: number, after: number) => ({ address, scope, type: 'aws_instance', before, after, delta: after - before, components: [] });

  it('sums lines of one address with the same figures in several scopes into one row, largest movement first', () => {
    const cost = {
      ...emptyCost(),
      lines: [line('module.app.aws_instance.worker', 'envs/a', 10, 20), line('aws_nat_gateway.main', 'envs/a', 0, 32.85), line('module.app.aws_instance.worker', 'envs/b', 10, 20), line('module.app.aws_instance.worker', 'envs/c', 10, 40)],
    };
    expect(costRowsByImpact(cost).map((row) => [row.line.address, row.count, row.line.before, row.line.after, row.line.delta])).toEqual([
      ['aws_nat_gateway.main', 1, 0, 32.85, 32.85],
      ['module.app.aws_instance.worker', 1, 10, 40, 30],
      ['module.app.aws_instance.worker', 2, 20, 40, 20],
    ]);
  });

  it('names the roots of each row when the change spans several, and not when it has one', () => {
    const spread = {
      ...emptyCost(),
      lines: ['envs/a', 'envs/b', 'envs/c', 'envs/d'].map((scope) => line('module.vpc.aws_nat_gateway.this[0]', scope, 0, 32.85)).concat([line('module.vpc.aws_eip.nat[1]', 'envs/b', 0, 3.65)]),
    };
    expect(costSpansScopes(spread)).toBe(true);
    expect(costRowsByImpact(spread).map((row) => costRowName(row, true))).toEqual(['module.vpc.aws_nat_gateway.this[0] ×4 (envs/a, envs/b and 2 more)', 'module.vpc.aws_eip.nat[1] (envs/b)']);
    const single = { ...emptyCost(), lines: [line('aws_nat_gateway.main', 'envs/a', 0, 32.85), line('aws_eip.nat', 'envs/a', 0, 3.65)] };
    expect(costSpansScopes(single)).toBe(false);
    expect(costRowsByImpact(single).map((row) => costRowName(row, costSpansScopes(single)))).toEqual(['aws_nat_gateway.main', 'aws_eip.nat']);
  });

  it('leaves out a scope the address already names, as a template file in a CloudFormation address', () => {
    const templates = { ...emptyCost(), lines: [line('stacks/a.yaml#Queue', 'stacks/a.yaml', 0, 1), line('stacks/b.yaml#Queue', 'stacks/b.yaml', 0, 2)] };
    expect(costRowsByImpact(templates).map((row) => costRowName(row, costSpansScopes(templates)))).toEqual(['stacks/b.yaml#Queue', 'stacks/a.yaml#Queue']);
  });
});
