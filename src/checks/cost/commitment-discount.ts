import { Catalog } from '../../cost/catalog.js';
import type { CostComponent, CostLine } from '../../cost/model.js';
import type { ResourceChange } from '../../diff/model.js';
import { resourceKey } from '../../iac/model.js';
import type { Rule, RuleContext, RuleFinding } from '../model.js';
import { isNonProduction, onDemandCompute, rowName } from './compute.js';
import { findingAt, formatUsd, numberOption } from './support.js';
import { monthlyOf } from '../../cost/pricing.js';

/** Monthly on-demand compute (USD) from which a resource is worth a commitment notice. */
export const DEFAULT_MIN_MONTHLY = 500;

/**
 * The 1-year discount assumed where the data has no reserved rate for the type. The price data
 * holds no commitment rates as such (its README says so); its few reserved rows, against the
 * on-demand price of the same type, imply 27.9% (t3.medium, aws_instance), 29.6% (db.t3.large
 * Multi-AZ), 31.7% (cache.m6g.12xlarge), 34.5% (db.r4.large Aurora) and 37.3% (t3.medium, ASG and
 * node group rows). The smallest, rounded down, keeps the estimate from overstating.
 */
export const DEFAULT_DISCOUNT_PERCENT = 27;

/** Resource types whose compute AWS sells 1-year commitments for, with the data's resource type for their reserved rows and the attribute to annotate. */
const COMMITTABLE: Readonly<Record<string, { dataType: string; path: string }>> = {
  aws_instance: { dataType: 'aws_instance', path: 'instance_type' },
  'AWS::EC2::Instance': { dataType: 'aws_instance', path: 'InstanceType' },
  aws_autoscaling_group: { dataType: 'aws_autoscaling_group', path: 'desired_capacity' },
  'AWS::AutoScaling::AutoScalingGroup': { dataType: 'aws_autoscaling_group', path: 'DesiredCapacity' },
  aws_eks_node_group: { dataType: 'aws_eks_node_group', path: 'instance_types' },
  'AWS::EKS::Nodegroup': { dataType: 'aws_eks_node_group', path: 'InstanceTypes' },
  aws_db_instance: { dataType: 'aws_db_instance', path: 'instance_class' },
  'AWS::RDS::DBInstance': { dataType: 'aws_db_instance', path: 'DBInstanceClass' },
  aws_rds_cluster_instance: { dataType: 'aws_rds_cluster_instance', path: 'instance_class' },
  aws_elasticache_cluster: { dataType: 'aws_elasticache_cluster', path: 'node_type' },
  'AWS::ElastiCache::CacheCluster': { dataType: 'aws_elasticache_cluster', path: 'CacheNodeType' },
  // Replication groups run the same nodes; the data's ElastiCache reserved rows sit under aws_elasticache_cluster.
  aws_elasticache_replication_group: { dataType: 'aws_elasticache_cluster', path: 'node_type' },
  'AWS::ElastiCache::ReplicationGroup': { dataType: 'aws_elasticache_cluster', path: 'CacheNodeType' },
};

let catalog: Catalog | undefined;

/** The data's reserved hourly rate for an on-demand component ("… (on-demand, db.t3.large)" → "… (reserved, db.t3.large)"), if it has one. */
export function reservedHourly(dataType: string, region: string, onDemandName: string): number | undefined {
  catalog ??= new Catalog();
  return catalog.component('aws', dataType, region, rowName(onDemandName).replace('on-demand', 'reserved'), 'hours')?.usd;
}

export interface CommitmentSaving {
  /** On-demand compute per month. */
  monthly: number;
  /** Estimated saving over a year. */
  yearly: number;
  /** Components priced from the data's reserved rows, with both hourly rates. */
  reserved: { name: string; onDemand: number; reserved: number }[];
  /** Whether some component fell back to the assumed discount. */
  assumed: boolean;
}

/** The 1-year saving of a line's on-demand compute: the data's reserved rate where it has one, else `discountPercent`. */
export function commitmentSaving(line: CostLine, dataType: string, region: string, discountPercent: number): CommitmentSaving {
  const compute = onDemandCompute(line);
  const reserved: CommitmentSaving['reserved'] = [];
  let assumed = false;
  const monthlySaving = (part: CostComponent): number => {
    const rate = part.unit === 'hours' ? reservedHourly(dataType, region, part.name) : undefined;
    if (rate === undefined) {
      assumed = true;
      return (part.monthly * discountPercent) / 100;
    }
    reserved.push({ name: rowName(part.name), onDemand: part.unitPrice, reserved: rate });
    return Math.max(0, part.unitPrice - rate) * part.quantity;
  };
  const saving = compute.reduce((sum, part) => sum + monthlySaving(part), 0);
  return { monthly: monthlyOf(compute), yearly: saving * 12, reserved, assumed };
}

function basisOf(saving: CommitmentSaving, discountPercent: number): string {
  const rates = saving.reserved.map((item) => `$${item.reserved}/h reserved against $${item.onDemand}/h on demand`).join(', ');
  if (saving.reserved.length === 0) return `at an assumed ${discountPercent}% discount; the price data has no reserved rate for it`;
  if (saving.assumed) return `partly at the data's reserved rate (${rates}), the rest at an assumed ${discountPercent}% discount`;
  return `at the data's reserved rate, ${rates}`;
}

/**
 * Steady means the cost stage found no range: no autoscaling min–max, no HPA, no either-or value.
 * A non-production resource is left out: it is the kind that gets stopped, resized or deleted within the year.
 */
function steadyProductionLine(change: ResourceChange, line: CostLine | undefined, context: RuleContext): line is CostLine {
  if (!line || line.range || !change.after || (change.change !== 'added' && change.change !== 'changed')) return false;
  if (change.change === 'changed' && line.delta <= 0) return false;
  return !isNonProduction(change.after, context);
}

export const commitmentDiscount: Rule = {
  id: 'commitment-discount',
  title: 'Large steady compute is considered for a commitment',
  category: 'cost',
  severity: 'notice',
  docs: 'docs/rules/commitment-discount.md',
  options: {
    'min-monthly': {
      title: 'Smallest monthly compute cost',
      description: `Monthly on-demand compute (USD) of one resource below which the rule stays quiet. Default: ${DEFAULT_MIN_MONTHLY}.`,
      type: 'number',
      minimum: 0,
    },
    'discount-percent': {
      title: 'Assumed 1-year discount in percent',
      description: `Discount used where the price data has no reserved rate for the type. Default: ${DEFAULT_DISCOUNT_PERCENT} (the smallest discount the data's reserved rows imply).`,
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 100,
    },
  },
  run: (context) => {
    const minMonthly = numberOption(context.options, 'min-monthly') ?? DEFAULT_MIN_MONTHLY;
    const discount = numberOption(context.options, 'discount-percent') ?? DEFAULT_DISCOUNT_PERCENT;
    const lines = new Map(context.cost.lines.map((line) => [resourceKey(line.scope, line.address), line]));
    const findings: RuleFinding[] = [];
    for (const change of context.resources) {
      const kind = COMMITTABLE[change.type];
      const line = lines.get(resourceKey(change.scope, change.address));
      if (!kind || !steadyProductionLine(change, line, context) || !change.after) continue;
      const saving = commitmentSaving(line, kind.dataType, line.region ?? change.after.region ?? context.config.cost.region, discount);
      if (saving.monthly < minMonthly || saving.yearly <= 0) continue;
      findings.push(
        findingAt(
          change.after,
          kind.path,
          `${change.address} runs ${formatUsd(saving.monthly)} a month of steady on-demand compute; a 1-year reserved instance or Savings Plan would save about ${formatUsd(saving.yearly)} a year (estimate, ${basisOf(saving, discount)}).`,
          'Once its size has settled, cover it with a 1-year Savings Plan or reserved instance: a billing purchase, nothing to change in this pull request.',
        ),
      );
    }
    return findings;
  },
};
