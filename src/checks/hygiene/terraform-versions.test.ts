import { describe, expect, it } from 'vitest';
import { satisfies } from './terraform-versions.js';

describe('satisfies (Terraform version constraints)', () => {
  it.each([
    ['5.31.0', '~> 5.0', true],
    ['5.31.0', '~> 5.31', true],
    ['6.0.0', '~> 5.31', false],
    ['5.31.4', '~> 5.31.0', true],
    ['5.32.0', '~> 5.31.0', false],
    ['5.30.9', '~> 5.31', false],
    ['9.0.0', '~> 5', true],
    ['4.67.0', '~> 5', false],
    ['5.31.0', '>= 5.0, < 6.0', true],
    ['6.0.0', '>= 5.0, < 6.0', false],
    ['5.31.0', '= 5.31.0', true],
    ['5.31.0', '5.31.0', true],
    ['5.31.1', '5.31.0', false],
    ['5.31.0', '!= 5.31.0', false],
    ['5.31.0', '>5.30', true],
    ['5.31.1', '<= 5.31', false],
    ['5.31.0', '<= 5.31', true],
    ['3.0.0', '', true],
    // Pre-releases match only an exact condition naming them.
    ['6.0.0-beta1', '>= 5.0', false],
    ['6.0.0-beta1', '= 6.0.0-beta1', true],
    ['6.0.0', '> 6.0.0-beta1', true],
  ] as const)('%s against "%s" → %s', (version, constraint, expected) => {
    expect(satisfies(version, constraint)).toBe(expected);
  });

  it.each([
    ['not-a-version', '~> 5.0'],
    ['5.31.0', '~> five'],
    ['5.31.0', '>= 5.0, ???'],
  ])('cannot tell for %s against "%s" (undefined, never a guess)', (version, constraint) => {
    expect(satisfies(version, constraint)).toBeUndefined();
  });
});
