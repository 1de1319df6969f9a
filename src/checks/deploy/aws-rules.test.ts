import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { SENSITIVE, unknownValue } from '../../iac/values.js';
import { added, cfn, changed, expectFindingsOn, runRule, tf } from './test-support.js';

const removed = (before: Resource): ResourceChange => ({ address: before.address, kind: before.kind, type: before.type, change: 'removed', before });

function run(id: string, resources: ResourceChange[], files: ChangedFile[] = []) {
  return runRule(id, resources, {}, files);
}

const breaker = (enable: unknown, rollback: unknown) => ({ deployment_circuit_breaker: [{ enable, rollback }] });
const cfnBreaker = (Enable: unknown, Rollback: unknown) => ({ DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable, Rollback } } });
const goodDb = { multi_az: true, backup_retention_period: 7, copy_tags_to_snapshot: true, deletion_protection: true };
const goodCfnDb = { MultiAZ: true, BackupRetentionPeriod: 7, CopyTagsToSnapshot: true, DeletionProtection: true };
const lifecycle = { lifecycle: { prevent_destroy: true } };
const retained = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };

// [rule, case, changes, expected finding lines]
const cases: Array<[string, string, ResourceChange[], number[]]> = [
  ['ecs-circuit-breaker', 'tf: enabled with rollback', [added(tf('aws_ecs_service', 'web', breaker(true, true)))], []],
  ['ecs-circuit-breaker', 'tf: missing block → on the resource', [added(tf('aws_ecs_service', 'web', { desired_count: 2 }))], [10]],
  ['ecs-circuit-breaker', 'tf: rollback false', [added(tf('aws_ecs_service', 'web', breaker(true, false)))], [11]],
  ['ecs-circuit-breaker', 'tf: unknown rollback is not guessed', [added(tf('aws_ecs_service', 'web', breaker(true, unknownValue('var.rollback'))))], []],
  ['ecs-circuit-breaker', 'tf: CodeDeploy controller', [added(tf('aws_ecs_service', 'web', { deployment_controller: [{ type: 'CODE_DEPLOY' }] }))], []],
  ['ecs-circuit-breaker', 'tf: alarms roll back', [added(tf('aws_ecs_service', 'web', { alarms: [{ enable: true, rollback: true, alarm_names: ['5xx'] }] }))], []],
  ['ecs-circuit-breaker', 'cfn: enabled as strings', [added(cfn('AWS::ECS::Service', 'Web', cfnBreaker('true', 'true')))], []],
  ['ecs-circuit-breaker', 'cfn: disabled', [added(cfn('AWS::ECS::Service', 'Web', cfnBreaker(false, false)))], [21]],
  ['ecs-circuit-breaker', 'unchanged services are not judged', [changed(tf('aws_ecs_service', 'web', {}), tf('aws_ecs_service', 'web', {}))], []],
  ['ecs-deployment-bounds', 'tf: defaults, no load balancer', [added(tf('aws_ecs_service', 'web', { desired_count: 3 }))], []],
  ['ecs-deployment-bounds', 'tf: minimum 25%', [added(tf('aws_ecs_service', 'web', { deployment_minimum_healthy_percent: 25 }))], [11]],
  ['ecs-deployment-bounds', 'tf: single task at 50%', [added(tf('aws_ecs_service', 'web', { desired_count: 1, deployment_minimum_healthy_percent: 50 }))], [12]],
  ['ecs-deployment-bounds', 'tf: maximum 100 with minimum 100', [added(tf('aws_ecs_service', 'web', { deployment_maximum_percent: 100 }))], [11]],
  ['ecs-deployment-bounds', 'tf: DAEMON ignores the bounds', [added(tf('aws_ecs_service', 'web', { scheduling_strategy: 'DAEMON', deployment_minimum_healthy_percent: 0, deployment_maximum_percent: 100 }))], []],
  ['ecs-deployment-bounds', 'tf: load balancer without grace', [added(tf('aws_ecs_service', 'web', { load_balancer: [{ container_port: 80 }] }))], [11]],
  ['ecs-deployment-bounds', 'tf: load balancer with grace', [added(tf('aws_ecs_service', 'web', { load_balancer: [{ container_port: 80 }], health_check_grace_period_seconds: 60 }))], []],
  ['ecs-deployment-bounds', 'cfn: one task by default, minimum 0, maximum 50', [added(cfn('AWS::ECS::Service', 'Web', { DeploymentConfiguration: { MinimumHealthyPercent: 0, MaximumPercent: 50 } }))], [21, 21]],
  ['asg-health-and-refresh', 'tf: ELB checks, refresh, two instances', [added(tf('aws_autoscaling_group', 'api', { min_size: 2, target_group_arns: ['arn:tg'], health_check_type: 'ELB', instance_refresh: [{ strategy: 'Rolling' }] }))], []],
  ['asg-health-and-refresh', 'tf: EC2 checks behind a target group', [added(tf('aws_autoscaling_group', 'api', { min_size: 2, target_group_arns: [unknownValue('aws_lb_target_group.web.arn')], instance_refresh: [{ strategy: 'Rolling' }] }))], [10]],
  ['asg-health-and-refresh', 'tf: no refresh, min 1', [added(tf('aws_autoscaling_group', 'api', { min_size: 1 }))], [10, 11]],
  ['asg-health-and-refresh', 'tf: min 1 outside production', [added(tf('aws_autoscaling_group', 'api', { min_size: 1, instance_refresh: [{}] }, {}, 'infra/staging/main.tf'))], []],
  ['asg-health-and-refresh', 'tf: min 1 tagged Environment = dev', [added(tf('aws_autoscaling_group', 'api', { min_size: 1, instance_refresh: [{}], tags: { Environment: 'dev' } }))], []],
  ['asg-health-and-refresh', 'cfn: rolling update, ELB, MinSize "2"', [added(cfn('AWS::AutoScaling::AutoScalingGroup', 'Api', { MinSize: '2', TargetGroupARNs: [unknownValue('Ref Tg')], HealthCheckType: 'ELB' }, { UpdatePolicy: { AutoScalingRollingUpdate: { MaxBatchSize: 1 } } }))], []],
  ['asg-health-and-refresh', 'cfn: no update policy, MinSize "1"', [added(cfn('AWS::AutoScaling::AutoScalingGroup', 'Api', { MinSize: '1' }))], [17, 21]],
  ['db-high-availability', 'tf: multi_az', [added(tf('aws_db_instance', 'db', goodDb))], []],
  ['db-high-availability', 'tf: single-AZ', [added(tf('aws_db_instance', 'db', { multi_az: false }))], [11]],
  ['db-high-availability', 'tf: single-AZ replica', [added(tf('aws_db_instance', 'db', { replicate_source_db: 'orders' }))], []],
  ['db-high-availability', 'tf: single-AZ in a dev module', [added({ ...tf('aws_db_instance', 'db', {}), module: 'module.dev', address: 'module.dev.aws_db_instance.db' })], []],
  [
    'db-high-availability',
    'tf: cluster with two instances',
    [added(tf('aws_rds_cluster', 'main', {})), added(tf('aws_rds_cluster_instance', 'a', { cluster_identifier: unknownValue('aws_rds_cluster.main.id (known after apply)') })), added(tf('aws_rds_cluster_instance', 'b', { cluster_identifier: unknownValue('aws_rds_cluster.main.id (known after apply)') }))],
    [],
  ],
  ['db-high-availability', 'tf: cluster with one instance', [added(tf('aws_rds_cluster', 'main', { cluster_identifier: 'main' })), added(tf('aws_rds_cluster_instance', 'a', { cluster_identifier: 'main' }))], [10]],
  ['db-high-availability', 'tf: cluster member of unknown cluster', [added(tf('aws_rds_cluster', 'main', {})), added(tf('aws_rds_cluster_instance', 'a', { cluster_identifier: unknownValue('var.cluster') }))], []],
  ['db-high-availability', 'tf: Multi-AZ DB cluster', [added(tf('aws_rds_cluster', 'main', { db_cluster_instance_class: 'db.m6gd.large' }))], []],
  ['db-high-availability', 'cfn: MultiAZ true', [added(cfn('AWS::RDS::DBInstance', 'Db', goodCfnDb))], []],
  ['db-high-availability', 'cfn: Aurora cluster with one member', [added(cfn('AWS::RDS::DBCluster', 'Db', {})), added(cfn('AWS::RDS::DBInstance', 'Writer', { DBClusterIdentifier: unknownValue('Ref Db') }))], [17]],
  ['db-backups', 'tf: a week, final snapshot, tags', [added(tf('aws_db_instance', 'db', goodDb))], []],
  ['db-backups', 'tf: unset retention, skipped snapshot, no tag copy', [added(tf('aws_db_instance', 'db', { skip_final_snapshot: true }))], [10, 11, 10]],
  ['db-backups', 'tf: retention 0', [added(tf('aws_db_instance', 'db', { ...goodDb, backup_retention_period: 0 }))], [12]],
  ['db-backups', 'tf: dynamodb without PITR', [added(tf('aws_dynamodb_table', 't', { hash_key: 'id' }))], [10]],
  ['db-backups', 'tf: dynamodb with PITR', [added(tf('aws_dynamodb_table', 't', { point_in_time_recovery: [{ enabled: true }] }))], []],
  ['db-backups', 'cfn: DeletionPolicy Delete', [added(cfn('AWS::RDS::DBInstance', 'Db', goodCfnDb, { DeletionPolicy: 'Delete' }))], [18]],
  ['db-backups', 'cfn: Aurora member owns no backups', [added(cfn('AWS::RDS::DBInstance', 'Writer', { DBClusterIdentifier: unknownValue('Ref Db') }))], []],
  ['db-backups', 'cfn: dynamodb PITR off', [added(cfn('AWS::DynamoDB::Table', 'T', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }))], [21]],
  ['db-deletion-protection', 'tf: protected', [added(tf('aws_rds_cluster', 'db', { deletion_protection: true }))], []],
  ['db-deletion-protection', 'tf: unset', [added(tf('aws_rds_cluster', 'db', { engine: 'aurora-mysql' }))], [10]],
  ['db-deletion-protection', 'tf: false in a staging path', [added(tf('aws_db_instance', 'db', { deletion_protection: false }, {}, 'envs/staging/db.tf'))], []],
  ['db-deletion-protection', 'tf: sensitive value is not judged', [added(tf('aws_db_instance', 'db', { deletion_protection: SENSITIVE }))], []],
  ['db-deletion-protection', 'cfn: DynamoDB unprotected', [added(cfn('AWS::DynamoDB::Table', 'T', { DeletionProtectionEnabled: false }))], [21]],
  ['stateful-retain', 'tf: prevent_destroy', [added(tf('aws_s3_bucket', 'b', { bucket: 'x' }, lifecycle))], []],
  ['stateful-retain', 'tf: no lifecycle', [added(tf('aws_s3_bucket', 'b', { bucket: 'x' }))], [10]],
  ['stateful-retain', 'tf: plan resources alone carry no lifecycle', [added(tf('aws_s3_bucket', 'b', { bucket: 'x' }, { source: 'plan' }))], []],
  ['stateful-retain', 'tf: a plan resource merged with its HCL twin, without prevent_destroy', [added(tf('aws_s3_bucket', 'b', { bucket: 'x' }, { source: 'plan', planFile: 'plan.json' }))], [10]],
  ['stateful-retain', 'tf: a plan resource merged with its HCL twin, with prevent_destroy', [added(tf('aws_s3_bucket', 'b', { bucket: 'x' }, { source: 'plan', planFile: 'plan.json', ...lifecycle }))], []],
  ['stateful-retain', 'tf: a stateless type', [added(tf('aws_lb', 'b', {}))], []],
  ['stateful-retain', 'cfn: both Retain', [added(cfn('AWS::EFS::FileSystem', 'Fs', {}, retained))], []],
  ['stateful-retain', 'cfn: DeletionPolicy Delete', [added(cfn('AWS::EFS::FileSystem', 'Fs', {}, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Retain' }))], [18]],
  ['stateful-retain', 'cfn: unset', [added(cfn('AWS::SQS::Queue', 'Q', {}))], [17]],
];

describe('Terraform and CloudFormation rollout rules, valid and invalid resources', () => {
  it.each(cases)('%s: %s', (id, _name, resources, lines) => {
    expectFindingsOn(runRule(id, resources), lines);
  });

  it('db-backups reports the tag copy as a notice, the rest at the rule level', () => {
    const findings = run('db-backups', [added(tf('aws_db_instance', 'db', { backup_retention_period: 7 }))]);
    expect(findings.map((finding) => finding.severity)).toEqual(['notice']);
  });
});

describe('destructive-change', () => {
  const bucket = (attributes: Record<string, unknown>, meta: Record<string, unknown> = {}) => tf('aws_s3_bucket', 'invoices', attributes, meta);
  const tfFile = (after: string): ChangedFile => ({ path: 'infra/prod/main.tf', status: 'modified', before: '', after });

  const destructive: Array<[string, ResourceChange[], ChangedFile[], string[]]> = [
    ['tf: a bucket block removed', [removed(bucket({ bucket: 'invoices' }))], [tfFile('')], ['aws_s3_bucket.invoices is removed from the configuration; the next apply destroys the bucket and every object in it.']],
    ['tf: removed, but renamed with a moved block', [removed(bucket({ bucket: 'invoices' }))], [tfFile('moved {\n  from = aws_s3_bucket.invoices\n  to   = aws_s3_bucket.billing\n}\n')], []],
    ['tf: a moved block for another address', [removed(bucket({ bucket: 'invoices' }))], [tfFile('moved {\n  from = aws_s3_bucket.invoices_old\n  to   = aws_s3_bucket.x\n}\n')], ['aws_s3_bucket.invoices is removed from the configuration; the next apply destroys the bucket and every object in it.']],
    ['tf: removed block that keeps it', [removed(bucket({ bucket: 'invoices' }))], [tfFile('removed {\n  from = aws_s3_bucket.invoices\n  lifecycle {\n    destroy = false\n  }\n}\n')], []],
    ['tf: a stateless resource removed', [removed(tf('aws_lb_listener', 'http', {}))], [], []],
    ['tf: bucket renamed in place', [changed(bucket({ bucket: 'invoices' }), bucket({ bucket: 'invoices-eu' }))], [], ['Changing bucket (invoices → invoices-eu) forces Terraform to replace aws_s3_bucket.invoices; the new one starts empty, and the bucket and every object in it will be lost.']],
    ['tf: an updatable attribute changed', [changed(bucket({ bucket: 'x', force_destroy: false }), bucket({ bucket: 'x', force_destroy: true }))], [], []],
    ['tf: force-new attribute becomes unknown', [changed(bucket({ bucket: 'x' }), bucket({ bucket: unknownValue('var.name') }))], [], []],
    ['plan: delete', [removed(tf('aws_ebs_volume', 'v', {}, { source: 'plan', actions: ['delete'] }))], [], ['The plan deletes aws_ebs_volume.v: the volume and its data will be lost.']],
    ['plan: forget', [removed(tf('aws_ebs_volume', 'v', {}, { source: 'plan', actions: ['forget'] }))], [], []],
    [
      'plan: replace',
      [changed(tf('aws_db_instance', 'db', { engine: 'mysql' }, { source: 'plan' }), tf('aws_db_instance', 'db', { engine: 'postgres' }, { source: 'plan', replace: true, actionReason: 'replace_because_cannot_update' }))],
      [],
      ['The plan replaces aws_db_instance.db (replace because cannot update): the new one starts empty, and the database and its data will be lost.'],
    ],
    ['cfn: bucket removed from a kept template', [removed(cfn('AWS::S3::Bucket', 'Logs', {}))], [{ path: 'stacks/app.yaml', status: 'modified', after: 'Resources: {}' }], ['AWS::S3::Bucket Logs is removed from the template; the next stack update deletes the bucket and every object in it.']],
    ['cfn: template deleted (the stack is not)', [removed(cfn('AWS::S3::Bucket', 'Logs', {}))], [{ path: 'stacks/app.yaml', status: 'removed', before: 'Resources: {}' }], []],
    ['cfn: retained bucket removed', [removed(cfn('AWS::S3::Bucket', 'Logs', {}, retained))], [{ path: 'stacks/app.yaml', status: 'modified', after: '' }], []],
    ['cfn: RDS removed keeps a final snapshot by default', [removed(cfn('AWS::RDS::DBInstance', 'Db', {}))], [{ path: 'stacks/app.yaml', status: 'modified', after: '' }], ['AWS::RDS::DBInstance Db is removed from the template; the next stack update deletes the database and its data (a final snapshot is taken; the live resource and anything written since are gone).']],
    ['cfn: table key schema changed', [changed(cfn('AWS::DynamoDB::Table', 'T', { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }), cfn('AWS::DynamoDB::Table', 'T', { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }))], [], ['Changing KeySchema ([{"AttributeName":"id","KeyType":"HASH"}] → [{"AttributeName":"pk","KeyType":"HASH"}]) makes CloudFormation replace AWS::DynamoDB::Table T; the old one is deleted with the table and every item in it.']],
  ];

  it.each(destructive)('%s', (_name, resources, files, messages) => {
    expect(run('destructive-change', resources, files).map((finding) => finding.message)).toEqual(messages);
  });

  it('reports on the changed attribute line', () => {
    const [finding] = run('destructive-change', [changed(bucket({ bucket: 'a' }), bucket({ bucket: 'b' }))]);
    expect(finding).toMatchObject({ file: 'infra/prod/main.tf', line: 11, resource: 'aws_s3_bucket.invoices' });
  });
});
