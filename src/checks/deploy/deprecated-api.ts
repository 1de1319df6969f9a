import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, judgedObjects } from './kubernetes.js';

interface Removal {
  apiVersion: string;
  /** The kinds this removal covers; undefined for every kind of the group version. */
  kinds?: readonly string[];
  removedIn: string;
  replacement: string;
}

/** API versions the Kubernetes project has removed, from its deprecation guide. */
const REMOVED: readonly Removal[] = [
  { apiVersion: 'extensions/v1beta1', removedIn: '1.16 (Ingress: 1.22)', replacement: 'apps/v1 (workloads) or networking.k8s.io/v1 (Ingress, NetworkPolicy)' },
  { apiVersion: 'apps/v1beta1', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], removedIn: '1.25', replacement: 'policy/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', replacement: 'Pod Security Admission (namespace labels)' },
  { apiVersion: 'autoscaling/v2beta1', removedIn: '1.25', replacement: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', removedIn: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'networking.k8s.io/v1beta1', removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
];

export function removalOf(apiVersion: string, kind: string): Removal | undefined {
  return REMOVED.find((removal) => removal.apiVersion === apiVersion && (removal.kinds === undefined || removal.kinds.includes(kind)));
}

export const k8sDeprecatedApi: Rule = {
  id: 'k8s-deprecated-api',
  title: 'Manifests use API versions the cluster still serves',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/k8s-deprecated-api.md',
  run: ({ resources }) => {
    const findings: RuleFinding[] = [];
    for (const resource of judgedObjects(resources)) {
      const apiVersion = typeof resource.meta.apiVersion === 'string' ? resource.meta.apiVersion : '';
      const removal = removalOf(apiVersion, resource.type);
      if (!removal) continue;
      findings.push(findingAt(resource, 'apiVersion', `${describe(resource)} uses apiVersion ${apiVersion}, removed in Kubernetes ${removal.removedIn}; the apply fails on current clusters.`, `Move to ${removal.replacement} (kubectl convert or the deprecation guide lists the field changes).`));
    }
    return findings;
  },
};
