import { LONG_RUNNING_KINDS, type ContainerRef } from '../../iac/kubernetes-workloads.js';
import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, firstServiceFor, headObjects, judgedWorkloads, nameOf, servesTraffic, type Workload } from './kubernetes.js';

function declaresPorts(ref: ContainerRef): boolean {
  return Array.isArray(ref.container.ports) && ref.container.ports.length > 0;
}

/**
 * The containers that take the pod's traffic and so need a readiness probe. Where some containers
 * declare ports, those are the ones; a sidecar without ports (a log shipper) gets no traffic and
 * is ready once it runs. Where none declares a port the serving one cannot be told apart, so one
 * probe in the pod is enough, and without any every container is reported.
 */
function unprobedServers(workload: Workload): ContainerRef[] {
  const app = workload.template.containers.filter((ref) => !ref.init);
  const serving = app.filter(declaresPorts);
  const unprobed = (serving.length > 0 ? serving : app).filter((ref) => ref.container.readinessProbe === undefined);
  return serving.length === 0 && unprobed.length < app.length ? [] : unprobed;
}

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
      for (const ref of unprobedServers(workload)) {
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
