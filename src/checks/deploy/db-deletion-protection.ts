import type { Rule, RuleFinding } from '../model.js';
import { UNKNOWN, cloudProduction, flagAt, isSetAt, judgedCloudResources, label } from './aws.js';
import { findingAt } from './kubernetes.js';

/** The attribute that turns deletion protection on, per database type. */
const PROTECTION: Record<string, string> = {
  aws_db_instance: 'deletion_protection',
  aws_rds_cluster: 'deletion_protection',
  aws_docdb_cluster: 'deletion_protection',
  aws_neptune_cluster: 'deletion_protection',
  aws_dynamodb_table: 'deletion_protection_enabled',
  'AWS::RDS::DBInstance': 'Properties.DeletionProtection',
  'AWS::RDS::DBCluster': 'Properties.DeletionProtection',
  'AWS::DocDB::DBCluster': 'Properties.DeletionProtection',
  'AWS::Neptune::DBCluster': 'Properties.DeletionProtection',
  'AWS::DynamoDB::Table': 'Properties.DeletionProtectionEnabled',
};

const TYPES = {
  terraform: new Set(Object.keys(PROTECTION).filter((type) => !type.startsWith('AWS::'))),
  cloudformation: new Set(Object.keys(PROTECTION).filter((type) => type.startsWith('AWS::'))),
};

export const dbDeletionProtection: Rule = {
  id: 'db-deletion-protection',
  title: 'Production databases cannot be deleted by accident',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/db-deletion-protection.md',
  run: (context) => {
    const findings: RuleFinding[] = [];
    for (const db of judgedCloudResources(context.resources, TYPES)) {
      const path = PROTECTION[db.type];
      // An Aurora member is protected through its cluster.
      if (path === undefined || (db.type === 'AWS::RDS::DBInstance' && isSetAt(db, 'Properties.DBClusterIdentifier'))) continue;
      const protectedFlag = flagAt(db, path);
      if (protectedFlag === true || protectedFlag === UNKNOWN || !cloudProduction(db, context)) continue;
      const name = path.replace(/^Properties\./, '');
      const written = protectedFlag === false ? `sets ${name} to false` : `has no ${name}`;
      findings.push(findingAt(db, path, `${label(db)} ${written} in production; one mistaken destroy, stack deletion or console click deletes the database.`, `Set ${db.kind === 'terraform' ? `${name} = true` : `${name}: true`}; mark non-production paths or Environment tags in kubernetes.non-production.`));
    }
    return findings;
  },
};
