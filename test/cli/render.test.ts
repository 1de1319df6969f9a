import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutDeployment } from '../support/manifests.js';
import { runNode } from '../support/run-process.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const temp = mkdtempSync(join(tmpdir(), 'tollgate-render-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'ignore' });
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const deployment = (replicas: number) => checkoutDeployment({ replicas });

describe('tollgate check renders the Kustomize overlays a git change touches', () => {
  it.skipIf(!hasKubectl)('reports the rendered overlay resource, pointing at the manifest it is written in (kubectl is installed)', async () => {
    const repo = join(temp, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '-q');
    write(repo, {
      'deploy/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'deploy/base/deployment.yaml': deployment(2),
      'deploy/overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nnamespace: shop\nnamePrefix: prod-\n',
    });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    git(repo, 'checkout', '-qb', 'feature');
    write(repo, { 'deploy/base/deployment.yaml': deployment(1) });
    git(repo, 'commit', '-qam', 'fix: scale checkout down');

    const result = await runNode('dist/cli.js', ['--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: repo });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { resources: Array<{ address: string; change: string; file: string }> };
    expect(report.resources).toContainEqual({ address: 'apps/v1/Deployment/shop/prod-checkout', scope: 'deploy/overlays/prod', type: 'Deployment', kind: 'kubernetes', file: 'deploy/base/deployment.yaml', line: 1, change: 'changed' });
    // The base is built only through its overlay: its objects are not reported a second time, bare.
    expect(report.resources.filter((resource) => resource.address.endsWith('/checkout'))).toEqual([]);
  });

  it.skipIf(!hasKubectl)('renders a component only through the overlays that include it, and points findings at the component’s file (kubectl is installed)', async () => {
    const repo = join(temp, 'components');
    mkdirSync(repo);
    git(repo, 'init', '-q');
    const collector = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: collector
spec:
  replicas: 2
  selector:
    matchLabels: { app: collector }
  template:
    metadata:
      labels: { app: collector }
    spec:
      containers:
        - name: collector
          image: ${image}
          ports:
            - containerPort: 4317
`;
    write(repo, {
      'deploy/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'deploy/base/deployment.yaml': deployment(2),
      'deploy/components/telemetry/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - collector.yaml\n',
      'deploy/components/telemetry/collector.yaml': collector('otel/collector:0.100.0'),
      'deploy/components/unused/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - extra.yaml\n',
      'deploy/components/unused/extra.yaml': collector('otel/collector:0.100.0'),
      'deploy/overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\ncomponents:\n  - ../../components/telemetry\nnamespace: shop\n',
    });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    git(repo, 'checkout', '-qb', 'feature');
    write(repo, {
      'deploy/components/telemetry/collector.yaml': collector('otel/collector:latest'),
      'deploy/components/unused/extra.yaml': collector('otel/collector:latest'),
    });
    git(repo, 'commit', '-qam', 'chore: collectors on latest');

    const result = await runNode('dist/cli.js', ['--base', 'main', '--format', 'json'], { cwd: repo });
    const report = JSON.parse(result.stdout) as { verdict: string; findings: Array<{ ruleId: string; status: string; file?: string; line?: number }>; notices: Array<{ message: string }> };
    const fresh = report.findings.filter((finding) => finding.status === 'new' && finding.file !== undefined);
    // The one new problem, on the line of the component's manifest where the image is written.
    expect(fresh.map((finding) => [finding.ruleId, finding.file, finding.line])).toEqual([['k8s-image-tag', 'deploy/components/telemetry/collector.yaml', 15]]);
    expect(report.verdict).toBe('fail');
    // A component nothing includes is not built alone (it would fail), and the report says so.
    expect(report.notices.map((notice) => notice.message)).toContainEqual(expect.stringContaining('kustomize component deploy/components/unused is included by no kustomization'));
    expect(report.notices.map((notice) => notice.message).join('\n')).not.toMatch(/could not render/);
  });
});
