import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/deploy-iac/${name}`, import.meta.url), 'utf8');

const ROLLOUT_RULES = new Set(['ecs-circuit-breaker', 'ecs-deployment-bounds', 'asg-health-and-refresh', 'db-high-availability', 'db-backups', 'db-deletion-protection', 'stateful-retain', 'destructive-change']);

function gate(files: ChangedFile[]) {
  const report = runGate({ config: plainConfig(), changes: changeSet(files) });
  return report.findings.filter((finding) => ROLLOUT_RULES.has(finding.ruleId));
}

const summary = (findings: ReturnType<typeof gate>) => findings.map((f) => `${f.line} ${f.ruleId} ${f.resource ?? ''}`).sort();

describe('a Terraform root (ECS, RDS, Aurora, ASG, DynamoDB) through the gate', () => {
  it('reports each missing safeguard of the new root on its line', () => {
    const findings = gate([{ path: 'infra/prod/main.tf', status: 'added', after: fixture('terraform/head/main.tf') }]);
    // Reviewed by hand against head/main.tf.
    expect(summary(findings)).toEqual(
      [
        '35 ecs-circuit-breaker aws_ecs_service.web', // rollback = false
        '30 ecs-deployment-bounds aws_ecs_service.web', // minimum healthy 25%
        '38 ecs-deployment-bounds aws_ecs_service.web', // load_balancer without health_check_grace_period_seconds
        '70 asg-health-and-refresh aws_autoscaling_group.api', // target group, default EC2 health check → on the block
        '70 asg-health-and-refresh aws_autoscaling_group.api', // no instance_refresh → on the block
        '72 asg-health-and-refresh aws_autoscaling_group.api', // min_size = 1
        '83 db-high-availability aws_db_instance.orders', // no multi_az → on the block
        '91 db-backups aws_db_instance.orders', // backup_retention_period = 3
        '92 db-backups aws_db_instance.orders', // skip_final_snapshot = true
        '125 db-backups aws_dynamodb_table.carts', // no point_in_time_recovery
        '125 db-deletion-protection aws_dynamodb_table.carts', // no deletion_protection_enabled
        '125 stateful-retain aws_dynamodb_table.carts', // no prevent_destroy
      ].sort(),
    );
    for (const finding of findings) expect(finding.file).toBe('infra/prod/main.tf');
  });

  it('holds a staging root only to the rules that are not production-only', () => {
    const findings = gate([{ path: 'infra/staging/main.tf', status: 'added', after: fixture('terraform/head/main.tf') }]);
    const ids = new Set(findings.map((finding) => finding.ruleId));
    expect(ids).toEqual(new Set(['ecs-circuit-breaker', 'ecs-deployment-bounds', 'asg-health-and-refresh', 'db-backups']));
    expect(findings.some((finding) => finding.message.includes('min_size'))).toBe(false);
  });

  it('reports the engine change and the deleted bucket of a modified root, not the renamed one', () => {
    const findings = gate([{ path: 'infra/prod/main.tf', status: 'modified', before: fixture('terraform/base/main.tf'), after: fixture('terraform/head/main.tf') }]);
    const destructive = findings.filter((finding) => finding.ruleId === 'destructive-change');
    expect(destructive.map((f) => [f.line, f.resource, f.message])).toEqual([
      [85, 'aws_db_instance.orders', 'Changing engine (mysql → postgres) forces Terraform to replace aws_db_instance.orders (lifecycle prevent_destroy will make the plan fail); the new one starts empty, and the database and its data will be lost.'],
      [136, 'aws_s3_bucket.invoices', 'aws_s3_bucket.invoices is removed from the configuration; the next apply destroys the bucket and every object in it.'],
    ]);
    // Unchanged resources are not judged again: only the changed database's own findings remain.
    expect(summary(findings.filter((finding) => finding.ruleId !== 'destructive-change'))).toEqual(['83 db-high-availability aws_db_instance.orders', '91 db-backups aws_db_instance.orders', '92 db-backups aws_db_instance.orders']);
  });

  it('reads replacements and deletions from a saved plan', () => {
    const findings = gate([{ path: 'infra/prod/tfplan.json', status: 'added', after: fixture('terraform/plan.json') }]);
    // In plan order: each finding is on its resource's entry in the plan.
    expect(findings.map((f) => `${f.ruleId} ${f.resource ?? ''} ${f.severity}`)).toEqual(['destructive-change aws_db_instance.orders error', 'destructive-change aws_ebs_volume.scratch error']);
  });

  it('honours a tollgate:ignore comment on the reported line', () => {
    const text = fixture('terraform/head/main.tf').replace('    rollback = false', '    rollback = false # tollgate:ignore ecs-circuit-breaker alarms on the ALB roll back instead');
    const report = runGate({ config: plainConfig(), changes: changeSet([{ path: 'infra/prod/main.tf', status: 'added', after: text }]) });
    const finding = report.findings.find((f) => f.ruleId === 'ecs-circuit-breaker');
    expect(finding).toMatchObject({ suppressed: true, suppressionReason: 'alarms on the ALB roll back instead' });
  });
});

describe('a CloudFormation stack through the gate', () => {
  it('reports each missing safeguard on its line', () => {
    const findings = gate([{ path: 'stacks/checkout.yaml', status: 'added', after: fixture('cloudformation/stack.yaml') }]);
    // Reviewed by hand against stack.yaml.
    expect(summary(findings)).toEqual(
      [
        '19 ecs-circuit-breaker stacks/checkout.yaml#CheckoutService', // DeploymentConfiguration without a circuit breaker
        '20 ecs-deployment-bounds stacks/checkout.yaml#CheckoutService', // one task, MinimumHealthyPercent 0
        '22 ecs-deployment-bounds stacks/checkout.yaml#CheckoutService', // LoadBalancers without HealthCheckGracePeriodSeconds
        '48 asg-health-and-refresh stacks/checkout.yaml#Workers', // no UpdatePolicy → on the resource
        '56 asg-health-and-refresh stacks/checkout.yaml#Workers', // HealthCheckType: EC2 behind a target group
        '68 db-high-availability stacks/checkout.yaml#Database', // one Aurora member
        '79 db-deletion-protection stacks/checkout.yaml#Database', // DeletionProtection: false
        '104 stateful-retain stacks/checkout.yaml#Receipts', // bucket without DeletionPolicy/UpdateReplacePolicy
      ].sort(),
    );
  });

  it('honours a Metadata suppression on the resource', () => {
    const text = fixture('cloudformation/stack.yaml').replace(
      '  Receipts:\n    Type: AWS::S3::Bucket\n',
      '  Receipts:\n    Type: AWS::S3::Bucket\n    Metadata:\n      tollgate:\n        ignore:\n          - rule: stateful-retain\n            reason: receipts are re-generated from the ledger\n',
    );
    const report = runGate({ config: plainConfig(), changes: changeSet([{ path: 'stacks/checkout.yaml', status: 'added', after: text }]) });
    expect(report.findings.find((f) => f.ruleId === 'stateful-retain')).toMatchObject({ suppressed: true, suppressionReason: 'receipts are re-generated from the ledger' });
  });
});
