import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { isPlaceholder } from './image-tag.js';
import { autoscalersFor, describe, findingAt, headObjects, isRecord, judgedWorkloads, minimumReplicas, progressiveController, replicasOf, resolveIntOrPercent, servesTraffic, valueAt, type Workload } from './kubernetes.js';

const JUDGED = new Set(['Deployment', 'DaemonSet']);

/** A pod that mounts a claim usually cannot run twice at once (ReadWriteOnce), which is Recreate's one good reason. */
function mountsClaim(workload: Workload): boolean {
  const volumes = workload.template.spec.volumes;
  return Array.isArray(volumes) && volumes.some((volume) => isRecord(volume) && volume.persistentVolumeClaim !== undefined);
}

function strategyKeys(resource: Resource): { strategy: string; rolling: string } {
  return resource.type === 'DaemonSet' ? { strategy: 'spec.updateStrategy', rolling: 'spec.updateStrategy.rollingUpdate' } : { strategy: 'spec.strategy', rolling: 'spec.strategy.rollingUpdate' };
}

function judge(workload: Workload, heads: readonly Resource[]): RuleFinding[] {
  const { resource } = workload;
  const keys = strategyKeys(resource);
  const type = valueAt(resource.attributes, `${keys.strategy}.type`);
  const replicas = resource.type === 'DaemonSet' ? undefined : minimumReplicas(resource, heads);
  if (type === 'Recreate' || type === 'OnDelete') {
    const written = replicasOf(resource);
    const multiReplica = (replicas ?? 0) >= 2 || autoscalersFor(resource, heads).length > 0 || ('count' in written && written.count >= 2);
    if (type === 'Recreate' && !(servesTraffic(workload, heads) || multiReplica)) return [];
    if (type === 'Recreate' && mountsClaim(workload)) return [];
    const effect = type === 'Recreate' ? 'every rollout stops all pods before starting new ones: downtime on each deploy' : 'a new version reaches no pod until someone deletes them by hand';
    return [findingAt(resource, `${keys.strategy}.type`, `${describe(resource)} uses the ${type} strategy; ${effect}.`, `Use ${keys.strategy}.type: RollingUpdate (with maxUnavailable below the replica count).`)];
  }
  if (typeof type === 'string' && type !== 'RollingUpdate' && !isPlaceholder(type)) {
    const allowed = resource.type === 'DaemonSet' ? 'RollingUpdate or OnDelete' : 'RollingUpdate or Recreate';
    return [findingAt(resource, `${keys.strategy}.type`, `${describe(resource)}: ${keys.strategy}.type ${JSON.stringify(type)} is not a strategy Kubernetes knows (${allowed}); the API server rejects it.`, `Set ${keys.strategy}.type: RollingUpdate.`)];
  }
  const rolling = valueAt(resource.attributes, keys.rolling);
  if (!isRecord(rolling)) return [];
  const findings: RuleFinding[] = [];
  const total = replicas ?? 1;
  const unavailable = rolling.maxUnavailable;
  const surge = rolling.maxSurge;
  if (typeof unavailable === 'string' && /^\d+%$/.test(unavailable) && Number.parseInt(unavailable, 10) >= 100) {
    findings.push(findingAt(resource, `${keys.rolling}.maxUnavailable`, `${describe(resource)} allows maxUnavailable ${unavailable}; a rollout may take every pod down at once.`, 'Set maxUnavailable to 25% or to 1 (0 with maxSurge ≥ 1 keeps full capacity).'));
  } else if (resource.type !== 'DaemonSet' && typeof unavailable === 'number' && total > 0 && unavailable >= total) {
    findings.push(findingAt(resource, `${keys.rolling}.maxUnavailable`, `${describe(resource)} allows maxUnavailable ${unavailable} with ${total} replica${total === 1 ? '' : 's'}; a rollout may take every pod down at once.`, `Set maxUnavailable below ${total} (0 with maxSurge ≥ 1 keeps full capacity).`));
  } else if (unavailable !== undefined && resolveIntOrPercent(unavailable, total, false) === undefined) {
    findings.push(findingAt(resource, `${keys.rolling}.maxUnavailable`, `${describe(resource)}: maxUnavailable ${JSON.stringify(unavailable)} is neither a whole number nor a percentage.`, 'Write maxUnavailable as a whole number or a percentage such as 25%.'));
  }
  if (resource.type === 'Deployment' && surge !== undefined && resolveIntOrPercent(surge, total, true) === undefined) {
    findings.push(findingAt(resource, `${keys.rolling}.maxSurge`, `${describe(resource)}: maxSurge ${JSON.stringify(surge)} is neither a whole number nor a percentage.`, 'Write maxSurge as a whole number or a percentage such as 25%.'));
  } else if (resource.type === 'Deployment' && resolveIntOrPercent(surge ?? '25%', total, true) === 0 && resolveIntOrPercent(unavailable ?? '25%', total, false) === 0) {
    findings.push(findingAt(resource, keys.rolling, `${describe(resource)} sets maxSurge and maxUnavailable both to 0 for ${total} replica${total === 1 ? '' : 's'}; the rollout can never make progress.`, 'Set maxSurge to at least 1 (or 25%) so a new pod can start before an old one stops.'));
  }
  return findings;
}

export const k8sRollingUpdate: Rule = {
  id: 'k8s-rolling-update',
  title: 'Workloads roll out gradually',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/k8s-rolling-update.md',
  run: ({ resources }) => {
    const heads = headObjects(resources);
    return judgedWorkloads(resources, JUDGED)
      .filter((workload) => progressiveController(workload.resource, heads) === undefined)
      .flatMap((workload) => judge(workload, heads));
  },
};
