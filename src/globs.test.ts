import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { matchesAnyGlob } from './globs.js';

describe('matchesAnyGlob', () => {
  it.each([
    ['infra/main.tf', ['infra/**'], true],
    ['infra/modules/vpc/main.tf', ['infra/**'], true],
    ['k8s/app.yaml', ['infra/**'], false],
    ['.github/workflows/ci.yml', ['**'], true],
    ['a/.terraform/x', ['**/.terraform/**'], true],
    ['Infra/main.tf', ['infra/**'], false],
    ['main.tf', [], false],
    ['envs/prod/terraform.tfstate', ['**/*.tfstate'], true],
    ['envs/prod/terraform.tfstate.backup', ['**/*.tfstate'], false],
    ['crash.log', ['**/crash.log'], true],
    ['logs/crash.log.1', ['**/crash.log'], false],
  ])('%s in %j → %s', (path, globs, expected) => {
    expect(matchesAnyGlob(path, globs)).toBe(expected);
  });

  it('ignores case only when asked', () => {
    expect(matchesAnyGlob('state/Prod.TFSTATE', ['**/*.tfstate'])).toBe(false);
    expect(matchesAnyGlob('state/Prod.TFSTATE', ['**/*.tfstate'], { nocase: true })).toBe(true);
    expect(matchesAnyGlob('keys/ID_RSA', ['**/id_rsa'], { nocase: true })).toBe(true);
    // minimatch folds case beyond toLowerCase: the long s is an s, the Kelvin sign a K.
    expect(matchesAnyGlob('a.\u017F', ['*.s'], { nocase: true })).toBe(true);
    expect(matchesAnyGlob('x.\u212A', ['**/*.k'], { nocase: true })).toBe(true);
  });

  it('agrees with minimatch (dot: true) on every glob and path', () => {
    const segment = fc.constantFrom('a', 'b', 'A', '.env', 'main.tf', 'x.tfstate', 'crash.log', 'é', 'id_rsa', '..', '.', 'a.ſ', 'x.\u212A', 'İ');
    const globSegment = fc.constantFrom('**', '*', '?', 'a', 'B', '*.tf', '*.tfstate', 'crash.log', '.env', '{a,b}', '[ab]', '*.{tf,log}', 'x.*', '!(a)', '\\*', '.', '..', '', '*.s', 'k', 'x.*.log', '.terraform', 'a*b');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    const glob = fc.tuple(fc.constantFrom('', '!', '#', './'), fc.array(globSegment, { minLength: 1, maxLength: 4 })).map(([prefix, parts]) => prefix + parts.join('/'));
    fc.assert(
      fc.property(path, fc.array(glob, { maxLength: 3 }), fc.boolean(), (file, globs, nocase) => {
        const expected = globs.some((pattern) => minimatch(file, pattern, { dot: true, nocase }));
        expect(matchesAnyGlob(file, globs, { nocase })).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
