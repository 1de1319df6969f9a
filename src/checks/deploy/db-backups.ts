import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { UNKNOWN, flagAt, isSetAt, judgedCloudResources, label, numberAt, pathFor, stringAt } from './aws.js';
import { findingAt } from './kubernetes.js';

const TYPES = {
  terraform: new Set(['aws_db_instance', 'aws_rds_cluster', 'aws_dynamodb_table']),
  cloudformation: new Set(['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DynamoDB::Table']),
};

/** A week of point-in-time restore covers a problem found after a weekend. */
const MINIMUM_RETENTION_DAYS = 7;
/** RDS keeps one day of backups when the retention is unset (Terraform and CloudFormation alike). */
const DEFAULT_RETENTION_DAYS = 1;

/** Replicas and Aurora members take their backups from their source or cluster. */
function ownsBackups(db: Resource): boolean {
  if (db.type === 'aws_db_instance') return !isSetAt(db, 'replicate_source_db');
  if (db.type === 'AWS::RDS::DBInstance') return !isSetAt(db, 'Properties.DBClusterIdentifier') && !isSetAt(db, 'Properties.SourceDBInstanceIdentifier');
  return true;
}

function retention(db: Resource): RuleFinding[] {
  const path = pathFor(db, 'backup_retention_period', 'Properties.BackupRetentionPeriod');
  const days = numberAt(db, path);
  if (days === UNKNOWN) return [];
  const effective = days ?? DEFAULT_RETENTION_DAYS;
  if (effective >= MINIMUM_RETENTION_DAYS) return [];
  const written = days === undefined ? `sets no backup retention (RDS keeps ${DEFAULT_RETENTION_DAYS} day)` : days === 0 ? 'turns automated backups off (retention 0)' : `keeps backups for ${days} day${days === 1 ? '' : 's'}`;
  return [findingAt(db, path, `${label(db)} ${written}; a bad migration noticed later cannot be restored.`, `Set ${db.kind === 'terraform' ? 'backup_retention_period' : 'BackupRetentionPeriod'} to at least ${MINIMUM_RETENTION_DAYS}.`)];
}

function finalSnapshot(db: Resource): RuleFinding[] {
  if (db.kind === 'terraform') {
    if (flagAt(db, 'skip_final_snapshot') !== true) return [];
    return [findingAt(db, 'skip_final_snapshot', `${label(db)} sets skip_final_snapshot = true; destroying or replacing it deletes the data with no snapshot to restore.`, 'Set skip_final_snapshot = false and a final_snapshot_identifier.')];
  }
  // CloudFormation takes the final snapshot through DeletionPolicy (default Snapshot for RDS); Delete skips it.
  if (stringAt(db, 'DeletionPolicy') !== 'Delete') return [];
  return [findingAt(db, 'DeletionPolicy', `${label(db)} has DeletionPolicy Delete; removing it from the stack deletes the data with no final snapshot.`, 'Set DeletionPolicy (and UpdateReplacePolicy) to Snapshot or Retain.')];
}

function copyTags(db: Resource): RuleFinding[] {
  const path = pathFor(db, 'copy_tags_to_snapshot', 'Properties.CopyTagsToSnapshot');
  const copy = flagAt(db, path);
  if (copy === true || copy === UNKNOWN) return [];
  return [{ ...findingAt(db, path, `${label(db)} does not copy its tags to snapshots; restored copies lose their owner, cost and environment tags.`, `Set ${db.kind === 'terraform' ? 'copy_tags_to_snapshot = true' : 'CopyTagsToSnapshot: true'}.`), severity: 'notice' }];
}

function pointInTimeRecovery(table: Resource): RuleFinding[] {
  const path = pathFor(table, 'point_in_time_recovery.0.enabled', 'Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled');
  const enabled = flagAt(table, path);
  if (enabled === true || enabled === UNKNOWN) return [];
  return [findingAt(table, path, `${label(table)} has point-in-time recovery off; an accidental overwrite or delete of items cannot be undone.`, table.kind === 'terraform' ? 'Add `point_in_time_recovery { enabled = true }`.' : 'Set PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }.')];
}

export const dbBackups: Rule = {
  id: 'db-backups',
  title: 'Databases keep backups to restore from',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/db-backups.md',
  run: ({ resources }) =>
    judgedCloudResources(resources, TYPES).flatMap((db) => {
      if (db.type === 'aws_dynamodb_table' || db.type === 'AWS::DynamoDB::Table') return pointInTimeRecovery(db);
      return ownsBackups(db) ? [...retention(db), ...finalSnapshot(db), ...copyTags(db)] : [];
    }),
};
