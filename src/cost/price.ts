import type { ResourceChange } from '../diff/model.js';
import { emptyCost, type CostReport } from './model.js';

/** Kubernetes kinds that run or hold something billable; the rest (ConfigMap, Role, …) cost nothing themselves. */
const BILLABLE_KUBERNETES_TYPES = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Pod',
  'Job',
  'CronJob',
  'Rollout',
  'PersistentVolumeClaim',
  'Service',
]);

function isBillable(change: ResourceChange): boolean {
  if (change.kind !== 'kubernetes') return true;
  return BILLABLE_KUBERNETES_TYPES.has(change.type);
}

/**
 * The cost stage. No price catalog ships yet, so every billable resource that changed is listed as
 * unpriced with the reason — never counted as $0 — and the totals cover only what was priced.
 */
export function priceChanges(changes: readonly ResourceChange[]): CostReport {
  const cost = emptyCost();
  for (const change of changes) {
    if (change.change === 'unchanged' || !isBillable(change)) continue;
    cost.unpriced.push({ address: change.address, type: change.type, reason: `no price data for ${change.kind} ${change.type} in this version` });
  }
  return cost;
}
