import type { Resource } from '../iac/model.js';
import type { ResourceChange } from './model.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Dotted paths whose values differ; a container that differs in shape is reported at its own path. */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const paths: string[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) {
      paths.push(...changedPaths(before[i], after[i], prefix ? `${prefix}.${i}` : String(i)));
    }
    return paths;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

function describe(resource: Resource): Pick<ResourceChange, 'address' | 'kind' | 'type'> {
  return { address: resource.address, kind: resource.kind, type: resource.type };
}

/**
 * The diff stage: pairs base and head resources by address. A resource declared twice on one side
 * keeps its first declaration (the duplicate is a parse-level problem, not a change).
 */
export function diffResources(base: readonly Resource[], head: readonly Resource[]): ResourceChange[] {
  const before = new Map<string, Resource>();
  for (const resource of base) if (!before.has(resource.address)) before.set(resource.address, resource);
  const after = new Map<string, Resource>();
  for (const resource of head) if (!after.has(resource.address)) after.set(resource.address, resource);

  const changes: ResourceChange[] = [];
  for (const [address, resource] of after) {
    const previous = before.get(address);
    if (!previous) {
      changes.push({ ...describe(resource), change: 'added', after: resource });
      continue;
    }
    const changedAttributes = changedPaths(previous.attributes, resource.attributes);
    changes.push({
      ...describe(resource),
      change: changedAttributes.length > 0 ? 'changed' : 'unchanged',
      before: previous,
      after: resource,
      ...(changedAttributes.length > 0 ? { changedAttributes } : {}),
    });
  }
  for (const [address, resource] of before) {
    if (!after.has(address)) changes.push({ ...describe(resource), change: 'removed', before: resource });
  }
  return changes.sort((a, b) => a.address.localeCompare(b.address));
}
