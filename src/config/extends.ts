import type { ConfigFileRead, ConfigLayer } from './model.js';
import { isPresetName, PRESET_NAMES, type PresetName } from './raw.js';
import { readYaml } from './yaml-source.js';

/** What `extends:` names: a preset, a file of this repository, or another repository's file. */
export type ExtendsTarget =
  | { kind: 'preset'; name: PresetName }
  | { kind: 'local'; path: string }
  | { kind: 'remote'; owner: string; repo: string; path: string; ref: string };

const REMOTE = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})\/([^@]+\.ya?ml)@([^@\s]+)$/;

/** Reads an `extends:` value; a string that is none of the three is refused with what to write. */
export function extendsTarget(value: string): ExtendsTarget | { error: string } {
  if (isPresetName(value)) return { kind: 'preset', name: value };
  const remote = REMOTE.exec(value);
  if (remote) {
    const [, owner = '', repo = '', path = '', ref = ''] = remote;
    return { kind: 'remote', owner, repo, path: path.replace(/^\.?\//, ''), ref };
  }
  if (!value.includes('@') && /\.ya?ml$/.test(value) && !value.split('/').includes('..') && !value.startsWith('/')) return { kind: 'local', path: value.replace(/^\.\//, '') };
  return {
    error: `"${value}" is neither a preset (${PRESET_NAMES.join(', ')}), a .yml file of this repository (.github/tollgate-base.yml) nor another repository's file (owner/repo/path.yml@ref)`,
  };
}

/** How `extends` shows in messages and in `config print`: the value as written. */
export function describeTarget(target: Exclude<ExtendsTarget, { kind: 'preset' }>): string {
  return target.kind === 'local' ? target.path : `${target.owner}/${target.repo}/${target.path}@${target.ref}`;
}

/** An extended file is a shared base; a chain longer than this is a mistake. */
export const MAX_EXTENDS_DEPTH = 5;

/** Reads a file `extends` names: this repository's (at the side's commit) or another repository's (through the API). */
export type ReadExtended = (target: Exclude<ExtendsTarget, { kind: 'preset' }>) => Promise<ConfigFileRead>;

function extendsValue(text: string, path: string): string | undefined {
  const read = readYaml(text, path);
  const data = read.source?.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const value = (data as Record<string, unknown>).extends;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Follows a configuration's `extends` through the files it names, reading each once, and returns
 * the read with those files (farthest first) for parseConfig to lay under it. A file that cannot
 * be read, a loop or a chain too long makes the read unreadable, with the reason; a malformed file
 * is left for parseConfig to report with its lines.
 */
export async function expandExtends(read: ConfigFileRead, readExtended: ReadExtended): Promise<ConfigFileRead> {
  if (!('text' in read)) return read;
  const layers: ConfigLayer[] = [];
  const seen = [read.path];
  let current = { path: read.path, text: read.text };
  for (;;) {
    const value = extendsValue(current.text, current.path);
    const target = value === undefined ? undefined : extendsTarget(value);
    if (target === undefined || 'error' in target || target.kind === 'preset') break;
    const name = describeTarget(target);
    if (seen.includes(name)) return { path: read.path, unreadable: `extends loops: ${[...seen, name].join(' → ')}; one of them must extend a preset or nothing` };
    if (seen.length > MAX_EXTENDS_DEPTH) return { path: read.path, unreadable: `extends goes deeper than ${MAX_EXTENDS_DEPTH} files (${seen.join(' → ')}); flatten the chain` };
    const next = await readExtended(target);
    if ('missing' in next) return { path: read.path, unreadable: `${current.path} extends ${name}, which does not exist; check the path${target.kind === 'remote' ? ', the repository and the ref' : ''}` };
    if ('unreadable' in next) return { path: read.path, unreadable: `${current.path} extends ${name}, which could not be read: ${next.unreadable}` };
    seen.push(name);
    layers.unshift({ path: name, text: next.text });
    current = { path: name, text: next.text };
  }
  return layers.length === 0 ? read : { ...read, extended: layers };
}
