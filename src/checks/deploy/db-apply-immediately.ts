import type { Rule, RuleFinding } from '../model.js';
import { cloudProduction, flagAt, judgedCloudResources, label } from './aws.js';
import { findingAt } from './kubernetes.js';

/** CloudFormation has no such switch: it applies database changes when the stack updates. */
const TYPES = { terraform: new Set(['aws_db_instance', 'aws_rds_cluster', 'aws_rds_cluster_instance']) };

export const dbApplyImmediately: Rule = {
  id: 'db-apply-immediately',
  title: 'Production databases take disruptive changes in their maintenance window',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/db-apply-immediately.md',
  run: (context) => {
    const findings: RuleFinding[] = [];
    for (const db of judgedCloudResources(context.resources, TYPES)) {
      if (flagAt(db, 'apply_immediately') !== true || !cloudProduction(db, context)) continue;
      findings.push(
        findingAt(
          db,
          'apply_immediately',
          `${label(db)} sets apply_immediately = true in production; a change that needs a restart or failover (instance class, engine version, parameter group, storage type) is applied during the apply, at whatever hour it runs, instead of in the maintenance window.`,
          'Remove apply_immediately (or set it to false) so RDS waits for the maintenance window; for one deliberate urgent change, suppress with `# tollgate:ignore db-apply-immediately <reason>`.',
        ),
      );
    }
    return findings;
  },
};
