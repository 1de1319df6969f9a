/** What the gate knows of the pull request itself; absent for a local run on two directories. */
export interface PullRequestInfo {
  number?: number;
  title: string;
  body: string;
  author?: string;
  draft?: boolean;
  baseBranch?: string;
  headBranch?: string;
  headSha?: string;
  baseSha?: string;
  /** `owner/name` of the base repository. */
  repository?: string;
  url?: string;
  commits?: CommitInfo[];
  /**
   * Messages of the base branch's latest commits by people, newest first (merges and bots' commits
   * left out), where its history is at hand (a local run, a checkout with history): the
   * conventions the repository already keeps.
   */
  baseHistory?: string[];
  labels?: string[];
  /** Who last added a label, by lower-cased label name, where the API was asked (the budget's approval label). */
  labelAppliers?: Record<string, string>;
}

export interface CommitInfo {
  sha: string;
  message: string;
  parents: number;
  author?: string;
}

/** Whether the pull request carries `label`; GitHub's label names compare without case. */
export function hasLabel(pr: PullRequestInfo | undefined, label: string | undefined): boolean {
  if (!label || !pr?.labels) return false;
  return pr.labels.some((name) => name.toLowerCase() === label.toLowerCase());
}
