import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { asWorkload, describe, findingAt, headObjects, isRecord, judgedObjects, judgedWorkloads, namespaceOf, selectorMatches, serviceSelects, valueAt, type Workload } from './kubernetes.js';

const SELECTING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Rollout']);

function workloadSelectorFindings(resources: Parameters<Rule['run']>[0]['resources']): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { resource, template } of judgedWorkloads(resources, SELECTING_KINDS)) {
    const selector = valueAt(resource.attributes, 'spec.selector');
    if (!isRecord(selector)) {
      findings.push(findingAt(resource, 'spec', `${describe(resource)} has no spec.selector; apps/v1 requires one.`, 'Add spec.selector.matchLabels equal to the pod template’s labels.'));
    } else if (!selectorMatches(selector, template.labels)) {
      const labels = Object.entries(template.labels).map(([key, value]) => `${key}=${value}`).join(', ') || 'none';
      findings.push(findingAt(resource, 'spec.selector', `${describe(resource)}: its selector does not match its pod template labels (${labels}); the API server rejects it.`, 'Make spec.selector.matchLabels a subset of spec.template.metadata.labels.'));
    }
  }
  return findings;
}

/**
 * A Service whose selector matches no pod sends traffic nowhere. A workload it targets may live in
 * a file this change does not touch, so only a change that ships workloads to the same namespace
 * can show the selector is wrong.
 */
/** `key=value` for each label of each workload, by namespace: a Service's selector looks up its candidates instead of scanning every workload. */
function workloadsByLabel(heads: readonly Resource[]): Map<string, Map<string, Workload[]>> {
  const index = new Map<string, Map<string, Workload[]>>();
  for (const workload of heads.flatMap((head) => asWorkload(head) ?? [])) {
    let byLabel = index.get(workload.namespace);
    if (!byLabel) index.set(workload.namespace, (byLabel = new Map()));
    for (const [key, value] of Object.entries(workload.template.labels)) {
      const label = `${key}=${value}`;
      const holders = byLabel.get(label);
      if (holders) holders.push(workload);
      else byLabel.set(label, [workload]);
    }
  }
  return index;
}

function serviceFindings(resources: Parameters<Rule['run']>[0]['resources'], heads: readonly Resource[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  // Indexed once: comparing each Service with every workload of its namespace made large changes quadratic.
  const index = workloadsByLabel(heads);
  for (const service of judgedObjects(resources, new Set(['Service']))) {
    const selector = valueAt(service.attributes, 'spec.selector');
    if (!isRecord(selector) || Object.keys(selector).length === 0) continue;
    const byLabel = index.get(namespaceOf(service));
    if (byLabel === undefined) continue;
    const [firstKey, firstValue] = Object.entries(selector)[0] ?? [];
    const candidates = byLabel.get(`${firstKey}=${String(firstValue)}`) ?? [];
    if (candidates.some((workload) => serviceSelects(service, workload))) continue;
    const wanted = Object.entries(selector).map(([key, value]) => `${key}=${String(value)}`).join(', ');
    findings.push(findingAt(service, 'spec.selector', `${describe(service)} selects ${wanted}, which matches none of the pods this change ships to ${namespaceOf(service)}; it would route traffic nowhere.`, 'Make the Service selector equal to the pod template labels of the workload it fronts.'));
  }
  return findings;
}

export const k8sSelectorMatch: Rule = {
  id: 'k8s-selector-match',
  title: 'Selectors match the pods they are meant to select',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/k8s-selector-match.md',
  run: ({ resources }) => [...workloadSelectorFindings(resources), ...serviceFindings(resources, headObjects(resources))],
};
