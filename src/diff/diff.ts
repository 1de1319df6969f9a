import { resourceKey, type AddressMove, type Resource } from '../iac/model.js';
import type { ResourceChange } from './model.js';
import { isRecord } from '../iac/values.js';


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
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

function describe(resource: Resource): Pick<ResourceChange, 'address' | 'scope' | 'kind' | 'type'> {
  return { address: resource.address, ...(resource.scope !== undefined ? { scope: resource.scope } : {}), kind: resource.kind, type: resource.type };
}

/** The address after one move: the moved address itself, one of its instances, or a resource inside a moved module. */
function movedAddress(address: string, move: AddressMove): string | undefined {
  if (address === move.from) return move.to;
  const rest = address.slice(move.from.length);
  return address.startsWith(move.from) && (rest.startsWith('.') || rest.startsWith('[')) ? `${move.to}${rest}` : undefined;
}

/**
 * The address a base resource is known by in the head, after the moves of its scope. Chained
 * moves compose whatever order the files list them in, as in Terraform: each move applies at
 * most once, so a cycle cannot loop. A move onto an address the base still declares is not
 * applied: that would merge two objects into one.
 */
function headAddressOf(resource: Resource, moves: readonly AddressMove[], declared: ReadonlySet<string>): string {
  let address = resource.address;
  const pending = moves.filter((move) => move.scope === resource.scope);
  for (let applied = true; applied; ) {
    applied = false;
    for (const [index, move] of pending.entries()) {
      const moved = movedAddress(address, move);
      if (moved === undefined || declared.has(resourceKey(resource.scope, moved))) continue;
      address = moved;
      pending.splice(index, 1);
      applied = true;
      break;
    }
  }
  return address;
}

function firstByKey(resources: readonly Resource[], addressOf: (resource: Resource) => string): Map<string, Resource> {
  const byKey = new Map<string, Resource>();
  for (const resource of resources) {
    const key = resourceKey(resource.scope, addressOf(resource));
    if (!byKey.has(key)) byKey.set(key, resource);
  }
  return byKey;
}

/**
 * The diff stage: pairs base and head resources by scope and address, a base resource under the
 * address `moves` gave it. A resource declared twice on one side keeps its first declaration
 * (the duplicate is a parse-level problem, not a change).
 */
export function diffResources(base: readonly Resource[], head: readonly Resource[], moves: readonly AddressMove[] = []): ResourceChange[] {
  const declared = new Set(base.map((resource) => resourceKey(resource.scope, resource.address)));
  const before = firstByKey(base, (resource) => headAddressOf(resource, moves, declared));
  const after = firstByKey(head, (resource) => resource.address);

  const changes: ResourceChange[] = [];
  for (const [key, resource] of after) {
    const previous = before.get(key);
    if (!previous) {
      changes.push({ ...describe(resource), change: 'added', after: resource });
      continue;
    }
    const changedAttributes = changedPaths(previous.attributes, resource.attributes);
    changes.push({
      ...describe(resource),
      change: changedAttributes.length > 0 ? 'changed' : 'unchanged',
      ...(previous.address !== resource.address ? { previousAddress: previous.address } : {}),
      before: previous,
      after: resource,
      ...(changedAttributes.length > 0 ? { changedAttributes } : {}),
    });
  }
  for (const [key, resource] of before) {
    if (!after.has(key)) changes.push({ ...describe(resource), change: 'removed', before: resource });
  }
  return changes.sort((a, b) => a.address.localeCompare(b.address) || (a.scope ?? '').localeCompare(b.scope ?? ''));
}

const REVERSED: Record<ResourceChange['change'], ResourceChange['change']> = { added: 'removed', removed: 'added', changed: 'changed', unchanged: 'unchanged' };

/**
 * The same change seen from its base: the two sides swapped, under the base's address and scope. A
 * changed resource stays changed with the same changed attributes, so what a change touches is the
 * same from either end.
 */
export function reverseChange(change: ResourceChange): ResourceChange {
  const { before, after, previousAddress: _previousAddress, scope: _scope, ...rest } = change;
  const scope = before ? before.scope : change.scope;
  return {
    ...rest,
    ...(before ? { address: before.address } : {}),
    ...(scope !== undefined ? { scope } : {}),
    change: REVERSED[change.change],
    ...(after ? { before: after } : {}),
    ...(before ? { after: before } : {}),
  };
}
