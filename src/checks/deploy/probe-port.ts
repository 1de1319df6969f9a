import type { ContainerRef } from '../../iac/kubernetes-workloads.js';
import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { isPlaceholder } from './image-tag.js';
import { describe, findingAt, isRecord, judgedWorkloads } from './kubernetes.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/** The ports a container declares, by number and by name. */
function declaredPorts(container: Record<string, unknown>): { numbers: Set<number>; names: Set<string> } {
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const port of Array.isArray(container.ports) ? container.ports : []) {
    if (!isRecord(port)) continue;
    if (typeof port.containerPort === 'number') numbers.add(port.containerPort);
    if (typeof port.name === 'string') names.add(port.name);
  }
  return { numbers, names };
}

/**
 * A probe port as the kubelet reads it: a number, or a name it looks up among the container's own
 * ports. A digits-only string is read as the number a template meant; an unrendered expression
 * cannot be judged.
 */
function probePort(value: unknown): { number: number } | { name: string } | undefined {
  if (typeof value === 'number') return { number: value };
  if (typeof value !== 'string' || value === '' || isPlaceholder(value)) return undefined;
  return /^\d+$/.test(value) ? { number: Number(value) } : { name: value };
}

function containerFindings(resource: Resource, ref: ContainerRef): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const declared = declaredPorts(ref.container);
  const listed = [...declared.names, ...[...declared.numbers].map(String)].join(', ') || 'none';
  for (const probe of PROBES) {
    const spec = ref.container[probe];
    if (!isRecord(spec)) continue;
    for (const handler of HANDLERS) {
      const action = spec[handler];
      if (!isRecord(action)) continue;
      const port = probePort(action.port);
      const path = `${ref.path}.${probe}.${handler}.port`;
      const where = `${describe(resource)}: container "${ref.name}" ${probe} (${handler})`;
      if (port && 'name' in port && !declared.names.has(port.name)) {
        findings.push(
          findingAt(resource, path, `${where} probes the port named "${port.name}", which the container does not declare (declared: ${listed}); the kubelet cannot resolve it and the probe fails every time.`, `Declare a port named "${port.name}" under container "${ref.name}" ports, or probe one of its declared ports.`),
        );
      } else if (port && 'number' in port && !declared.numbers.has(port.number)) {
        findings.push({
          ...findingAt(resource, path, `${where} probes port ${port.number}, which the container does not declare (declared: ${listed}); a typo here fails the probe, and an undeclared port hides what the probe checks.`, `Declare containerPort ${port.number} (with a name) on container "${ref.name}" and probe it by name, or fix the port number.`),
          // A number still reaches whatever listens on it, so unlike an unknown name it may work.
          severity: 'warning',
        });
      }
    }
  }
  return findings;
}

export const k8sProbePort: Rule = {
  id: 'k8s-probe-port',
  title: 'Probe ports refer to a port the container declares',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/k8s-probe-port.md',
  run: ({ resources }) => judgedWorkloads(resources).flatMap(({ resource, template }) => template.containers.flatMap((ref) => containerFindings(resource, ref))),
};
