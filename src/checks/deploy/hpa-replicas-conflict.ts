import { SCALABLE_KINDS } from '../../iac/kubernetes-workloads.js';
import type { Rule, RuleFinding } from '../model.js';
import { autoscalersFor, describe, findingAt, headObjects, judgedObjects, nameOf, valueAt } from './kubernetes.js';

export const k8sHpaReplicasConflict: Rule = {
  id: 'k8s-hpa-replicas-conflict',
  title: 'Workloads scaled by an HPA do not set replicas',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-hpa-replicas-conflict.md',
  run: ({ resources }) => {
    const heads = headObjects(resources);
    const findings: RuleFinding[] = [];
    for (const resource of judgedObjects(resources, SCALABLE_KINDS)) {
      const replicas = valueAt(resource.attributes, 'spec.replicas');
      const [hpa] = autoscalersFor(resource, heads);
      if (replicas === undefined || !hpa) continue;
      findings.push(
        findingAt(resource, 'spec.replicas', `${describe(resource)} sets replicas ${JSON.stringify(replicas)} but HorizontalPodAutoscaler ${nameOf(hpa)} scales it; every apply resets the count the HPA chose.`, 'Remove spec.replicas and let the HPA’s minReplicas set the floor.'),
      );
    }
    return findings;
  },
};
