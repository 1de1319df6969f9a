import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import { repoRoot, runNode } from '../support/run-process.js';

const temp = mkdtempSync(join(tmpdir(), 'tollgate-init-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const worker = (replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: worker }
  template:
    metadata:
      labels: { app: worker }
    spec:
      containers:
        - name: worker
          image: registry.example.com/worker:2.0.1
`;

/** A repository with a Terraform root calling a local module, a chart with production values, plain manifests, and YAML outside all of them. */
const REPOSITORY = {
  'README.md': '# shop\n',
  'infra/prod/main.tf': 'provider "aws" {\n  region = "eu-central-1"\n}\n\nmodule "queue" {\n  source = "../../modules/queue"\n}\n',
  'modules/queue/main.tf': 'resource "aws_sqs_queue" "orders" {\n  name = "orders"\n}\n',
  'charts/storefront/Chart.yaml': 'apiVersion: v2\nname: storefront\nversion: 1.2.0\n',
  'charts/storefront/values.yaml': 'replicas: 1\n',
  'charts/storefront/values-prod.yaml': 'replicas: 3\n',
  'charts/storefront/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n',
  'k8s/worker.yaml': worker(2),
  'docs/runbook/example.yaml': worker(1),
};

describe('tollgate init in a git repository', () => {
  const repo = join(temp, 'shop');
  let stdout = '';

  beforeAll(async () => {
    mkdirSync(repo);
    git(repo, 'init', '-q');
    write(repo, REPOSITORY);
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'shop');
    const result = await runNode('dist/cli.js', ['init'], { cwd: join(repo, 'k8s') });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    stdout = result.stdout;
  });

  it('says what it found and wrote, and what comes next', () => {
    expect(stdout).toContain(`Found in ${repo}:`);
    expect(stdout).toContain('Terraform roots (1): infra/prod');
    expect(stdout).toContain('Helm charts (1): charts/storefront');
    expect(stdout).toContain('Kubernetes manifests (2): docs/runbook, k8s');
    expect(stdout).toContain('Wrote .github/workflows/tollgate.yml');
    expect(stdout).toContain('Wrote .github/tollgate.yml');
    expect(stdout).toMatch(/commit both files .* open a pull request/);
  });

  it('writes the basic example workflow at the top of the repository, even when run from a subdirectory', () => {
    const text = readFileSync(join(repo, '.github/workflows/tollgate.yml'), 'utf8');
    expect(text).toBe(readFileSync(join(repoRoot, 'examples/workflows/basic.yml'), 'utf8'));
    const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; concurrency: { 'cancel-in-progress': boolean } };
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', checks: 'write' });
    expect(workflow.concurrency['cancel-in-progress']).toBe(true);
  });

  it('writes a configuration the loader accepts, naming what it found', () => {
    const text = readFileSync(join(repo, '.github/tollgate.yml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=https:\/\/\S+\/schema\/tollgate\.schema\.json$/);
    const { config, errors } = parseConfig(text, '.github/tollgate.yml');
    expect(errors).toEqual([]);
    expect(config?.paths).toEqual(['.github/**', 'charts/**', 'docs/**', 'infra/**', 'k8s/**', 'modules/**']);
    expect(config?.kubernetes.helmValues).toEqual(['values-prod.yaml']);
  });

  it('leaves a configuration that judges the next pull request', async () => {
    git(repo, 'add', '.github');
    git(repo, 'commit', '-qm', 'Add tollgate');
    git(repo, 'checkout', '-qb', 'feature');
    write(repo, { 'k8s/worker.yaml': worker(3), 'notes/draft.yaml': worker(1) });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'Scale the worker');
    const printed = await runNode('dist/cli.js', ['config', 'print'], { cwd: repo });
    expect(printed.code).toBe(0);
    expect(printed.stdout.split('\n')[0]).toBe('# .github/tollgate.yml, over preset:default');
    const result = await runNode('dist/cli.js', ['check', '--base', 'main', '--head', 'feature', '--format', 'json'], { cwd: repo });
    expect(result.stderr).toBe('');
    expect([0, 1]).toContain(result.code);
    const report = JSON.parse(result.stdout) as { resources: Array<{ file: string; change: string }> };
    expect(report.resources).toEqual([expect.objectContaining({ file: 'k8s/worker.yaml', change: 'changed' })]);
  });
});

describe('tollgate init next to existing files', () => {
  const repo = join(temp, 'existing');

  beforeAll(() => {
    mkdirSync(repo);
    git(repo, 'init', '-q');
    write(repo, { 'k8s/worker.yaml': worker(2), '.github/tollgate.yml': 'fail-on: warning\n' });
  });

  it('writes nothing without --force, and names the file and the flag', async () => {
    const result = await runNode('dist/cli.js', ['init', '--dir', repo]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('tollgate: .github/tollgate.yml already exists; nothing was written. Run tollgate init --force to overwrite it.\n');
    expect(readFileSync(join(repo, '.github/tollgate.yml'), 'utf8')).toBe('fail-on: warning\n');
    expect(() => readFileSync(join(repo, '.github/workflows/tollgate.yml'))).toThrow();
  });

  it('overwrites with --force', async () => {
    const result = await runNode('dist/cli.js', ['init', '--dir', repo, '--force']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(repo, '.github/tollgate.yml'), 'utf8')).toContain('- "k8s/**"');
    expect(readFileSync(join(repo, '.github/workflows/tollgate.yml'), 'utf8')).toContain('tollgate-dev/tollgate@v0');
  });

  it('says so when --dir is not a directory', async () => {
    const result = await runNode('dist/cli.js', ['init', '--dir', join(repo, 'missing')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing is not a directory');
  });
});
