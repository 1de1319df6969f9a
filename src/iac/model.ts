export type ResourceKind = 'terraform' | 'cloudformation' | 'kubernetes';

/**
 * One infrastructure object as declared in a file. `scope` and `address` together are stable
 * across base and head so the diff can pair the two sides (Terraform address, CloudFormation
 * `file#LogicalId`, Kubernetes `apiVersion/kind/namespace/name`).
 */
export interface Resource {
  kind: ResourceKind;
  type: string;
  address: string;
  /**
   * What the address is unique within: the Terraform root directory, the CloudFormation template
   * file, the Helm chart or Kustomize directory that rendered it. Absent for raw Kubernetes
   * manifests, whose identity is cluster-wide (the same object moved to another file is the same object).
   */
  scope?: string;
  attributes: Record<string, unknown>;
  file: string;
  line: number;
  endLine: number;
  /** Source line of an attribute by its dotted path (`spec.replicas`), where the parser knows it. */
  attributeLines?: Record<string, number>;
  module?: string;
  count?: number;
  provider?: string;
  region?: string;
  labels?: Record<string, string>;
  meta: Record<string, unknown>;
}

/**
 * A resource a Terraform plan or a Pulumi preview computed: its `meta.actions` and `meta.replace`
 * say what the apply will do, and it carries no lifecycle block of the source.
 */
export function isPlanned(resource: Resource): boolean {
  return resource.meta.source === 'plan' || resource.meta.source === 'pulumi';
}

/** One key for a resource's identity (scope and address), for maps that must keep same-address twins of two roots apart. */
export function resourceKey(scope: string | undefined, address: string): string {
  return `${scope ?? ''}\0${address}`;
}

export type Side = 'base' | 'head';

/** What produced a file an earlier workflow step left for the gate. */
export type PipelineFileKind = 'terraform-plan' | 'cdk-synth' | 'pulumi-preview';

/**
 * A file an earlier workflow step produced (`terraform show -json`, `cdk synth`, `pulumi preview
 * --json`), given to the gate as an input: read whole, never part of the diff. `side` is for
 * outputs that describe one side only (a synthesised template); a plan or preview holds both.
 */
export interface PipelineFile {
  kind: PipelineFileKind;
  path: string;
  text: string;
  side?: Side;
}

/** Where one Terraform root's, stack's or template's resources came from, for the report to say. */
export interface ResourceSource {
  kind: PipelineFileKind | 'terraform-source';
  /** The root directory, stack or template the resources belong to. */
  scope: string;
  /** The file an earlier step produced, when the resources came from one. */
  file?: string;
}

/**
 * A resource whose address changed while the object stayed (a Terraform `moved` block): the diff
 * pairs the base resource at `from` with the head resource at `to` within the same scope. `from`
 * also matches the instances (`from[0]`) and, for a module, the resources inside (`from.`).
 */
export interface AddressMove {
  scope?: string;
  from: string;
  to: string;
}

/** A file (or part of one) that could not be read as the format it claims to be. */
export interface ParseIssue {
  file: string;
  side: Side;
  message: string;
  line?: number;
  column?: number;
}

/** A `# tollgate:ignore <rule-id> <reason>` comment (or its Kubernetes/CloudFormation equivalent). */
export interface InlineSuppression {
  file: string;
  /** Where the suppression is written; it covers findings on this line and the next one. */
  line: number;
  /** When set, it covers every line from `line` to `endLine` instead (an annotation on a whole object). */
  endLine?: number;
  ruleId: string;
  reason?: string;
}

export interface IacResult {
  base: Resource[];
  head: Resource[];
  parseIssues: ParseIssue[];
  /** Suppressions written in the head versions of the files. */
  suppressions: InlineSuppression[];
  /** Suppressions written in the base versions, for judging the base side. */
  baseSuppressions: InlineSuppression[];
}
