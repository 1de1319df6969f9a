import { describe, expect, it } from 'vitest';
import { formatConfigError } from './format-error.js';
import type { ConfigError } from './model.js';

describe('formatConfigError', () => {
  it.each<[string, ConfigError, string]>([
    [
      'file, line, column and key',
      { file: '.github/tollgate.yml', line: 4, column: 10, key: 'fail-on', value: 'sometimes', message: '"sometimes" is not allowed; use one of: error, warning, never' },
      '.github/tollgate.yml:4:10: fail-on: "sometimes" is not allowed; use one of: error, warning, never',
    ],
    ['line without column', { file: 'a.yml', line: 2, key: 'paths', message: 'bad' }, 'a.yml:2: paths: bad'],
    ['no position', { file: 'a.yml', key: '', message: 'is a directory' }, 'a.yml: is a directory'],
    ['no key', { file: 'a.yml', line: 1, column: 1, key: '', message: 'invalid YAML: x' }, 'a.yml:1:1: invalid YAML: x'],
    ['a message with line breaks stays on one line', { file: 'a.yml', key: 'k', message: 'first\n  second\r\nthird' }, 'a.yml: k: first second third'],
  ])('%s', (_name, error, expected) => {
    expect(formatConfigError(error)).toBe(expected);
  });
});
