import type { Resource } from '../../iac/model.js';
import type { Rule } from '../model.js';
import { describe, findingAt, headObjects, isRecord, judgedWorkloads, namespaceOf, ofType, selectorMatches, valueAt, type Workload } from './kubernetes.js';

/** `podSelector: {}` selects every pod of the namespace; otherwise ordinary label-selector semantics. */
function policySelects(policy: Resource, workload: Workload): boolean {
  if (namespaceOf(policy) !== workload.namespace) return false;
  const selector = valueAt(policy.attributes, 'spec.podSelector');
  if (!isRecord(selector)) return false;
  const labels = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels) : [];
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return (labels.length === 0 && expressions.length === 0) || selectorMatches(selector, workload.template.labels);
}

export const k8sNetworkPolicy: Rule = {
  id: 'k8s-network-policy',
  title: 'Pods are selected by a NetworkPolicy',
  category: 'deploy',
  severity: 'notice',
  strictOnly: true,
  docs: 'docs/rules/k8s-network-policy.md',
  run: ({ resources }) => {
    const policies = ofType(headObjects(resources), 'NetworkPolicy');
    return judgedWorkloads(resources)
      .filter((workload) => !policies.some((policy) => policySelects(policy, workload)))
      .map(({ resource, template }) =>
        findingAt(resource, `${template.metadataPath}.labels`, `${describe(resource)}: no NetworkPolicy in this change selects its pods, so they accept traffic from any pod in the cluster and may connect anywhere (policies already in the cluster are not visible to the gate).`, `Ship a NetworkPolicy in namespace ${namespaceOf(resource)} whose podSelector matches these pods' labels (or a default-deny policy with podSelector: {}), or suppress if one already exists in the cluster.`),
      );
  },
};
