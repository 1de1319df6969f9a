/**
 * Whether one Terraform or CloudFormation resource points at another. The parsers keep a
 * reference they cannot resolve as an unknown value that names its target (`aws_lb_target_group.web.arn`,
 * `Ref WebTargetGroup`, `Fn::GetAtt Fn.Arn`), and a saved plan carries the known ARNs, ids and
 * names of resources that already exist; either links two resources without guessing.
 */
import type { ResourceChange } from '../diff/model.js';
import type { Resource } from './model.js';
import { isRecord, isUnknown } from './values.js';


/** `aws_rds_cluster.main` for `module.db.aws_rds_cluster.main[0]`: how a reference inside the module names it. */
export function localAddress(resource: Resource): string {
  const inModule = resource.module && resource.address.startsWith(`${resource.module}.`) ? resource.address.slice(resource.module.length + 1) : resource.address;
  return inModule.replace(/\[[^\]]*\]$/, '');
}

/** A resource as the change has it; either side may be absent. */
export type Sides = Pick<ResourceChange, 'before' | 'after'>;

/** One reference to a resource inside a value: the attribute it reads (`arn`, `Arn`, `''` for a plain `Ref`) and the text after it. */
export interface Reference {
  attribute: string;
  rest: string;
}

/** Nested values deeper than this are not a configuration anyone wrote by hand. */
const MAX_DEPTH = 32;
/** Attributes whose known value names a resource to the others: a plan knows them for every resource that exists. */
const IDENTIFIER_ATTRIBUTES = ['arn', 'id', 'name', 'function_name'];

const isWordCharacter = (character: string | undefined): boolean => character !== undefined && /[\w-]/.test(character);

/** `aws_lb_target_group.web[0].arn (known after apply)` → the references to `aws_lb_target_group.web`. */
function terraformReferences(description: string, address: string): Reference[] {
  const found: Reference[] = [];
  for (let at = description.indexOf(address); at !== -1; at = description.indexOf(address, at + 1)) {
    const before = description[at - 1];
    // `data.aws_lb.x` and `module.a.aws_lb.x` are other objects than `aws_lb.x`.
    if (isWordCharacter(before) || before === '.') continue;
    const tail = description.slice(at + address.length).replace(/^\[[^\]]*\]/, '');
    const match = /^\.(\w+)/.exec(tail);
    if (!match?.[1]) continue;
    found.push({ attribute: match[1], rest: tail.slice(match[0].length) });
  }
  return found;
}

/** `Ref Fn`, `Ref Fn.Alias` (SAM), `Fn::GetAtt Fn.Arn`, also inside an `Fn::Sub` description. */
function cloudFormationReferences(description: string, logicalId: string): Reference[] {
  const found: Reference[] = [];
  for (const prefix of ['Ref ', 'Fn::GetAtt ']) {
    const needle = `${prefix}${logicalId}`;
    for (let at = description.indexOf(needle); at !== -1; at = description.indexOf(needle, at + 1)) {
      const tail = description.slice(at + needle.length);
      if (/^[A-Za-z0-9]/.test(tail)) continue;
      const match = /^\.(\w+)/.exec(tail);
      found.push(match?.[1] ? { attribute: match[1], rest: tail.slice(match[0].length) } : { attribute: '', rest: tail });
    }
  }
  return found;
}

/** The references to `target` an unknown value of `holder` makes: same Terraform module, or same template. */
export function referencesTo(value: unknown, holder: Resource, target: Resource): Reference[] {
  if (!isUnknown(value) || holder.kind !== target.kind || holder.scope !== target.scope) return [];
  if (holder.kind === 'terraform') return holder.module === target.module ? terraformReferences(value.__unknown, localAddress(target)) : [];
  if (holder.kind === 'cloudformation' && holder.file === target.file && typeof target.meta.logicalId === 'string') return cloudFormationReferences(value.__unknown, target.meta.logicalId);
  return [];
}

/** The known strings that name a resource (its ARN, id, name) on either side of the change. */
export function knownIdentifiers(target: Sides): Set<string> {
  const identifiers = new Set<string>();
  for (const side of [target.before, target.after]) {
    for (const attribute of IDENTIFIER_ATTRIBUTES) {
      const value = side?.attributes[attribute];
      if (typeof value === 'string' && value !== '') identifiers.add(value);
    }
  }
  return identifiers;
}

function leaves(value: unknown, visit: (leaf: unknown) => boolean, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.some((item) => leaves(item, visit, depth + 1));
  if (isRecord(value) && !isUnknown(value)) return Object.values(value).some((item) => leaves(item, visit, depth + 1));
  return visit(value);
}

/**
 * Whether any value under one of `keys` of `holder` (either side) points at `target`: a reference
 * to it, or one of its known identifiers.
 */
export function mentions(holder: Sides, keys: readonly string[], target: Sides): boolean {
  const targetResource = target.after ?? target.before;
  if (!targetResource) return false;
  const identifiers = knownIdentifiers(target);
  return [holder.before, holder.after].some(
    (side) =>
      side !== undefined &&
      keys.some((key) => leaves(side.attributes[key], (leaf) => (typeof leaf === 'string' ? identifiers.has(leaf) : referencesTo(leaf, side, targetResource).length > 0))),
  );
}

/** The changes of the given types present at the head that point at `target` through one of `keys`. */
export function holdersOf(changes: readonly ResourceChange[], types: ReadonlySet<string>, keys: readonly string[], target: Sides): ResourceChange[] {
  return changes.filter((change) => change.after !== undefined && change.kind !== 'kubernetes' && types.has(change.type) && mentions(change, keys, target));
}
