import type { Resource } from '../../iac/model.js';
import { SCALABLE_KINDS } from '../../iac/kubernetes-workloads.js';
import type { Rule, RuleFinding } from '../model.js';
import { asWorkload, autoscalersFor, budgetCovers, describe, findingAt, headObjects, judgedObjects, minimumReplicas, resolveIntOrPercent, valueAt } from './kubernetes.js';

/** The pods the budget counts at the fewest its workloads in the change run (an HPA's minReplicas where one scales them). */
interface Covered {
  pods: number;
  scaled: boolean;
}

/** The disruption controller counts every pod the selector matches, so the workloads it covers add up. */
function coveredPods(pdb: Resource, heads: readonly Resource[]): Covered | undefined {
  let covered: Covered | undefined;
  for (const head of heads) {
    if (!SCALABLE_KINDS.has(head.type)) continue;
    const workload = asWorkload(head);
    if (!workload || !budgetCovers(pdb, workload)) continue;
    const replicas = minimumReplicas(head, heads);
    if (replicas === undefined) continue;
    covered = { pods: (covered?.pods ?? 0) + replicas, scaled: (covered?.scaled ?? false) || autoscalersFor(head, heads).length > 0 };
  }
  return covered;
}

/** An int-or-percent field as the API server takes it: a whole number, or a string percentage up to 100%. */
function validIntOrPercent(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0;
  const match = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  return match !== null && Number(match[1]) <= 100;
}

function podsText({ pods, scaled }: Covered): string {
  return `${pods} pod${pods === 1 ? '' : 's'}${scaled ? " at its HPA's minReplicas" : ''}`;
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
  const field = maxUnavailable !== undefined ? 'maxUnavailable' : 'minAvailable';
  const value = maxUnavailable ?? minAvailable;
  if (!validIntOrPercent(value)) {
    return [findingAt(pdb, `spec.${field}`, `${what}: ${field} ${JSON.stringify(value)} is neither a whole number nor a percentage up to 100%; the API server rejects it.`, `Write spec.${field} as a whole number or a quoted percentage such as "25%".`)];
  }
  const blocks = 'no voluntary eviction is ever allowed, so node drains and cluster upgrades hang';
  if (maxUnavailable !== undefined) {
    // The controller rounds a percentage up, so only zero allows no eviction.
    if (maxUnavailable === 0 || maxUnavailable === '0%') return [findingAt(pdb, 'spec.maxUnavailable', `${what} sets maxUnavailable ${JSON.stringify(maxUnavailable)}; ${blocks}.`, 'Set spec.maxUnavailable to 1 (or a percentage above 0).')];
    return [];
  }
  if (minAvailable === '100%') return [findingAt(pdb, 'spec.minAvailable', `${what} sets minAvailable "100%"; ${blocks}.`, 'Use spec.maxUnavailable: 1 instead.')];
  const covered = coveredPods(pdb, heads);
  if (!covered || covered.pods === 0) return [];
  const required = resolveIntOrPercent(minAvailable, covered.pods, true);
  if (required === undefined || required < covered.pods) return [];
  const resolved = typeof minAvailable === 'string' ? ` (${required} of ${covered.pods}, rounded up)` : '';
  return [findingAt(pdb, 'spec.minAvailable', `${what} sets minAvailable ${JSON.stringify(minAvailable)}${resolved} for ${podsText(covered)}; ${blocks}.`, `Lower minAvailable below ${covered.pods}, or use spec.maxUnavailable: 1.`)];
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
