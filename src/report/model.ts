import type { ChangeSource, Notice } from '../changes/model.js';
import type { CheckResult, Finding, StatusCounts } from '../checks/model.js';
import type { FailOn, JudgeScope, PolicySide } from '../config/model.js';
import type { CostReport } from '../cost/model.js';
import type { ResourceChangeKind } from '../diff/model.js';
import type { InlineSuppression, ResourceKind, ResourceSource } from '../iac/model.js';

export type Verdict = 'pass' | 'warn' | 'fail';

/** Bumped when a field is removed or changes meaning; adding fields keeps the version. */
export const REPORT_SCHEMA_VERSION = 1;

export interface ReportResource {
  address: string;
  /** What `address` is unique within: Terraform root directory, CloudFormation template, Helm chart or Kustomize directory; absent for raw Kubernetes manifests. */
  scope?: string;
  type: string;
  kind: ResourceKind;
  file: string;
  line: number;
  /** `replaced`: a plan or preview destroys the object and creates it again. */
  change: ResourceChangeKind | 'replaced';
  /** The actions a plan or preview gives it (`["delete", "create"]`), verbatim. */
  actions?: string[];
}

export interface ReportPullRequest {
  number?: number;
  title: string;
  url?: string;
  repository?: string;
  headSha?: string;
}

/** Whose configuration judged the run, and what the change does to tollgate's own configuration. */
export interface ReportPolicy {
  from: PolicySide;
  /** Why the head's configuration judged although the base's should have (the base's does not load). */
  fallback?: string;
  change?: {
    /** The configuration file the change touches. */
    path: string;
    /** The verdict under the changed configuration; absent when it does not load (`invalid`). */
    verdict?: Verdict;
    invalid?: boolean;
    /** How many of its differences loosen and tighten the gate (each is a config-change finding). */
    loosens: number;
    tightens: number;
  };
}

/** Everything one gate run concluded. Every output channel is a renderer over this object. */
export interface Report {
  version: number;
  tool: { name: 'tollgate'; version: string };
  verdict: Verdict;
  failOn: FailOn;
  /** Which findings decided the verdict: the new ones (default) or all of them. */
  judge: JudgeScope;
  source: { kind: ChangeSource; baseRef: string; headRef: string; baseSha?: string; headSha?: string };
  pullRequest?: ReportPullRequest;
  config: string;
  policy: ReportPolicy;
  files: { changed: number; analyzed: number; truncated: boolean };
  resources: ReportResource[];
  /** Where each Terraform root's (or stack's) resources came from: its source, or a file an earlier workflow step produced. */
  roots: ResourceSource[];
  cost: CostReport;
  checks: CheckResult[];
  /** Findings at the head of the change, each `new` or `existing`. */
  findings: Finding[];
  /** Findings the base branch has that the change removed from objects it keeps. */
  fixed: Finding[];
  /** Unsuppressed findings by status (fixed: the length of `fixed`). */
  counts: StatusCounts;
  /** Inline suppressions the change adds (written at the head, not at the base). */
  suppressionsAdded: InlineSuppression[];
  notices: Notice[];
}

/** Where file links in rendered reports point: `${serverUrl}/${repository}/blob/${sha}/${path}#L${line}`. */
export interface LinkTarget {
  serverUrl: string;
  repository: string;
  sha: string;
  /** The base commit, where a fixed finding's location is; without it those locations are not linked. */
  baseSha?: string;
}
