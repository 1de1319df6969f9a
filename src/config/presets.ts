import { readFileSync } from 'node:fs';
import { DEFAULT_MAX_FILE_BYTES } from '../changes/content.js';
import { mergeConfig } from './merge.js';
import type { ResolvedConfig } from './model.js';
import { isPresetName, type PresetName, type RawConfig } from './raw.js';
import { readYaml } from './yaml-source.js';
import { formatConfigError } from './format-error.js';

/** Where custom policies live unless the config says otherwise. */
export const DEFAULT_POLICY_FILES = '.github/tollgate/policies/*.yml';

/** What the default preset builds on: analyse every file, fail on errors, no rules yet. */
const EMPTY_BASE: ResolvedConfig = {
  source: 'preset:default',
  preset: 'default',
  failOn: 'error',
  judge: 'new',
  policyFrom: 'base',
  paths: ['**'],
  ignore: [],
  policies: [DEFAULT_POLICY_FILES],
  rules: {},
  overrides: [],
  cost: { region: 'us-east-1', kubernetesRates: {} },
  kubernetes: { nonProduction: [], helmValues: [] },
  terraform: { varFiles: [] },
  limits: { maxFileBytes: DEFAULT_MAX_FILE_BYTES },
};

/**
 * One literal `new URL(...)` per file: the bundler recognises exactly this pattern and copies
 * the preset next to dist/, so the same code works from src/ and from the bundle.
 */
function readPresetText(name: PresetName): string {
  switch (name) {
    case 'default':
      return readFileSync(new URL('../../policies/default.yml', import.meta.url), 'utf8');
    case 'strict':
      return readFileSync(new URL('../../policies/strict.yml', import.meta.url), 'utf8');
  }
}

export function presetSource(name: PresetName): string {
  return `preset:${name}`;
}

/**
 * Presets ship with tollgate and are validated against the schema by its tests
 * (src/config/schema.test.ts), so they are not validated again at run time: compiling the schema
 * is the largest part of starting up, and a run without a config file never needs it.
 */
function parsePreset(name: PresetName): RawConfig {
  const file = `policies/${name}.yml`;
  const read = readYaml(readPresetText(name), file);
  if (!read.source) throw new Error(`tollgate's built-in preset is invalid: ${read.errors.map(formatConfigError).join('; ')}`);
  return read.source.data as RawConfig;
}

const resolved = new Map<PresetName, ResolvedConfig>();

function resolveFresh(name: PresetName, chain: readonly PresetName[]): ResolvedConfig {
  if (chain.includes(name)) throw new Error(`tollgate's built-in presets extend each other in a loop: ${[...chain, name].join(' → ')}`);
  const raw = parsePreset(name);
  if (raw.extends !== undefined && !isPresetName(raw.extends)) throw new Error(`tollgate's built-in preset ${name} extends ${raw.extends}, which is no preset`);
  const base = raw.extends ? resolvePresetChain(raw.extends, [...chain, name]) : EMPTY_BASE;
  return mergeConfig(base, raw, presetSource(name), name);
}

function resolvePresetChain(name: PresetName, chain: readonly PresetName[]): ResolvedConfig {
  let config = resolved.get(name);
  if (!config) {
    config = resolveFresh(name, chain);
    resolved.set(name, config);
  }
  return config;
}

/** A preset with everything it extends applied; read and parsed once per process. Callers must not modify it. */
export function resolvePreset(name: PresetName): ResolvedConfig {
  return resolvePresetChain(name, []);
}

/** The default preset, resolved: what tollgate uses when there is no config file. A fresh copy each call. */
export function defaultConfig(): ResolvedConfig {
  return structuredClone(resolvePreset('default'));
}

/** A preset's own files as written, the one it extends first: what `config print` names as the source of a value. */
export function presetLayers(name: PresetName): Array<{ raw: RawConfig; source: string }> {
  const raw = parsePreset(name);
  // What the default preset builds on (EMPTY_BASE) and does not write down itself.
  const builtIn = { raw: { policies: [...EMPTY_BASE.policies], limits: { 'max-file-bytes': EMPTY_BASE.limits.maxFileBytes } }, source: 'built-in' };
  const below = raw.extends !== undefined && isPresetName(raw.extends) && raw.extends !== name ? presetLayers(raw.extends) : [builtIn];
  return [...below, { raw, source: presetSource(name) }];
}
