import type { CostReport } from '../../cost/model.js';
import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { attributesOf, findingAt, formatUsd, introduces, isRecord, lineFor, numberAt, numberOption } from './support.js';

export const DEFAULT_MAX_RATIO = 10;

export interface Bounds {
  min?: number;
  max?: number;
  /** Attribute paths of the bounds, for the finding's line and the fix. */
  minPath: string;
  maxPath: string;
  /** True when the max is written but not a plain number (a variable): never guessed. */
  maxUnknown: boolean;
}

function boundsIn(attributes: Record<string, unknown>, prefix: string, minKey: string, maxKey: string): Bounds {
  const min = numberAt(attributes, minKey);
  const max = numberAt(attributes, maxKey);
  const join = (key: string) => (prefix === '' ? key : `${prefix}.${key}`);
  return {
    minPath: join(minKey),
    maxPath: join(maxKey),
    maxUnknown: max === undefined && attributes[maxKey] !== undefined,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}

function first(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return isRecord(value[0]) ? value[0] : {};
  return isRecord(value) ? value : {};
}

/** The scaling bounds of an autoscaling group, an EKS node group or a HorizontalPodAutoscaler; undefined for anything else. */
export function scalingBounds(resource: Resource): Bounds | undefined {
  const attributes = attributesOf(resource);
  switch (resource.type) {
    case 'aws_autoscaling_group':
      return boundsIn(attributes, '', 'min_size', 'max_size');
    case 'AWS::AutoScaling::AutoScalingGroup':
      return boundsIn(attributes, '', 'MinSize', 'MaxSize');
    case 'aws_eks_node_group':
      return boundsIn(first(attributes.scaling_config), 'scaling_config.0', 'min_size', 'max_size');
    case 'AWS::EKS::Nodegroup':
      return boundsIn(first(attributes.ScalingConfig), 'ScalingConfig', 'MinSize', 'MaxSize');
    case 'HorizontalPodAutoscaler': {
      const bounds = boundsIn(first(attributes.spec), 'spec', 'minReplicas', 'maxReplicas');
      // The API server defaults minReplicas to 1.
      return { min: 1, ...bounds };
    }
    default:
      return undefined;
  }
}

function costAtMax(cost: CostReport, address: string): string {
  const line = lineFor(cost, address);
  return line?.range ? `; at max it costs about ${formatUsd(line.range.high)} a month against ${formatUsd(line.range.low)} at min (estimate)` : '';
}

export function judgeBounds(resource: Resource, bounds: Bounds, maxRatio: number, cost: CostReport): RuleFinding | undefined {
  if (bounds.maxUnknown) return undefined;
  if (bounds.max === undefined) {
    // An HPA without maxReplicas is rejected by the API server; k8s-hpa reports that.
    if (resource.type === 'HorizontalPodAutoscaler') return undefined;
    return findingAt(resource, bounds.minPath, `${resource.address} sets no maximum size; nothing bounds how far it can scale, or what it can cost.`, `Set ${bounds.maxPath.split('.').pop() ?? 'max'} to the most capacity the service should ever buy.`);
  }
  const floor = Math.max(bounds.min ?? 1, 1);
  if (bounds.max <= floor * maxRatio) return undefined;
  return findingAt(
    resource,
    bounds.maxPath,
    `${resource.address} may scale from ${bounds.min ?? 1} to ${bounds.max}, over ${maxRatio}× its minimum${costAtMax(cost, resource.address)}.`,
    `Lower ${bounds.maxPath.split('.').pop() ?? 'max'} to what the service has needed at peak (or raise the minimum), so a runaway scale-out has a ceiling.`,
  );
}

export const autoscalingBounds: Rule = {
  id: 'autoscaling-bounds',
  title: 'Autoscaling has a sensible ceiling',
  category: 'cost',
  severity: 'warning',
  docs: 'docs/rules/autoscaling-bounds.md',
  options: {
    'max-ratio': {
      title: 'Largest max/min ratio',
      description: `How many times its minimum (at least 1) a group may scale to before the rule reports. Default: ${DEFAULT_MAX_RATIO}.`,
      type: 'number',
      exclusiveMinimum: 1,
    },
  },
  run: ({ resources, cost, options }) => {
    const maxRatio = numberOption(options, 'max-ratio') ?? DEFAULT_MAX_RATIO;
    const findings: RuleFinding[] = [];
    for (const change of resources) {
      const resource = change.after;
      if (!resource || (change.change !== 'added' && change.change !== 'changed')) continue;
      const bounds = scalingBounds(resource);
      // A group whose bounds this change leaves alone is not the author's to fix now.
      if (!bounds || !(introduces(change, bounds.minPath) || introduces(change, bounds.maxPath))) continue;
      const finding = judgeBounds(resource, bounds, maxRatio, cost);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};
