import type { Rule, RuleFinding } from '../model.js';
import { autoscalersFor, describe, findingAt, headObjects, isRecord, judgedWorkloads, minimumReplicas, production, valueAt } from './kubernetes.js';

const JUDGED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout']);

export const k8sSpread: Rule = {
  id: 'k8s-spread',
  title: 'Multi-replica workloads spread across nodes or zones',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-spread.md',
  run: (context) => {
    const heads = headObjects(context.resources);
    const findings: RuleFinding[] = [];
    for (const { resource, template } of judgedWorkloads(context.resources, JUDGED)) {
      const replicas = minimumReplicas(resource, heads) ?? 1;
      const scaled = autoscalersFor(resource, heads).length > 0;
      if ((replicas < 2 && !scaled) || !production(resource, context)) continue;
      const antiAffinity = valueAt(template.spec, 'affinity.podAntiAffinity');
      const spread = template.spec.topologySpreadConstraints;
      if (isRecord(antiAffinity) || (Array.isArray(spread) && spread.length > 0)) continue;
      findings.push(
        findingAt(resource, template.specPath, `${describe(resource)} ${scaled ? 'is scaled by an HPA' : `runs ${replicas} replicas`} with neither pod anti-affinity nor topologySpreadConstraints; the scheduler may place them all on one node or zone.`, 'Add topologySpreadConstraints on topology.kubernetes.io/zone and kubernetes.io/hostname (whenUnsatisfiable: ScheduleAnyway).'),
      );
    }
    return findings;
  },
};
