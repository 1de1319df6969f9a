/**
 * Evaluates one Terraform root module from its source, the way `terraform plan` would read the
 * configuration but without providers or state: variables (defaults, tfvars), locals, count and
 * for_each, dynamic blocks, override files, provider regions and default tags, local modules and
 * `moved` blocks. Anything that needs the cloud or the state (another resource's id, a data
 * source, an unfetched remote module) stays an UnknownValue with a description; nothing is guessed.
 */
import type { Notice } from '../../changes/model.js';
import type { AddressMove, ParseIssue, Resource, Side } from '../model.js';
import { SENSITIVE, isSensitive, isUnknown, unknownValue } from '../values.js';
import {
  TerraformParseCache,
  attributeOf,
  filesIn,
  isLocalSource,
  isTfvarsFile,
  moduleSource,
  providerKey,
  readModuleConfiguration,
  resolveModuleDirectory,
  type Located,
  type ModuleConfiguration,
  type TerraformFile,
} from './configuration.js';
import { describeNode, evaluate, resourceInstance, withBindings, type Scope } from './evaluator.js';
import { toNode, type Node } from './expression.js';
import { EvalError, isMap, toSet, type Value } from './functions.js';
import type { HclBlock, HclBody } from './hcl/types.js';
import { addressOf } from './moved.js';

export interface TerraformRootInput {
  /** The root module's directory, relative to the repository (`.` for the top). */
  directory: string;
  /** Every Terraform file known (the root's, its local modules', others are ignored). */
  files: readonly TerraformFile[];
  /** `config.terraform.varFiles`, already read, applied after `terraform.tfvars` and `*.auto.tfvars`. */
  varFiles?: readonly TerraformFile[];
  /** Region for resources whose provider configures none (`config.cost.region`). */
  region?: string;
  side?: Side;
  cache?: TerraformParseCache;
}

export interface TerraformRootResult {
  resources: Resource[];
  issues: ParseIssue[];
  notices: Notice[];
  /** `moved` blocks of every module instance, in evaluation order, with full addresses. */
  moves: AddressMove[];
  /** Where each module call is written, by its address without instance keys (`module.vpc.module.subnets`). */
  moduleCalls: ModuleCallSite[];
}

/** A `module` block: where a saved plan's resources of a module the gate did not read (a remote one) are shown. */
export interface ModuleCallSite {
  address: string;
  file: string;
  line: number;
}

/** Module nesting deeper than this is a loop or not real; the same bound the context reader uses. */
export const MAX_MODULE_DEPTH = 10;

/** More instances than this from one `count`/`for_each` is not a configuration a gate can judge line by line. */
const MAX_INSTANCES = 1000;

const RESOURCE_META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on']);
const RESOURCE_META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);
const MODULE_META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

interface ProviderSettings {
  region?: string;
  unknownRegion?: string;
  /** `default_tags { tags = … }`, evaluated: the AWS provider adds these to every resource it manages. */
  defaultTags?: Value;
}

type ProviderMap = ReadonlyMap<string, ProviderSettings>;

interface RunState {
  files: readonly TerraformFile[];
  cache: TerraformParseCache;
  side: Side;
  defaultRegion?: string;
  result: TerraformRootResult;
  configurations: Map<string, ModuleConfiguration>;
}

interface ModuleInstance {
  configuration: ModuleConfiguration;
  /** `module.a[0].module.b.` — the prefix of every address inside; empty for the root. */
  prefix: string;
  variables: Record<string, Value>;
  providers: ProviderMap;
  /** Directories of the modules on the way here, to stop a module that calls itself. */
  stack: readonly string[];
}

export function evaluateTerraformRoot(input: TerraformRootInput): TerraformRootResult {
  const state: RunState = {
    files: input.files,
    cache: input.cache ?? new TerraformParseCache(),
    side: input.side ?? 'head',
    ...(input.region !== undefined ? { defaultRegion: input.region } : {}),
    result: { resources: [], issues: [], notices: [], moves: [], moduleCalls: [] },
    configurations: new Map(),
  };
  reportParseErrors(state, input.directory);
  const configuration = configurationOf(state, input.directory);
  const values = rootVariableValues(state, input.directory, input.varFiles ?? []);
  const variables = declaredVariables(configuration, values, state);
  evaluateModule(state, { configuration, prefix: '', variables, providers: new Map(), stack: [input.directory] });
  return state.result;
}

function configurationOf(state: RunState, directory: string): ModuleConfiguration {
  const cached = state.configurations.get(directory);
  if (cached) return cached;
  const configuration = readModuleConfiguration(directory, state.files, state.cache);
  state.configurations.set(directory, configuration);
  return configuration;
}

function reportParseErrors(state: RunState, directory: string): void {
  for (const file of filesIn(state.files, directory)) {
    for (const error of state.cache.parse(file).errors) {
      state.result.issues.push({ file: file.path, side: state.side, message: error.message, line: error.line, ...(error.column !== undefined ? { column: error.column } : {}) });
    }
  }
  for (const problem of configurationOf(state, directory).problems) state.result.issues.push({ ...problem, side: state.side });
}

// ---- variables ---------------------------------------------------------------------------

const EMPTY_SCOPE: Scope = {
  variables: {},
  local: (name) => {
    throw new EvalError(`local.${name} cannot be used here`);
  },
  module: (name) => {
    throw new EvalError(`module.${name} cannot be used here`);
  },
  path: {},
  bindings: new Map(),
};

function safeEvaluate(node: Node, scope: Scope): Value {
  try {
    return evaluate(node, scope);
  } catch (error) {
    if (error instanceof EvalError) return unknownValue(`${describeNode(node)}: ${error.message}`);
    if (error instanceof RangeError) return unknownValue(`${describeNode(node)}: too deeply nested to evaluate`);
    throw error;
  }
}

/**
 * Terraform's order, later wins: `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars`
 * and `*.auto.tfvars.json` together in name order, then the configured var files.
 */
function rootVariableValues(state: RunState, directory: string, varFiles: readonly TerraformFile[]): Map<string, Value> {
  const inDirectory = filesIn(state.files, directory).filter((file) => isTfvarsFile(file.path));
  const named = (name: string): TerraformFile[] => inDirectory.filter((file) => file.path.slice(file.path.lastIndexOf('/') + 1) === name);
  const auto = inDirectory.filter((file) => /\.auto\.tfvars(?:\.json)?$/.test(file.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  const values = new Map<string, Value>();
  for (const file of [...named('terraform.tfvars'), ...named('terraform.tfvars.json'), ...auto, ...varFiles]) {
    const parsed = state.cache.parse(file);
    if (!inDirectory.includes(file)) {
      for (const error of parsed.errors) state.result.issues.push({ file: file.path, side: state.side, message: error.message, line: error.line });
    }
    for (const attribute of parsed.body.attributes) values.set(attribute.name, safeEvaluate(toNode(attribute.expr), EMPTY_SCOPE));
  }
  return values;
}

function declaredVariables(configuration: ModuleConfiguration, given: ReadonlyMap<string, Value>, state: RunState, call?: { prefix: string; file: string; line: number }): Record<string, Value> {
  const prefix = call?.prefix ?? '';
  const variables: Record<string, Value> = {};
  for (const [name, { value: block }] of configuration.variables) {
    const sensitive = attributeOf(block.body, 'sensitive')?.expr;
    const defaultValue = attributeOf(block.body, 'default')?.expr;
    let value: Value;
    if (given.has(name)) value = given.get(name);
    else if (defaultValue) value = safeEvaluate(toNode(defaultValue), EMPTY_SCOPE);
    else value = unknownValue(`${prefix}var.${name} (no value given)`);
    if (value === null && given.has(name) && defaultValue && attributeOf(block.body, 'nullable')?.expr.text === 'false') {
      value = safeEvaluate(toNode(defaultValue), EMPTY_SCOPE);
    }
    variables[name] = sensitive?.kind === 'literal' && sensitive.value === true ? SENSITIVE : value;
  }
  for (const name of given.keys()) {
    if (!(name in variables) && call !== undefined && prefix !== '') {
      state.result.notices.push({ kind: 'undeclared-input', message: `${prefix.slice(0, -1)} is given "${name}", which the module does not declare`, file: call.file, line: call.line });
    }
  }
  return variables;
}

// ---- modules -------------------------------------------------------------------------------

function evaluateModule(state: RunState, instance: ModuleInstance): Record<string, Value> {
  const { configuration } = instance;
  const localValues = new Map<string, Value>();
  const evaluating = new Set<string>();
  const moduleOutputs = new Map<string, Value>();
  const modulesEvaluating = new Set<string>();
  const calls = new Map(configuration.modules.map((call) => [call.value.labels[0] ?? '', call]));
  // Provider blocks may read variables and locals, so the scope exists first and sees the providers once they are known.
  let current: ModuleInstance = instance;

  const scope: Scope = {
    variables: instance.variables,
    path: { module: configuration.directory, root: instance.stack[0] ?? '.', cwd: unknownValue('path.cwd') },
    bindings: new Map(),
    local: (name) => {
      if (localValues.has(name)) return localValues.get(name);
      const declared = configuration.locals.get(name);
      if (!declared) throw new EvalError(`no local value named "${name}" is declared`);
      if (evaluating.has(name)) {
        const cycle = [...evaluating, name].map((local) => `local.${local}`).join(' → ');
        state.result.issues.push({ file: declared.file, side: state.side, line: declared.value.line, message: `${instance.prefix}local values refer to each other in a cycle: ${cycle}` });
        throw new EvalError(`local.${name} is part of a cycle`);
      }
      evaluating.add(name);
      try {
        const value = safeEvaluate(toNode(declared.value.expr), scope);
        localValues.set(name, value);
        return value;
      } finally {
        evaluating.delete(name);
      }
    },
    module: (name) => {
      if (moduleOutputs.has(name)) return moduleOutputs.get(name);
      const call = calls.get(name);
      if (!call) throw new EvalError(`no module call named "${name}"`);
      if (modulesEvaluating.has(name)) throw new EvalError(`module.${name} depends on itself`);
      modulesEvaluating.add(name);
      try {
        const outputs = evaluateModuleCall(state, current, scope, call.file, call.value);
        moduleOutputs.set(name, outputs);
        return outputs;
      } finally {
        modulesEvaluating.delete(name);
      }
    },
    resource: (type, name) => {
      const located = declaredResources.get(`${type}.${name}`);
      const evaluated = located ? evaluatedBlock(located) : undefined;
      return evaluated ? resourceValue(evaluated) : undefined;
    },
  };

  const declaredResources = new Map(configuration.resources.filter(({ value }) => value.type === 'resource').map((located) => [located.value.labels.join('.'), located]));
  const evaluatedBlocks = new Map<Located<HclBlock>, EvaluatedBlock>();
  const blocksEvaluating = new Set<Located<HclBlock>>();
  const evaluatedBlock = (located: Located<HclBlock>): EvaluatedBlock | undefined => {
    const cached = evaluatedBlocks.get(located);
    if (cached || blocksEvaluating.has(located)) return cached;
    blocksEvaluating.add(located);
    try {
      const evaluated = evaluateInstances(located.value, scope, blockAddress(instance.prefix, located.value));
      evaluatedBlocks.set(located, evaluated);
      return evaluated;
    } finally {
      blocksEvaluating.delete(located);
    }
  };

  current = { ...instance, providers: providerSettings(configuration, instance.providers, scope) };
  for (const resource of configuration.resources) {
    const evaluated = evaluatedBlock(resource);
    if (evaluated) evaluateResourceBlock(state, current, resource, evaluated);
  }
  collectMoves(state, instance);
  for (const [name] of calls) {
    if (!moduleOutputs.has(name)) safeModule(scope, name);
  }
  const outputs: Record<string, Value> = {};
  for (const [name, { value: block }] of configuration.outputs) {
    const expr = attributeOf(block.body, 'value')?.expr;
    const sensitive = attributeOf(block.body, 'sensitive')?.expr;
    outputs[name] = sensitive?.kind === 'literal' && sensitive.value === true ? SENSITIVE : expr ? safeEvaluate(toNode(expr), scope) : null;
  }
  return outputs;
}

function safeModule(scope: Scope, name: string): void {
  try {
    scope.module(name);
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
  }
}

/** `moved` blocks of a module instance, their addresses prefixed with the instance's. */
function collectMoves(state: RunState, instance: ModuleInstance): void {
  for (const { file, value: block } of instance.configuration.moved) {
    const from = addressOf(attributeOf(block.body, 'from')?.expr);
    const to = addressOf(attributeOf(block.body, 'to')?.expr);
    if (from === undefined || to === undefined) {
      state.result.issues.push({ file, side: state.side, line: block.line, message: 'a moved block needs `from` and `to` set to resource or module addresses, such as `from = aws_instance.old` and `to = aws_instance.new`' });
      continue;
    }
    state.result.moves.push({ from: `${instance.prefix}${from}`, to: `${instance.prefix}${to}` });
  }
}

/** `default_tags { tags = {…} }` (in JSON syntax possibly an object attribute). */
function defaultTagsOf(provider: HclBlock, scope: Scope): Value {
  const block = provider.body.blocks.find((nested) => nested.type === 'default_tags');
  const expr = block ? attributeOf(block.body, 'tags')?.expr : undefined;
  if (expr) return safeEvaluate(toNode(expr), scope);
  const attribute = attributeOf(provider.body, 'default_tags')?.expr;
  if (!attribute) return undefined;
  const value = safeEvaluate(toNode(attribute), scope);
  return isMap(value) ? value.tags : value;
}

/** `us-central1-a` → `us-central1`: a Google zone names its region minus the zone letter. */
function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

function regionSettings(provider: HclBlock, scope: Scope): ProviderSettings {
  // The google provider may set only a default `zone`; its region is then the zone's.
  const zoneOnly = provider.labels[0] === 'google' || provider.labels[0] === 'google-beta' ? !attributeOf(provider.body, 'region') : false;
  const regionExpr = attributeOf(provider.body, zoneOnly ? 'zone' : 'region')?.expr;
  if (!regionExpr) return {};
  const region = safeEvaluate(toNode(regionExpr), scope);
  if (typeof region === 'string') return { region: zoneOnly ? regionOfZone(region) : region };
  return { unknownRegion: isUnknown(region) ? region.__unknown : isSensitive(region) ? 'a sensitive value' : 'not a string' };
}

/** A module inherits its caller's default providers; `providers = { aws = aws.west }` passes others. */
function providerSettings(configuration: ModuleConfiguration, inherited: ProviderMap, scope: Scope): ProviderMap {
  const providers = new Map(inherited);
  for (const { value: block } of configuration.providers) {
    const defaultTags = defaultTagsOf(block, scope);
    providers.set(providerKey(block), { ...regionSettings(block, scope), ...(defaultTags !== undefined ? { defaultTags } : {}) });
  }
  return providers;
}

function passedProviders(block: HclBlock, caller: ProviderMap): ProviderMap {
  const providers = new Map([...caller].filter(([key]) => !key.includes('.')));
  const mapping = attributeOf(block.body, 'providers')?.expr;
  if (mapping?.kind !== 'object') return providers;
  for (const item of mapping.items) {
    const key = typeof item.key === 'string' ? item.key : item.key.kind === 'traversal' ? item.key.path.join('.') : undefined;
    const from = item.value.kind === 'traversal' ? item.value.path.join('.') : undefined;
    if (key === undefined || from === undefined) continue;
    const settings = caller.get(from);
    if (settings) providers.set(key, settings);
  }
  return providers;
}

/** The instance keys of a `count` or `for_each`, or why they are not known. */
type Expansion = { kind: 'single' } | { kind: 'count'; count: number } | { kind: 'each'; entries: Array<[string, Value]> } | { kind: 'unknown'; reason: string };

function expansionOf(body: HclBody, outer: Scope, address: string): Expansion {
  const scope: Scope = { ...outer, readsResources: true };
  const count = attributeOf(body, 'count')?.expr;
  const forEach = attributeOf(body, 'for_each')?.expr;
  if (count) {
    const value = safeEvaluate(toNode(count), scope);
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_INSTANCES) return { kind: 'count', count: value };
    if (isUnknown(value)) return { kind: 'unknown', reason: `count of ${address} is not known before apply (${value.__unknown})` };
    return { kind: 'unknown', reason: `count of ${address} is not a whole number from 0 to ${MAX_INSTANCES}` };
  }
  if (forEach) {
    const value = safeEvaluate(toNode(forEach), scope);
    if (isUnknown(value) || isSensitive(value)) return { kind: 'unknown', reason: `for_each of ${address} is not known before apply${isUnknown(value) ? ` (${value.__unknown})` : ''}` };
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return { kind: 'each', entries: (toSet(value) as string[]).map((key) => [key, key]) };
    if (isMap(value)) return { kind: 'each', entries: Object.keys(value).sort().map((key) => [key, value[key]]) };
    return { kind: 'unknown', reason: `for_each of ${address} is neither a map nor a set of strings` };
  }
  return { kind: 'single' };
}

interface InstanceKey {
  suffix: string;
  index?: number | string;
  bindings: Record<string, Value>;
}

function instanceKeys(expansion: Expansion): InstanceKey[] {
  switch (expansion.kind) {
    case 'single':
    case 'unknown':
      return [{ suffix: '', bindings: {} }];
    case 'count':
      return Array.from({ length: expansion.count }, (_, index) => ({ suffix: `[${index}]`, index, bindings: { count: { index } } }));
    case 'each':
      return expansion.entries.map(([key, value]) => ({ suffix: `[${JSON.stringify(key)}]`, index: key, bindings: { each: { key, value } } }));
  }
}

/** `module.a[0].module.b["x"]` → `module.a.module.b`: one call site stands for all its instances. */
export function withoutInstanceKeys(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

function evaluateModuleCall(state: RunState, caller: ModuleInstance, scope: Scope, file: string, block: HclBlock): Value {
  const name = block.labels[0] ?? '';
  const address = `${caller.prefix}module.${name}`;
  state.result.moduleCalls.push({ address: withoutInstanceKeys(address), file, line: block.line });
  const source = moduleSource(block);
  if (source === undefined) {
    state.result.notices.push({ kind: 'module-not-analysed', message: `${address} is not analysed: its source is not a plain string`, file, line: block.line });
    return unknownValue(`${address} (not analysed)`);
  }
  if (!isLocalSource(source)) {
    state.result.notices.push({ kind: 'remote-module', message: `${address} (source ${source}) is not analysed: remote modules are not fetched`, file, line: block.line });
    return unknownValue(`${address} (remote module)`);
  }
  const directory = resolveModuleDirectory(caller.configuration.directory, source);
  if (directory === undefined) {
    state.result.notices.push({ kind: 'module-not-analysed', message: `${address} (source ${source}) is not analysed: it points outside the repository`, file, line: block.line });
    return unknownValue(`${address} (outside the repository)`);
  }
  if (caller.stack.includes(directory) || caller.stack.length > MAX_MODULE_DEPTH) {
    state.result.issues.push({ file, side: state.side, line: block.line, message: `${address} (source ${source}) calls a module already being evaluated or nests deeper than ${MAX_MODULE_DEPTH} levels; not expanded` });
    return unknownValue(`${address} (recursive module)`);
  }
  const configuration = configurationOf(state, directory);
  if (configuration.resources.length + configuration.modules.length + configuration.variables.size === 0) {
    state.result.notices.push({ kind: 'module-not-analysed', message: `${address} (source ${source}) is not analysed: no Terraform files were found in ${directory}`, file, line: block.line });
    return unknownValue(`${address} (module files not read)`);
  }
  reportParseErrors(state, directory);
  const expansion = expansionOf(block.body, scope, address);
  if (expansion.kind === 'unknown') {
    state.result.notices.push({ kind: 'unknown-expansion', message: `${expansion.reason}; its resources are not analysed`, file, line: block.line });
    return unknownValue(expansion.reason);
  }
  const providers = passedProviders(block, caller.providers);
  const results: Array<[InstanceKey, Value]> = [];
  for (const key of instanceKeys(expansion)) {
    const inner = withBindings(scope, key.bindings);
    const given = new Map<string, Value>();
    for (const attribute of block.body.attributes) {
      if (!MODULE_META_ARGUMENTS.has(attribute.name)) given.set(attribute.name, safeEvaluate(toNode(attribute.expr), inner));
    }
    const prefix = `${address}${key.suffix}.`;
    const variables = declaredVariables(configuration, given, state, { prefix, file, line: block.line });
    results.push([key, evaluateModule(state, { configuration, prefix, variables, providers, stack: [...caller.stack, directory] })]);
  }
  if (expansion.kind === 'count') return results.map(([, outputs]) => outputs);
  if (expansion.kind === 'each') return Object.fromEntries(results.map(([key, outputs]) => [String(key.index), outputs]));
  return results[0]?.[1] ?? null;
}

// ---- resources -----------------------------------------------------------------------------

/** `aws_instance` → `aws`: Terraform's default provider for a resource type is its first word. */
function defaultProviderName(type: string): string {
  const underscore = type.indexOf('_');
  return underscore === -1 ? type : type.slice(0, underscore);
}

function providerKeyOf(body: HclBody, type: string): string {
  const expr = attributeOf(body, 'provider')?.expr;
  if (expr?.kind === 'traversal') return expr.path.join('.');
  if (expr?.kind === 'literal' && typeof expr.value === 'string') return expr.value;
  return defaultProviderName(type);
}

/** `module.app.aws_instance.web`, `data.aws_ami.ubuntu`: a resource block's address before its instance key. */
function blockAddress(prefix: string, block: HclBlock): string {
  const [type = '', name = ''] = block.labels;
  return `${prefix}${block.type === 'data' ? 'data.' : ''}${type}.${name}`;
}

interface EvaluatedInstance {
  key: InstanceKey;
  scope: Scope;
  attributes: Record<string, Value>;
  /** Each attribute's line by its dotted path. */
  lines: Record<string, number>;
}

/** A resource block with its instances evaluated, once per module instance: emitted as resources, and read by expressions that refer to it. */
interface EvaluatedBlock {
  address: string;
  expansion: Expansion;
  instances: EvaluatedInstance[];
}

function evaluateInstances(block: HclBlock, scope: Scope, address: string): EvaluatedBlock {
  const expansion = expansionOf(block.body, scope, address);
  const instances = instanceKeys(expansion).map((key) => {
    const inner = withBindings(scope, key.bindings);
    const lines: Record<string, number> = {};
    const attributes = evaluateBody(block.body, inner, '', lines, RESOURCE_META_ARGUMENTS, RESOURCE_META_BLOCKS);
    return { key, scope: inner, attributes: resourceInstance(attributes, `${blockAddress('', block)}${key.suffix}`), lines };
  });
  return { address, expansion, instances };
}

/** What `aws_instance.web` reads as: its instance, a list of them (count), a map of them by key (for_each). */
function resourceValue({ expansion, instances }: EvaluatedBlock): Value {
  switch (expansion.kind) {
    case 'unknown':
      return unknownValue(expansion.reason);
    case 'single':
      return instances[0]?.attributes ?? null;
    case 'count':
      return instances.map((item) => item.attributes);
    case 'each':
      return Object.fromEntries(instances.map((item) => [String(item.key.index), item.attributes]));
  }
}

function evaluateResourceBlock(state: RunState, instance: ModuleInstance, { file, value: block, overriddenBy }: Located<HclBlock>, { address: base, expansion, instances }: EvaluatedBlock): void {
  const mode = block.type === 'data' ? 'data' : 'managed';
  const type = block.labels[0] ?? '';
  if (expansion.kind === 'unknown') state.result.notices.push({ kind: 'unknown-expansion', message: expansion.reason, file, line: block.line });
  const providerKey = providerKeyOf(block.body, type);
  const providerName = providerKey.split('.')[0] ?? providerKey;
  const provider = instance.providers.get(providerKey);
  const region = provider?.region ?? (provider?.unknownRegion === undefined && !providerKey.includes('.') ? state.defaultRegion : undefined);
  const lifecycle = block.body.blocks.find((nested) => nested.type === 'lifecycle');
  for (const { key, scope: inner, attributes, lines } of instances) {
    const resource: Resource = {
      kind: 'terraform',
      type,
      address: `${base}${key.suffix}`,
      attributes,
      file,
      line: block.line,
      endLine: block.endLine,
      attributeLines: lines,
      provider: providerName,
      meta: {
        source: 'hcl',
        mode,
        ...(key.index !== undefined ? { index: key.index } : {}),
        ...(expansion.kind === 'unknown' ? { instancesUnknown: expansion.reason } : {}),
        ...(provider?.unknownRegion !== undefined ? { regionUnknown: provider.unknownRegion } : {}),
        ...(lifecycle ? { lifecycle: evaluateBody(lifecycle.body, inner, '', {}, new Set(), new Set()) } : {}),
        ...(mode === 'managed' && provider?.defaultTags !== undefined ? { providerDefaultTags: provider.defaultTags } : {}),
        ...(overriddenBy ? { overrideFiles: overriddenBy } : {}),
      },
    };
    if (instance.prefix !== '') resource.module = instance.prefix.slice(0, -1);
    if (expansion.kind === 'count') resource.count = expansion.count;
    if (region !== undefined) resource.region = region;
    state.result.resources.push(resource);
  }
}

/**
 * A block body as plan JSON shapes it: attributes by name, nested blocks as lists of objects,
 * `dynamic` blocks expanded. `lines` receives each attribute's line by its dotted path
 * (`root_block_device.0.volume_size`).
 */
function evaluateBody(
  body: HclBody,
  scope: Scope,
  path: string,
  lines: Record<string, number>,
  skipAttributes: ReadonlySet<string>,
  skipBlocks: ReadonlySet<string>,
): Record<string, Value> {
  const result: Record<string, Value> = {};
  for (const attribute of body.attributes) {
    if (skipAttributes.has(attribute.name)) continue;
    result[attribute.name] = safeEvaluate(toNode(attribute.expr), scope);
    lines[`${path}${attribute.name}`] = attribute.line;
  }
  for (const block of body.blocks) {
    if (skipBlocks.has(block.type)) continue;
    if (block.type === 'dynamic') {
      expandDynamic(block, scope, path, lines, result);
      continue;
    }
    appendBlock(result, block.type, (index) => {
      const blockPath = `${path}${block.type}.${index}`;
      lines[blockPath] = block.line;
      return evaluateBody(block.body, scope, `${blockPath}.`, lines, new Set(), new Set());
    });
  }
  return result;
}

function appendBlock(result: Record<string, Value>, type: string, build: (index: number) => Value): void {
  const existing = result[type];
  const list = Array.isArray(existing) ? existing : [];
  if (isUnknown(existing)) return;
  list.push(build(list.length));
  result[type] = list;
}

/** `dynamic "ingress" { for_each = …; iterator = rule; content { … } }` → one `ingress` block per element. */
function expandDynamic(block: HclBlock, scope: Scope, path: string, lines: Record<string, number>, result: Record<string, Value>): void {
  const type = block.labels[0];
  const content = block.body.blocks.find((nested) => nested.type === 'content');
  const forEach = attributeOf(block.body, 'for_each')?.expr;
  if (type === undefined || !content || !forEach) return;
  const iteratorExpr = attributeOf(block.body, 'iterator')?.expr;
  const iterator = iteratorExpr?.kind === 'traversal' && iteratorExpr.path.length === 1 ? (iteratorExpr.path[0] ?? type) : type;
  const collection = safeEvaluate(toNode(forEach), scope);
  if (isUnknown(collection) || isSensitive(collection)) {
    result[type] = unknownValue(`dynamic "${type}" blocks over ${isUnknown(collection) ? collection.__unknown : 'a sensitive value'}`);
    lines[`${path}${type}`] = block.line;
    return;
  }
  const entries: Array<[Value, Value]> = Array.isArray(collection)
    ? collection.map((item, i) => [i, item])
    : isMap(collection)
      ? Object.keys(collection).sort().map((key) => [key, collection[key]])
      : [];
  for (const [key, value] of entries) {
    const inner = withBindings(scope, { [iterator]: { key, value } });
    appendBlock(result, type, (index) => {
      const blockPath = `${path}${type}.${index}`;
      lines[blockPath] = content.line;
      return evaluateBody(content.body, inner, `${blockPath}.`, lines, new Set(), new Set());
    });
  }
}
