import { isRecord } from '../iac/values.js';
import type { RawConfig } from './raw.js';

/** One setting as `config print` shows it: its key, its value, and the file (or preset) that set it last. */
export interface SettingSource {
  key: string;
  value: unknown;
  source: string;
}

/**
 * A layer's settings as dotted keys, the way merging reads them: a rule's shorthand level is its
 * `level`, options and sections go one key deeper, and a list is one value (a later list replaces it).
 */
function settingsOf(raw: RawConfig): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [];
  const walk = (prefix: string, value: unknown, depth: number): void => {
    if (isRecord(value) && depth > 0) {
      for (const [key, inner] of Object.entries(value)) walk(`${prefix}.${key}`, inner, depth - 1);
    } else {
      entries.push([prefix, value]);
    }
  };
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'extends') continue;
    if (key === 'rules' && isRecord(value)) {
      for (const [id, rule] of Object.entries(value)) walk(`rules.${id}`, typeof rule === 'string' ? { level: rule } : rule, 2);
      continue;
    }
    if (key === 'cost' && isRecord(value)) {
      // A price book replaces the one below it whole; the other cost settings merge key by key.
      for (const [inner, setting] of Object.entries(value)) walk(`cost.${inner}`, setting, inner === 'price-book' ? 0 : 1);
      continue;
    }
    walk(key, value, 1);
  }
  return entries;
}

/** Every setting the layers make, farthest first, with the layer that set it last, in key order. */
export function settingSources(layers: ReadonlyArray<{ raw: RawConfig; source: string }>): SettingSource[] {
  const settings = new Map<string, SettingSource>();
  for (const { raw, source } of layers) {
    for (const [key, value] of settingsOf(raw)) {
      // A section or rule replaced whole drops what was set below it.
      for (const existing of [...settings.keys()]) if (existing.startsWith(`${key}.`)) settings.delete(existing);
      settings.set(key, { key, value, source });
    }
  }
  return [...settings.values()].sort((a, b) => a.key.localeCompare(b.key));
}
