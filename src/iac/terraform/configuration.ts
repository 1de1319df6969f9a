/**
 * One Terraform module directory as declarations: variables, locals, providers, resources, data
 * sources, module calls and outputs, each with its file and lines. Files are parsed once and the
 * parse is shared by every side and every root that reads the same text.
 */
import { parseHcl } from './hcl/parser.js';
import type { HclAttribute, HclBlock, HclBody } from './hcl/types.js';
import { readJsonConfiguration } from './json-syntax.js';

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
  if (file.path.toLowerCase().endsWith('.json')) {
    const result = readJsonConfiguration(file.text);
    return { body: result.body, errors: result.error ? [result.error] : [] };
  }
  const result = parseHcl(file.text, file.path);
  return { body: result.body, errors: result.errors };
}

export interface Located<T> {
  file: string;
  value: T;
}

export interface ModuleConfiguration {
  directory: string;
  variables: Map<string, Located<HclBlock>>;
  locals: Map<string, Located<HclAttribute>>;
  providers: Array<Located<HclBlock>>;
  resources: Array<Located<HclBlock>>;
  modules: Array<Located<HclBlock>>;
  outputs: Map<string, Located<HclBlock>>;
}

export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

export function isTerraformConfigurationFile(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.tf') || lower.endsWith('.tf.json');
}

export function isTfvarsFile(path: string): boolean {
  return path.toLowerCase().endsWith('.tfvars');
}

/** The declarations of the `.tf`/`.tf.json` files directly in `directory`, in file-name order. */
export function readModuleConfiguration(directory: string, files: readonly TerraformFile[], cache: TerraformParseCache): ModuleConfiguration {
  const configuration: ModuleConfiguration = {
    directory,
    variables: new Map(),
    locals: new Map(),
    providers: [],
    resources: [],
    modules: [],
    outputs: new Map(),
  };
  const own = files.filter((file) => directoryOf(file.path) === directory && isTerraformConfigurationFile(file.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const file of own) {
    const { body } = cache.parse(file);
    for (const block of body.blocks) addBlock(configuration, file.path, block);
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
    default:
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
