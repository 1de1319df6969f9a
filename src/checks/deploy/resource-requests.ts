import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, judgedWorkloads } from './kubernetes.js';
import { amountOf, amountPath, runsToCompletion, type ResourceName } from './resources-shared.js';

const EXAMPLE: Record<ResourceName, string> = { cpu: '250m', memory: '256Mi' };

export const k8sResourceRequests: Rule = {
  id: 'k8s-resource-requests',
  title: 'Containers request CPU and memory',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/k8s-resource-requests.md',
  run: ({ resources }) => {
    const findings: RuleFinding[] = [];
    for (const { resource, template } of judgedWorkloads(resources)) {
      for (const ref of template.containers) {
        for (const name of ['cpu', 'memory'] as const) {
          const amount = amountOf(ref, 'requests', name);
          const path = amountPath(ref, 'requests', name);
          if ('absent' in amount) {
            // The API server copies a limit into a missing request, so a limited container is sized.
            if (runsToCompletion(ref) || 'value' in amountOf(ref, 'limits', name)) continue;
            findings.push(
              findingAt(resource, path, `${describe(resource)}: container "${ref.name}" requests no ${name}; the scheduler packs it blind and it is first to be evicted under pressure.`, `Set resources.requests.${name} on container "${ref.name}" (for example ${EXAMPLE[name]}) from its observed usage.`),
            );
          } else if ('invalid' in amount) {
            findings.push(findingAt(resource, path, `${describe(resource)}: container "${ref.name}" requests ${name} "${amount.invalid}", which is not a Kubernetes quantity.`, `Write the ${name} request as a quantity such as ${EXAMPLE[name]}.`));
          }
        }
      }
    }
    return findings;
  },
};
