import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, judgedObjects, valueAt } from './kubernetes.js';

export const k8sServiceType: Rule = {
  id: 'k8s-service-type',
  title: 'Services are not exposed through node ports or their own load balancer',
  category: 'deploy',
  severity: 'notice',
  docs: 'docs/rules/k8s-service-type.md',
  run: ({ resources }) => {
    const findings: RuleFinding[] = [];
    for (const service of judgedObjects(resources, new Set(['Service']))) {
      const type = valueAt(service.attributes, 'spec.type');
      if (type === 'NodePort') {
        findings.push(
          findingAt(service, 'spec.type', `${describe(service)} is a NodePort Service; it opens a port on every node of the cluster, outside the ingress and its TLS, authentication and rate limits.`, 'Use type ClusterIP behind an Ingress or Gateway; keep NodePort only for a load balancer that cannot reach pods directly, and suppress with that reason.'),
        );
      } else if (type === 'LoadBalancer') {
        findings.push(
          findingAt(service, 'spec.type', `${describe(service)} is a LoadBalancer Service; the cloud provisions a load balancer for this Service alone, billed by the hour whether or not traffic flows (see the cost table), and bypasses the shared ingress.`, 'Route it through the shared Ingress or Gateway with type ClusterIP; keep LoadBalancer for the ingress controller itself or non-HTTP traffic, and suppress with that reason.'),
        );
      }
    }
    return findings;
  },
};
