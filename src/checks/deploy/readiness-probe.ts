import { LONG_RUNNING_KINDS } from '../../iac/kubernetes-workloads.js';
import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, firstServiceFor, headObjects, judgedWorkloads, nameOf, servesTraffic } from './kubernetes.js';

export const k8sReadinessProbe: Rule = {
  id: 'k8s-readiness-probe',
  title: 'Containers that serve traffic have a readiness probe',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/k8s-readiness-probe.md',
  run: ({ resources }) => {
    const heads = headObjects(resources);
    const findings: RuleFinding[] = [];
    for (const workload of judgedWorkloads(resources, LONG_RUNNING_KINDS)) {
      if (!servesTraffic(workload, heads)) continue;
      const service = firstServiceFor(workload, heads);
      const source = service ? `Service ${nameOf(service)} sends it traffic` : 'it declares a container port';
      for (const ref of workload.template.containers) {
        if (ref.init || ref.container.readinessProbe !== undefined) continue;
        findings.push(
          findingAt(
            workload.resource,
            ref.path,
            `${describe(workload.resource)}: container "${ref.name}" has no readinessProbe, yet ${source}; pods get traffic before they are ready and a bad rollout is not stopped.`,
            `Add a readinessProbe to container "${ref.name}" (an httpGet on a health endpoint, or a tcpSocket on its port).`,
          ),
        );
      }
    }
    return findings;
  },
};
