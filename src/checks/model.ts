import type { ChangedFile, ContextFile } from '../changes/model.js';
import type { JudgeScope, ResolvedConfig } from '../config/model.js';
import type { PolicyChange } from '../config/policy.js';
import type { CostReport } from '../cost/model.js';
import type { ResourceChange } from '../diff/model.js';
import type { InlineSuppression, ParseIssue } from '../iac/model.js';
import type { PullRequestInfo } from '../pull-request.js';

export type Severity = 'error' | 'warning' | 'notice';
/** `policy`: the repository's own custom policies (docs/policies.md). */
export type Category = 'cost' | 'deploy' | 'hygiene' | 'policy';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

/**
 * How a finding relates to the base branch: `new` the pull request introduces it, `existing` the
 * base branch has it too, `fixed` the base branch has it and the pull request removes it from an
 * object that is still there.
 */
export type FindingStatus = 'new' | 'existing' | 'fixed';

/** Whether a finding decides the verdict: unsuppressed, and new unless every finding is judged (`judge: all`). */
export function decidesVerdict(finding: Pick<Finding, 'suppressed' | 'status'>, judge: JudgeScope): boolean {
  return !finding.suppressed && (judge === 'all' || finding.status === 'new');
}

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
  /** The resource's scope (Terraform root, template file, chart or kustomization), which tells same-address twins apart. */
  scope?: string;
  suppressed: boolean;
  suppressionReason?: string;
  status: FindingStatus;
  /**
   * Stable across runs and commits: rule id, the identity of the object (Terraform address,
   * Kubernetes group/kind/namespace/name, CloudFormation logical id, or the file) and the rule's
   * discriminator; never a line or message text. Base and head findings pair by it.
   */
  fingerprint: string;
}

/**
 * What a rule reports: the fields the runner fills in (id, category, severity, suppression, status,
 * fingerprint) are optional. `key` tells apart two findings of one rule on one object (a container,
 * a field, a port); findingAt derives it from the attribute path it points at.
 */
export type RuleFinding = Omit<Finding, 'ruleId' | 'category' | 'severity' | 'suppressed' | 'suppressionReason' | 'status' | 'fingerprint'> & {
  severity?: Severity;
  key?: string;
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
  /** What the change does to tollgate's own configuration, when it changes it. */
  policyChange?: PolicyChange;
  /** What the change does to the custom policy files that judge it, one entry per file (comparePolicies). */
  customPolicyChanges?: PolicyChange[];
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
  /**
   * True when the rule judges the change itself rather than the state it leaves (the pull request's
   * title and commits, its added lines, a cost delta, a deletion): its findings are always new, and
   * it does not run on the base side.
   */
  judgesChange?: boolean;
  run(context: RuleContext): RuleFinding[] | RuleSkip;
}

export type CheckStatus = 'pass' | 'fail' | 'skipped';

/** Unsuppressed findings of one rule (or of a whole run) by their relation to the base branch. */
export interface StatusCounts {
  new: number;
  existing: number;
  fixed: number;
}

export interface CheckResult {
  ruleId: string;
  title: string;
  category: Category;
  severity: Severity;
  /** `fail` when the check has findings that count toward the verdict (new ones, or all with `judge: all`). */
  status: CheckStatus;
  docs: string;
  skippedReason?: string;
  /** Absent for a skipped check. */
  counts?: StatusCounts;
}
