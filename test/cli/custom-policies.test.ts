import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutDeployment } from '../support/manifests.js';
import { runNode } from '../support/run-process.js';
import { startFakeGitHub } from '../e2e/fake-github.js';

/** The CLI in git mode with the repository's own policies in .github/tollgate/policies/. */

const temp = mkdtempSync(join(tmpdir(), 'tollgate-custom-policies-'));
const repo = join(temp, 'repo');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd: repo, stdio: 'ignore' });
}

function commit(branch: string, from: string | undefined, files: Record<string, string | null>): void {
  if (from !== undefined) {
    git('checkout', '-q', from);
    git('checkout', '-qb', branch);
  }
  for (const [path, text] of Object.entries(files)) {
    if (text === null) {
      git('rm', '-q', path);
      continue;
    }
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  git('add', '.');
  git('commit', '-qm', `chore: ${branch}`);
}

const REGISTRY_POLICY = `policies:
  - id: approved-registry
    title: Images come from ghcr.io/acme
    severity: error
    message: the image is not from ghcr.io/acme
    fix: Publish the image under ghcr.io/acme and use it from there.
    match:
      kubernetes: Deployment
    assert:
      path: spec.template.spec.containers[*].image
      matches: ^ghcr\\.io/acme/
`;

const POLICY_FILE = '.github/tollgate/policies/platform.yml';
const CONFIG_FILE = '.github/tollgate.yml';
const deployment = (image: string) => checkoutDeployment({ namespace: 'shop', replicas: 3, image });

interface JsonReport {
  verdict: string;
  checks: Array<{ ruleId: string; category: string; status: string }>;
  findings: Array<{ ruleId: string; status: string; severity: string; file?: string; line?: number; message: string }>;
}

async function gate(base: string, head: string): Promise<{ code: number | null; report?: JsonReport; stderr: string }> {
  const result = await runNode('dist/cli.js', ['--base', base, '--head', head, '--format', 'json'], { cwd: repo });
  return { code: result.code, stderr: result.stderr, ...(result.stdout.trim() !== '' ? { report: JSON.parse(result.stdout) as JsonReport } : {}) };
}

beforeAll(() => {
  mkdirSync(repo);
  git('init', '-q');
  commit('main', undefined, { [POLICY_FILE]: REGISTRY_POLICY, 'k8s/checkout.yaml': deployment('ghcr.io/acme/checkout:2.1.0') });
  commit('dockerhub', 'main', { 'k8s/checkout.yaml': deployment('docker.io/acme/checkout:2.2.0') });
  commit('weaken', 'main', { [POLICY_FILE]: null, 'k8s/checkout.yaml': deployment('docker.io/acme/checkout:2.2.0') });
  commit('broken', 'main', { [POLICY_FILE]: REGISTRY_POLICY.replace('^ghcr\\.io/acme/', '"(ghcr"') });
  commit('after-broken', 'broken', { 'k8s/checkout.yaml': deployment('ghcr.io/acme/checkout:2.2.0') });
  commit('tuned', 'main', { [CONFIG_FILE]: 'rules:\n  approved-registry: warning\noverrides:\n  - paths: ["legacy/**"]\n    rules: { approved-registry: off }\n' });
  commit('tuned-dockerhub', 'tuned', { 'k8s/checkout.yaml': deployment('docker.io/acme/checkout:2.2.0'), 'legacy/cart.yaml': deployment('docker.io/acme/cart:1.0.0') });
  commit('misspelt', 'main', { [CONFIG_FILE]: 'rules:\n  aproved-registry: off\n' });
  commit('misspelt-dockerhub', 'misspelt', { 'k8s/checkout.yaml': deployment('docker.io/acme/checkout:2.2.0') });
});

describe('tollgate with custom policies', () => {
  it('fails a pull request that breaks a policy, at the line of the value', async () => {
    const { code, report } = await gate('main', 'dockerhub');
    expect(code).toBe(1);
    expect(report?.checks.find((check) => check.ruleId === 'approved-registry')).toEqual(expect.objectContaining({ category: 'policy', status: 'fail' }));
    expect(report?.findings.filter((finding) => finding.ruleId === 'approved-registry')).toEqual([
      expect.objectContaining({ status: 'new', file: 'k8s/checkout.yaml', line: 16, message: expect.stringContaining('spec.template.spec.containers[0].image is "docker.io/acme/checkout:2.2.0"') }),
    ]);
  });

  it('judges with the base branch’s policies, so deleting a policy in the same pull request does not let it through', async () => {
    const { code, report } = await gate('main', 'weaken');
    expect(code).toBe(1);
    expect(report?.findings.map((finding) => finding.ruleId)).toContain('approved-registry');
    // The deletion itself is shown as what it would do once merged.
    expect(report?.findings.filter((finding) => finding.ruleId === 'config-change')).toEqual([
      expect.objectContaining({ severity: 'warning', file: POLICY_FILE, message: expect.stringContaining('removes custom policy approved-registry in .github/tollgate/policies/platform.yml; that loosens the gate') }),
    ]);
  });

  it('stops with the file, line and fix when a policy does not load', async () => {
    const { code, stderr } = await gate('broken', 'after-broken');
    expect(code).toBe(2);
    expect(stderr).toContain(`${POLICY_FILE}:11:`);
    expect(stderr).toContain('is not a valid regular expression');
  });

  it('sets a policy’s level in rules and for some paths in overrides, like a built-in rule’s', async () => {
    const { code, report } = await gate('tuned', 'tuned-dockerhub');
    expect(code).toBe(0);
    expect(report?.findings.filter((finding) => finding.ruleId === 'approved-registry')).toEqual([expect.objectContaining({ file: 'k8s/checkout.yaml', severity: 'warning' })]);
  });

  it('stops on a configured id that no rule or policy has, at its line, with the id meant', async () => {
    const { code, stderr } = await gate('misspelt', 'misspelt-dockerhub');
    expect(code).toBe(2);
    expect(stderr).toContain(`${CONFIG_FILE}:2:3: rules.aproved-registry: unknown rule id (did you mean "approved-registry"?)`);
  });
});

describe('tollgate policy test', () => {
  const dir = join(temp, 'policy-test');

  beforeAll(() => {
    mkdirSync(join(dir, '.github/tollgate/policies/examples'), { recursive: true });
    const examples = `    examples:
      pass:
        - |
${deployment('ghcr.io/acme/checkout:2.1.0').replace(/^/gm, '          ')}
      fail:
        - file: examples/dockerhub.yaml
        - |
${deployment('ghcr.io/acme/checkout:2.2.0').replace(/^/gm, '          ')}
`;
    writeFileSync(join(dir, POLICY_FILE), REGISTRY_POLICY + examples);
    writeFileSync(join(dir, '.github/tollgate/policies/examples/dockerhub.yaml'), deployment('docker.io/acme/checkout:2.2.0'));
  });

  it('runs each policy on its examples and names the one that does not come out as it says', async () => {
    const result = await runNode('dist/cli.js', ['policy', 'test'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      `ok   approved-registry (${POLICY_FILE}:2) pass example 1 (inline)`,
      `ok   approved-registry (${POLICY_FILE}:2) fail example 1 (examples/dockerhub.yaml)`,
      `FAIL approved-registry (${POLICY_FILE}:2) fail example 2 (inline): expected a finding, got no finding`,
      '1 policy, 3 examples, 1 failed',
      '',
    ]);
  });

  it('tests a pack shipped with tollgate', async () => {
    const result = await runNode('dist/cli.js', ['policy', 'test', 'pack:supply-chain'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^3 policies, 7 examples, 0 failed$/m);
  });
});

describe('tollgate config print', () => {
  it('prints every setting after presets and the files it extends, with where each comes from', async () => {
    const dir = join(temp, 'config-print');
    mkdirSync(join(dir, '.github'), { recursive: true });
    writeFileSync(join(dir, '.github/org-base.yml'), 'extends: strict\nfail-on: warning\n');
    writeFileSync(join(dir, '.github/tollgate.yml'), 'extends: .github/org-base.yml\njudge: all\nrules:\n  pr-size: off\n');
    const result = await runNode('dist/cli.js', ['config', 'print'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('# .github/tollgate.yml, over .github/org-base.yml, over preset:strict, over preset:default');
    const sourceOf = (key: string) => lines.find((line) => line.startsWith(`${key}: `))?.replace(/^.*# /, '');
    expect([sourceOf('fail-on'), sourceOf('judge'), sourceOf('rules.pr-size.level'), sourceOf('rules.parse-error.level'), sourceOf('policies')]).toEqual([
      '.github/org-base.yml',
      '.github/tollgate.yml',
      '.github/tollgate.yml',
      'preset:strict',
      'built-in',
    ]);
  });
});

describe('tollgate with another repository’s configuration', () => {
  const dir = join(temp, 'org-config');
  const org = 'fail-on: warning\nrules:\n  pr-size: off\n';
  const withoutToken = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'GITHUB_TOKEN' && name !== 'GH_TOKEN'));

  beforeAll(() => {
    mkdirSync(join(dir, '.github'), { recursive: true });
    writeFileSync(join(dir, CONFIG_FILE), 'extends: acme/platform-config/tollgate/base.yml@v3\njudge: all\n');
  });

  it('reads it through the GitHub API with the token the environment gives, once', async () => {
    const github = await startFakeGitHub({ owner: 'acme', repo: 'shop', pullNumber: 1, baseSha: 'a'.repeat(40), headSha: 'b'.repeat(40), base: {}, head: {}, otherRepos: { 'acme/platform-config': { v3: { 'tollgate/base.yml': org } } } });
    try {
      const result = await runNode('dist/cli.js', ['config', 'print'], { cwd: dir, env: { ...withoutToken, GH_TOKEN: 'local-token', GITHUB_API_URL: github.url } });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.split('\n')[0]).toBe(`# ${CONFIG_FILE}, over acme/platform-config/tollgate/base.yml@v3, over preset:default`);
      expect(result.stdout).toMatch(/^fail-on: "warning" +# acme\/platform-config\/tollgate\/base\.yml@v3$/m);
      expect(github.requests.map((request) => [request.method, decodeURIComponent(request.path), request.query.get('ref')])).toEqual([['GET', '/repos/acme/platform-config/contents/tollgate/base.yml', 'v3']]);
    } finally {
      await github.close();
    }
  });

  it('makes no network call without a token, and says how to give one', async () => {
    const result = await runNode('dist/cli.js', ['config', 'print'], { cwd: dir, env: withoutToken });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('extends acme/platform-config/tollgate/base.yml@v3, which could not be read: another repository’s file is read through the GitHub API: set GITHUB_TOKEN or GH_TOKEN');
  });
});
