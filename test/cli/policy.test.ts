import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutDeployment } from '../support/manifests.js';
import { runNode } from '../support/run-process.js';

/** The CLI in git mode judging pull requests that change the gate's own configuration. */

const temp = mkdtempSync(join(tmpdir(), 'tollgate-policy-cli-'));
const repo = join(temp, 'repo');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd: repo, stdio: 'ignore' });
}

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
}

const deployment = (replicas: number, image: string) => checkoutDeployment({ namespace: 'shop', replicas, image });

function branch(name: string, from: string, files: Record<string, string>): void {
  git('checkout', '-q', from);
  git('checkout', '-qb', name);
  write(files);
  git('add', '.');
  git('commit', '-qm', `chore: ${name}`);
}

interface JsonReport {
  verdict: string;
  policy: { from: string; fallback?: string; change?: { path: string; verdict?: string; loosens: number; tightens: number } };
  findings: Array<{ ruleId: string; severity: string; status: string; file?: string; line?: number; message: string }>;
  suppressionsAdded: Array<{ file: string; ruleId: string; reason?: string }>;
}

async function gate(base: string, head: string): Promise<{ code: number | null; report: JsonReport }> {
  const result = await runNode('dist/cli.js', ['--base', base, '--head', head, '--format', 'json'], { cwd: repo });
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport };
}

beforeAll(() => {
  mkdirSync(repo);
  git('init', '-q');
  write({ '.github/tollgate.yml': 'fail-on: error\n', 'k8s/checkout.yaml': deployment(3, 'ghcr.io/acme/checkout:2.1.0') });
  git('add', '.');
  git('commit', '-qm', 'feat: checkout');
  branch('relax', 'main', {
    '.github/tollgate.yml': 'fail-on: never\nrules:\n  k8s-replicas: off\n',
    'k8s/checkout.yaml': deployment(1, 'ghcr.io/acme/checkout:latest'),
  });
  branch('tighten', 'main', { '.github/tollgate.yml': 'fail-on: error\njudge: all\n' });
  branch('suppress', 'main', { 'k8s/checkout.yaml': deployment(1, 'ghcr.io/acme/checkout:2.1.0').replace('  replicas: 1', '  # tollgate:ignore k8s-replicas batch worker, one is enough\n  replicas: 1') });
  branch('broken-main', 'main', { '.github/tollgate.yml': 'fail-on: sometimes\n' });
  branch('repair', 'broken-main', { '.github/tollgate.yml': 'fail-on: error\n' });
});

describe('tollgate check when a pull request changes the configuration', () => {
  it('still fails a pull request that relaxes fail-on and turns a rule off on its own errors, and names each loosening', async () => {
    const { code, report } = await gate('main', 'relax');
    expect(code).toBe(1);
    expect(report.verdict).toBe('fail');
    expect(report.policy).toEqual({ from: 'base', change: { path: '.github/tollgate.yml', verdict: 'warn', loosens: 2, tightens: 0 } });
    const changes = report.findings.filter((finding) => finding.ruleId === 'config-change');
    expect(changes.map((finding) => [finding.severity, finding.file, finding.line])).toEqual([
      ['warning', '.github/tollgate.yml', 1],
      ['warning', '.github/tollgate.yml', 3],
    ]);
    expect(report.findings.filter((finding) => finding.status === 'new' && finding.severity === 'error').map((finding) => finding.ruleId).sort()).toEqual(['k8s-image-tag', 'k8s-replicas']);
  });

  it('passes a pull request that only tightens the configuration, with a notice', async () => {
    const { code, report } = await gate('main', 'tighten');
    expect(code).toBe(0);
    expect(report.findings.filter((finding) => finding.ruleId === 'config-change').map((finding) => finding.severity)).toEqual(['notice']);
    expect(report.policy.change).toMatchObject({ verdict: 'pass', loosens: 0, tightens: 1 });
  });

  it('lists the suppressions a pull request adds, with their reasons, and honours them', async () => {
    const { code, report } = await gate('main', 'suppress');
    expect(code).toBe(0);
    expect(report.suppressionsAdded).toEqual([expect.objectContaining({ file: 'k8s/checkout.yaml', ruleId: 'k8s-replicas', reason: 'batch worker, one is enough' })]);
  });

  it('lets a pull request that repairs a broken base configuration pass, and says so', async () => {
    const { code, report } = await gate('broken-main', 'repair');
    expect(code).toBe(0);
    expect(report.policy.from).toBe('head');
    expect(report.policy.fallback).toMatch(/^the configuration on the base branch does not load \(\.github\/tollgate\.yml:1: fail-on: "sometimes"/);
  });

  it('judges with the head’s configuration when asked to (--policy-from head)', async () => {
    const result = await runNode('dist/cli.js', ['--base', 'main', '--head', 'relax', '--format', 'json', '--policy-from', 'head'], { cwd: repo });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as JsonReport).policy).toEqual({ from: 'head' });
  });
});
