import { describe, expect, it } from 'vitest';
import { runGate, selectFiles, wantContent } from './gate.js';
import { changeSet, plainConfig } from './test-support.js';

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
`;

describe('runGate', () => {
  it('passes quietly when no infrastructure changed', () => {
    const report = runGate({ config: plainConfig(), changes: changeSet([{ path: 'src/app.ts', status: 'modified', size: 10 }]) });
    expect(report).toMatchObject({
      verdict: 'pass',
      files: { changed: 1, analyzed: 1, truncated: false },
      resources: [],
      findings: [],
      cost: { catalogDate: null, before: 0, after: 0, delta: 0, lines: [], unpriced: [] },
    });
    // Rules that need pull request metadata say so instead of passing silently.
    expect(report.checks.filter((check) => check.status === 'fail')).toEqual([]);
    for (const check of report.checks.filter((c) => c.status === 'skipped')) expect(check.skippedReason).toMatch(/\w/);
  });

  it('runs every stage: resources diffed, unpriced listed with a reason, findings judged', () => {
    const report = runGate({
      config: plainConfig(),
      changes: changeSet([
        { path: 'k8s/web.yaml', status: 'modified', before: deployment(1), after: deployment(3) },
        { path: 'infra/terraform.tfstate', status: 'added', after: '{}' },
        { path: 'k8s/broken.yaml', status: 'added', after: 'a: [1,\n' },
      ]),
    });
    expect(report.resources).toEqual([{ address: 'apps/v1/Deployment/default/web', type: 'Deployment', kind: 'kubernetes', file: 'k8s/web.yaml', line: 1, change: 'changed' }]);
    expect(report.cost.unpriced).toEqual([{ address: 'apps/v1/Deployment/default/web', type: 'Deployment', reason: expect.stringContaining('the pod template has no containers') }]);
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.file])).toEqual([
      ['no-committed-artifacts', 'error', 'infra/terraform.tfstate'],
      ['parse-error', 'notice', 'k8s/broken.yaml'],
    ]);
    expect(report.verdict).toBe('fail');
  });

  it('lets the fail-on override relax the verdict', () => {
    const changes = changeSet([{ path: 'terraform.tfstate', status: 'added' }]);
    expect(runGate({ config: plainConfig(), changes, failOn: 'never' }).verdict).toBe('warn');
  });

  it('analyses only the configured paths and never the ignored ones', () => {
    const files = [
      { path: 'infra/terraform.tfstate', status: 'added' as const },
      { path: 'test/fixtures/terraform.tfstate', status: 'added' as const },
      { path: 'other/terraform.tfstate', status: 'added' as const },
    ];
    const config = plainConfig({ paths: ['infra/**', 'test/**'], ignore: ['test/fixtures/**'] });
    expect(selectFiles(files, config).map((f) => f.path)).toEqual(['infra/terraform.tfstate']);
    expect(runGate({ config, changes: changeSet(files) }).files).toEqual({ changed: 3, analyzed: 1, truncated: false });
  });

  it('carries the change source, notices and the pull request into the report', () => {
    const changes = { ...changeSet([]), notices: [{ message: 'submodule vendor/lib skipped', file: 'vendor/lib' }], truncated: true };
    const report = runGate({ config: plainConfig(), changes, pr: { title: 'feat: x', body: '', number: 7, headSha: 'abc' } });
    expect(report.notices).toEqual(changes.notices);
    expect(report.pullRequest).toEqual({ title: 'feat: x', number: 7, headSha: 'abc' });
    expect(report.files.truncated).toBe(true);
  });
});

describe('wantContent', () => {
  it.each([
    ['main.tf', true],
    ['k8s/app.yaml', true],
    ['stack.template', true],
    ['prod.tfvars', true],
    ['src/index.ts', false],
    ['package.json', false],
    ['logo.png', false],
  ])('%s → %s', (path, expected) => {
    expect(wantContent(path)).toBe(expected);
  });
});

describe('runGate with Kubernetes annotations', () => {
  it('suppresses findings on an object annotated with tollgate.dev/ignore, with its reason', () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: leader
  namespace: shop
  annotations:
    tollgate.dev/ignore: "k8s-replicas: leader election allows one replica only"
spec:
  replicas: 1
  selector:
    matchLabels: { app: leader }
  template:
    metadata:
      labels: { app: leader }
    spec:
      containers:
        - name: leader
          image: ghcr.io/acme/leader:1.0.0
`;
    const report = runGate({ config: plainConfig(), changes: changeSet([{ path: 'k8s/leader.yaml', status: 'added', after: manifest }]) });
    const replicas = report.findings.filter((f) => f.ruleId === 'k8s-replicas');
    expect(replicas).toEqual([expect.objectContaining({ suppressed: true, suppressionReason: 'leader election allows one replica only', line: 9 })]);
  });
});
