import { describe, expect, it } from 'vitest';
import { comparePolicies } from './compare.js';
import { parsePolicyFiles } from './file.js';

const FILE = '.github/tollgate/policies/platform.yml';

function policy(id: string, severity: string, pattern: string): string {
  return `  - id: ${id}
    title: Images from our registry
    severity: ${severity}
    message: the image is not from ghcr.io/acme
    fix: Publish it under ghcr.io/acme.
    match:
      kubernetes: Deployment
    assert:
      path: spec.template.spec.containers[*].image
      matches: ${pattern}
`;
}

function parsed(text: string) {
  const result = parsePolicyFiles([{ path: FILE, text: `policies:\n${text}` }], new Set());
  expect(result.errors).toEqual([]);
  return result.policies;
}

const effects = (changes: ReturnType<typeof comparePolicies>) => changes.flatMap((change) => change.differences.map((difference) => [change.path, difference.effect, difference.message, difference.line]));

describe('comparePolicies', () => {
  const base = parsed(policy('approved-registry', 'error', '^ghcr\\.io/acme/') + policy('team-label', 'warning', '.'));

  it('finds nothing when the head has the same policies', () => {
    expect(comparePolicies(base, { policies: parsed(policy('approved-registry', 'error', '^ghcr\\.io/acme/') + policy('team-label', 'warning', '.')) })).toEqual([]);
  });

  it('calls a removed or lowered policy a loosening, an added or raised one a tightening, and a new pattern a change', () => {
    const head = parsed(policy('approved-registry', 'warning', '^ghcr\\.io/') + policy('digest-pinned', 'error', '"@sha256:"'));
    expect(effects(comparePolicies(base, { policies: head }))).toEqual([
      [FILE, 'weaker', 'lowers custom policy approved-registry from error to warning', 2],
      [FILE, 'changed', 'changes what custom policy approved-registry matches or asserts', 2],
      [FILE, 'weaker', 'removes custom policy team-label', undefined],
      [FILE, 'stricter', 'adds custom policy digest-pinned', 12],
    ]);
  });

  it('shows a head whose policy files do not load as breaking each file, at the first error', () => {
    const broken = parsePolicyFiles([{ path: FILE, text: `policies:\n${policy('approved-registry', 'error', '"(ghcr"')}` }], new Set());
    const [change] = comparePolicies(base, { errors: broken.errors });
    expect(change?.errors).toHaveLength(1);
    expect(change?.differences).toEqual([{ effect: 'weaker', message: expect.stringMatching(/^makes \.github\/tollgate\/policies\/platform\.yml fail to load \(line 11: /), key: [], line: 11 }]);
  });
});
