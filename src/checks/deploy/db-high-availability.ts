import type { Resource } from '../../iac/model.js';
import { isUnknown } from '../../iac/values.js';
import type { Rule, RuleContext, RuleFinding } from '../model.js';
import { localAddress } from '../../iac/references.js';
import { UNKNOWN, cloudProduction, flagAt, headCloudResources, isSetAt, judgedCloudResources, label, pathFor, stringAt } from './aws.js';
import { findingAt, valueAt } from './kubernetes.js';

const TYPES = {
  terraform: new Set(['aws_db_instance', 'aws_rds_cluster']),
  cloudformation: new Set(['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster']),
};
const MINIMUM_CLUSTER_INSTANCES = 2;

/** Read replicas and Aurora cluster members get their availability from their source or cluster. */
function standaloneInstance(db: Resource): boolean {
  return db.kind === 'terraform'
    ? !isSetAt(db, 'replicate_source_db')
    : !isSetAt(db, 'Properties.DBClusterIdentifier') && !isSetAt(db, 'Properties.SourceDBInstanceIdentifier');
}

function instanceFinding(db: Resource): RuleFinding[] {
  if (!standaloneInstance(db)) return [];
  const path = pathFor(db, 'multi_az', 'Properties.MultiAZ');
  const multiAz = flagAt(db, path);
  if (multiAz === true || multiAz === UNKNOWN) return [];
  const written = multiAz === false ? 'sets multi_az to false' : 'is not Multi-AZ';
  return [findingAt(db, path, `${label(db)} ${written} in production; an availability-zone outage or a host failure takes the database down until it is rebuilt.`, `Set ${db.kind === 'terraform' ? 'multi_az = true' : 'MultiAZ: true'}; mark non-production paths or Environment tags in kubernetes.non-production.`)];
}

/**
 * The cluster's members at the head of the change: `undefined` when some member's cluster cannot
 * be told (a reference the parser could not follow, an unknown count), so the rule stays silent.
 */
function clusterMembers(cluster: Resource, heads: readonly Resource[]): number | undefined {
  const terraform = cluster.kind === 'terraform';
  const memberType = terraform ? 'aws_rds_cluster_instance' : 'AWS::RDS::DBInstance';
  const memberPath = terraform ? 'cluster_identifier' : 'Properties.DBClusterIdentifier';
  const identifier = stringAt(cluster, terraform ? 'cluster_identifier' : 'Properties.DBClusterIdentifier');
  const reference = terraform ? `${localAddress(cluster)}.` : `Ref ${String(cluster.meta.logicalId)}`;
  let members = 0;
  for (const head of heads) {
    if (head.type !== memberType || head.kind !== cluster.kind) continue;
    if (terraform ? head.module !== cluster.module : head.file !== cluster.file) continue;
    const value = valueAt(head.attributes, memberPath);
    if (value === undefined || value === null) continue;
    if (head.meta.instancesUnknown !== undefined) return undefined;
    if (isUnknown(value)) {
      if (terraform ? value.__unknown.startsWith(reference) : value.__unknown === reference) members += 1;
      else return undefined;
    } else if (typeof value === 'string' && identifier !== undefined && identifier !== UNKNOWN && value === identifier) {
      members += 1;
    }
  }
  return members;
}

function clusterFinding(cluster: Resource, heads: readonly Resource[]): RuleFinding[] {
  // Multi-AZ DB clusters (a cluster-level instance class) place their own three instances; Serverless v1 fails over by itself.
  if (isSetAt(cluster, pathFor(cluster, 'db_cluster_instance_class', 'Properties.DBClusterInstanceClass'))) return [];
  if (stringAt(cluster, pathFor(cluster, 'engine_mode', 'Properties.EngineMode')) === 'serverless') return [];
  const members = clusterMembers(cluster, heads);
  if (members === undefined || members >= MINIMUM_CLUSTER_INSTANCES) return [];
  const memberType = cluster.kind === 'terraform' ? 'aws_rds_cluster_instance' : 'AWS::RDS::DBInstance';
  return [findingAt(cluster, '', `${label(cluster)} has ${members} instance${members === 1 ? '' : 's'} in production; with no replica in another zone a failure means downtime until a new writer is created.`, `Add a second ${memberType} to the cluster (Aurora places replicas across zones and fails over to one).`)];
}

export const dbHighAvailability: Rule = {
  id: 'db-high-availability',
  title: 'Production databases survive the loss of a zone',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/db-high-availability.md',
  run: (context: RuleContext) => {
    const heads = headCloudResources(context.resources);
    return judgedCloudResources(context.resources, TYPES)
      .filter((db) => cloudProduction(db, context))
      .flatMap((db) => (db.type === 'aws_db_instance' || db.type === 'AWS::RDS::DBInstance' ? instanceFinding(db) : clusterFinding(db, heads)));
  },
};
