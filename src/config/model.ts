import type { Severity } from '../checks/model.js';

export type FailOn = 'error' | 'warning' | 'never';
export type RuleLevel = Severity | 'off';

/** A rule's settings after presets and the user's file are merged. */
export interface RuleSettings {
  level: RuleLevel;
  /** When set, the rule only reports findings in files matching one of these globs. */
  paths?: string[];
  ignore?: string[];
  options: Record<string, unknown>;
}

/** The configuration every stage reads: presets applied, every rule present, defaults filled. */
export interface ResolvedConfig {
  /** Where it came from, for messages: a file path or `preset:default`. */
  source: string;
  preset: 'default' | 'strict';
  failOn: FailOn;
  paths: string[];
  ignore: string[];
  rules: Record<string, RuleSettings>;
}

/** An error a user can act on: the file, line, key, the bad value and what is allowed. */
export interface ConfigError {
  file: string;
  line?: number;
  column?: number;
  key: string;
  message: string;
  value?: unknown;
  allowed?: string[];
}
