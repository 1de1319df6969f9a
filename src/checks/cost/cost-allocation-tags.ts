import type { ChangedFile } from '../../changes/model.js';
import type { CostReport } from '../../cost/model.js';
import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { findingAt, isRecord, propertiesOf, rootOf, stringListOption } from './support.js';

export const DEFAULT_REQUIRED_TAGS = ['environment', 'project', 'owner'];

function keysOf(value: unknown): string[] {
  if (isRecord(value)) return Object.keys(value);
  // CloudFormation `Tags: [{Key, Value}]`, Terraform autoscaling group `tag { key … }` blocks.
  if (Array.isArray(value)) return value.flatMap((item) => (isRecord(item) ? [item.Key ?? item.key].filter((key): key is string => typeof key === 'string') : []));
  return [];
}

/** Keys of a provider's `default_tags { tags = { … } }` written in a Terraform file: a textual read of the one block. */
export function defaultTagKeys(source: string): string[] {
  const keys: string[] = [];
  for (const match of source.matchAll(/default_tags\s*\{\s*tags\s*=\s*\{/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (end < source.length && depth > 0) {
      if (source[end] === '{') depth += 1;
      else if (source[end] === '}') depth -= 1;
      end += 1;
    }
    const body = source.slice(match.index + match[0].length, end - 1);
    for (const key of body.matchAll(/(?:^|[,\n])\s*"?([A-Za-z0-9_.:/@+-]+)"?\s*[=:]/g)) if (key[1]) keys.push(key[1]);
  }
  return keys;
}

/** Tags a resource carries: its own, the plan's `tags_all` (which includes default tags), and default tags of providers in its root. */
export function tagsOf(resource: Resource, defaultsByRoot: ReadonlyMap<string, string[]>): Set<string> {
  const attributes = propertiesOf(resource);
  const own = [attributes.tags, attributes.tags_all, attributes.tag, attributes.Tags, attributes.labels].flatMap(keysOf);
  const inherited = resource.kind === 'terraform' ? (defaultsByRoot.get(rootOf(resource.file)) ?? []) : [];
  return new Set([...own, ...inherited].map((key) => key.toLowerCase()));
}

function defaultTagsByRoot(files: readonly ChangedFile[]): Map<string, string[]> {
  const byRoot = new Map<string, string[]>();
  for (const file of files) {
    if (!file.path.endsWith('.tf') || file.after === undefined || !file.after.includes('default_tags')) continue;
    const root = rootOf(file.path);
    byRoot.set(root, [...(byRoot.get(root) ?? []), ...defaultTagKeys(file.after)]);
  }
  return byRoot;
}

/** Resources that cost money (priced, or unpriced but priceable) are the ones a bill must attribute. */
function costedAddresses(cost: CostReport): Set<string> {
  return new Set([...cost.lines.map((line) => line.address), ...cost.unpriced.map((item) => item.address)]);
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
  run: ({ resources, cost, files, options }) => {
    const required = stringListOption(options, 'required', DEFAULT_REQUIRED_TAGS);
    if (required.length === 0) return [];
    const costed = costedAddresses(cost);
    const defaults = defaultTagsByRoot(files);
    const findings: RuleFinding[] = [];
    for (const change of resources) {
      const resource = change.after;
      // Kubernetes objects are attributed by namespace and labels, which the deploy rules cover.
      if (change.change !== 'added' || !resource || resource.kind === 'kubernetes' || !costed.has(change.address)) continue;
      const tags = tagsOf(resource, defaults);
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
