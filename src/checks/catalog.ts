import { resolvePreset } from '../config/presets.js';
import { PRESET_NAMES, type PresetName } from '../config/raw.js';
import type { Category, Severity } from './model.js';
import { RULES } from './registry.js';

/** How a preset runs a rule it turns on: the level, and the names of the options it sets. */
export interface PresetUse {
  preset: PresetName;
  level: Severity;
  options: string[];
}

/** A built-in rule as `tollgate rules` and the rules index describe it. */
export interface RuleEntry {
  id: string;
  area: Category;
  title: string;
  severity: Severity;
  docs: string;
  /** The presets that turn the rule on, in preset order; a preset that turns it off is absent. */
  presets: PresetUse[];
}

/** Every built-in rule in registry order, with the presets that run it. */
export function ruleCatalog(): RuleEntry[] {
  const presets = PRESET_NAMES.map((name) => ({ name, rules: resolvePreset(name).rules }));
  return RULES.map((rule) => ({
    id: rule.id,
    area: rule.category,
    title: rule.title,
    severity: rule.severity,
    docs: rule.docs,
    presets: presets.flatMap(({ name, rules }) => {
      // A preset that does not name a rule leaves it at its own severity, as the runner does.
      const settings = rules[rule.id] ?? { level: rule.severity, options: {} };
      return settings.level === 'off' ? [] : [{ preset: name, level: settings.level, options: Object.keys(settings.options).sort() }];
    }),
  }));
}

/**
 * The presets of a rule in a few words: each preset's name, with the level when it is not the
 * rule's own severity and the options it sets (`default, strict: warning (sets error-lines)`).
 */
export function presetSummary(entry: Pick<RuleEntry, 'severity' | 'presets'>): string {
  if (entry.presets.length === 0) return 'none';
  return entry.presets
    .map(({ preset, level, options }) => `${preset}${level === entry.severity ? '' : `: ${level}`}${options.length > 0 ? ` (sets ${options.join(', ')})` : ''}`)
    .join(', ');
}
