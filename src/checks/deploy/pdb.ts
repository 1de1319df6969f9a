import type { Rule, RuleFinding } from '../model.js';
import { autoscalersFor, describe, disruptionBudgetsFor, findingAt, headObjects, judgedWorkloads, minimumReplicas, production } from './kubernetes.js';

const JUDGED = new Set(['Deployment', 'StatefulSet', 'Rollout']);

export const k8sPdb: Rule = {
  id: 'k8s-pdb',
  title: 'Multi-replica workloads have a PodDisruptionBudget',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-pdb.md',
  run: (context) => {
    const { resources } = context;
    const heads = headObjects(resources);
    const findings: RuleFinding[] = [];
    // Only new workloads: a PDB for one that already exists may sit in a file this change does not touch.
    const added = new Set(resources.filter((change) => change.change === 'added').map((change) => change.address));
    for (const workload of judgedWorkloads(resources, JUDGED)) {
      const { resource } = workload;
      if (!added.has(resource.address) || !production(resource, context)) continue;
      const replicas = minimumReplicas(resource, heads) ?? 1;
      if (replicas < 2 && autoscalersFor(resource, heads).length === 0) continue;
      if (disruptionBudgetsFor(workload, heads).length > 0) continue;
      findings.push(
        findingAt(resource, 'spec.selector', `${describe(resource)} runs ${replicas} replicas and no PodDisruptionBudget in this change selects its pods; a node drain may evict them all at once.`, `Add a PodDisruptionBudget in namespace ${workload.namespace} selecting its pod labels with maxUnavailable: 1.`),
      );
    }
    return findings;
  },
};
