import type { ChangeSource, Notice } from '../changes/model.js';
import type { CheckResult, Finding } from '../checks/model.js';
import type { FailOn } from '../config/model.js';
import type { CostReport } from '../cost/model.js';
import type { ResourceChangeKind } from '../diff/model.js';
import type { ResourceKind } from '../iac/model.js';

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
  change: ResourceChangeKind;
}

export interface ReportPullRequest {
  number?: number;
  title: string;
  url?: string;
  repository?: string;
  headSha?: string;
}

/** Everything one gate run concluded. Every output channel is a renderer over this object. */
export interface Report {
  version: number;
  tool: { name: 'tollgate'; version: string };
  verdict: Verdict;
  failOn: FailOn;
  source: { kind: ChangeSource; baseRef: string; headRef: string; baseSha?: string; headSha?: string };
  pullRequest?: ReportPullRequest;
  config: string;
  files: { changed: number; analyzed: number; truncated: boolean };
  resources: ReportResource[];
  cost: CostReport;
  checks: CheckResult[];
  findings: Finding[];
  notices: Notice[];
}

/** Where file links in rendered reports point: `${serverUrl}/${repository}/blob/${sha}/${path}#L${line}`. */
export interface LinkTarget {
  serverUrl: string;
  repository: string;
  sha: string;
}
