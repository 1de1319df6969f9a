import { Catalog } from '../../cost/catalog.js';
import { HOURS_PER_MONTH } from '../../cost/pricing.js';
import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { attributesOf, findingAt, formatUsd, introduces, isRecord, priceInRegionOrDataRegion } from './support.js';

/**
 * Previous-generation EC2 families and the current family of the same shape (x86, same size
 * names), with the Graviton family where one exists. Families without a same-size successor
 * (m1, c1, m2, g2, …) are left out rather than mapped to a guess.
 */
export const SUCCESSORS: Readonly<Record<string, { current: string; graviton?: string }>> = {
  t1: { current: 't3', graviton: 't4g' },
  t2: { current: 't3', graviton: 't4g' },
  m3: { current: 'm6i', graviton: 'm6g' },
  m4: { current: 'm6i', graviton: 'm6g' },
  c3: { current: 'c6i', graviton: 'c6g' },
  c4: { current: 'c6i', graviton: 'c6g' },
  r3: { current: 'r6i', graviton: 'r6g' },
  r4: { current: 'r6i', graviton: 'r6g' },
  i2: { current: 'i3' },
  d2: { current: 'd3' },
  x1: { current: 'x2idn' },
  p2: { current: 'p3' },
};

let catalog: Catalog | undefined;

function hourly(region: string, instanceType: string): { usd: number; region: string } | undefined {
  const prices = (catalog ??= new Catalog());
  return priceInRegionOrDataRegion(region, (where) => prices.ec2Hourly(where, instanceType));
}

export interface Replacement {
  from: string;
  to: string;
  /** Monthly saving per instance, when both prices are in the data. */
  saving?: number;
  graviton?: { type: string; saving: number };
  region?: string;
}

/** The current-generation replacement of a previous-generation type, priced from the catalog; undefined for a current type. */
export function replacementFor(instanceType: string, region: string): Replacement | undefined {
  const [family, size] = instanceType.toLowerCase().split('.', 2);
  const successor = family === undefined ? undefined : SUCCESSORS[family];
  if (!successor || !size) return undefined;
  const to = `${successor.current}.${size}`;
  const old = hourly(region, instanceType.toLowerCase());
  const current = hourly(region, to);
  const replacement: Replacement = { from: instanceType, to };
  if (old && current && old.region === current.region) {
    replacement.saving = (old.usd - current.usd) * HOURS_PER_MONTH;
    replacement.region = old.region;
    const arm = successor.graviton ? hourly(old.region, `${successor.graviton}.${size}`) : undefined;
    if (arm && arm.region === old.region) replacement.graviton = { type: `${successor.graviton}.${size}`, saving: (old.usd - arm.usd) * HOURS_PER_MONTH };
  }
  return replacement;
}

/** Where a resource names its instance type(s): attribute path, the key to tell the author, the type. */
export function instanceTypes(resource: Resource): { path: string; key: string; type: string }[] {
  const attributes = attributesOf(resource);
  const at = (path: string, key: string, value: unknown) => (typeof value === 'string' && value !== '' ? [{ path, key, type: value }] : []);
  switch (resource.type) {
    case 'aws_instance':
    case 'aws_launch_template':
    case 'aws_launch_configuration':
      return at('instance_type', 'instance_type', attributes.instance_type);
    case 'aws_eks_node_group':
      return Array.isArray(attributes.instance_types) ? attributes.instance_types.flatMap((type, index) => at(`instance_types.${index}`, 'instance_types', type)) : [];
    case 'AWS::EC2::Instance':
    case 'AWS::AutoScaling::LaunchConfiguration':
      return at('InstanceType', 'InstanceType', attributes.InstanceType);
    case 'AWS::EC2::LaunchTemplate':
      return isRecord(attributes.LaunchTemplateData) ? at('LaunchTemplateData.InstanceType', 'InstanceType', attributes.LaunchTemplateData.InstanceType) : [];
    case 'AWS::EKS::Nodegroup':
      return Array.isArray(attributes.InstanceTypes) ? attributes.InstanceTypes.flatMap((type, index) => at(`InstanceTypes.${index}`, 'InstanceTypes', type)) : [];
    default:
      return [];
  }
}

function describeSaving(replacement: Replacement, region: string): string {
  if (replacement.saving === undefined) return `${replacement.to} is the current-generation equivalent`;
  const where = replacement.region !== region ? ` at ${replacement.region} prices` : '';
  const money = replacement.saving > 0 ? `, about ${formatUsd(replacement.saving)} a month less per instance${where}` : `, at about the same price${where}`;
  const arm = replacement.graviton && replacement.graviton.saving > 0 ? `; ${replacement.graviton.type} (Graviton, arm64) saves about ${formatUsd(replacement.graviton.saving)}` : '';
  return `${replacement.to} is the current-generation equivalent${money}${arm}`;
}

export const previousGenerationInstance: Rule = {
  id: 'previous-generation-instance',
  title: 'Instances use a current generation',
  category: 'cost',
  severity: 'warning',
  docs: 'docs/rules/previous-generation-instance.md',
  run: ({ resources, config }) => {
    const findings: RuleFinding[] = [];
    for (const change of resources) {
      const resource = change.after;
      if (!resource || (change.change !== 'added' && change.change !== 'changed')) continue;
      const region = resource.region ?? config.cost.region;
      for (const declared of instanceTypes(resource)) {
        if (!introduces(change, declared.path)) continue;
        const replacement = replacementFor(declared.type, region);
        if (!replacement) continue;
        findings.push(
          findingAt(
            resource,
            declared.path,
            `${resource.address} uses ${declared.type}, a previous-generation type: ${describeSaving(replacement, region)} (estimate).`,
            `Set ${declared.key} to ${replacement.to}${replacement.graviton ? ` (or ${replacement.graviton.type} if the workload runs on arm64)` : ''}.`,
          ),
        );
      }
    }
    return findings;
  },
};
