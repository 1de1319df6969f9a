import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, headObjects, isRecord, judgedObjects, judgedWorkloads, nameOf, namespaceOf, ofType, serviceSelects, valueAt, type Workload } from './kubernetes.js';

/**
 * The headless Service behind the StatefulSet's pod DNS names. One that is not in the change may
 * live elsewhere, so only a change that ships other Services to the namespace shows the name is wrong.
 */
function serviceNameFindings(workload: Workload, heads: readonly Resource[]): RuleFinding[] {
  const { resource } = workload;
  const what = describe(resource);
  const serviceName = valueAt(resource.attributes, 'spec.serviceName');
  if (typeof serviceName !== 'string' || serviceName === '') {
    return [findingAt(resource, 'spec.serviceName', `${what} sets no serviceName; its pods get no stable network identity.`, 'Set spec.serviceName to a headless Service (clusterIP: None) that selects its pods.')];
  }
  const neighbours = ofType(heads, 'Service').filter((head) => namespaceOf(head) === workload.namespace);
  const service = neighbours.find((head) => nameOf(head) === serviceName);
  if (!service) {
    if (neighbours.length === 0) return [];
    const shipped = neighbours.map(nameOf).join(', ');
    return [findingAt(resource, 'spec.serviceName', `${what} names Service ${serviceName} as its serviceName, which is not among the Services this change ships to ${workload.namespace} (${shipped}); pod DNS names do not resolve.`, 'Point spec.serviceName at the headless Service that selects these pods, or add it.')];
  }
  if (valueAt(service.attributes, 'spec.clusterIP') !== 'None') {
    return [findingAt(resource, 'spec.serviceName', `${what} names Service ${serviceName} as its serviceName, but that Service is not headless; pod DNS names do not resolve.`, `Set spec.clusterIP: None on Service ${serviceName} (or add a separate headless Service).`)];
  }
  if (!serviceSelects(service, workload)) {
    return [findingAt(resource, 'spec.serviceName', `${what} names Service ${serviceName} as its serviceName, but that Service does not select its pods; pod DNS names do not resolve.`, `Make the selector of Service ${serviceName} match the StatefulSet's pod labels.`)];
  }
  return [];
}

function statefulSetFindings(workload: Workload, heads: readonly Resource[]): RuleFinding[] {
  const { resource } = workload;
  const findings = serviceNameFindings(workload, heads);
  const what = describe(resource);
  if (valueAt(resource.attributes, 'spec.updateStrategy.type') === 'OnDelete') {
    findings.push(findingAt(resource, 'spec.updateStrategy.type', `${what} uses updateStrategy OnDelete; a new version reaches no pod until someone deletes them by hand.`, 'Use updateStrategy RollingUpdate (with a partition for staged rollouts).'));
  }
  const claims = valueAt(resource.attributes, 'spec.volumeClaimTemplates');
  if (Array.isArray(claims)) {
    claims.forEach((claim: unknown, index) => {
      const name = isRecord(claim) ? String(valueAt(claim, 'metadata.name') ?? `#${index + 1}`) : `#${index + 1}`;
      if (isRecord(claim) && typeof valueAt(claim, 'spec.storageClassName') === 'string') return;
      findings.push(findingAt(resource, `spec.volumeClaimTemplates.${index}`, `${what}: volumeClaimTemplate "${name}" sets no storageClassName; its data lands on whatever the cluster's default class is (reclaim policy, zone binding and speed unknown).`, `Set spec.storageClassName on volumeClaimTemplate "${name}" to a class with reclaimPolicy Retain.`));
    });
  }
  return findings;
}

function claimFindings(claim: Resource): RuleFinding[] {
  if (typeof valueAt(claim.attributes, 'spec.storageClassName') === 'string') return [];
  if (valueAt(claim.attributes, 'spec.volumeName') !== undefined) return [];
  return [findingAt(claim, 'spec', `${describe(claim)} sets no storageClassName; its data lands on whatever the cluster's default class is.`, 'Set spec.storageClassName explicitly (a class with reclaimPolicy Retain for data you keep).')];
}

export const k8sStatefulset: Rule = {
  id: 'k8s-statefulset',
  title: 'StatefulSets have a headless Service, an update strategy and explicit storage classes',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-statefulset.md',
  run: ({ resources }) => {
    const heads = headObjects(resources);
    return [
      ...judgedWorkloads(resources, new Set(['StatefulSet'])).flatMap((workload) => statefulSetFindings(workload, heads)),
      ...judgedObjects(resources, new Set(['PersistentVolumeClaim'])).flatMap(claimFindings),
    ];
  },
};
