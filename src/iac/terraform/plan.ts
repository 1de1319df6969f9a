import type { ParseIssue, Resource, Side } from '../model.js';
import { newlinesBetween } from '../text-lines.js';
import { isRecord, SENSITIVE, unknownValue } from '../values.js';

/** `terraform show -json` output for a saved plan. Only the fields tollgate reads are typed. */
interface PlanResourceChange {
  address: string;
  /** Set when a `moved` block gave the resource its address: where the state had it. */
  previous_address?: string;
  module_address?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: number | string;
  provider_name?: string;
  deposed?: string;
  action_reason?: string;
  change: {
    actions: string[];
    before: unknown;
    after: unknown;
    after_unknown?: unknown;
    before_sensitive?: unknown;
    after_sensitive?: unknown;
    replace_paths?: unknown[];
  };
}

interface ConfigModule {
  resources?: Array<{ address: string; provider_config_key?: string }>;
  module_calls?: Record<string, { module?: ConfigModule }>;
}

interface ProviderConfig {
  name: string;
  alias?: string;
  module_address?: string;
  expressions?: Record<string, { constant_value?: unknown; references?: string[] }>;
}

interface Plan {
  format_version: string;
  resource_changes: PlanResourceChange[];
  variables?: Record<string, { value?: unknown }>;
  configuration?: { provider_config?: Record<string, ProviderConfig>; root_module?: ConfigModule };
}

export interface PlanResult {
  base: Resource[];
  head: Resource[];
  issues: ParseIssue[];
}

const SUPPORTED_MAJOR = [0, 1];


/**
 * The blocks the plan's root module declares (`aws_instance.web`, `data.aws_ami.x`, `module.vpc`),
 * to tell which root of the checkout it was made from and whether it still matches it; undefined
 * when the plan has no `configuration` section.
 */
export function planRootBlocks(value: unknown): Set<string> | undefined {
  if (!isRecord(value) || !isRecord(value.configuration) || !isRecord(value.configuration.root_module)) return undefined;
  const root = value.configuration.root_module;
  const resources = Array.isArray(root.resources) ? root.resources : [];
  const blocks = resources.flatMap((resource) => (isRecord(resource) && typeof resource.address === 'string' ? [resource.address] : []));
  const calls = isRecord(root.module_calls) ? Object.keys(root.module_calls).map((name) => `module.${name}`) : [];
  return new Set([...blocks, ...calls]);
}

/** Plan JSON is recognised by its shape, whatever the file is called. */
export function isTerraformPlan(value: unknown): boolean {
  return isRecord(value) && typeof value.format_version === 'string' && Array.isArray(value.resource_changes);
}

/**
 * Replaces values Terraform marks unknown (`after_unknown: true`) with an UnknownValue, and values it
 * marks sensitive with SENSITIVE: plan JSON carries sensitive values in clear text, and tollgate must
 * never be the one to print them.
 */
function mask(value: unknown, unknown: unknown, sensitive: unknown, path: string): unknown {
  if (sensitive === true) return SENSITIVE;
  if (unknown === true) return unknownValue(`known after apply (${path})`);
  if (Array.isArray(value) || Array.isArray(unknown)) {
    const items = Array.isArray(value) ? value : [];
    const unknownItems = Array.isArray(unknown) ? unknown : [];
    const sensitiveItems = Array.isArray(sensitive) ? sensitive : [];
    const length = Math.max(items.length, unknownItems.length);
    return Array.from({ length }, (_, i) => mask(items[i], unknownItems[i], sensitiveItems[i], `${path}[${i}]`));
  }
  if (isRecord(value) || isRecord(unknown)) {
    const object = isRecord(value) ? value : {};
    const unknownObject = isRecord(unknown) ? unknown : {};
    const sensitiveObject = isRecord(sensitive) ? sensitive : {};
    const keys = new Set([...Object.keys(object), ...Object.keys(unknownObject)]);
    return Object.fromEntries([...keys].map((key) => [key, mask(object[key], unknownObject[key], sensitiveObject[key], path ? `${path}.${key}` : key)]));
  }
  return value;
}

/** The address of the resource's block inside its module: no module prefix, no instance key. */
function configAddress(change: PlanResourceChange): string {
  return `${change.mode === 'data' ? 'data.' : ''}${change.type}.${change.name}`;
}

function findProviderKey(module: ConfigModule | undefined, modulePath: string[], address: string): string | undefined {
  let current = module;
  for (const name of modulePath) current = current?.module_calls?.[name]?.module;
  const resources = current?.resources;
  if (!Array.isArray(resources)) return undefined;
  const key = resources.find((resource) => isRecord(resource) && resource.address === address)?.provider_config_key;
  return typeof key === 'string' ? key : undefined;
}

function modulePathOf(moduleAddress: string | undefined): string[] {
  if (!moduleAddress) return [];
  return [...moduleAddress.matchAll(/module\.([^.[\]]+)(?:\[[^\]]*\])?/g)].map((match) => match[1] ?? '');
}

/** The region a resource's provider is configured with, when it is a constant or a variable the plan resolved. */
function regionOf(plan: Plan, change: PlanResourceChange): string | undefined {
  const configuration = isRecord(plan.configuration) ? plan.configuration : {};
  const providers: Record<string, ProviderConfig | undefined> = isRecord(configuration.provider_config) ? configuration.provider_config : {};
  const rootModule = isRecord(configuration.root_module) ? configuration.root_module : undefined;
  const key = findProviderKey(rootModule, modulePathOf(change.module_address), configAddress(change));
  const provider = (key ? providers[key] : undefined) ?? providers[(change.provider_name ?? '').split('/').pop() ?? ''];
  const region = isRecord(provider) && isRecord(provider.expressions) ? provider.expressions.region : undefined;
  if (!isRecord(region)) return undefined;
  if (typeof region.constant_value === 'string') return region.constant_value;
  const references: unknown[] = Array.isArray(region.references) ? region.references : [];
  const variable = references.find((reference): reference is string => typeof reference === 'string' && reference.startsWith('var.'));
  const variables = isRecord(plan.variables) ? plan.variables : {};
  const entry = variable ? variables[variable.slice(4)] : undefined;
  const value = isRecord(entry) ? entry.value : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The line of each `resource_changes` entry in the plan's text, found by its `"address"` in entry
 * order (a resource's own attribute named `address` comes after its entry's key, so the first
 * match from the previous entry on is the entry's). `terraform show -json` writes one line; a
 * plan pretty-printed (jq) has one line per key, and findings then point at the entry.
 */
function entryLines(text: string, addresses: readonly string[]): number[] {
  const start = text.indexOf('"resource_changes"');
  if (start === -1 || !text.includes('\n')) return addresses.map(() => 1);
  let offset = start;
  let line = 1 + newlinesBetween(text, 0, start);
  return addresses.map((address) => {
    const quoted = JSON.stringify(address);
    const found = [`"address":${quoted}`, `"address": ${quoted}`].map((needle) => text.indexOf(needle, offset)).filter((at) => at !== -1);
    if (found.length === 0) return line;
    const at = Math.min(...found);
    line += newlinesBetween(text, offset, at);
    offset = at;
    return line;
  });
}

function toResource(plan: Plan, change: PlanResourceChange, file: string, side: Side, line: number): Resource {
  const values =
    side === 'base'
      ? mask(change.change.before, undefined, change.change.before_sensitive, '')
      : mask(change.change.after, change.change.after_unknown, change.change.after_sensitive, '');
  const actions = change.change.actions;
  const region = regionOf(plan, change);
  return {
    kind: 'terraform',
    type: change.type,
    address: change.address,
    attributes: isRecord(values) ? values : {},
    file,
    line,
    endLine: line,
    ...(change.module_address ? { module: change.module_address } : {}),
    ...(change.provider_name ? { provider: change.provider_name } : {}),
    ...(region ? { region } : {}),
    meta: {
      source: 'plan',
      mode: change.mode,
      actions,
      replace: actions.includes('delete') && actions.includes('create'),
      ...(change.action_reason ? { actionReason: change.action_reason } : {}),
      ...(change.previous_address ? { previousAddress: change.previous_address } : {}),
      ...(change.index !== undefined ? { index: change.index } : {}),
    },
  };
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/** Plans are machine-written, but a hand-edited or truncated one must not take the gate down. */
function isResourceChange(value: unknown): value is PlanResourceChange {
  if (!isRecord(value) || !isRecord(value.change) || !Array.isArray(value.change.actions)) return false;
  return (
    typeof value.address === 'string' &&
    typeof value.type === 'string' &&
    typeof value.name === 'string' &&
    (value.mode === 'managed' || value.mode === 'data') &&
    optionalString(value.module_address) &&
    optionalString(value.previous_address) &&
    optionalString(value.provider_name) &&
    optionalString(value.action_reason) &&
    value.change.actions.every((action) => typeof action === 'string')
  );
}

/** Which sides of the change a resource exists on, by its planned actions. */
function sidesOf(actions: readonly string[]): Side[] {
  const key = actions.join(',');
  switch (key) {
    case 'create':
    case 'read':
      return ['head'];
    case 'delete':
    case 'forget':
      return ['base'];
    default:
      return ['base', 'head'];
  }
}

/**
 * The resources a saved plan describes: `before` values are the base side, `after` the head side.
 * Deposed objects (left over from create_before_destroy) are already gone from the configuration
 * and are skipped.
 */
export function readTerraformPlan(value: unknown, file: string, text?: string): PlanResult {
  const result: PlanResult = { base: [], head: [], issues: [] };
  if (!isTerraformPlan(value)) {
    result.issues.push({ file, side: 'head', message: 'not a Terraform plan: expected `format_version` and `resource_changes`' });
    return result;
  }
  const plan = value as unknown as Plan;
  const major = Number(plan.format_version.split('.')[0]);
  if (!SUPPORTED_MAJOR.includes(major)) {
    result.issues.push({ file, side: 'head', message: `Terraform plan format_version ${plan.format_version} is not supported (tollgate reads 0.x and 1.x)`, line: 1 });
    return result;
  }
  const valid: PlanResourceChange[] = [];
  for (const [index, change] of plan.resource_changes.entries()) {
    if (isResourceChange(change)) valid.push(change);
    else result.issues.push({ file, side: 'head', message: `resource_changes[${index}] is not a resource change (needs address, mode, type, name and change.actions); skipped` });
  }
  const lines = text === undefined ? valid.map(() => 1) : entryLines(text, valid.map((change) => change.address));
  for (const [index, change] of valid.entries()) {
    if (change.deposed) continue;
    for (const side of sidesOf(change.change.actions)) {
      (side === 'base' ? result.base : result.head).push(toResource(plan, change, file, side, lines[index] ?? 1));
    }
  }
  return result;
}
