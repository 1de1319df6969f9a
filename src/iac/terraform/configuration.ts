/**
 * One Terraform module directory as declarations: variables, locals, providers, resources, data
 * sources, module calls and outputs, each with its file and lines. Files are parsed once and the
 * parse is shared by every side and every root that reads the same text.
 */
import { parseHcl } from './hcl/parser.js';
import type { HclAttribute, HclBlock, HclBody } from './hcl/types.js';
import { readJsonConfiguration, readJsonVariableValues } from './json-syntax.js';
import { isOverrideFile, mergeOverride } from './override.js';

export interface TerraformFile {
  path: string;
  text: string;
}

export interface ParsedTerraformFile {
  body: HclBody;
  errors: Array<{ message: string; line: number; column?: number }>;
}

/** Parses by text, so an unchanged file read on both sides is parsed once. */
export class TerraformParseCache {
  private readonly entries = new Map<string, { text: string; parsed: ParsedTerraformFile }[]>();

  parse(file: TerraformFile): ParsedTerraformFile {
    const list = this.entries.get(file.path) ?? [];
    const hit = list.find((entry) => entry.text === file.text);
    if (hit) return hit.parsed;
    const parsed = parseTerraformText(file);
    list.push({ text: file.text, parsed });
    this.entries.set(file.path, list);
    return parsed;
  }
}

function parseTerraformText(file: TerraformFile): ParsedTerraformFile {
  const lower = file.path.toLowerCase();
  if (lower.endsWith('.json')) {
    const result = lower.endsWith('.tfvars.json') ? readJsonVariableValues(file.text) : readJsonConfiguration(file.text);
    return { body: result.body, errors: result.error ? [result.error] : [] };
  }
  const result = parseHcl(file.text, file.path);
  return { body: result.body, errors: result.errors };
}

export interface Located<T> {
  file: string;
  value: T;
  /** Override files merged into this block, in the order applied. */
  overriddenBy?: string[];
}

/** Something in a module's files that Terraform itself would reject, with where it is. */
export interface ConfigurationProblem {
  file: string;
  line: number;
  message: string;
}

export interface ModuleConfiguration {
  directory: string;
  variables: Map<string, Located<HclBlock>>;
  locals: Map<string, Located<HclAttribute>>;
  providers: Array<Located<HclBlock>>;
  resources: Array<Located<HclBlock>>;
  modules: Array<Located<HclBlock>>;
  outputs: Map<string, Located<HclBlock>>;
  /** `moved` blocks: earlier addresses of resources and module calls in this module. */
  moved: Array<Located<HclBlock>>;
  problems: ConfigurationProblem[];
}

export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

const filesByDirectory = new WeakMap<readonly TerraformFile[], Map<string, TerraformFile[]>>();

/** The files directly in `directory`, in their order; the side's files are grouped once, as every root and module asks. */
export function filesIn(files: readonly TerraformFile[], directory: string): readonly TerraformFile[] {
  let index = filesByDirectory.get(files);
  if (index === undefined) {
    index = new Map();
    for (const file of files) {
      const inDirectory = index.get(directoryOf(file.path));
      if (inDirectory) inDirectory.push(file);
      else index.set(directoryOf(file.path), [file]);
    }
    filesByDirectory.set(files, index);
  }
  return index.get(directory) ?? [];
}

export function isTerraformConfigurationFile(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.tf') || lower.endsWith('.tf.json');
}

/** `.tfvars` and `.tfvars.json`: variable values, not configuration. */
export function isTfvarsFile(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.tfvars') || lower.endsWith('.tfvars.json');
}

/** `.tf`, `.tf.json`, `.tfvars` and `.tfvars.json`: the files read as Terraform configuration rather than one by one. */
export function isTerraformSource(path: string): boolean {
  return isTerraformConfigurationFile(path) || isTfvarsFile(path);
}

/**
 * The declarations of the `.tf`/`.tf.json` files directly in `directory`, in file-name order, with
 * the override files merged in afterwards (see override.ts).
 */
export function readModuleConfiguration(directory: string, files: readonly TerraformFile[], cache: TerraformParseCache): ModuleConfiguration {
  const configuration: ModuleConfiguration = {
    directory,
    variables: new Map(),
    locals: new Map(),
    providers: [],
    resources: [],
    modules: [],
    outputs: new Map(),
    moved: [],
    problems: [],
  };
  const own = filesIn(files, directory).filter((file) => isTerraformConfigurationFile(file.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const file of own.filter((entry) => !isOverrideFile(entry.path))) {
    for (const block of cache.parse(file).body.blocks) addBlock(configuration, file.path, block);
  }
  for (const file of own.filter((entry) => isOverrideFile(entry.path))) {
    for (const block of cache.parse(file).body.blocks) overrideBlock(configuration, file.path, block);
  }
  return configuration;
}

function addBlock(configuration: ModuleConfiguration, file: string, block: HclBlock): void {
  const [first, second] = block.labels;
  switch (block.type) {
    case 'variable':
      if (first !== undefined) configuration.variables.set(first, { file, value: block });
      return;
    case 'locals':
      for (const attribute of block.body.attributes) configuration.locals.set(attribute.name, { file, value: attribute });
      return;
    case 'provider':
      if (first !== undefined) configuration.providers.push({ file, value: block });
      return;
    case 'resource':
    case 'data':
      if (first !== undefined && second !== undefined) configuration.resources.push({ file, value: block });
      return;
    case 'module':
      if (first !== undefined) configuration.modules.push({ file, value: block });
      return;
    case 'output':
      if (first !== undefined) configuration.outputs.set(first, { file, value: block });
      return;
    case 'moved':
      configuration.moved.push({ file, value: block });
      return;
    default:
  }
}

/** `aws` or `aws.west`: how Terraform tells provider configurations of one module apart. */
export function providerKey(block: HclBlock): string {
  const alias = attributeOf(block.body, 'alias')?.expr;
  const name = block.labels[0] ?? '';
  return alias?.kind === 'literal' && typeof alias.value === 'string' ? `${name}.${alias.value}` : name;
}

function sameHeader(a: HclBlock, b: HclBlock): boolean {
  return a.type === b.type && a.labels.length === b.labels.length && a.labels.every((label, i) => label === b.labels[i]);
}

function merged(target: Located<HclBlock>, file: string, block: HclBlock): Located<HclBlock> {
  return { ...target, value: mergeOverride(target.value, block), overriddenBy: [...(target.overriddenBy ?? []), file] };
}

function overrideIn(list: Array<Located<HclBlock>>, file: string, block: HclBlock, matches: (candidate: HclBlock) => boolean): boolean {
  const index = list.findIndex((candidate) => matches(candidate.value));
  const target = list[index];
  if (!target) return false;
  list[index] = merged(target, file, block);
  return true;
}

function overrideNamed(map: Map<string, Located<HclBlock>>, file: string, block: HclBlock): boolean {
  const name = block.labels[0];
  const target = name === undefined ? undefined : map.get(name);
  if (name === undefined || !target) return false;
  map.set(name, merged(target, file, block));
  return true;
}

/** Terraform rejects an override of a block no normal file declares; the block is then ignored. */
function overrideBlock(configuration: ModuleConfiguration, file: string, block: HclBlock): void {
  let found: boolean;
  switch (block.type) {
    case 'variable':
      found = overrideNamed(configuration.variables, file, block);
      break;
    case 'output':
      found = overrideNamed(configuration.outputs, file, block);
      break;
    case 'locals':
      for (const attribute of block.body.attributes) {
        if (configuration.locals.has(attribute.name)) configuration.locals.set(attribute.name, { file, value: attribute });
        else configuration.problems.push({ file, line: attribute.line, message: `local.${attribute.name} in override file ${file} overrides nothing: no other file of ${configuration.directory} declares it; declare it in a normal .tf file or remove it` });
      }
      return;
    case 'provider':
      found = overrideIn(configuration.providers, file, block, (candidate) => providerKey(candidate) === providerKey(block));
      break;
    case 'resource':
    case 'data':
    case 'module':
      found = overrideIn(block.type === 'module' ? configuration.modules : configuration.resources, file, block, (candidate) => sameHeader(candidate, block));
      break;
    default:
      return;
  }
  if (!found) {
    const header = [block.type, ...block.labels.map((label) => JSON.stringify(label))].join(' ');
    configuration.problems.push({ file, line: block.line, message: `${header} in override file ${file} overrides nothing: no other file of ${configuration.directory} declares it; declare it in a normal .tf file or remove it` });
  }
}

/** `./modules/x` and `../shared` are local; registry addresses, git and HTTP URLs are not. */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

/** Joins a module source onto its caller's directory; `undefined` when it leaves the repository. */
export function resolveModuleDirectory(callerDirectory: string, source: string): string | undefined {
  const parts = callerDirectory === '.' ? [] : callerDirectory.split('/');
  for (const part of source.replace(/\/+$/, '').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

export function attributeOf(body: HclBody, name: string): HclAttribute | undefined {
  return body.attributes.find((attribute) => attribute.name === name);
}

/** The literal `source` of a module block, when it is one. */
export function moduleSource(block: HclBlock): string | undefined {
  const source = attributeOf(block.body, 'source')?.expr;
  return source?.kind === 'literal' && typeof source.value === 'string' ? source.value : undefined;
}
