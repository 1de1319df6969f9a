import { mergeConfig } from './merge.js';
import type { ConfigError, ConfigFileRead, ResolvedConfig } from './model.js';
import { defaultConfig, resolvePreset } from './presets.js';
import { validateConfig } from './validate.js';
import { readYaml } from './yaml-source.js';

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

/**
 * Parses, validates and resolves a config file's text: the preset it extends (default when
 * missing), then the file's keys over it. Never throws for bad input; every problem is an
 * error with the file and, where known, the line.
 */
export function parseConfig(text: string, file: string): ConfigResult {
  const read = readYaml(text, file);
  if (!read.source) return { errors: reportable(read.errors, file) };
  const validated = validateConfig(read.source, file);
  if (!validated.raw) return { errors: reportable(validated.errors, file) };
  const preset = validated.raw.extends ?? 'default';
  return { config: mergeConfig(resolvePreset(preset), validated.raw, file, preset), errors: [] };
}

function fileError(file: string, message: string): ConfigResult {
  return { errors: [{ file, key: '', message }] };
}

/**
 * Resolves a configuration file as read (readConfigFile, readConfigAtCommit). A missing file is
 * the default preset, unless the user named the file explicitly (`required`), when it is an error.
 */
export function resolveConfigRead(read: ConfigFileRead, required: boolean): ConfigResult {
  if ('text' in read) return parseConfig(read.text, read.path);
  if ('unreadable' in read) return fileError(read.path, read.unreadable);
  return required ? fileError(read.path, 'config file not found; check the path, or leave it unset to use the default preset') : { config: defaultConfig(), errors: [] };
}
