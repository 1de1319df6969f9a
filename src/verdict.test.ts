import { describe, expect, it } from 'vitest';
import type { Severity } from './checks/model.js';
import type { FailOn } from './config/model.js';
import { finding } from './test-support.js';
import { decideVerdict, exitCodeFor } from './verdict.js';

describe('decideVerdict', () => {
  const cases: Array<[string, Severity[], FailOn, string]> = [
    ['nothing found', [], 'error', 'pass'],
    ['only notices', ['notice'], 'error', 'pass'],
    ['a warning under fail-on error', ['warning'], 'error', 'warn'],
    ['an error under fail-on error', ['error', 'notice'], 'error', 'fail'],
    ['a warning under fail-on warning', ['warning'], 'warning', 'fail'],
    ['an error under fail-on never', ['error'], 'never', 'warn'],
    ['only notices under fail-on warning', ['notice', 'notice'], 'warning', 'pass'],
  ];
  it.each(cases)('%s', (_name, severities, failOn, expected) => {
    expect(decideVerdict(severities.map((severity) => finding({ severity })), failOn)).toBe(expected);
  });

  it('ignores suppressed findings', () => {
    expect(decideVerdict([finding({ severity: 'error', suppressed: true })], 'error')).toBe('pass');
  });

  it('exits 1 only on fail', () => {
    expect([exitCodeFor('pass'), exitCodeFor('warn'), exitCodeFor('fail')]).toEqual([0, 0, 1]);
  });
});
