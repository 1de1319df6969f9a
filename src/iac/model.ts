export type ResourceKind = 'terraform' | 'cloudformation' | 'kubernetes';

/**
 * One infrastructure object as declared in a file. `address` is stable across base and head
 * so the diff can pair the two sides (Terraform address, CloudFormation `file#LogicalId`,
 * Kubernetes `apiVersion/kind/namespace/name`).
 */
export interface Resource {
  kind: ResourceKind;
  type: string;
  address: string;
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

export type Side = 'base' | 'head';

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
  suppressions: InlineSuppression[];
}
