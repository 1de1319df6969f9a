import { matchesAnyGlob } from '../globs.js';
import type { ResourceChangeKind } from '../diff/model.js';
import type { Resource, ResourceKind } from '../iac/model.js';
import { isRecord } from '../iac/values.js';

/** A policy's `match` as written (the schema has checked its shape). */
export interface RawMatch {
  kubernetes?: string;
  terraform?: string;
  cloudformation?: string;
  namespaces?: string[];
  paths?: string[];
  labels?: Record<string, string>;
  change?: ResourceChangeKind[];
}

export interface PolicyMatch {
  /** Type patterns by kind; a kind that is absent is not matched. */
  types: Partial<Record<ResourceKind, RegExp>>;
  namespaces?: RegExp[];
  paths?: string[];
  labels?: Array<[string, RegExp]>;
  change: ReadonlySet<ResourceChangeKind>;
}

/** `Deployment|Stateful*`: alternatives, each a glob where `*` is any run of characters and `?` one. */
export function alternativesPattern(text: string): RegExp {
  const alternatives = text.split('|').map((alternative) =>
    alternative
      .trim()
      .replace(/[.+^${}()[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.'),
  );
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

const KINDS: readonly ResourceKind[] = ['kubernetes', 'terraform', 'cloudformation'];

export function compileMatch(raw: RawMatch): PolicyMatch {
  const types: Partial<Record<ResourceKind, RegExp>> = {};
  for (const kind of KINDS) {
    const pattern = raw[kind];
    if (pattern !== undefined) types[kind] = alternativesPattern(pattern);
  }
  return {
    types,
    ...(raw.namespaces ? { namespaces: raw.namespaces.map(alternativesPattern) } : {}),
    ...(raw.paths ? { paths: raw.paths } : {}),
    ...(raw.labels ? { labels: Object.entries(raw.labels).map(([key, value]) => [key, alternativesPattern(value)] as [string, RegExp]) } : {}),
    change: new Set(raw.change ?? ['added', 'changed']),
  };
}

/** Labels by resource: a thousand policies that filter on labels read each object's once. */
const LABELS = new WeakMap<Resource, Record<string, string>>();

/** Kubernetes `metadata.labels`; Terraform `tags` (AWS, Azure) or `labels` (Google); CloudFormation `Tags` as Key/Value pairs. */
export function labelsOf(resource: Resource): Record<string, string> {
  let labels = LABELS.get(resource);
  if (!labels) {
    labels = readLabels(resource);
    LABELS.set(resource, labels);
  }
  return labels;
}

function readLabels(resource: Resource): Record<string, string> {
  const attributes = resource.attributes;
  const strings = (value: unknown): Record<string, string> =>
    isRecord(value) ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {};
  if (resource.kind === 'kubernetes') return strings(isRecord(attributes.metadata) ? attributes.metadata.labels : undefined);
  if (resource.kind === 'terraform') return { ...strings(attributes.labels), ...strings(attributes.tags) };
  const tags = isRecord(attributes.Properties) ? attributes.Properties.Tags : undefined;
  if (!Array.isArray(tags)) return {};
  return Object.fromEntries(tags.flatMap((tag) => (isRecord(tag) && typeof tag.Key === 'string' && typeof tag.Value === 'string' ? [[tag.Key, tag.Value]] : [])));
}

function namespaceOf(resource: Resource): string {
  return typeof resource.meta.namespace === 'string' && resource.meta.namespace !== '' ? resource.meta.namespace : 'default';
}

/** Whether the policy judges this object (its kind and type, namespace, file and labels; the change kind is the caller's). */
export function matches(match: PolicyMatch, resource: Resource): boolean {
  const type = match.types[resource.kind];
  if (!type?.test(resource.type)) return false;
  if (resource.kind === 'terraform' && resource.meta.mode === 'data') return false;
  if (match.namespaces && (resource.kind !== 'kubernetes' || !match.namespaces.some((pattern) => pattern.test(namespaceOf(resource))))) return false;
  if (match.paths && !matchesAnyGlob(resource.file, match.paths)) return false;
  if (match.labels) {
    const labels = labelsOf(resource);
    if (!match.labels.every(([key, pattern]) => labels[key] !== undefined && pattern.test(labels[key]))) return false;
  }
  return true;
}
