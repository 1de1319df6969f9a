import { isDeepStrictEqual } from 'node:util';
import { LONG_RUNNING_KINDS } from '../../iac/kubernetes-workloads.js';
import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, isRecord, judgedWorkloads } from './kubernetes.js';

/** A liveness probe that waits this long before its first check suggests a slow starter that wants a startupProbe. */
const SLOW_START_SECONDS = 60;

export const k8sLivenessProbe: Rule = {
  id: 'k8s-liveness-probe',
  title: 'Containers have a liveness probe that differs from readiness',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-liveness-probe.md',
  run: ({ resources }) => {
    const findings: RuleFinding[] = [];
    for (const workload of judgedWorkloads(resources, LONG_RUNNING_KINDS)) {
      const { resource } = workload;
      for (const ref of workload.template.containers) {
        if (ref.init) continue;
        const { livenessProbe, readinessProbe, startupProbe } = ref.container;
        if (livenessProbe === undefined) {
          findings.push(
            findingAt(resource, ref.path, `${describe(resource)}: container "${ref.name}" has no livenessProbe; a hung process keeps its pod until someone notices.`, `Add a livenessProbe to container "${ref.name}" that checks the process itself, not its dependencies.`),
          );
          continue;
        }
        if (readinessProbe !== undefined && isDeepStrictEqual(livenessProbe, readinessProbe)) {
          findings.push(
            findingAt(
              resource,
              `${ref.path}.livenessProbe`,
              `${describe(resource)}: container "${ref.name}" uses the same probe for liveness and readiness; when a dependency fails every pod is restarted instead of taken out of rotation.`,
              'Make the liveness probe cheaper and more tolerant than readiness (its own endpoint, a higher failureThreshold).',
            ),
          );
        }
        const delay = isRecord(livenessProbe) ? livenessProbe.initialDelaySeconds : undefined;
        if (startupProbe === undefined && typeof delay === 'number' && delay >= SLOW_START_SECONDS) {
          findings.push(
            findingAt(
              resource,
              `${ref.path}.livenessProbe.initialDelaySeconds`,
              `${describe(resource)}: container "${ref.name}" delays its livenessProbe by ${delay}s instead of using a startupProbe; every restart waits that long before a dead process is noticed.`,
              `Add a startupProbe (failureThreshold × periodSeconds ≥ ${delay}s) and drop initialDelaySeconds from the livenessProbe.`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
