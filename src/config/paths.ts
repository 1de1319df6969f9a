import { minimatch } from 'minimatch';
import type { ResolvedConfig, RuleSettings } from './model.js';

/** Dotfiles match (`.github/**` is infrastructure too); case matters, as it does in git. */
const GLOB_OPTIONS = { dot: true } as const;

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => minimatch(path, glob, GLOB_OPTIONS));
}

/** Whether tollgate reads a changed file at all: inside `paths` and outside `ignore`. */
export function isAnalysed(config: Pick<ResolvedConfig, 'paths' | 'ignore'>, path: string): boolean {
  return matchesAnyGlob(path, config.paths) && !matchesAnyGlob(path, config.ignore);
}

/**
 * Whether a rule may report a finding in `path`. A finding without a file (about the whole
 * pull request) is only stopped by turning the rule off, not by its path scope.
 */
export function ruleAppliesTo(settings: Pick<RuleSettings, 'level' | 'paths' | 'ignore'>, path: string | undefined): boolean {
  if (settings.level === 'off') return false;
  if (path === undefined) return true;
  if (settings.paths && !matchesAnyGlob(path, settings.paths)) return false;
  return !(settings.ignore && matchesAnyGlob(path, settings.ignore));
}
