import { SCALABLE_KINDS } from '../../iac/kubernetes-workloads.js';
import type { Rule, RuleFinding } from '../model.js';
import { autoscalersFor, describe, findingAt, headObjects, judgedWorkloads, production, progressiveController, replicasOf } from './kubernetes.js';

const MINIMUM = 2;

export const k8sReplicas: Rule = {
  id: 'k8s-replicas',
  title: 'Production workloads run at least two replicas',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/k8s-replicas.md',
  run: (context) => {
    const heads = headObjects(context.resources);
    const findings: RuleFinding[] = [];
    for (const { resource } of judgedWorkloads(context.resources, SCALABLE_KINDS)) {
      const replicas = replicasOf(resource);
      if ('invalid' in replicas) {
        findings.push(findingAt(resource, 'spec.replicas', `${describe(resource)}: replicas is ${replicas.invalid}, not a whole number; the API server rejects it (an unrendered template?).`, 'Write spec.replicas as a number, or render the chart before the gate reads it.'));
        continue;
      }
      // An HPA decides the count (k8s-hpa judges its minimum); a Rollout's workloadRef target is scaled to zero on purpose.
      if (autoscalersFor(resource, heads).length > 0) continue;
      if (resource.type !== 'Rollout' && progressiveController(resource, heads)?.startsWith('Argo')) continue;
      if (replicas.count >= MINIMUM || !production(resource, context)) continue;
      const written = replicas.explicit ? `runs ${replicas.count} replica${replicas.count === 1 ? '' : 's'}` : 'sets no replicas (so it runs 1)';
      findings.push(
        findingAt(resource, 'spec.replicas', `${describe(resource)} ${written} in production; a node drain or a bad rollout takes it down.`, `Set spec.replicas to at least ${MINIMUM} (or add an HPA with minReplicas ≥ ${MINIMUM}); mark non-production namespaces in kubernetes.non-production.`),
      );
    }
    return findings;
  },
};
