/** How a file differs between the base and the head of a change. */
export type FileStatus = 'added' | 'modified' | 'removed' | 'renamed';

/**
 * One file touched by the change, with its text on each side when it is text.
 * `before`/`after` are absent when that side does not exist, is binary, or could not be read;
 * `note` then says why, so a rule never mistakes "unreadable" for "empty".
 */
export interface ChangedFile {
  path: string;
  previousPath?: string;
  status: FileStatus;
  before?: string;
  after?: string;
  patch?: string;
  binary?: boolean;
  /** Size in bytes of the head version (of the base version for a removed file). */
  size?: number;
  additions?: number;
  deletions?: number;
  note?: string;
}

export type ChangeSource = 'git' | 'github' | 'directories';

/** Something the changes stage wants the reader to know: a skipped submodule, a capped file list. */
export interface Notice {
  message: string;
  file?: string;
}

/**
 * An unchanged file that a parser needs to understand a changed one: the other `.tf` files and
 * tfvars of a Terraform root whose file changed, or the files of a local module it calls.
 */
export interface ContextFile {
  path: string;
  text: string;
}

export interface ChangeSet {
  source: ChangeSource;
  baseRef: string;
  headRef: string;
  baseSha?: string;
  headSha?: string;
  files: ChangedFile[];
  notices: Notice[];
  /** True when the provider capped the list (GitHub lists at most 3,000 files of a PR). */
  truncated?: boolean;
  /** Unchanged files some parser needs for context; the same text on both sides. */
  context?: ContextFile[];
}
