import type { ChangedFile, ContextFile } from '../changes/model.js';
import type { ResolvedConfig } from '../config/model.js';
import type { CostReport } from '../cost/model.js';
import type { ResourceChange } from '../diff/model.js';
import type { InlineSuppression, ParseIssue } from '../iac/model.js';
import type { PullRequestInfo } from '../pull-request.js';

export type Severity = 'error' | 'warning' | 'notice';
export type Category = 'cost' | 'deploy' | 'hygiene';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

/** A problem a rule found. `fix` is one line telling the author what to change. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  fix: string;
  file?: string;
  line?: number;
  endLine?: number;
  resource?: string;
  suppressed: boolean;
  suppressionReason?: string;
}

/** What a rule reports: the fields the runner fills in (id, category, severity, suppression) are optional. */
export type RuleFinding = Omit<Finding, 'ruleId' | 'category' | 'severity' | 'suppressed' | 'suppressionReason'> & {
  severity?: Severity;
};

export interface RuleContext {
  files: ChangedFile[];
  /** Unchanged files the changes stage read for context (the rest of a Terraform root, its lock file). */
  context?: readonly ContextFile[];
  resources: ResourceChange[];
  parseIssues: ParseIssue[];
  suppressions: InlineSuppression[];
  cost: CostReport;
  pr?: PullRequestInfo;
  /** The CODEOWNERS file in force at the head (`.github/`, root or `docs/`), when the caller found one. */
  codeowners?: { path: string; text: string };
  /** This rule's `options` from config, already validated by the schema. */
  options: Record<string, unknown>;
  config: ResolvedConfig;
}

/** A rule that lacks the data it needs says so instead of passing silently. */
export interface RuleSkip {
  skip: string;
}

/** A JSON Schema fragment (draft-07), as plain data. */
export type JsonSchema = Record<string, unknown>;

export interface Rule {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  /** Path of the rule's page under docs/rules/. */
  docs: string;
  /**
   * The options the rule takes, by name, each with `title`, `description` and its JSON Schema; the
   * config schema is generated from these. Absent when the rule takes no options.
   */
  options?: Record<string, JsonSchema>;
  /** True for the checks catalog's "strict" tier: off in the default preset, on in the strict one. */
  strictOnly?: boolean;
  run(context: RuleContext): RuleFinding[] | RuleSkip;
}

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface CheckResult {
  ruleId: string;
  title: string;
  category: Category;
  severity: Severity;
  status: CheckStatus;
  docs: string;
  skippedReason?: string;
}
