import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../checks/registry.js';
import { runGate } from '../gate.js';
import { changeSet, plainConfig } from '../test-support.js';
import { parsePolicyFiles } from './file.js';
import { policyRule } from './rule.js';
import type { RuleContext } from '../checks/model.js';
import { emptyCost } from '../cost/model.js';
import type { Resource } from '../iac/model.js';

const NO_COST = emptyCost();

const { policies } = parsePolicyFiles(
  [{ path: '.github/tollgate/policies/platform.yml', text: readFileSync(join(import.meta.dirname, '../../test/fixtures/policies/platform.yml'), 'utf8') }],
  new Set(RULES.map((rule) => rule.id)),
);

const deployment = (image: string, labels = '    team: shop\n') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
${labels}spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.4
        - name: proxy
          image: ${image}
`;

const config = plainConfig({ ruleSettings: Object.fromEntries(RULES.map((rule) => [rule.id, { level: 'off' }])) });

function gate(before: string | undefined, after: string) {
  const file = before === undefined ? { path: 'k8s/web.yaml', status: 'added' as const, after } : { path: 'k8s/web.yaml', status: 'modified' as const, before, after };
  return runGate({ config, changes: changeSet([file]), policies });
}

describe('custom policies run as rules', () => {
  it('reports the value that failed on its own line, saying what was there, with the policy’s fix', () => {
    const report = gate(undefined, deployment('docker.io/envoy:1.30'));
    const finding = report.findings.find((item) => item.ruleId === 'approved-registry');
    expect(finding).toMatchObject({
      category: 'policy',
      severity: 'error',
      status: 'new',
      file: 'k8s/web.yaml',
      line: 20,
      message: 'Deployment shop/web: the image is not from registry.example.com (spec.template.spec.containers[1].image is "docker.io/envoy:1.30")',
      fix: 'Push the image to registry.example.com and reference it from there.',
    });
    expect(report.checks.find((check) => check.ruleId === 'approved-registry')).toMatchObject({ status: 'fail', category: 'policy', docs: 'https://wiki.example.com/platform/registry' });
    expect(report.checks.find((check) => check.ruleId === 'team-label')).toMatchObject({ status: 'pass', docs: '.github/tollgate/policies/platform.yml#L15' });
    expect(report.verdict).toBe('fail');
  });

  it('tells a violation the base branch already had from one the change introduces', () => {
    const existing = gate(deployment('docker.io/envoy:1.29'), deployment('docker.io/envoy:1.30'));
    expect(existing.findings.filter((item) => item.ruleId === 'approved-registry').map((item) => item.status)).toEqual(['existing']);
    expect(existing.verdict).toBe('pass');
    const fixed = gate(deployment('docker.io/envoy:1.29'), deployment('registry.example.com/envoy:1.30'));
    expect(fixed.fixed.map((item) => item.ruleId)).toEqual(['approved-registry']);
  });

  it('reports a missing label on the labels that lack it, and honours an inline suppression', () => {
    const unlabelled = deployment('registry.example.com/envoy:1.30', '    app: web\n');
    expect(gate(undefined, unlabelled).findings.map((item) => [item.ruleId, item.line, item.severity])).toEqual([['team-label', 6, 'warning']]);
    const suppressed = unlabelled.replace('  labels:\n', '  # tollgate:ignore team-label owned by the platform team itself\n  labels:\n');
    const report = gate(undefined, suppressed);
    expect(report.findings.map((item) => [item.ruleId, item.suppressed, item.suppressionReason])).toEqual([['team-label', true, 'owned by the platform team itself']]);
  });

  it('judges Terraform arguments and the cost the change prices', () => {
    const instance = (tags: string) => `resource "aws_instance" "batch" {\n  instance_type = "m5.24xlarge"\n${tags}}\n\nresource "aws_db_instance" "main" {\n  engine         = "mysql"\n  instance_class = "db.t3.micro"\n}\n`;
    const report = runGate({ config, changes: changeSet([{ path: 'infra/main.tf', status: 'added', after: instance('') }]), policies });
    expect(report.findings.map((item) => [item.ruleId, item.line, item.message])).toEqual([
      ['big-instances-need-label', 1, 'aws_instance.batch: an instance over $1,000 a month needs a cost-centre tag (its monthly cost after the change is $3363.84)'],
      ['rds-engines', 6, 'aws_db_instance.main: the engine is not on the approved list (engine is "mysql")'],
    ]);
    const tagged = runGate({ config, changes: changeSet([{ path: 'infra/main.tf', status: 'added', after: instance('  tags = { cost-centre = "batch" }\n') }]), policies });
    expect(tagged.findings.map((item) => item.ruleId)).toEqual(['rds-engines']);
  });
});

describe('a policy that runs too long', () => {
  it('is stopped and reported as skipped with its place and the reason, not left to hang the run', () => {
    const text = `policies:
  - id: cubic
    title: T
    severity: error
    message: M
    fix: F
    match: { kubernetes: Deployment }
    assert:
      expression: object.spec.items.all(a, object.spec.items.all(b, object.spec.items.all(c, a + b + c >= 0)))
`;
    const [policy] = parsePolicyFiles([{ path: 'p.yml', text }], new Set()).policies;
    if (!policy) throw new Error('the policy did not load');
    const wide: Resource = { kind: 'kubernetes', type: 'Deployment', address: 'apps/v1/Deployment/shop/wide', attributes: { spec: { items: Array.from({ length: 1_000 }, (_, index) => index) } }, file: 'k8s/wide.yaml', line: 1, endLine: 9, meta: {} };
    const context = { ...({} as RuleContext), resources: [{ address: wide.address, kind: wide.kind, type: wide.type, change: 'added' as const, after: wide }], cost: NO_COST, options: {} };
    expect(policyRule(policy, 20).run(context)).toEqual({ skip: 'p.yml:2: the policy took over 0.02 s on this change and was stopped; simplify its expression (comprehensions nested over long lists)' });
    const narrow = { ...context, resources: [{ ...context.resources[0], after: { ...wide, attributes: { spec: { items: [1, 2] } } } }] } as RuleContext;
    expect(policyRule(policy, 1_000).run(narrow)).toEqual([]);
  });
});
