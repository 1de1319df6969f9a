import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../support/run-process.js';

const temp = mkdtempSync(join(tmpdir(), 'tollgate-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
`;

interface JsonReport {
  verdict: string;
  resources: Array<{ address: string; change: string; file: string }>;
  findings: Array<{ ruleId: string; file?: string; line?: number; severity: string }>;
  source: { kind: string; baseSha?: string };
}

describe('tollgate check on a git repository', () => {
  const repo = join(temp, 'repo');

  beforeAll(() => {
    mkdirSync(repo);
    git(repo, 'init', '-q');
    write(repo, {
      'k8s/web.yaml': deployment('web', 2),
      'k8s/old.yaml': deployment('old', 1),
      'k8s/moved.yaml': deployment('moved', 2),
      'README.md': '# app\n',
    });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    git(repo, 'checkout', '-qb', 'feature');
    write(repo, {
      'k8s/web.yaml': deployment('web', 3),
      'infra/terraform.tfstate': '{"version":4}\n',
      'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00]),
      'k8s/broken.yaml': 'kind: [\n',
    });
    git(repo, 'rm', '-q', 'k8s/old.yaml');
    git(repo, 'mv', 'k8s/moved.yaml', 'k8s/renamed.yaml');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'feature');
    // A commit on main after the fork point must not appear in the change (three-dot semantics).
    git(repo, 'checkout', '-q', 'main');
    write(repo, { 'k8s/later.yaml': deployment('later', 1) });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'later on main');
    git(repo, 'checkout', '-q', 'feature');
  });

  it('reports renames, deletions, binaries and findings as JSON, and exits 1 on fail', async () => {
    const result = await runNode('dist/cli.js', ['check', '--base', 'main', '--head', 'feature', '--format', 'json'], { cwd: repo });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.source.kind).toBe('git');
    expect(report.verdict).toBe('fail');
    expect(report.resources.map((r) => [r.address, r.change, r.file])).toEqual([
      ['apps/v1/Deployment/default/old', 'removed', 'k8s/old.yaml'],
      ['apps/v1/Deployment/default/web', 'changed', 'k8s/web.yaml'],
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['no-committed-artifacts', 'infra/terraform.tfstate', undefined],
      // The pull request's title comes from the newest commit ("feature"): not Conventional, no issue.
      ['linked-issue', undefined, undefined],
      ['pr-title-format', undefined, undefined],
      ['parse-error', 'k8s/broken.yaml', 2],
    ]);
    expect(JSON.stringify(report)).not.toContain('later');
  });

  it('prints a text report by default', async () => {
    const result = await runNode('dist/cli.js', ['--base', 'main'], { cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('infra/terraform.tfstate');
    expect(result.stdout).toContain('no-committed-artifacts');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('writes SARIF to a file', async () => {
    const output = join(temp, 'out', 'report.sarif');
    const result = await runNode('dist/cli.js', ['--base', 'main', '--format', 'sarif', '--output', output, '--fail-on', 'never'], { cwd: repo });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const sarif = JSON.parse(execFileSync('cat', [output], { encoding: 'utf8' })) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.length).toBe(4);
  });

  it('explains an unknown base ref and exits 2', async () => {
    const result = await runNode('dist/cli.js', ['--base', 'no-such-branch'], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-branch');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('tells a shallow clone to fetch full history and exits 2', async () => {
    const shallow = join(temp, 'shallow');
    git(temp, 'clone', '-q', '--depth', '1', '--branch', 'feature', '--no-single-branch', `file://${repo}`, shallow);
    const result = await runNode('dist/cli.js', ['--base', 'origin/main'], { cwd: shallow });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('fetch-depth: 0');
  });

  it('reports a config error with file, line, key and the allowed values, and exits 2', async () => {
    const config = join(temp, 'bad.yml');
    writeFileSync(config, 'extends: default\nfail-on: sometimes\n');
    const result = await runNode('dist/cli.js', ['--base', 'main', '--config', config], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${config}:2`);
    expect(result.stderr).toContain('fail-on');
    expect(result.stderr).toContain('sometimes');
    expect(result.stderr).toContain('error, warning, never');
  });

  it('refuses a named config file that does not exist', async () => {
    const result = await runNode('dist/cli.js', ['--base', 'main', '--config', join(temp, 'missing.yml')], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.yml');
  });
});

describe('tollgate check on two directories', () => {
  it('treats a missing base as everything added', async () => {
    const head = join(temp, 'tree-head');
    write(head, { 'k8s/web.yaml': deployment('web', 2) });
    const result = await runNode('dist/cli.js', ['--base', join(temp, 'does-not-exist'), '--head', head, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.source.kind).toBe('directories');
    expect(report.resources).toEqual([expect.objectContaining({ address: 'apps/v1/Deployment/default/web', change: 'added' })]);
  });
});

describe('tollgate demo, --help and --version', () => {
  it('prints the demo report and exits 0 even though the demo fails the gate', async () => {
    const result = await runNode('dist/cli.js', ['demo'], { cwd: tmpdir() });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('infra/terraform.tfstate');
    expect(result.stdout).toContain('k8s/cron.yaml');
  });

  it('prints usage and version', async () => {
    const help = await runNode('dist/cli.js', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tollgate');
    const version = await runNode('dist/cli.js', ['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on a bad flag, with usage', async () => {
    const result = await runNode('dist/cli.js', ['--format', 'html']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format');
    expect(result.stderr).toContain('Usage: tollgate');
  });
});
