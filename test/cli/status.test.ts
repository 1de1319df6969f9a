import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listedInSection } from '../support/comment-structure.js';
import { checkoutDeployment } from '../support/manifests.js';
import { runNode } from '../support/run-process.js';

/**
 * The gate in git mode over a repository with history: a base branch that never had a gate (a
 * Deployment with most things missing), and three pull requests against it.
 */

const temp = mkdtempSync(join(tmpdir(), 'tollgate-status-cli-'));
const repo = join(temp, 'repo');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd: repo, stdio: 'ignore' });
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

function deployment(options: { image?: string; readiness?: boolean; liveness?: boolean } = {}): string {
  return checkoutDeployment({ namespace: 'shop', port: true, readiness: options.readiness !== false, ...(options.image ? { image: options.image } : {}), ...(options.liveness ? { liveness: true } : {}) });
}


function branch(name: string, text: string, message: string): void {
  git('checkout', '-q', 'main');
  git('checkout', '-qb', name);
  write('k8s/checkout.yaml', text);
  git('commit', '-qam', message);
}

interface JsonReport {
  verdict: string;
  counts: { new: number; existing: number; fixed: number };
  findings: Array<{ ruleId: string; status: string; file?: string; fingerprint: string }>;
  fixed: Array<{ ruleId: string; status: string; file?: string }>;
}

async function gate(head: string, format = 'json'): Promise<{ code: number | null; stdout: string }> {
  const result = await runNode('dist/cli.js', ['--base', 'main', '--head', head, '--format', format, '--no-color'], { cwd: repo });
  return { code: result.code, stdout: result.stdout };
}

beforeAll(() => {
  mkdirSync(repo);
  git('init', '-q');
  write('k8s/checkout.yaml', deployment());
  git('add', '.');
  git('commit', '-qm', 'feat: checkout service');
  branch('bump', deployment({ image: 'ghcr.io/acme/checkout:2.1.1' }), 'chore(deps): bump checkout to 2.1.1');
  branch('drop-probe', deployment({ readiness: false }), 'refactor: drop the readiness probe');
  branch('liveness', deployment({ liveness: true }), 'fix: add a liveness probe');
});

describe('tollgate check in git mode, judging what a pull request introduces', () => {
  it('passes a dependency bump over a messy base, and still lists what the base already had', async () => {
    const { code, stdout } = await gate('bump');
    const report = JSON.parse(stdout) as JsonReport;
    expect(code).toBe(0);
    expect(report.verdict).toBe('pass');
    // Only a notice about the pull request itself (it links no issue) is new.
    expect(report.findings.filter((finding) => finding.status === 'new').map((finding) => finding.ruleId)).toEqual(['linked-issue']);
    expect(report.counts.existing).toBeGreaterThanOrEqual(3);
    expect(report.findings.filter((finding) => finding.file !== undefined).every((finding) => finding.status === 'existing')).toBe(true);
    const text = await gate('bump', 'text');
    expect(text.stdout).toMatch(/^Already on the base branch \(\d+\), not blocking$/m);
    expect(text.stdout).toMatch(/^PASS: 1 new \(1 notice\), \d+ existing \(not blocking\)/m);
  });

  it('fails a commit that removes a readiness probe on exactly that new finding', async () => {
    const { code, stdout } = await gate('drop-probe');
    const report = JSON.parse(stdout) as JsonReport;
    expect(code).toBe(1);
    expect(report.findings.filter((finding) => finding.status === 'new' && finding.file !== undefined).map((finding) => finding.ruleId)).toEqual(['k8s-readiness-probe']);
    const markdown = await gate('drop-probe', 'markdown');
    expect(listedInSection(markdown.stdout, 'Deployment').deciding).toBe(1);
    expect(markdown.stdout).toContain('**k8s/checkout.yaml**');
  });

  it('lists what a commit fixes', async () => {
    const { code, stdout } = await gate('liveness');
    const report = JSON.parse(stdout) as JsonReport;
    expect(code).toBe(0);
    expect(report.fixed.map((finding) => [finding.ruleId, finding.status, finding.file])).toEqual([['k8s-liveness-probe', 'fixed', 'k8s/checkout.yaml']]);
    expect(report.counts.fixed).toBe(1);
    const text = await gate('liveness', 'text');
    expect(text.stdout).toMatch(/^Fixed by this change \(1\)\n {2}k8s\/checkout\.yaml:\d+ {2}k8s-liveness-probe/m);
  });

  it('gives a finding the same fingerprint on every branch it is found on', async () => {
    const bump = JSON.parse((await gate('bump')).stdout) as JsonReport;
    const liveness = JSON.parse((await gate('liveness')).stdout) as JsonReport;
    const replicas = (report: JsonReport) => report.findings.find((finding) => finding.ruleId === 'k8s-replicas')?.fingerprint;
    expect(replicas(bump)).toMatch(/^[0-9a-f]{32}$/);
    expect(replicas(liveness)).toBe(replicas(bump));
  });

  it('judges everything with --judge all', async () => {
    const { code, stdout } = await gate('bump', 'json');
    expect(code).toBe(0);
    const strict = await runNode('dist/cli.js', ['--base', 'main', '--head', 'bump', '--format', 'json', '--judge', 'all'], { cwd: repo });
    expect(strict.code).toBe(1);
    expect((JSON.parse(strict.stdout) as JsonReport & { judge: string }).judge).toBe('all');
    expect((JSON.parse(stdout) as JsonReport & { judge: string }).judge).toBe('new');
  });
});
