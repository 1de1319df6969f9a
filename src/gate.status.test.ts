import { describe, expect, it } from 'vitest';
import type { ChangedFile } from './changes/model.js';
import { runGate } from './gate.js';
import { renderComment } from './report/markdown.js';
import { changeSet, plainConfig } from './test-support.js';

/** A production Deployment with most things missing: the base branch of a repository that never had a gate. */
function deployment(options: { image?: string; probe?: boolean; name?: string; containers?: string[] } = {}): string {
  const containers = (options.containers ?? ['web']).map(
    (name) => `        - name: ${name}
          image: ${options.image ?? 'ghcr.io/acme/web:1.4.2'}
          ports:
            - containerPort: 8080
${options.probe ? `          readinessProbe:\n            httpGet: { path: /ready, port: 8080 }\n` : ''}`,
  );
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${options.name ?? 'web'}
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
${containers.join('')}`;
}

function gate(files: ChangedFile[], judge?: 'new' | 'all') {
  return runGate({ config: plainConfig(), changes: changeSet(files), ...(judge ? { judge } : {}) });
}

const statuses = (report: ReturnType<typeof gate>) => report.findings.filter((finding) => !finding.suppressed).map((finding) => `${finding.status} ${finding.ruleId}`).sort();

describe('new, existing and fixed findings through the gate', () => {
  it('passes a dependency bump over a messy base, and still lists what the base already had', () => {
    const report = gate([{ path: 'k8s/web.yaml', status: 'modified', before: deployment(), after: deployment({ image: 'ghcr.io/acme/web:1.4.3' }) }]);
    expect(report.findings.length).toBeGreaterThan(3);
    expect(report.findings.every((finding) => finding.status === 'existing')).toBe(true);
    expect(report.counts).toEqual({ new: 0, existing: report.findings.length, fixed: 0 });
    expect(report.verdict).toBe('pass');
    expect(report.checks.filter((check) => check.status === 'fail')).toEqual([]);
    expect(report.checks.find((check) => check.ruleId === 'k8s-replicas')?.counts).toEqual({ new: 0, existing: 1, fixed: 0 });
  });

  it('fails on exactly what the change introduces: a removed readiness probe', () => {
    const report = gate([{ path: 'k8s/web.yaml', status: 'modified', before: deployment({ probe: true }), after: deployment() }]);
    const fresh = report.findings.filter((finding) => finding.status === 'new');
    expect(fresh.map((finding) => finding.ruleId)).toEqual(['k8s-readiness-probe']);
    expect(report.verdict).toBe('fail');
    expect(report.counts.new).toBe(1);
  });

  it('lists what the change fixes, on an object that is still there', () => {
    const report = gate([{ path: 'k8s/web.yaml', status: 'modified', before: deployment(), after: deployment({ probe: true }) }]);
    expect(report.fixed.map((finding) => [finding.ruleId, finding.status, finding.file])).toEqual([['k8s-readiness-probe', 'fixed', 'k8s/web.yaml']]);
    expect(report.counts.fixed).toBe(1);
    expect(report.verdict).toBe('pass');
  });

  it('lets the findings of a deleted object go with it: nothing fixed', () => {
    const report = gate([{ path: 'k8s/web.yaml', status: 'removed', before: deployment() }]);
    expect(report.fixed).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it('calls every finding of an added file new', () => {
    const report = gate([{ path: 'k8s/web.yaml', status: 'added', after: deployment() }]);
    expect(report.findings.length).toBeGreaterThan(3);
    expect(new Set(statuses(report).map((status) => status.split(' ')[0]))).toEqual(new Set(['new']));
  });

  it('keeps the identity of an object whose file was renamed', () => {
    const report = gate([{ path: 'deploy/web.yaml', previousPath: 'k8s/web.yaml', status: 'renamed', before: deployment(), after: deployment({ image: 'ghcr.io/acme/web:1.4.3' }) }]);
    expect(report.findings.length).toBeGreaterThan(3);
    expect(report.findings.every((finding) => finding.status === 'existing')).toBe(true);
  });

  it('keeps the identity of an object that moves from a raw manifest into a rendered overlay', () => {
    const report = gate([
      { path: 'k8s/web.yaml', status: 'removed', before: deployment() },
      {
        path: 'deploy/overlays/prod/kustomization.yaml',
        status: 'added',
        after: deployment({ image: 'ghcr.io/acme/web:1.4.3' }),
        renderedFrom: { tool: 'kustomize', directory: 'deploy/overlays/prod' },
      },
    ]);
    expect(report.findings.length).toBeGreaterThan(3);
    expect(report.findings.every((finding) => finding.status === 'existing')).toBe(true);
  });

  it('counts the same object in a raw manifest and in a rendered overlay twice: the copy the change adds is new', () => {
    const report = gate([
      { path: 'k8s/web.yaml', status: 'modified', before: deployment(), after: deployment({ image: 'ghcr.io/acme/web:1.4.3' }) },
      { path: 'deploy/overlays/prod/kustomization.yaml', status: 'added', after: deployment({ image: 'ghcr.io/acme/web:1.4.3' }), renderedFrom: { tool: 'kustomize', directory: 'deploy/overlays/prod' } },
    ]);
    const byFile = (file: string) => report.findings.filter((finding) => finding.file === file && !finding.suppressed).map((finding) => finding.status);
    expect(byFile('k8s/web.yaml').length).toBeGreaterThan(3);
    expect(new Set(byFile('k8s/web.yaml'))).toEqual(new Set(['existing']));
    expect(new Set(byFile('deploy/overlays/prod/kustomization.yaml'))).toEqual(new Set(['new']));
  });

  it('keeps a container’s findings when another container is inserted before it', () => {
    const report = gate([{ path: 'k8s/web.yaml', status: 'modified', before: deployment({ containers: ['web'] }), after: deployment({ containers: ['sidecar', 'web'] }) }]);
    const newOnes = report.findings.filter((finding) => finding.status === 'new');
    expect(newOnes.length).toBeGreaterThan(0);
    expect(newOnes.every((finding) => finding.message.includes('"sidecar"'))).toBe(true);
    expect(report.fixed).toEqual([]);
  });

  it('says honestly what a rename without a `moved` block looks like: the new name’s findings are new, the old name’s fixed', () => {
    const report = gate([{ path: 'k8s/web.yaml', status: 'modified', before: deployment({ name: 'web' }), after: deployment({ name: 'web-v2' }) }]);
    const fresh = report.findings.filter((finding) => finding.status === 'new');
    expect(fresh.length).toBeGreaterThan(3);
    expect(report.fixed.map((finding) => finding.ruleId).sort()).toEqual(fresh.map((finding) => finding.ruleId).sort());
  });

  it('pairs a Terraform resource across a `moved` block', () => {
    const db = (name: string, size: number) => `resource "aws_db_instance" "${name}" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = ${size}
  skip_final_snapshot = true
}
`;
    const report = gate([
      { path: 'infra/main.tf', status: 'modified', before: db('old', 20), after: `${db('main', 40)}\nmoved {\n  from = aws_db_instance.old\n  to   = aws_db_instance.main\n}\n` },
    ]);
    const onTheDatabase = report.findings.filter((finding) => finding.resource === 'aws_db_instance.main');
    expect(onTheDatabase.length).toBeGreaterThan(1);
    expect(onTheDatabase.every((finding) => finding.status === 'existing')).toBe(true);
    expect(report.fixed).toEqual([]);
  });

  it('calls every head finding new when the base version could not be read, and says why', () => {
    const report = gate([{ path: 'k8s/web.yaml', status: 'modified', before: 'spec: [unclosed\n', after: deployment() }]);
    expect(report.findings.filter((finding) => finding.ruleId !== 'parse-error').every((finding) => finding.status === 'new')).toBe(true);
    expect(report.notices).toContainEqual({ file: 'k8s/web.yaml', message: expect.stringContaining('the base version of k8s/web.yaml could not be analysed') as unknown });
    expect(report.fixed.map((finding) => finding.ruleId)).toEqual(['parse-error']);
  });

  it('judges a finding that was suppressed on the base and is not at the head as new', () => {
    const suppressed = deployment().replace('  name: web\n', '  name: web\n  annotations:\n    tollgate.dev/ignore: "k8s-replicas: load test"\n');
    const report = gate([{ path: 'k8s/web.yaml', status: 'modified', before: suppressed, after: deployment() }]);
    expect(report.findings.find((finding) => finding.ruleId === 'k8s-replicas')?.status).toBe('new');
  });

  it('always calls a finding about the change itself new', () => {
    const report = gate([{ path: 'infra/terraform.tfstate', status: 'modified', before: '{}', after: '{"version": 4}' }]);
    expect(report.findings.map((finding) => `${finding.status} ${finding.ruleId}`)).toEqual(['existing no-committed-artifacts']);
    const size = runGate({ config: plainConfig(), changes: changeSet([{ path: 'big.bin', status: 'added', binary: true, size: 10 }]) });
    expect(size.findings.map((finding) => `${finding.status} ${finding.ruleId}`)).toEqual(['new large-files']);
  });

  it('judges every finding with judge: all, from the config or the override', () => {
    const files: ChangedFile[] = [{ path: 'k8s/web.yaml', status: 'modified', before: deployment(), after: deployment({ image: 'ghcr.io/acme/web:1.4.3' }) }];
    expect(gate(files, 'all')).toMatchObject({ verdict: 'fail', judge: 'all' });
    expect(runGate({ config: plainConfig({ judge: 'all' }), changes: changeSet(files) }).verdict).toBe('fail');
    expect(runGate({ config: plainConfig({ judge: 'all' }), changes: changeSet(files), judge: 'new' }).verdict).toBe('pass');
  });

  it('keeps the comment within its limit with 5,000 existing findings, summarised per rule', () => {
    const many = (image: string) => Array.from({ length: 700 }, (_, index) => deployment({ name: `web-${index}`, image })).join('---\n');
    const report = gate([{ path: 'k8s/all.yaml', status: 'modified', before: many('ghcr.io/acme/web:1.4.2'), after: many('ghcr.io/acme/web:1.4.3') }]);
    expect(report.counts.existing).toBeGreaterThan(5_000);
    expect(report.counts.new).toBe(0);
    const body = renderComment(report);
    expect(body.length).toBeLessThan(6_000);
    expect(body).toContain(`Already on the base branch (${report.counts.existing}), not blocking`);
  });

  it('keeps the comment of a five-line change small in a repository of hundreds of Terraform files', () => {
    const module = (size: string) => `variable "buckets" {}
variable "region" {}

module "labels" {
  source = "cloudposse/label/null"
}

resource "aws_s3_bucket" "this" {
  for_each = var.buckets
  bucket   = each.key
}

resource "aws_instance" "worker" {
  count         = length(var.buckets)
  instance_type = "${size}"
}
`;
    const roots = Array.from({ length: 300 }, (_, index) => ({
      path: `envs/env-${index}/main.tf`,
      text: `module "app" {\n  source  = "../../modules/app"\n  buckets = data.external.buckets.result\n  region  = "us-east-1"\n}\n\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n`,
    }));
    const changes = { ...changeSet([{ path: 'modules/app/main.tf', status: 'modified' as const, before: module('t3.small'), after: module('t3.medium'), additions: 1, deletions: 1 }]), context: roots };
    const report = runGate({ config: plainConfig(), changes });
    const body = renderComment(report);
    // 300 roots × (a remote module, two unknown expansions) would be 900 notices; the change's file has three blocks.
    expect(report.notices.length).toBeLessThanOrEqual(5);
    expect(body.length).toBeLessThan(5_000);
  });
});
