import type { CostReport } from '../../cost/model.js';
import { resourceKey, type Resource } from '../../iac/model.js';
import { isSensitive, isUnknown } from '../../iac/values.js';
import type { Rule, RuleFinding } from '../model.js';
import { attributesOf, findingAt, isRecord, stringListOption } from './support.js';

export const DEFAULT_REQUIRED_TAGS = ['environment', 'project', 'owner'];

function keysOf(value: unknown): string[] {
  if (isRecord(value)) return Object.keys(value);
  // CloudFormation `Tags: [{Key, Value}]`, Terraform autoscaling group `tag { key … }` blocks.
  if (Array.isArray(value)) return value.flatMap((item) => (isRecord(item) ? [item.Key ?? item.key].filter((key): key is string => typeof key === 'string') : []));
  return [];
}

/**
 * Tags a resource carries: its own, the plan's `tags_all` (which includes default tags), and the
 * `default_tags` of the provider configuration that manages it (`meta.providerDefaultTags`, set by
 * the Terraform evaluator from any file of the root). Undefined when the default tags are not
 * known before apply: then which tags it lacks cannot be told.
 */
export function tagsOf(resource: Resource): Set<string> | undefined {
  const attributes = attributesOf(resource);
  const sources = [attributes.tags, attributes.tags_all, attributes.tag, attributes.Tags, attributes.labels, resource.meta.providerDefaultTags];
  // A map whose values are unknown still names its keys; an unknown or sensitive map names none.
  if (sources.some((source) => isUnknown(source) || isSensitive(source))) return undefined;
  return new Set(sources.flatMap(keysOf).map((key) => key.toLowerCase()));
}

/** Resources that cost money (priced, or unpriced but priceable) are the ones a bill must attribute. */
function costedKeys(cost: CostReport): Set<string> {
  return new Set([...cost.lines, ...cost.unpriced].map((item) => resourceKey(item.scope, item.address)));
}

function tagPath(resource: Resource): string {
  if (resource.kind === 'cloudformation') return 'Tags';
  return resource.type === 'aws_autoscaling_group' ? 'tag' : resource.type.startsWith('google_') ? 'labels' : 'tags';
}

export const costAllocationTags: Rule = {
  id: 'cost-allocation-tags',
  title: 'Billable resources carry cost allocation tags',
  category: 'cost',
  severity: 'notice',
  docs: 'docs/rules/cost-allocation-tags.md',
  options: {
    required: {
      title: 'Required tags',
      description: `Tag keys every billable resource the change adds must carry (case-insensitive). Default: ${DEFAULT_REQUIRED_TAGS.join(', ')}.`,
      type: 'array',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
    },
  },
  run: ({ resources, cost, options }) => {
    const required = stringListOption(options, 'required', DEFAULT_REQUIRED_TAGS);
    if (required.length === 0) return [];
    const costed = costedKeys(cost);
    const findings: RuleFinding[] = [];
    for (const change of resources) {
      const resource = change.after;
      // Kubernetes objects are attributed by namespace and labels, which the deploy rules cover.
      if (change.change !== 'added' || !resource || resource.kind === 'kubernetes' || !costed.has(resourceKey(change.scope, change.address))) continue;
      const tags = tagsOf(resource);
      if (!tags) continue;
      const missing = required.filter((key) => !tags.has(key.toLowerCase()));
      if (missing.length === 0) continue;
      const path = tagPath(resource);
      const where = resource.kind === 'terraform' ? ` (provider default_tags count)` : '';
      findings.push(
        findingAt(
          resource,
          path,
          `${resource.address} lacks the cost allocation tag${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; its spend cannot be attributed.`,
          `Add ${missing.join(', ')} to ${path}${where}.`,
        ),
      );
    }
    return findings;
  },
};
