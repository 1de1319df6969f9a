import { readFile, stat } from 'node:fs/promises';
import { mergeConfig } from './merge.js';
import type { ConfigError, ResolvedConfig } from './model.js';
import { defaultConfig, resolvePreset } from './presets.js';
import { validateConfig } from './validate.js';
import { MAX_CONFIG_BYTES, readYaml, tooLargeMessage } from './yaml-source.js';

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

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Reads and resolves the config file at `path`. A missing file means the default preset,
 * unless the user named the file explicitly (`required`), when it is an error.
 */
export async function loadConfig(path: string, options: { required: boolean }): Promise<ConfigResult> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fileError(path, 'is a directory; point tollgate at a YAML file such as .github/tollgate.yml');
    size = info.size;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return options.required
        ? fileError(path, 'config file not found; check the path, or leave it unset to use the default preset')
        : { config: defaultConfig(), errors: [] };
    }
    return fileError(path, `cannot read the config file (${code ?? 'unknown error'})`);
  }
  if (size > MAX_CONFIG_BYTES) return fileError(path, tooLargeMessage(size));
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return fileError(path, `cannot read the config file (${errorCode(error) ?? 'unknown error'})`);
  }
  return parseConfig(text, path);
}
