/** How a file differs between the base and the head of a change. */
export type FileStatus = 'added' | 'modified' | 'removed' | 'renamed';

/** A Helm chart or Kustomize kustomization that tollgate rendered. */
export interface RenderOrigin {
  tool: 'helm' | 'kustomize';
  /** Repository directory of the chart (`Chart.yaml`) or kustomization. */
  directory: string;
}

/**
 * Where the documents of one side of a rendered output are written: the template helm names in
 * `# Source:`, the file kustomize names in its origin annotation. Findings on the rendered objects
 * point there, not at the output.
 */
export interface RenderedSources {
  /** The repository path of each document of the rendered text, in order; undefined where it is not known. */
  documents: Array<string | undefined>;
  /** The text of each of those files at this side's version (files over the size limit are left out). */
  texts: Record<string, string>;
}

/**
 * One file touched by the change, with its text on each side when it is text.
 * `before`/`after` are absent when that side does not exist, is binary, or could not be read;
 * `note` then says why, so a rule never mistakes "unreadable" for "empty" (and the iac stage
 * reports the file as not analysed). A text left out on purpose says so in `omitted` instead.
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
  /** Lines of the repository file's diff; rendered output that takes no changed file's place has none. */
  additions?: number;
  deletions?: number;
  note?: string;
  /** This entry is not a file of the repository but the rendered output of a chart or kustomization; its lines are the output's. */
  renderedFrom?: RenderOrigin;
  /** For rendered output: where each document of each side is written. */
  sources?: { base?: RenderedSources; head?: RenderedSources };
  /** Why the text was left out on purpose: a chart template or kustomization part, analysed through the rendered output. */
  omitted?: string;
}

export type ChangeSource = 'git' | 'github' | 'directories';

/**
 * Something the reader should know about what was not analysed: a skipped submodule, a capped file
 * list, a remote module, a count known only after apply. `kind` groups notices of one kind so a
 * report can count them in one line instead of listing hundreds.
 */
export interface Notice {
  message: string;
  file?: string;
  line?: number;
  kind?: NoticeKind;
}

export type NoticeKind =
  | 'remote-module'
  | 'module-not-analysed'
  | 'unknown-expansion'
  | 'undeclared-input'
  | 'var-file'
  | 'render'
  | 'unchanged-files'
  | 'plan';

/**
 * An unchanged file that a parser needs to understand a changed one: the other `.tf` files and
 * tfvars of a Terraform root whose file changed, or the files of a local module it calls.
 */
export interface ContextFile {
  path: string;
  text: string;
}

/** One entry of a commit's tree, as `git ls-tree -r -l` lists it. */
export interface TreeEntry {
  path: string;
  mode: string;
  /** `blob`, or `commit` for a submodule. */
  type: string;
  object: string;
  /** In bytes; absent for a submodule. */
  size?: number;
}

/** Every entry of one commit's tree. */
export interface TreeListing {
  sha: string;
  entries: TreeEntry[];
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
  /**
   * The head commit's tree, when the git collector listed it (for Terraform context); the git
   * steps after it (finding charts and kustomizations) use it instead of listing the tree again.
   */
  headTree?: TreeListing;
}
