/**
 * Reading Terraform and CloudFormation resources for the rollout-safety rules: which ones a rule
 * judges, their values as the rules need them (a flag, a count), and whether they run in
 * production. A value the parser could not know (another resource's id, a parameter without a
 * default) is `unknown`, and a rule that meets one says nothing rather than guess.
 */
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { containsUnknown, isSensitive } from '../../iac/values.js';
import type { RuleContext } from '../model.js';
import { isRecord, valueAt } from './kubernetes.js';
import { isProduction } from './production.js';

/** Resource types a rule judges, per kind: Terraform types and CloudFormation `AWS::…` types. */
export interface CloudTypes {
  terraform?: ReadonlySet<string>;
  cloudformation?: ReadonlySet<string>;
}

/** Terraform and CloudFormation resources the change adds or modifies (managed resources only, not data sources). */
export function judgedCloudResources(resources: readonly ResourceChange[], types: CloudTypes): Resource[] {
  const judged: Resource[] = [];
  for (const change of resources) {
    if ((change.change !== 'added' && change.change !== 'changed') || !change.after) continue;
    if (change.kind === 'kubernetes' || !types[change.kind]?.has(change.type)) continue;
    if (change.after.meta.mode === 'data') continue;
    judged.push(change.after);
  }
  return judged;
}

/** Every Terraform and CloudFormation resource at the head of the change: where rules look for related resources. */
export function headCloudResources(resources: readonly ResourceChange[]): Resource[] {
  return resources.filter((change) => change.kind !== 'kubernetes' && change.after).map((change) => change.after as Resource);
}

export const UNKNOWN = 'unknown';
export type Unknown = typeof UNKNOWN;

/** The value at a dotted path, `unknown` when the parser could not know it (or it is sensitive). */
export function read(resource: Resource, path: string): unknown {
  const value = valueAt(resource.attributes, path);
  return containsUnknown(value) || isSensitive(value) ? UNKNOWN : value;
}

/** A boolean as Terraform or CloudFormation writes it (`true`, `"true"`); undefined when unset. */
export function flagAt(resource: Resource, path: string): boolean | undefined | Unknown {
  const value = read(resource, path);
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return UNKNOWN;
}

/** A whole number, also from a string (CloudFormation writes `MinSize: "2"`); undefined when unset. */
export function numberAt(resource: Resource, path: string): number | undefined | Unknown {
  const value = read(resource, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return UNKNOWN;
}

/** A string value; undefined when unset, `unknown` when not a known string. */
export function stringAt(resource: Resource, path: string): string | undefined | Unknown {
  const value = read(resource, path);
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : UNKNOWN;
}

/** Whether a value is present: a non-empty list or map, or any other set value (known or not). */
export function isSetAt(resource: Resource, path: string): boolean {
  const value = valueAt(resource.attributes, path);
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value) && !containsUnknown(value)) return Object.keys(value).length > 0;
  return true;
}

/** Where a property lives: Terraform attribute path, or CloudFormation path under the resource. */
export function pathFor(resource: Resource, terraform: string, cloudformation: string): string {
  return resource.kind === 'terraform' ? terraform : cloudformation;
}

/** How a message names the resource: its Terraform address, or `AWS::ECS::Service Web` for CloudFormation. */
export function label(resource: Resource): string {
  if (resource.kind !== 'cloudformation') return resource.address;
  const logicalId = typeof resource.meta.logicalId === 'string' ? resource.meta.logicalId : resource.address;
  return `${resource.type} ${logicalId}`;
}

/** Tag keys that name the environment a resource belongs to. */
const ENVIRONMENT_TAG = /^(env|environment|stage|tier)$/i;

/** Environment tags: a Terraform `tags` map, or CloudFormation `Tags` as a list of Key/Value pairs or a map. */
function environmentTags(resource: Resource): Record<string, string> {
  const tags = resource.kind === 'terraform' ? valueAt(resource.attributes, 'tags') : valueAt(resource.attributes, 'Properties.Tags');
  const found: Record<string, string> = {};
  const add = (key: unknown, value: unknown): void => {
    if (typeof key === 'string' && typeof value === 'string' && ENVIRONMENT_TAG.test(key)) found[key] = value;
  };
  if (Array.isArray(tags)) for (const tag of tags) if (isRecord(tag)) add(tag.Key, tag.Value);
  if (isRecord(tags)) for (const [key, value] of Object.entries(tags)) add(key, value);
  return found;
}

/**
 * Production unless the file path, the module address or an environment tag (`Environment`,
 * `env`, `stage`, `tier`) contains one of `kubernetes.non-production` as a word — the same
 * patterns and word matching as the Kubernetes rules, so one setting marks every environment.
 */
export function cloudProduction(resource: Resource, context: RuleContext): boolean {
  const labels = { ...environmentTags(resource), ...(resource.module ? { module: resource.module } : {}) };
  return isProduction({ ...resource, labels }, context.config.kubernetes.nonProduction);
}

