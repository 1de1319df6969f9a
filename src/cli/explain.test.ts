import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { explanation, terminalLink } from './explain.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const empty = mkdtempSync(join(tmpdir(), 'tollgate-explain-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('explanation', () => {
  it("is a built-in rule's docs page as written", () => {
    const found = explanation('k8s-image-tag', repoRoot);
    expect(found).toEqual({ markdown: expect.stringMatching(/^# k8s-image-tag\n[\s\S]*## How to suppress/) });
  });

  it("is a pack policy's own words, with how to turn its pack on", () => {
    const found = explanation('costly-resource-owner', repoRoot);
    if (!('markdown' in found)) throw new Error(found.error);
    expect(found.markdown).toContain('# costly-resource-owner\n\n**Policy pack:** finops · **Severity:** error');
    expect(found.markdown).toContain('`policies: ["pack:finops"]`');
  });

  it.each([
    { id: 'k8s-imge-tag', error: 'there is no rule "k8s-imge-tag" (did you mean "k8s-image-tag"?); tollgate rules lists them all' },
    { id: 'costly-resource-ownr', error: 'there is no rule "costly-resource-ownr" (did you mean "costly-resource-owner"?); tollgate rules lists them all' },
    { id: 'PR_SIZE', error: 'there is no rule "PR_SIZE" (did you mean "pr-size"?); tollgate rules lists them all' },
    { id: 'terraform', error: 'there is no rule "terraform"; tollgate rules lists them all' },
  ])('an unknown id $id names the nearest one', ({ id, error }) => {
    expect(explanation(id, repoRoot)).toEqual({ error });
  });

  it('says where to read a page that is missing from the installation', () => {
    expect(explanation('k8s-pdb', empty)).toEqual({
      error: `the page of k8s-pdb is missing from this installation (${join(empty, 'docs/rules/k8s-pdb.md')}); read it at https://github.com/tollgate-dev/tollgate/blob/main/docs/rules/k8s-pdb.md`,
    });
  });
});

describe('terminalLink', () => {
  it.each([
    { target: 'k8s-resource-requests.md', shown: 'tollgate explain k8s-resource-requests' },
    { target: 'agreement.md', shown: 'https://github.com/tollgate-dev/tollgate/blob/main/docs/rules/agreement.md' },
    { target: '../config.md#limits', shown: 'https://github.com/tollgate-dev/tollgate/blob/main/docs/config.md#limits' },
    { target: 'https://github.com/zegl/kube-score', shown: 'https://github.com/zegl/kube-score' },
  ])('$target', ({ target, shown }) => {
    expect(terminalLink(target)).toBe(shown);
  });
});
