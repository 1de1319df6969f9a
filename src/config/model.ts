import type { Severity } from '../checks/model.js';

export type FailOn = 'error' | 'warning' | 'never';
/** Which findings decide the verdict: those the pull request introduces (`new`), or every finding on what it touches (`all`). */
export type JudgeScope = 'new' | 'all';
/** Whose configuration judges a pull request: its base branch's (`base`), or its own head's (`head`). */
export type PolicySide = 'base' | 'head';
export type RuleLevel = Severity | 'off';

/** A rule's settings after presets and the user's file are merged. */
export interface RuleSettings {
  level: RuleLevel;
  /** When set, the rule only reports findings in files matching one of these globs. */
  paths?: string[];
  ignore?: string[];
  options: Record<string, unknown>;
}

/** Levels of some rules for the files `paths` matches (`overrides:`). */
export interface PathOverride {
  paths: string[];
  levels: Record<string, RuleLevel>;
  /** A cost budget over these files, as one of cost-budget's `budgets` entries (`max-delta`, …). */
  budget?: Record<string, unknown>;
}

/** Hourly rates for pricing Kubernetes workloads by their requests; unset ones use the catalog defaults. */
export interface KubernetesRates {
  cpuHour?: number;
  memoryGibHour?: number;
  gpuHour?: number;
  storageGibMonth?: number;
}

export interface CostSettings {
  /** Region priced when a resource names none (a CloudFormation stack, a provider without `region`). */
  region: string;
  /** Region whose prices stand in for one the data lacks; every line priced this way is marked approximate. */
  fallbackRegion?: string;
  kubernetesRates: KubernetesRates;
  /** What the organisation actually pays: discounts and negotiated unit prices, applied before the delta. */
  priceBook?: PriceBook;
}

/** Prices a company pays instead of list prices (`cost.price-book`). Percentages are 0–100. */
export interface PriceBook {
  /** How the report names the discount ("EDP"): "prices include your 18% EDP discount". */
  name?: string;
  /** Off every price. */
  discountPercent?: number;
  /** Off one provider's prices (`aws`, `azure`, `google`, `kubernetes`), instead of the overall discount. */
  providerDiscounts: Record<string, number>;
  /** Off one resource type's prices (`aws_db_instance`), instead of its provider's or the overall discount. */
  serviceDiscounts: Record<string, number>;
  /** Negotiated hourly prices by price key (`aws_instance/m5.large`), used as they are: no discount on top. */
  unitPrices: Record<string, number>;
  /** Share of steady compute hours a Savings Plan or reservation covers, and the discount it gives there. */
  commitment?: { coveragePercent: number; discountPercent: number };
}

export interface KubernetesSettings {
  /** Patterns that make a workload non-production when its namespace, a label value or its path contains one. */
  nonProduction: string[];
  /** Helm values files (relative to the chart) used when rendering charts, after the chart's own values.yaml. */
  helmValues: string[];
}

export interface TerraformSettings {
  /** Extra `.tfvars` files (relative to the repository root) applied after `terraform.tfvars` and `*.auto.tfvars`. */
  varFiles: string[];
}

export interface LimitsSettings {
  /** Files (and rendered output) larger than this many bytes keep their entry but are not read or parsed. */
  maxFileBytes: number;
}

/** The configuration every stage reads: presets applied, every rule present, defaults filled. */
export interface ResolvedConfig {
  /** Where it came from, for messages: a file path or `preset:default`. */
  source: string;
  preset: 'default' | 'strict';
  failOn: FailOn;
  judge: JudgeScope;
  policyFrom: PolicySide;
  paths: string[];
  ignore: string[];
  /** Globs of custom policy files (docs/policies.md), read from the same side as this configuration. */
  policies: string[];
  rules: Record<string, RuleSettings>;
  /** Rule levels for parts of the repository, in file order: for a file, the last entry whose paths match it decides. */
  overrides: PathOverride[];
  /** Where `rules` and `overrides` name an id no built-in rule has: a custom policy's, checked once the policy files load. */
  customRuleIds?: RuleIdReference[];
  cost: CostSettings;
  kubernetes: KubernetesSettings;
  terraform: TerraformSettings;
  limits: LimitsSettings;
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

/** An id under `rules` or an override's `rules`, where the file names it. */
export interface RuleIdReference {
  id: string;
  file: string;
  line: number;
  column: number;
  /** The key as the user spells it: `overrides[0].rules.team-label`. */
  key: string;
}

/** A file a configuration extends, read (see expandExtends): its place, as `extends` named it, and its text. */
export interface ConfigLayer {
  path: string;
  text: string;
}

/**
 * One side's configuration file as read: its text (with the files it extends, farthest first), or
 * that there is none, or why it could not be read.
 */
export type ConfigFileRead = { path: string; text: string; extended?: ConfigLayer[] } | { path: string; missing: true } | { path: string; unreadable: string };
