import type { Resource, ResourceKind } from '../iac/model.js';

export type ResourceChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ResourceChange {
  address: string;
  /** The resource's `scope` (Terraform root, template file, chart or kustomization); absent for raw Kubernetes manifests. */
  scope?: string;
  kind: ResourceKind;
  type: string;
  change: ResourceChangeKind;
  /** The base address of a resource that a `moved` block gave a new address. */
  previousAddress?: string;
  before?: Resource;
  after?: Resource;
  /** Dotted attribute paths whose values differ, for `changed`. */
  changedAttributes?: string[];
}
