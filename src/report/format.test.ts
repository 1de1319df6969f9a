import { describe, expect, it } from 'vitest';
import { describeCounts, findingLocation, formatDelta, formatPercent, formatUsd } from './format.js';
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

  it('pluralises and mentions suppressed only when present', () => {
    expect(describeCounts({ error: 1, warning: 2, notice: 0, suppressed: 0 })).toBe('1 error, 2 warnings, 0 notices');
    expect(describeCounts({ error: 0, warning: 0, notice: 1, suppressed: 3 }, ' · ')).toBe('0 errors · 0 warnings · 1 notice · 3 suppressed');
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
