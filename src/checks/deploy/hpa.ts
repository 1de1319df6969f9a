import type { Resource } from '../../iac/model.js';
import { SCALABLE_KINDS } from '../../iac/kubernetes-workloads.js';
import type { Rule, RuleContext, RuleFinding } from '../model.js';
import { describe, findingAt, headObjectsIn, isRecord, judgedObjects, nameOf, namespaceOf, production, valueAt } from './kubernetes.js';

const MINIMUM = 2;

function judge(hpa: Resource, context: RuleContext): RuleFinding[] {
  const what = describe(hpa);
  const findings: RuleFinding[] = [];
  const ref = valueAt(hpa.attributes, 'spec.scaleTargetRef');
  const namespace = namespaceOf(hpa);
  if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') {
    findings.push(findingAt(hpa, 'spec.scaleTargetRef', `${what} has no scaleTargetRef with a kind and a name; it scales nothing.`, 'Set spec.scaleTargetRef to the workload (apiVersion, kind, name).'));
  } else {
    const sameNamespace = headObjectsIn(context.resources, namespace).filter((head) => SCALABLE_KINDS.has(head.type));
    const target = sameNamespace.find((head) => head.type === ref.kind && nameOf(head) === ref.name);
    // The target may live in a file this change does not touch; only a change that ships workloads to the namespace shows it is missing.
    if (!target && sameNamespace.length > 0) {
      const shipped = sameNamespace.map((head) => `${head.type} ${nameOf(head)}`).join(', ');
      findings.push(findingAt(hpa, 'spec.scaleTargetRef.name', `${what} targets ${ref.kind} ${ref.name}, which is not among the workloads this change ships to ${namespace} (${shipped}).`, 'Point spec.scaleTargetRef at the workload’s exact kind and name.'));
    }
  }
  const min = valueAt(hpa.attributes, 'spec.minReplicas');
  const max = valueAt(hpa.attributes, 'spec.maxReplicas');
  const minimum = typeof min === 'number' ? min : 1;
  if (minimum < MINIMUM && production(hpa, context)) {
    findings.push(findingAt(hpa, 'spec.minReplicas', `${what} may scale down to ${minimum} replica in production${min === undefined ? ' (minReplicas unset)' : ''}; at the quiet hour one pod failure is an outage.`, `Set spec.minReplicas to at least ${MINIMUM}.`));
  }
  if (typeof max !== 'number') {
    findings.push(findingAt(hpa, 'spec.maxReplicas', `${what} sets no numeric maxReplicas; the API server rejects it.`, 'Set spec.maxReplicas above minReplicas, sized to what the cluster and the database can take.'));
  } else if (max <= minimum) {
    findings.push(findingAt(hpa, 'spec.maxReplicas', `${what} sets maxReplicas ${max} with minReplicas ${minimum}; it can never scale up.`, `Set spec.maxReplicas above ${minimum}, or drop the HPA and set replicas on the workload.`));
  }
  return findings;
}

export const k8sHpa: Rule = {
  id: 'k8s-hpa',
  title: 'Autoscalers target a workload and can scale',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-hpa.md',
  run: (context) => judgedObjects(context.resources, new Set(['HorizontalPodAutoscaler'])).flatMap((hpa) => judge(hpa, context)),
};
