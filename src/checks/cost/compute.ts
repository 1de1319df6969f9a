import type { CostComponent, CostLine } from '../../cost/model.js';
import type { Resource } from '../../iac/model.js';
import { cloudProduction } from '../deploy/aws.js';
import { nonProductionMarker } from '../deploy/production.js';
import type { RuleContext } from '../model.js';
import { isRecord } from './support.js';

/**
 * What spot-for-non-production and commitment-discount share: which parts of a cost line buy
 * on-demand compute hours (instances, database and cache nodes), since only those are discounted by
 * spot capacity or a commitment (storage, disks and usage are billed the same either way), and
 * which resources run outside production.
 */

/** The on-demand compute components of a priced line: every pricer names them "… (…on-demand…)". */
export function onDemandCompute(line: CostLine | undefined): CostComponent[] {
  return (line?.components ?? []).filter((part) => !part.usageBased && /\bon-demand\b/.test(part.name));
}


/** A component's name as its price row spells it: without the " × 3" the cost stage appends for `count` and node counts. */
export function rowName(name: string): string {
  return name.replace(/( × \d+(\.\d+)?)+$/, '');
}

/** Environment tags of a Terraform autoscaling group, written as `tag { key, value }` blocks rather than a map. */
function groupTagLabels(resource: Resource): Record<string, string> {
  const tags = Array.isArray(resource.attributes.tag) ? resource.attributes.tag : [];
  const labels: Record<string, string> = {};
  for (const tag of tags) {
    if (isRecord(tag) && typeof tag.key === 'string' && typeof tag.value === 'string' && /^(env|environment|stage|tier)$/i.test(tag.key)) labels[tag.key] = tag.value;
  }
  return labels;
}

/** Non-production by `kubernetes.non-production`, as the deployment rules judge it, autoscaling group tag blocks included. */
export function isNonProduction(resource: Resource, context: RuleContext): boolean {
  if (!cloudProduction(resource, context)) return true;
  return nonProductionMarker({ ...resource, labels: groupTagLabels(resource) }, context.config.kubernetes.nonProduction) !== undefined;
}
