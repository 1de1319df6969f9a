import type { Resource } from '../../iac/model.js';
import { SCALABLE_KINDS } from '../../iac/kubernetes-workloads.js';
import type { Rule, RuleFinding } from '../model.js';
import { asWorkload, describe, disruptionBudgetsFor, findingAt, headObjects, judgedObjects, minimumReplicas, resolveIntOrPercent, valueAt } from './kubernetes.js';

/** The most pods the budget's workloads run, to judge minAvailable against; undefined when none is in the change. */
function coveredReplicas(pdb: Resource, heads: readonly Resource[]): number | undefined {
  let most: number | undefined;
  for (const head of heads) {
    if (!SCALABLE_KINDS.has(head.type)) continue;
    const workload = asWorkload(head);
    if (!workload || disruptionBudgetsFor(workload, [pdb]).length === 0) continue;
    const replicas = minimumReplicas(head, heads);
    if (replicas !== undefined) most = Math.max(most ?? 0, replicas);
  }
  return most;
}

function judge(pdb: Resource, heads: readonly Resource[]): RuleFinding[] {
  const what = describe(pdb);
  const minAvailable = valueAt(pdb.attributes, 'spec.minAvailable');
  const maxUnavailable = valueAt(pdb.attributes, 'spec.maxUnavailable');
  if (minAvailable === undefined && maxUnavailable === undefined) {
    return [findingAt(pdb, 'spec', `${what} sets neither minAvailable nor maxUnavailable; it protects nothing.`, 'Set spec.maxUnavailable: 1 (it keeps working when the replica count changes).')];
  }
  if (minAvailable !== undefined && maxUnavailable !== undefined) {
    return [findingAt(pdb, 'spec.maxUnavailable', `${what} sets both minAvailable and maxUnavailable; the API server rejects it.`, 'Keep only spec.maxUnavailable.')];
  }
  const blocks = 'no voluntary eviction is ever allowed, so node drains and cluster upgrades hang';
  if (maxUnavailable !== undefined) {
    if (maxUnavailable === 0 || maxUnavailable === '0%') return [findingAt(pdb, 'spec.maxUnavailable', `${what} sets maxUnavailable ${JSON.stringify(maxUnavailable)}; ${blocks}.`, 'Set spec.maxUnavailable to 1 (or a percentage above 0).')];
    return [];
  }
  const replicas = coveredReplicas(pdb, heads);
  if (minAvailable === '100%') return [findingAt(pdb, 'spec.minAvailable', `${what} sets minAvailable "100%"; ${blocks}.`, 'Use spec.maxUnavailable: 1 instead.')];
  if (typeof minAvailable === 'number' && replicas !== undefined && minAvailable >= replicas) {
    return [findingAt(pdb, 'spec.minAvailable', `${what} sets minAvailable ${minAvailable} for a workload of ${replicas} replica${replicas === 1 ? '' : 's'}; ${blocks}.`, `Lower minAvailable below ${replicas}, or use spec.maxUnavailable: 1.`)];
  }
  if (typeof minAvailable === 'string' && resolveIntOrPercent(minAvailable, 100, true) === undefined) {
    return [findingAt(pdb, 'spec.minAvailable', `${what}: minAvailable "${minAvailable}" is neither a whole number nor a percentage.`, 'Use spec.maxUnavailable: 1.')];
  }
  return [];
}

export const k8sPdbAllowsEviction: Rule = {
  id: 'k8s-pdb-allows-eviction',
  title: 'PodDisruptionBudgets allow some evictions',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/k8s-pdb-allows-eviction.md',
  run: ({ resources }) => {
    const heads = headObjects(resources);
    return judgedObjects(resources, new Set(['PodDisruptionBudget'])).flatMap((pdb) => judge(pdb, heads));
  },
};
