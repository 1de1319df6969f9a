import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { isUnknown } from '../../iac/values.js';
import type { Rule, RuleFinding } from '../model.js';
import { isNonProduction, onDemandCompute } from './compute.js';
import { attributesOf, findingAt, formatUsd, introduces, isRecord, lineFor, numberOption } from './support.js';
import { monthlyOf } from '../../cost/pricing.js';

/**
 * The default saving of spot over on-demand capacity, from the price data: OpenCost's default
 * Kubernetes rates (kubernetes-default-rates.csv) put spot at 0.006655 / 0.031611 = 21.05% of the
 * on-demand vCPU rate (0.000892 / 0.004237 = 21.05% for memory), a 78.9% discount, rounded down
 * so the estimate does not overstate.
 */
export const DEFAULT_DISCOUNT_PERCENT = 78;

const GROUPS = new Set(['aws_autoscaling_group', 'AWS::AutoScaling::AutoScalingGroup']);
const NODE_GROUPS = new Set(['aws_eks_node_group', 'AWS::EKS::Nodegroup']);
const TEMPLATES = new Set(['aws_launch_template', 'aws_launch_configuration', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration']);

/** Autoscaling groups and node groups with their attribute names, Terraform or CloudFormation. */
function keysOf(resource: Resource): { capacity: string; mixed: string } {
  const cloudformation = resource.kind === 'cloudformation';
  return { capacity: cloudformation ? 'CapacityType' : 'capacity_type', mixed: cloudformation ? 'MixedInstancesPolicy' : 'mixed_instances_policy' };
}

function first(value: unknown): Record<string, unknown> | undefined {
  const item = Array.isArray(value) ? value[0] : value;
  return isRecord(item) ? item : undefined;
}

/** Whether a launch template or configuration the group uses asks for spot (`instance_market_options`, `spot_price`). */
function templateUsesSpot(template: Resource): boolean {
  const attributes = attributesOf(template);
  const data = first(attributes.LaunchTemplateData) ?? attributes;
  const market = first(data.instance_market_options) ?? first(data.InstanceMarketOptions);
  const marketType = market?.market_type ?? market?.MarketType;
  return (typeof marketType === 'string' && marketType.toLowerCase() === 'spot') || data.spot_price !== undefined || data.SpotPrice !== undefined;
}

/** The templates in the change a group points at: by reference (`aws_launch_template.web.id`, `Ref Web`) or by name. */
function groupTemplates(group: Resource, heads: readonly Resource[]): Resource[] {
  const attributes = attributesOf(group);
  const reference = first(attributes.launch_template) ?? first(attributes.LaunchTemplate);
  const values = [reference?.id, reference?.name, reference?.LaunchTemplateId, reference?.LaunchTemplateName, attributes.launch_configuration, attributes.LaunchConfigurationName];
  return heads.filter((head) => {
    if (!TEMPLATES.has(head.type)) return false;
    const names = [attributesOf(head).name, attributesOf(head).LaunchTemplateName].filter((name) => typeof name === 'string');
    return values.some((value) => {
      if (isUnknown(value)) {
        const logicalId = /^(?:Ref |Fn::GetAtt )([A-Za-z0-9]+)/.exec(value.__unknown)?.[1];
        return value.__unknown.startsWith(`${head.address}.`) || (logicalId !== undefined && head.address === `${head.file}#${logicalId}`);
      }
      return typeof value === 'string' && names.includes(value);
    });
  });
}

/**
 * Whether the group already buys spot, or might (a value not known before apply is not guessed):
 * node groups by `capacity_type`; autoscaling groups by a mixed-instances policy with an on-demand
 * share under 100% (the default is 100) or a launch template that requests spot.
 */
function mayUseSpot(resource: Resource, heads: readonly Resource[]): boolean {
  const attributes = attributesOf(resource);
  const keys = keysOf(resource);
  if (NODE_GROUPS.has(resource.type)) {
    const capacity = attributes[keys.capacity];
    return isUnknown(capacity) || (typeof capacity === 'string' && capacity.toUpperCase() === 'SPOT');
  }
  const mixed = first(attributes[keys.mixed]);
  const distribution = first(mixed?.instances_distribution) ?? first(mixed?.InstancesDistribution);
  const share = distribution?.on_demand_percentage_above_base_capacity ?? distribution?.OnDemandPercentageAboveBaseCapacity;
  if (isUnknown(share) || (share !== undefined && Number(share) < 100)) return true;
  return groupTemplates(resource, heads).some(templateUsesSpot);
}

/** Only a group the change adds, or whose capacity settings it rewrites, is the author's to decide now. */
function judged(change: ResourceChange): Resource | undefined {
  const resource = change.after;
  if (!resource || !(GROUPS.has(change.type) || NODE_GROUPS.has(change.type))) return undefined;
  const keys = keysOf(resource);
  return introduces(change, keys.capacity) || introduces(change, keys.mixed) ? resource : undefined;
}

function fixFor(resource: Resource): string {
  const cloudformation = resource.kind === 'cloudformation';
  if (NODE_GROUPS.has(resource.type)) {
    return cloudformation
      ? 'Set CapacityType: SPOT and list several InstanceTypes, so a spot shortage in one type does not stall the group.'
      : 'Set capacity_type = "SPOT" and list several instance_types, so a spot shortage in one type does not stall the group.';
  }
  return cloudformation
    ? 'Add a MixedInstancesPolicy with InstancesDistribution OnDemandPercentageAboveBaseCapacity: 0, SpotAllocationStrategy: price-capacity-optimized and several instance type Overrides.'
    : 'Add a mixed_instances_policy with instances_distribution { on_demand_percentage_above_base_capacity = 0, spot_allocation_strategy = "price-capacity-optimized" } and several override instance types.';
}

export const spotForNonProduction: Rule = {
  id: 'spot-for-non-production',
  title: 'Non-production capacity uses spot',
  category: 'cost',
  severity: 'notice',
  docs: 'docs/rules/spot-for-non-production.md',
  options: {
    'discount-percent': {
      title: 'Spot discount in percent',
      description: `How much less spot capacity is assumed to cost than on-demand, for the estimated saving. Default: ${DEFAULT_DISCOUNT_PERCENT} (OpenCost's default spot and on-demand rates in the price data).`,
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 100,
    },
  },
  run: (context) => {
    const discount = numberOption(context.options, 'discount-percent') ?? DEFAULT_DISCOUNT_PERCENT;
    const heads = context.resources.flatMap((change) => (change.after ? [change.after] : []));
    const findings: RuleFinding[] = [];
    for (const change of context.resources) {
      const resource = judged(change);
      if (!resource || !isNonProduction(resource, context) || mayUseSpot(resource, heads)) continue;
      const instances = monthlyOf(onDemandCompute(lineFor(context.cost, resource.address)));
      const saving =
        instances > 0
          ? `about ${formatUsd((instances * discount) / 100)} a month (${discount}% of its ${formatUsd(instances)} on-demand instance cost, estimate)`
          : `about ${discount}% of its instance cost (estimate)`;
      const keys = keysOf(resource);
      const path = NODE_GROUPS.has(resource.type) ? keys.capacity : keys.mixed;
      findings.push(
        findingAt(
          resource,
          path,
          `${resource.address} runs on-demand capacity in a non-production environment (kubernetes.non-production matches its path, module or environment tag); spot capacity would save ${saving}.`,
          fixFor(resource),
        ),
      );
    }
    return findings;
  },
};
