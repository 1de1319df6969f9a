import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../changes/model.js';
import { runGate } from '../gate.js';
import { changeSet, plainConfig } from '../test-support.js';
import { CHECKOV_EQUIVALENTS, checkovSuppressions } from './checkov-suppressions.js';
import type { Resource } from './model.js';

const resource = (kind: Resource['kind'], line: number, endLine: number, attributes: Record<string, unknown> = {}, file = 'main.tf'): Resource => ({
  kind,
  type: kind === 'terraform' ? 'aws_db_instance' : kind === 'cloudformation' ? 'AWS::RDS::DBInstance' : 'Deployment',
  address: `r${line}`,
  attributes,
  file,
  line,
  endLine,
  meta: {},
});
const file = (after: string, path = 'main.tf'): ChangedFile => ({ path, status: 'added', after });

describe('checkovSuppressions', () => {
  /** A comment on line 6, after the block on lines 1-4 (outside every resource). */
  const outside = (comment: string): string => `resource "aws_db_instance" "a" {\n}\n\n\n\n${comment}\nresource "aws_db_instance" "b" {}\n`;

  it.each<[string, string, Array<Record<string, unknown>>]>([
    ['inside a block: the whole block', 'resource "aws_db_instance" "a" {\n  #checkov:skip=CKV_AWS_157:replica elsewhere\n  multi_az = false\n}\n', [{ file: 'main.tf', line: 1, endLine: 4, ruleId: 'db-high-availability', reason: 'replica elsewhere' }]],
    ['outside every block: its line and the next', outside('# checkov:skip=CKV_AWS_293:test data only'), [{ file: 'main.tf', line: 6, ruleId: 'db-deletion-protection', reason: 'test data only' }]],
    ["a quoted reason, as in Checkov's docs", outside('  // checkov:skip=CKV_AWS_28:"rebuilt from S3"'), [{ file: 'main.tf', line: 6, ruleId: 'db-backups', reason: 'rebuilt from S3' }]],
    ['bridgecrew:skip and no reason', outside('# bridgecrew:skip=CKV_AWS_139'), [{ file: 'main.tf', line: 6, ruleId: 'db-deletion-protection' }]],
    ['several ids', outside('# checkov:skip=CKV_AWS_157,CKV_AWS_133:dev copy'), [{ file: 'main.tf', line: 6, ruleId: 'db-high-availability', reason: 'dev copy' }, { file: 'main.tf', line: 6, ruleId: 'db-backups', reason: 'dev copy' }]],
    ['a check with no equivalent', outside('# checkov:skip=CKV_AWS_16:encrypted elsewhere'), []],
    ['CPU limits are not our memory limit', outside('# checkov:skip=CKV_K8S_11:no CPU limits on purpose'), []],
    ['not in a comment', outside('description = "checkov:skip=CKV_AWS_157:x"'), []],
  ])('%s', (_name, text, expected) => {
    expect(checkovSuppressions([file(text)], [resource('terraform', 1, 4), resource('terraform', 7, 7)])).toEqual(expected);
  });

  it('covers the innermost resource and one block for all its count instances', () => {
    const text = 'line 1\nline 2\n  # checkov:skip=CKV_AWS_157:x\n';
    const outer = resource('terraform', 1, 9);
    const inner = resource('terraform', 2, 5);
    expect(checkovSuppressions([file(text)], [outer, inner, { ...inner, address: 'r2[1]' }])).toEqual([{ file: 'main.tf', line: 2, endLine: 5, ruleId: 'db-high-availability', reason: 'x' }]);
  });

  it('reads checkov.io/skipN annotations on Kubernetes objects', () => {
    const annotations = { 'checkov.io/skip1': 'CKV_K8S_9=batch worker, no traffic', 'checkov.io/skip2': 'CKV_K8S_14', 'checkov.io/skip3': 'CKV_K8S_20=not ours', 'checkov.io/skipper': 'CKV_K8S_8' };
    expect(checkovSuppressions([], [resource('kubernetes', 3, 30, { metadata: { annotations } }, 'app.yaml')])).toEqual([
      { file: 'app.yaml', line: 3, endLine: 30, ruleId: 'k8s-readiness-probe', reason: 'batch worker, no traffic' },
      { file: 'app.yaml', line: 3, endLine: 30, ruleId: 'k8s-image-tag' },
    ]);
  });

  it('reads CloudFormation Metadata checkov skips', () => {
    const metadata = { checkov: { skip: [{ id: 'CKV_AWS_157', comment: 'single-AZ by design' }, { comment: 'no id' }, 'CKV_AWS_28'] } };
    expect(checkovSuppressions([], [resource('cloudformation', 5, 15, { Metadata: metadata }, 'stack.yaml')])).toEqual([{ file: 'stack.yaml', line: 5, endLine: 15, ruleId: 'db-high-availability', reason: 'single-AZ by design' }]);
  });

  it('maps only to rules that exist', async () => {
    const { RULES } = await import('../checks/registry.js');
    const ids = new Set(RULES.map((rule) => rule.id));
    expect(Object.values(CHECKOV_EQUIVALENTS).flat().filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('Checkov skips through the gate', () => {
  it('suppresses the equivalent Kubernetes rule from an annotation', () => {
    const deployment = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: worker',
      '  namespace: shop',
      '  annotations:',
      '    checkov.io/skip1: CKV_K8S_8=the queue consumer restarts itself',
      'spec:',
      '  replicas: 2',
      '  selector: { matchLabels: { app: worker } }',
      '  template:',
      '    metadata: { labels: { app: worker } }',
      '    spec:',
      '      containers:',
      '        - name: worker',
      '          image: ghcr.io/acme/worker:1.4.2',
      '',
    ].join('\n');
    const findings = runGate({ config: plainConfig(), changes: changeSet([{ path: 'deploy/worker.yaml', status: 'added', after: deployment }]) }).findings;
    expect(findings.find((f) => f.ruleId === 'k8s-liveness-probe')).toMatchObject({ suppressed: true, suppressionReason: 'the queue consumer restarts itself' });
    expect(findings.find((f) => f.ruleId === 'k8s-resource-requests')).toMatchObject({ suppressed: false });
  });

  it('suppresses the equivalent CloudFormation rule from a comment inside the resource', () => {
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Carts:',
      '    Type: AWS::DynamoDB::Table',
      '    # checkov:skip=CKV_AWS_28:carts expire after a day',
      '    Properties:',
      '      BillingMode: PAY_PER_REQUEST',
      '      PointInTimeRecoverySpecification:',
      '        PointInTimeRecoveryEnabled: false',
      '',
    ].join('\n');
    const findings = runGate({ config: plainConfig(), changes: changeSet([{ path: 'stacks/carts.yaml', status: 'added', after: template }]) }).findings;
    expect(findings.find((f) => f.ruleId === 'db-backups')).toMatchObject({ line: 9, suppressed: true, suppressionReason: 'carts expire after a day' });
    expect(findings.find((f) => f.ruleId === 'db-deletion-protection')).toMatchObject({ suppressed: false });
  });
});
