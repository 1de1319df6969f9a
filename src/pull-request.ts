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
  labels?: string[];
}

export interface CommitInfo {
  sha: string;
  message: string;
  parents: number;
  author?: string;
}
