import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import { emptyCost } from '../../cost/model.js';
import type { InlineSuppression } from '../../iac/model.js';
import { plainConfig } from '../../test-support.js';
import type { RuleFinding } from '../model.js';
import { addedLines } from '../../changes/added-lines.js';
import { findSecrets, redact, SECRET_KINDS, shannonEntropy } from './secret-patterns.js';
import { secretsInDiff } from './secrets-in-diff.js';

/**
 * Real formats, assembled at test time so this repository never holds a string a scanner (ours or
 * GitHub's push protection) would take for a live credential. The random parts are fixed, not
 * generated, so a failure reproduces.
 */
const RANDOM_40 = 'q8Zr3Lk0Vt7Wn2Bx5Yc9Fh1Jm4Pd6Gs0Ua8Ei3Ko';
const RANDOM_36 = 'R7d2Kq9ZxB4nLm1Tv8Yc3Wf6Hs0Ja5PuEg2N';
const part = (...pieces: string[]) => pieces.join('');
const jwt = [
  Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url'),
  Buffer.from('{"sub":"svc-deploy","iat":1700000000}').toString('base64url'),
  'Kq9ZxB4nLm1Tv8Yc3Wf6Hs0Ja5PuEg2NR7d2',
].join('.');

const SECRETS: Array<[kind: string, line: string, value: string]> = [
  ['aws-access-key-id', `  access_key = "${part('AKIA', 'Z7QW3RT5YU2IOP4A')}"`, part('AKIA', 'Z7QW3RT5YU2IOP4A')],
  ['aws-access-key-id', `AWS_ACCESS_KEY_ID=${part('ASIA', 'QW3RT5YU2IOP4AZ7')}`, part('ASIA', 'QW3RT5YU2IOP4AZ7')],
  ['aws-secret-access-key', `aws_secret_access_key = ${RANDOM_40}`, RANDOM_40],
  ['aws-secret-access-key', `"SecretAccessKey": "${RANDOM_40}"`, RANDOM_40],
  ['github-token', `GITHUB_TOKEN=${part('gh', 'p_', RANDOM_36)}`, part('gh', 'p_', RANDOM_36)],
  ['github-token', `token: ${part('gh', 's_', RANDOM_36)}`, part('gh', 's_', RANDOM_36)],
  ['github-token', `pat = "${part('github', '_pat_', 'A'.repeat(0), '11ABCDEFG0123456789abc', '_', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9Zx8Yw7Vu6Ts5Rq4Po3Nm2L')}"`, part('github', '_pat_', '11ABCDEFG0123456789abc', '_', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9Zx8Yw7Vu6Ts5Rq4Po3Nm2L')],
  ['slack-token', `SLACK_BOT_TOKEN=${part('xo', 'xb-', '2401234567890-5551234567890-', 'Rk3Lp9Zq2Wx7Vb4Nm8Tc1Yd')}`, part('xo', 'xb-', '2401234567890-5551234567890-', 'Rk3Lp9Zq2Wx7Vb4Nm8Tc1Yd')],
  ['slack-webhook', `webhook_url = "https://hooks.slack.com/services/${part('T0ABC1DEF', '/', 'B0GHI2JKL', '/', 'Rk3Lp9Zq2Wx7Vb4Nm8Tc1Yd5')}"`, part('T0ABC1DEF', '/', 'B0GHI2JKL', '/', 'Rk3Lp9Zq2Wx7Vb4Nm8Tc1Yd5')],
  ['stripe-key', `STRIPE_KEY=${part('sk', '_live_', '51Hx9Rk3Lp9Zq2Wx7Vb4Nm8Tc1Yd')}`, part('sk', '_live_', '51Hx9Rk3Lp9Zq2Wx7Vb4Nm8Tc1Yd')],
  ['stripe-key', `key: ${part('rk', '_test_', '51Hx9Rk3Lp9Zq2Wx7Vb4Nm8Tc1Yd')}`, part('rk', '_test_', '51Hx9Rk3Lp9Zq2Wx7Vb4Nm8Tc1Yd')],
  ['google-api-key', `  "key": "${part('AI', 'za', 'SyD3x9Rk3Lp9Zq2Wx7Vb4Nm8Tc1Yd5Gh6Jk')}"`, part('AI', 'za', 'SyD3x9Rk3Lp9Zq2Wx7Vb4Nm8Tc1Yd5Gh6Jk')],
  ['npm-token', `//registry.npmjs.org/:_authToken=${part('np', 'm_', RANDOM_36)}`, part('np', 'm_', RANDOM_36)],
  ['private-key', part('-----BEGIN ', 'RSA PRIVATE', ' KEY-----'), part('-----BEGIN ', 'RSA PRIVATE', ' KEY-----')],
  ['private-key', part('-----BEGIN ', 'OPENSSH PRIVATE', ' KEY-----'), part('-----BEGIN ', 'OPENSSH PRIVATE', ' KEY-----')],
  ['private-key', part('  key: "-----BEGIN ', 'PRIVATE', ' KEY-----\\nMIIE..."'), part('-----BEGIN ', 'PRIVATE', ' KEY-----')],
  ['jwt', `Authorization: Bearer ${jwt}`, jwt],
  ['connection-string', 'DATABASE_URL=postgres://app:Zq2Wx7Vb4N@db.internal:5432/app', 'Zq2Wx7Vb4N'],
  ['connection-string', 'uri: mongodb+srv://svc:p4Ss-w0Rd-91@cluster0.mongodb.net/prod', 'p4Ss-w0Rd-91'],
  ['generic-secret', '  password = "Tr0ub4dor&3xQ"', 'Tr0ub4dor&3xQ'],
  ['generic-secret', 'client_secret: 8f3KxL9qZ2mWv7RtB4yN', '8f3KxL9qZ2mWv7RtB4yN'],
  ['generic-secret', 'export API_KEY=a1b2c3d4e5f6g7h8i9j0kLmN', 'a1b2c3d4e5f6g7h8i9j0kLmN'],
  ['generic-secret', '    db_password: "Xk2#pL9!qW4z"', 'Xk2#pL9!qW4z'],
  // The AWS provider's own argument name (`provider "aws" { secret_key = … }`).
  ['generic-secret', `  secret_key = "${RANDOM_40}"`, RANDOM_40],
];

describe('secret detectors', () => {
  it.each(SECRETS)('finds %s in %s', (kind, line, value) => {
    const found = findSecrets(line);
    expect(found.map((secret) => [secret.kind, secret.value])).toEqual([[kind, value]]);
  });

  it('covers every detector with a true positive', () => {
    expect(new Set(SECRETS.map(([kind]) => kind))).toEqual(new Set(SECRET_KINDS));
  });

  it('stays silent on the look-alike corpus (UUIDs, SHAs, digests, data URIs, documented examples, references, prose)', () => {
    const corpus = readFileSync(new URL('../../../test/fixtures/hygiene/secret-lookalikes.txt', import.meta.url), 'utf8').split('\n').filter((line) => line !== '');
    expect(corpus.length).toBeGreaterThan(100);
    const falsePositives = corpus.flatMap((line) => findSecrets(line).map((secret) => `${secret.kind}: ${line}`));
    expect(falsePositives).toEqual([]);
  });

  it('exempts unquoted code of word-like names only: random values with a dot, quoted or not, are reported', () => {
    expect(findSecrets('  password = "Zq8.vT3kLw9x"').map((secret) => [secret.kind, secret.value])).toEqual([['generic-secret', 'Zq8.vT3kLw9x']]);
    expect(findSecrets('PASSWORD=Zq8.vT3kLw9x').map((secret) => [secret.kind, secret.value])).toEqual([['generic-secret', 'Zq8.vT3kLw9x']]);
    expect(findSecrets('  password = PLANTED.secretToken,')).toEqual([]);
  });

  it("allows AWS's documented example keys but not the same shape without the marker", () => {
    expect(findSecrets('aws_access_key_id = AKIAIOSFODNN7EXAMPLE')).toEqual([]);
    expect(findSecrets(`aws_access_key_id = ${part('AKIA', 'IOSFODNN7EXAMPL2')}`).map((s) => s.kind)).toEqual(['aws-access-key-id']);
  });

  it('ignores unsigned JWTs and values inside base64 data URIs', () => {
    const unsigned = [Buffer.from('{"alg":"none"}').toString('base64url'), Buffer.from('{"sub":"x1234567"}').toString('base64url'), 'abcdefghijklmnopqrst'].join('.');
    expect(findSecrets(`token ${unsigned}`)).toEqual([]);
    expect(findSecrets(`src="data:image/png;base64,iVBORw0K/${part('AKIA', 'Z7QW3RT5YU2IOP4A')}/xyz"`)).toEqual([]);
  });

  it('redacts to four characters and measures entropy', () => {
    expect(redact('ghp_secretvalue')).toBe('ghp_…');
    expect(redact('ab')).toBe('ab…');
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

describe('addedLines', () => {
  it('reads -U0 patches (git, directories) with head line numbers', () => {
    const patch = ['@@ -3,0 +4,2 @@', '+one', '+two', '@@ -10 +12 @@', '-old', '+new'].join('\n');
    expect(addedLines(patch)).toEqual([
      { line: 4, text: 'one' },
      { line: 5, text: 'two' },
      { line: 12, text: 'new' },
    ]);
  });

  it("reads GitHub's three-line context and treats `+++`/`---` content as content", () => {
    const patch = ['@@ -1,4 +1,5 @@', ' a', ' b', '-c', '+++ C', '+d', ' e', '\\ No newline at end of file'].join('\n');
    expect(addedLines(patch)).toEqual([
      { line: 3, text: '++ C' },
      { line: 4, text: 'd' },
    ]);
  });

  it('skips file headers before the first hunk', () => {
    expect(addedLines(['diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -0,0 +1 @@', '+x'].join('\n'))).toEqual([{ line: 1, text: 'x' }]);
  });
});

function run(files: ChangedFile[], options: Record<string, unknown> = {}, suppressions: InlineSuppression[] = []): RuleFinding[] {
  const result = secretsInDiff.run({ files, resources: [], parseIssues: [], suppressions, cost: emptyCost(), config: plainConfig(), options });
  if (!Array.isArray(result)) throw new Error(result.skip);
  return result;
}

const awsKey = part('AKIA', 'Z7QW3RT5YU2IOP4A');

describe('secrets-in-diff', () => {
  it('reports added lines only, with file, line and kind, and never the value', () => {
    const patch = ['@@ -1,3 +1,3 @@', ' provider "aws" {', `-  access_key = "${part('AKIA', 'OLDOLDOLDOLDOLD2')}"`, `+  access_key = "${awsKey}"`, ' }'].join('\n');
    const findings = run([{ path: 'infra/main.tf', status: 'modified', patch }]);
    expect(findings).toEqual([
      {
        message: 'infra/main.tf:2 adds an AWS access key ID (AKIA…).',
        fix: expect.stringContaining('rotate'),
        file: 'infra/main.tf',
        line: 2,
      },
    ]);
    expect(JSON.stringify(findings)).not.toContain(awsKey.slice(4));
  });

  it('honours an inline ignore with a reason on the line or the line above, and the allow option', () => {
    const patch = ['@@ -0,0 +1,4 @@', `+KEY = "${awsKey}"  # tollgate:ignore secrets-in-diff fake key for tests`, '+# tollgate:ignore secrets-in-diff fixture', `+OTHER = "${awsKey}"`, `+LEAK = "${awsKey}"`].join('\n');
    expect(run([{ path: 'app/settings.py', status: 'added', patch }]).map((f) => f.line)).toEqual([4]);
    expect(run([{ path: 'test/fixtures/keys.txt', status: 'added', patch: `@@ -0,0 +1 @@\n+${awsKey}` }], { allow: ['test/fixtures/**'] })).toEqual([]);
  });

  it('leaves suppressions the iac stage parsed to the runner, so they show as suppressed', () => {
    const patch = ['@@ -0,0 +1,2 @@', '+# tollgate:ignore secrets-in-diff rotated already', `+access_key = "${awsKey}"`].join('\n');
    const suppressions: InlineSuppression[] = [{ file: 'a.tf', line: 1, ruleId: 'secrets-in-diff', reason: 'rotated already' }];
    expect(run([{ path: 'a.tf', status: 'added', patch }], {}, suppressions).map((f) => f.line)).toEqual([2]);
  });

  it('skips removed files, files without a patch and lock files by default', () => {
    const patch = `@@ -0,0 +1 @@\n+${awsKey}`;
    expect(
      run([
        { path: 'gone.txt', status: 'removed', patch },
        { path: 'blob.bin', status: 'added', binary: true },
        { path: 'web/package-lock.json', status: 'modified', patch },
      ]),
    ).toEqual([]);
  });
});
