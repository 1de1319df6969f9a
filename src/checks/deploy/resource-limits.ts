import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, judgedWorkloads } from './kubernetes.js';
import { amountOf, amountPath, runsToCompletion } from './resources-shared.js';

export const k8sResourceLimits: Rule = {
  id: 'k8s-resource-limits',
  title: 'Containers limit memory, and no limit is below its request',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-resource-limits.md',
  run: ({ resources }) => {
    const findings: RuleFinding[] = [];
    for (const { resource, template } of judgedWorkloads(resources)) {
      for (const ref of template.containers) {
        const memoryLimit = amountOf(ref, 'limits', 'memory');
        if ('absent' in memoryLimit && !runsToCompletion(ref)) {
          findings.push(
            findingAt(resource, amountPath(ref, 'limits', 'memory'), `${describe(resource)}: container "${ref.name}" has no memory limit; one leak can exhaust the node and evict its neighbours.`, `Set resources.limits.memory on container "${ref.name}" at or above its memory request.`),
          );
        }
        for (const name of ['cpu', 'memory'] as const) {
          const limit = amountOf(ref, 'limits', name);
          const request = amountOf(ref, 'requests', name);
          if ('invalid' in limit) {
            findings.push(findingAt(resource, amountPath(ref, 'limits', name), `${describe(resource)}: container "${ref.name}" limits ${name} to "${limit.invalid}", which is not a Kubernetes quantity.`, `Write the ${name} limit as a quantity such as ${name === 'cpu' ? '500m' : '512Mi'}.`));
          } else if ('value' in limit && 'value' in request && limit.value < request.value) {
            findings.push(
              findingAt(resource, amountPath(ref, 'limits', name), `${describe(resource)}: container "${ref.name}" limits ${name} to ${limit.text}, below its request of ${request.text}; the API server rejects the pod.`, `Raise resources.limits.${name} of container "${ref.name}" to at least ${request.text}, or lower the request.`),
            );
          }
        }
      }
    }
    return findings;
  },
};
