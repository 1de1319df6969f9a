import { mergeConfig } from './merge.js';
import type { ConfigError, ConfigFileRead, ConfigLayer, ResolvedConfig } from './model.js';
import { describeTarget, extendsTarget } from './extends.js';
import { isPresetName, type PresetName, type RawConfig } from './raw.js';
import { defaultConfig, resolvePreset } from './presets.js';
import { validateConfig } from './validate.js';
import { customRuleIds } from './rule-ids.js';
import { readYaml, type YamlSource } from './yaml-source.js';

export { defaultConfig } from './presets.js';

export interface ConfigResult {
  /** Present only when there are no errors. */
  config?: ResolvedConfig;
  errors: ConfigError[];
}

/** Past this many, more errors only bury the first ones (a wrong file is usually the real problem). */
export const MAX_REPORTED_ERRORS = 20;

function byPosition(a: ConfigError, b: ConfigError): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

function reportable(errors: ConfigError[], file: string): ConfigError[] {
  const sorted = [...errors].sort(byPosition);
  if (sorted.length <= MAX_REPORTED_ERRORS) return sorted;
  const more = sorted.length - MAX_REPORTED_ERRORS;
  return [...sorted.slice(0, MAX_REPORTED_ERRORS), { file, key: '', message: `${more} more error${more === 1 ? '' : 's'} not shown; fix the ones above first` }];
}

/** A configuration's files as written, farthest first, each validated: what parseConfig merges and `config print` traces. */
export function configLayers(text: string, file: string, extended: readonly ConfigLayer[] = []): { layers: Array<{ raw: RawConfig; source: string; yaml: YamlSource }>; preset: PresetName } | { errors: ConfigError[] } {
  const layers: Array<{ raw: RawConfig; source: string; yaml: YamlSource }> = [];
  for (const [index, layer] of [...extended, { path: file, text }].entries()) {
    const read = readYaml(layer.text, layer.path);
    if (!read.source) return { errors: reportable(read.errors, layer.path) };
    const validated = validateConfig(read.source, layer.path);
    if (!validated.raw) return { errors: reportable(validated.errors, layer.path) };
    const named = validated.raw.extends;
    const target = named === undefined ? undefined : extendsTarget(named);
    // The farthest file must start from a preset: anything else it extends was not read.
    const message =
      target === undefined || (!('error' in target) && (target.kind === 'preset' || index > 0))
        ? undefined
        : 'error' in target
          ? target.error
          : `${describeTarget(target)} was not read; tollgate reads extended files in the action and the CLI`;
    if (message !== undefined) {
      const at = read.source.locate(['extends'], 'value');
      return { errors: [{ file: layer.path, line: at.line, column: at.column, key: 'extends', value: named, message }] };
    }
    layers.push({ raw: validated.raw, source: layer.path, yaml: read.source });
  }
  const root = layers[0]?.raw.extends;
  return { layers, preset: root !== undefined && isPresetName(root) ? root : 'default' };
}

/**
 * Parses, validates and resolves a config file's text over what it extends: the preset at the
 * root of the chain (default when none names one), then each extended file, farthest first, then
 * this file's keys. Never throws for bad input; every problem is an error with the file and,
 * where known, the line.
 */
export function parseConfig(text: string, file: string, extended: readonly ConfigLayer[] = []): ConfigResult {
  const read = configLayers(text, file, extended);
  if ('errors' in read) return { errors: read.errors };
  let config = resolvePreset(read.preset);
  for (const { raw, source } of read.layers) config = mergeConfig(config, raw, source, read.preset);
  const custom = customRuleIds(read.layers);
  return { config: custom.length > 0 ? { ...config, customRuleIds: custom } : config, errors: [] };
}

function fileError(file: string, message: string): ConfigResult {
  return { errors: [{ file, key: '', message }] };
}

/**
 * Resolves a configuration file as read (readConfigFile, readConfigAtCommit). A missing file is
 * the default preset, unless the user named the file explicitly (`required`), when it is an error.
 */
export function resolveConfigRead(read: ConfigFileRead, required: boolean): ConfigResult {
  if ('text' in read) return parseConfig(read.text, read.path, read.extended);
  if ('unreadable' in read) return fileError(read.path, read.unreadable);
  return required ? fileError(read.path, 'config file not found; check the path, or leave it unset to use the default preset') : { config: defaultConfig(), errors: [] };
}
