/**
 * Resources that hold data: deleting or replacing one loses what it holds. For each, what is lost
 * and the attributes whose change makes the provider (or CloudFormation) replace the resource —
 * the common, documented ones only (the Terraform AWS provider's ForceNew arguments and the
 * CloudFormation "Update requires: Replacement" properties), not an exhaustive list.
 */
import type { Resource } from '../../iac/model.js';
import { isRecord } from './kubernetes.js';

export interface StatefulType {
  /** What goes with it: "the database and its data". */
  holds: string;
  /** Attribute paths (CloudFormation: under the resource, `Properties.…`) whose change replaces it. */
  forceNew: readonly string[];
}

const DATABASE = 'the database and its data';

export const STATEFUL_TERRAFORM: Readonly<Record<string, StatefulType>> = {
  aws_db_instance: { holds: DATABASE, forceNew: ['identifier', 'identifier_prefix', 'engine', 'availability_zone', 'db_name', 'username', 'storage_encrypted', 'kms_key_id', 'character_set_name', 'snapshot_identifier'] },
  aws_rds_cluster: { holds: DATABASE, forceNew: ['cluster_identifier', 'cluster_identifier_prefix', 'engine', 'database_name', 'master_username', 'storage_encrypted', 'kms_key_id', 'snapshot_identifier'] },
  aws_docdb_cluster: { holds: DATABASE, forceNew: ['cluster_identifier', 'engine', 'master_username', 'storage_encrypted', 'kms_key_id'] },
  aws_neptune_cluster: { holds: DATABASE, forceNew: ['cluster_identifier', 'engine', 'storage_encrypted', 'kms_key_id'] },
  aws_redshift_cluster: { holds: 'the warehouse and its data', forceNew: ['cluster_identifier', 'database_name', 'kms_key_id'] },
  aws_dynamodb_table: { holds: 'the table and every item in it', forceNew: ['name', 'hash_key', 'range_key'] },
  aws_elasticache_replication_group: { holds: 'the cache cluster and its data', forceNew: ['replication_group_id', 'engine', 'at_rest_encryption_enabled'] },
  aws_s3_bucket: { holds: 'the bucket and every object in it', forceNew: ['bucket', 'bucket_prefix', 'object_lock_enabled'] },
  aws_ebs_volume: { holds: 'the volume and its data', forceNew: ['availability_zone', 'snapshot_id', 'encrypted', 'kms_key_id'] },
  aws_efs_file_system: { holds: 'the file system and its files', forceNew: ['creation_token', 'encrypted', 'kms_key_id', 'performance_mode', 'availability_zone_name'] },
  aws_fsx_lustre_file_system: { holds: 'the file system and its files', forceNew: ['subnet_ids', 'deployment_type', 'storage_type'] },
  aws_sqs_queue: { holds: 'the queue and the messages waiting in it', forceNew: ['name', 'name_prefix', 'fifo_queue'] },
  aws_kinesis_stream: { holds: 'the stream and its unread records', forceNew: ['name'] },
  aws_opensearch_domain: { holds: 'the search domain and its indices', forceNew: ['domain_name'] },
  aws_elasticsearch_domain: { holds: 'the search domain and its indices', forceNew: ['domain_name'] },
  aws_kms_key: { holds: 'the key, and with it everything encrypted under it', forceNew: [] },
  aws_eks_cluster: { holds: 'the cluster and every workload and volume in it', forceNew: ['name'] },
};

export const STATEFUL_CLOUDFORMATION: Readonly<Record<string, StatefulType>> = {
  'AWS::RDS::DBInstance': { holds: DATABASE, forceNew: ['Properties.DBInstanceIdentifier', 'Properties.DBName', 'Properties.MasterUsername', 'Properties.StorageEncrypted', 'Properties.KmsKeyId', 'Properties.CharacterSetName', 'Properties.AvailabilityZone'] },
  'AWS::RDS::DBCluster': { holds: DATABASE, forceNew: ['Properties.DBClusterIdentifier', 'Properties.DatabaseName', 'Properties.StorageEncrypted', 'Properties.KmsKeyId', 'Properties.Engine', 'Properties.AvailabilityZones'] },
  'AWS::DocDB::DBCluster': { holds: DATABASE, forceNew: ['Properties.DBClusterIdentifier', 'Properties.MasterUsername', 'Properties.StorageEncrypted', 'Properties.KmsKeyId'] },
  'AWS::Neptune::DBCluster': { holds: DATABASE, forceNew: ['Properties.DBClusterIdentifier', 'Properties.StorageEncrypted', 'Properties.KmsKeyId'] },
  'AWS::Redshift::Cluster': { holds: 'the warehouse and its data', forceNew: ['Properties.ClusterIdentifier', 'Properties.DBName'] },
  'AWS::DynamoDB::Table': { holds: 'the table and every item in it', forceNew: ['Properties.TableName', 'Properties.KeySchema'] },
  'AWS::DynamoDB::GlobalTable': { holds: 'the table and every item in it', forceNew: ['Properties.TableName', 'Properties.KeySchema'] },
  'AWS::S3::Bucket': { holds: 'the bucket and every object in it', forceNew: ['Properties.BucketName', 'Properties.ObjectLockEnabled'] },
  'AWS::EC2::Volume': { holds: 'the volume and its data', forceNew: ['Properties.AvailabilityZone', 'Properties.Encrypted', 'Properties.KmsKeyId', 'Properties.SnapshotId'] },
  'AWS::EFS::FileSystem': { holds: 'the file system and its files', forceNew: ['Properties.Encrypted', 'Properties.KmsKeyId', 'Properties.PerformanceMode', 'Properties.AvailabilityZoneName'] },
  'AWS::FSx::FileSystem': { holds: 'the file system and its files', forceNew: ['Properties.FileSystemType', 'Properties.SubnetIds'] },
  'AWS::SQS::Queue': { holds: 'the queue and the messages waiting in it', forceNew: ['Properties.QueueName', 'Properties.FifoQueue'] },
  'AWS::Kinesis::Stream': { holds: 'the stream and its unread records', forceNew: ['Properties.Name'] },
  'AWS::OpenSearchService::Domain': { holds: 'the search domain and its indices', forceNew: ['Properties.DomainName'] },
  'AWS::Elasticsearch::Domain': { holds: 'the search domain and its indices', forceNew: ['Properties.DomainName'] },
  'AWS::KMS::Key': { holds: 'the key, and with it everything encrypted under it', forceNew: [] },
  'AWS::EKS::Cluster': { holds: 'the cluster and every workload and volume in it', forceNew: ['Properties.Name'] },
};

/** Kubernetes objects whose removal deletes data (a StatefulSet only when it deletes its claims; see destructive-change). */
export const STATEFUL_KUBERNETES: Readonly<Record<string, StatefulType>> = {
  PersistentVolumeClaim: { holds: 'the volume claim and, with the usual Delete reclaim policy, its volume and data', forceNew: [] },
  PersistentVolume: { holds: 'the volume and, with a Delete reclaim policy, its data', forceNew: [] },
  StatefulSet: { holds: 'its pods and, with persistentVolumeClaimRetentionPolicy whenDeleted: Delete, their volumes', forceNew: [] },
};

/** What the resource holds, when it holds data itself: an Aurora member instance keeps its data in its cluster. */
export function statefulType(resource: Resource): StatefulType | undefined {
  const table = resource.kind === 'terraform' ? STATEFUL_TERRAFORM : resource.kind === 'cloudformation' ? STATEFUL_CLOUDFORMATION : STATEFUL_KUBERNETES;
  if (!Object.hasOwn(table, resource.type)) return undefined;
  if (resource.type === 'AWS::RDS::DBInstance' && isRecord(resource.attributes.Properties) && resource.attributes.Properties.DBClusterIdentifier !== undefined) return undefined;
  return table[resource.type];
}
