import type { FailOn, JudgeScope, PolicySide, RuleLevel } from './model.js';

export type PresetName = 'default' | 'strict';

export const PRESET_NAMES: readonly PresetName[] = ['default', 'strict'];

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** A rule's settings as written: every key optional, `options` only for rules that take them. */
export interface RawRuleSettings {
  level?: RuleLevel;
  paths?: string[];
  ignore?: string[];
  options?: Record<string, unknown>;
}

/** The shorthand `parse-error: warning` is the same as `parse-error: { level: warning }`. */
export type RawRule = RuleLevel | RawRuleSettings;

export interface RawCost {
  region?: string;
  'fallback-region'?: string;
  'kubernetes-rates'?: { 'cpu-hour'?: number; 'memory-gib-hour'?: number; 'gpu-hour'?: number; 'storage-gib-month'?: number };
  'price-book'?: RawPriceBook;
}

export interface RawPriceBook {
  name?: string;
  'discount-percent'?: number;
  providers?: Record<string, number>;
  services?: Record<string, number>;
  'unit-prices'?: Record<string, number>;
  commitment?: { 'coverage-percent': number; 'discount-percent': number };
}

export interface RawKubernetes {
  'non-production'?: string[];
  'helm-values'?: string[];
}

export interface RawTerraform {
  'var-files'?: string[];
}

export interface RawLimits {
  'max-file-bytes'?: number;
}

/** One `overrides:` entry as written: rule levels and a budget for the files its globs match. */
export interface RawOverride {
  paths: string[];
  rules?: Record<string, RuleLevel | { level: RuleLevel }>;
  budgets?: { name?: string; 'warn-delta'?: number; 'max-delta'?: number; 'max-total'?: number };
}

/** A config file as written (kebab-case keys), after it passed the schema. */
export interface RawConfig {
  /** A preset name, a file of this repository, or `owner/repo/path@ref` (see extends.ts). */
  extends?: string;
  'fail-on'?: FailOn;
  judge?: JudgeScope;
  'policy-from'?: PolicySide;
  paths?: string[];
  ignore?: string[];
  policies?: string[];
  rules?: Record<string, RawRule>;
  overrides?: RawOverride[];
  cost?: RawCost;
  kubernetes?: RawKubernetes;
  terraform?: RawTerraform;
  limits?: RawLimits;
}
