import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../support/run-process.js';

const repo = mkdtempSync(join(tmpdir(), 'tollgate-cli-hygiene-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd: repo, encoding: 'utf8' });
}

function commit(path: string, content: string, message: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), content);
  git('add', path);
  git('commit', '-qm', message);
}

interface JsonReport {
  findings: Array<{ ruleId: string; message: string; file?: string; line?: number }>;
  checks: Array<{ ruleId: string; status: string; skippedReason?: string }>;
}

/** Built at run time so the repository holds no string a secret scanner would flag. */
const AWS_KEY = ['AKIA', 'Z7QW3RT5YU2IOP4A'].join('');

beforeAll(() => {
  git('init', '-q');
  commit('README.md', '# infra\n', 'chore: start');
  git('checkout', '-qb', 'dns-changes');
  commit('infra/dns.tf', 'resource "aws_route53_record" "api" {\n  ttl = 60\n}\n', 'fix(dns): lower the TTL');
  commit('main.go', `package main\n\nconst key = "${AWS_KEY}"\n`, 'fixup! fix(dns): lower the TTL');
  git('checkout', '-q', 'main');
  commit('docs.md', 'docs\n', 'docs: more');
  git('checkout', '-q', 'dns-changes');
  git('merge', '-q', '--no-edit', 'main');
});

describe('tollgate check: pull request hygiene from git', () => {
  it('reports fixup and merge commits, the title and the secret (redacted), from git log', async () => {
    const result = await runNode('dist/cli.js', ['--base', 'main', '--format', 'json', '--fail-on', 'never', '--title', 'WIP dns'], { cwd: repo });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(AWS_KEY);
    const report = JSON.parse(result.stdout) as JsonReport;
    const byRule = (id: string) => report.findings.filter((finding) => finding.ruleId === id);
    expect(byRule('no-wip-commits').map((f) => f.message)).toEqual(expect.arrayContaining([
      'The pull request title "WIP dns" marks it as work in progress.',
      expect.stringMatching(/^Commit [0-9a-f]{7} "fixup! fix\(dns\): lower the TTL" is a fixup/),
    ]));
    expect(byRule('no-wip-commits')).toHaveLength(2);
    expect(byRule('no-merge-commits')).toHaveLength(1);
    expect(byRule('pr-title-format')).toHaveLength(1);
    expect(byRule('secrets-in-diff')).toEqual([expect.objectContaining({ file: 'main.go', line: 3, message: 'main.go:3 adds an AWS access key ID (AKIA…).' })]);
    expect(report.checks.find((check) => check.ruleId === 'pr-description')).toMatchObject({ status: 'skipped' });
    expect(report.checks.find((check) => check.ruleId === 'commit-message-format')).toMatchObject({ status: 'skipped' });
  });

  it('takes the title from the newest commit and the branch from the head ref', async () => {
    const result = await runNode('dist/cli.js', ['--base', 'main', '--format', 'json', '--fail-on', 'never', '--config', join(repo, 'branch.yml')], { cwd: repo });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JsonReport;
    // git names the merge "Merge branch 'main' into dns-changes": not a Conventional Commit.
    expect(report.findings.find((f) => f.ruleId === 'pr-title-format')?.message).toContain("Merge branch 'main' into dns-changes");
    expect(report.findings.find((f) => f.ruleId === 'branch-name')?.message).toBe('The branch "dns-changes" does not match the naming pattern `^(feat|fix)/`.');
  });
});

beforeAll(() => {
  writeFileSync(join(repo, 'branch.yml'), 'rules:\n  branch-name:\n    options:\n      pattern: "^(feat|fix)/"\n');
});
