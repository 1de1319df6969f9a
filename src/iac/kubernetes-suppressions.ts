import type { InlineSuppression, Resource } from './model.js';
import { isRecord } from './values.js';


export const IGNORE_ANNOTATION = 'tollgate.dev/ignore';
export const IGNORE_REASON_ANNOTATION = 'tollgate.dev/ignore-reason';

/**
 * Checks of kube-score, kube-linter and Polaris that mean the same as one of ours, so a manifest
 * already annotated for those tools needs no second annotation. Only exact equivalents are listed.
 */
export const FOREIGN_EQUIVALENTS: Record<string, readonly string[]> = {
  // kube-score (`kube-score/ignore: <id>,<id>`)
  'pod-probes': ['k8s-readiness-probe', 'k8s-liveness-probe'],
  'pod-probes-identical': ['k8s-liveness-probe'],
  'container-resources': ['k8s-resource-requests', 'k8s-resource-limits'],
  'deployment-replicas': ['k8s-replicas'],
  'deployment-strategy': ['k8s-rolling-update'],
  'deployment-has-poddisruptionbudget': ['k8s-pdb'],
  'statefulset-has-poddisruptionbudget': ['k8s-pdb'],
  'poddisruptionbudget-has-policy': ['k8s-pdb-allows-eviction'],
  'horizontalpodautoscaler-has-target': ['k8s-hpa'],
  'horizontalpodautoscaler-replicas': ['k8s-hpa'],
  'deployment-targeted-by-hpa-does-not-have-replicas-configured': ['k8s-hpa-replicas-conflict'],
  'deployment-has-host-podantiaffinity': ['k8s-spread'],
  'statefulset-has-host-podantiaffinity': ['k8s-spread'],
  'pod-topology-spread-constraints': ['k8s-spread'],
  'container-image-tag': ['k8s-image-tag'],
  'deployment-pod-selector-labels-match-template-metadata-labels': ['k8s-selector-match'],
  'statefulset-pod-selector-labels-match-template-metadata-labels': ['k8s-selector-match'],
  'service-targets-pod': ['k8s-selector-match'],
  'statefulset-has-servicename': ['k8s-statefulset'],
  'stable-version': ['k8s-deprecated-api'],
  'container-image-pull-policy': ['k8s-image-pull-policy'],
  'cronjob-has-deadline': ['k8s-cronjob'],
  'cronjob-restartpolicy': ['k8s-cronjob'],
  'environment-variable-key-duplication': ['k8s-env-duplicates'],
  'container-security-context': ['k8s-security-context'],
  'container-security-context-user-group-id': ['k8s-security-context'],
  'container-security-context-privileged': ['k8s-security-context'],
  'container-security-context-readonlyrootfilesystem': ['k8s-security-context'],
  'pod-networkpolicy': ['k8s-network-policy'],
  'service-type': ['k8s-service-type'],
  // kube-linter (`ignore-check.kube-linter.io/<check>: <reason>`)
  'no-readiness-probe': ['k8s-readiness-probe'],
  'no-liveness-probe': ['k8s-liveness-probe'],
  'unset-cpu-requirements': ['k8s-resource-requests'],
  'unset-memory-requirements': ['k8s-resource-requests', 'k8s-resource-limits'],
  'minimum-three-replicas': ['k8s-replicas'],
  'no-rolling-update-strategy': ['k8s-rolling-update'],
  'no-anti-affinity': ['k8s-spread'],
  'latest-tag': ['k8s-image-tag'],
  'mismatching-selector': ['k8s-selector-match'],
  'dangling-service': ['k8s-selector-match'],
  'dangling-horizontalpodautoscaler': ['k8s-hpa'],
  'hpa-minimum-three-replicas': ['k8s-hpa'],
  'pdb-max-unavailable': ['k8s-pdb-allows-eviction'],
  'pdb-min-available': ['k8s-pdb-allows-eviction'],
  'no-extensions-v1beta': ['k8s-deprecated-api'],
  'liveness-port': ['k8s-probe-port'],
  'readiness-port': ['k8s-probe-port'],
  'startup-port': ['k8s-probe-port'],
  'job-ttl-seconds-after-finished': ['k8s-cronjob'],
  'duplicate-env-var': ['k8s-env-duplicates'],
  'run-as-non-root': ['k8s-security-context'],
  'privileged-container': ['k8s-security-context'],
  'privilege-escalation-container': ['k8s-security-context'],
  'no-read-only-root-fs': ['k8s-security-context'],
  'host-network': ['k8s-host-namespaces'],
  'host-pid': ['k8s-host-namespaces'],
  'host-ipc': ['k8s-host-namespaces'],
  'docker-sock': ['k8s-host-namespaces'],
  'sensitive-host-mounts': ['k8s-host-namespaces'],
  'use-namespace': ['k8s-default-namespace'],
  'non-isolated-pod': ['k8s-network-policy'],
  'exposed-services': ['k8s-service-type'],
  // Polaris (`polaris.fairwinds.com/<check>-exempt: "true"`)
  readinessProbeMissing: ['k8s-readiness-probe'],
  livenessProbeMissing: ['k8s-liveness-probe'],
  deploymentMissingReplicas: ['k8s-replicas'],
  missingPodDisruptionBudget: ['k8s-pdb'],
  topologySpreadConstraint: ['k8s-spread'],
  tagNotSpecified: ['k8s-image-tag'],
  pullPolicyNotAlways: ['k8s-image-pull-policy'],
};

interface Ignore {
  ruleIds: string[];
  reason?: string;
}

function splitIds(text: string): string[] {
  return text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** `tollgate.dev/ignore: "<id>[,<id>…][: <reason>]"`, the reason also accepted from `tollgate.dev/ignore-reason`. */
function tollgateIgnore(annotations: Record<string, unknown>): Ignore | undefined {
  const value = annotations[IGNORE_ANNOTATION];
  if (typeof value !== 'string') return undefined;
  const colon = value.indexOf(':');
  const ids = splitIds(colon === -1 ? value : value.slice(0, colon));
  const inline = colon === -1 ? '' : value.slice(colon + 1).trim();
  const separate = annotations[IGNORE_REASON_ANNOTATION];
  const reason = inline || (typeof separate === 'string' ? separate.trim() : '');
  return ids.length > 0 ? { ruleIds: ids, ...(reason ? { reason } : {}) } : undefined;
}

function foreignIgnores(annotations: Record<string, unknown>): Ignore[] {
  const found: Ignore[] = [];
  const sharedReason = typeof annotations[IGNORE_REASON_ANNOTATION] === 'string' ? (annotations[IGNORE_REASON_ANNOTATION] as string).trim() : '';
  const withReason = (ruleIds: readonly string[], reason: string): Ignore => ({ ruleIds: [...ruleIds], ...(reason ? { reason } : {}) });
  for (const [key, value] of Object.entries(annotations)) {
    if (key === 'kube-score/ignore' && typeof value === 'string') {
      const ids = splitIds(value).flatMap((id) => FOREIGN_EQUIVALENTS[id] ?? []);
      if (ids.length > 0) found.push(withReason(ids, sharedReason));
    } else if (key.startsWith('ignore-check.kube-linter.io/')) {
      const ids = FOREIGN_EQUIVALENTS[key.slice('ignore-check.kube-linter.io/'.length)];
      if (ids) found.push(withReason(ids, typeof value === 'string' && value.trim() ? value.trim() : sharedReason));
    } else if (key.startsWith('polaris.fairwinds.com/') && key.endsWith('-exempt') && String(value) === 'true') {
      const ids = FOREIGN_EQUIVALENTS[key.slice('polaris.fairwinds.com/'.length, -'-exempt'.length)];
      if (ids) found.push(withReason(ids, sharedReason));
    }
  }
  return found;
}

/**
 * Suppressions declared as annotations on Kubernetes objects: `tollgate.dev/ignore` and the
 * equivalent annotations of kube-score, kube-linter and Polaris. An annotation covers the whole
 * object (its line range). `*` ignores
 * every rule in `ruleIds` (the registry's ids, passed in so this stage does not depend on checks).
 */
export function kubernetesSuppressions(resources: readonly Resource[], ruleIds: readonly string[] = []): InlineSuppression[] {
  const suppressions: InlineSuppression[] = [];
  for (const resource of resources) {
    if (resource.kind !== 'kubernetes') continue;
    const metadata = resource.attributes.metadata;
    const annotations = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : undefined;
    if (!annotations) continue;
    const own = tollgateIgnore(annotations);
    const ignores = [...(own ? [own] : []), ...foreignIgnores(annotations)];
    if (ignores.length === 0) continue;
    const range = { file: resource.file, line: resource.line, endLine: resource.endLine };
    for (const ignore of ignores) {
      const ids = new Set(ignore.ruleIds.flatMap((id) => (id === '*' ? ruleIds : [id])));
      for (const ruleId of ids) suppressions.push({ ...range, ruleId, ...(ignore.reason ? { reason: ignore.reason } : {}) });
    }
  }
  return suppressions;
}
