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

/** `aws_db_instance.main` for `aws_db_instance.main[1]`, under the same scope; undefined for a resource that is no instance of a block. */
function blockKeyOf(resource: Resource): string | undefined {
  if (resource.kind !== 'terraform' || !/\[[^\]]*\]$/.test(resource.address)) return undefined;
  return resourceKey(resource.scope, resource.address.replace(/\[[^\]]*\]$/, ''));
}

/** A Terraform block whose `count` or `for_each` is known only at apply: one resource stands for all its instances. */
function isPlaceholder(resource: Resource | undefined): resource is Resource {
  return resource?.kind === 'terraform' && resource.meta.instancesUnknown !== undefined;
}

/**
 * The instances on one side of a block that the other side holds as a placeholder, by the
 * placeholder's key: nobody can tell before apply which of them the change keeps, so none is
 * added or removed. The first (in address order) pairs with the placeholder, carrying its
 * findings' identity; the rest are taken as kept.
 */
function instancesOfPlaceholders(unpaired: Iterable<Resource>, placeholders: ReadonlyMap<string, Resource>): Map<string, Resource[]> {
  const found = new Map<string, Resource[]>();
  for (const resource of unpaired) {
    const block = blockKeyOf(resource);
    if (block === undefined || !isPlaceholder(placeholders.get(block))) continue;
    const instances = found.get(block) ?? [];
    instances.push(resource);
    found.set(block, instances);
  }
  for (const instances of found.values()) instances.sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }));
  return found;
}

function pairing(previous: Resource, resource: Resource): ResourceChange {
  const changedAttributes = changedPaths(previous.attributes, resource.attributes);
  return {
    ...describe(resource),
    change: changedAttributes.length > 0 ? 'changed' : 'unchanged',
    ...(previous.address !== resource.address ? { previousAddress: previous.address } : {}),
    before: previous,
    after: resource,
    ...(changedAttributes.length > 0 ? { changedAttributes } : {}),
  };
}

/**
 * The diff stage: pairs base and head resources by scope and address, a base resource under the
 * address `moves` gave it. A resource declared twice on one side keeps its first declaration
 * (the duplicate is a parse-level problem, not a change). A block whose instances are known on one
 * side only (its count became, or stopped being, known only at apply) pairs its placeholder with
 * the other side's instances instead of reporting them removed and added.
 */
export function diffResources(base: readonly Resource[], head: readonly Resource[], moves: readonly AddressMove[] = []): ResourceChange[] {
  const declared = new Set(base.map((resource) => resourceKey(resource.scope, resource.address)));
  const before = firstByKey(base, (resource) => headAddressOf(resource, moves, declared));
  const after = firstByKey(head, (resource) => resource.address);
  const baseInstances = instancesOfPlaceholders([...before].filter(([key]) => !after.has(key)).map(([, resource]) => resource), after);
  const headInstances = instancesOfPlaceholders([...after].filter(([key]) => !before.has(key)).map(([, resource]) => resource), before);
  const accounted = new Set<Resource>([...baseInstances.values(), ...headInstances.values()].flat());

  const changes: ResourceChange[] = [];
  for (const [key, resource] of after) {
    if (accounted.has(resource)) continue;
    const previous = before.get(key) ?? baseInstances.get(key)?.[0];
    changes.push(previous ? pairing(previous, resource) : { ...describe(resource), change: 'added', after: resource });
    for (const kept of baseInstances.get(key)?.slice(1) ?? []) changes.push(pairing(kept, kept));
  }
  for (const [key, resource] of before) {
    if (accounted.has(resource) || after.has(key)) continue;
    const [first, ...rest] = headInstances.get(key) ?? [];
    changes.push(first ? pairing(resource, first) : { ...describe(resource), change: 'removed', before: resource });
    for (const kept of rest) changes.push(pairing(kept, kept));
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
