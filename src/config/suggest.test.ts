import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from './suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['fail-on', 'fail-on', 0],
    ['fial-on', 'fail-on', 1],
    ['fail-no', 'fail-on', 1],
    ['kitten', 'sitting', 3],
    ['rule', 'rules', 1],
    ['ca', 'abc', 3],
  ])('%s → %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('nearest', () => {
  const keys = ['extends', 'fail-on', 'paths', 'ignore', 'rules'];
  it.each([
    ['fial-on', 'fail-on'],
    ['failOn', 'fail-on'],
    ['fail_on', 'fail-on'],
    ['FAIL-ON', 'fail-on'],
    ['path', 'paths'],
    ['ignores', 'ignore'],
    ['rule', 'rules'],
    ['extend', 'extends'],
    ['colour', undefined],
    ['x', undefined],
    ['', undefined],
  ])('%s → %s', (word, expected) => {
    expect(nearest(word, keys)).toBe(expected);
  });

  it('completes an abbreviation of a value', () => {
    expect(nearest('warn', ['error', 'warning', 'never'])).toBe('warning');
    expect(nearest('err', ['error', 'warning', 'never'])).toBe('error');
    expect(nearest('wa', ['error', 'warning', 'never'])).toBeUndefined();
  });

  it('prefers the closest of several near candidates', () => {
    expect(nearest('parse-errors', ['parse-error', 'parse-errorz-x'])).toBe('parse-error');
  });

  it('stays fast for a huge word', () => {
    const started = Date.now();
    expect(nearest('k'.repeat(1_000_000), keys)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
