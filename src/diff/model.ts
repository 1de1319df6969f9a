import type { Resource, ResourceKind } from '../iac/model.js';

export type ResourceChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ResourceChange {
  address: string;
  kind: ResourceKind;
  type: string;
  change: ResourceChangeKind;
  before?: Resource;
  after?: Resource;
  /** Dotted attribute paths whose values differ, for `changed`. */
  changedAttributes?: string[];
}
