import type { ContainerRef } from '../../iac/kubernetes-workloads.js';
import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { isPlaceholder } from './image-tag.js';
import { describe, findingAt, isRecord, judgedWorkloads } from './kubernetes.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/**
 * The TCP ports a container declares, by number and by name, and the names and numbers it declares
 * only for another protocol: httpGet, tcpSocket and grpc probes all speak TCP, so a UDP or SCTP port
 * can never answer them.
 */
function declaredPorts(container: Record<string, unknown>): { numbers: Set<number>; names: Set<string>; otherProtocol: Map<string | number, string> } {
  const numbers = new Set<number>();
  const names = new Set<string>();
  const otherProtocol = new Map<string | number, string>();
  for (const port of Array.isArray(container.ports) ? container.ports : []) {
    if (!isRecord(port)) continue;
    const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
    if (protocol !== 'TCP') {
      if (typeof port.containerPort === 'number') otherProtocol.set(port.containerPort, protocol);
      if (typeof port.name === 'string') otherProtocol.set(port.name, protocol);
      continue;
    }
    if (typeof port.containerPort === 'number') numbers.add(port.containerPort);
    if (typeof port.name === 'string') names.add(port.name);
  }
  return { numbers, names, otherProtocol };
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
      if (!port || ('name' in port ? declared.names.has(port.name) : declared.numbers.has(port.number))) continue;
      const protocol = declared.otherProtocol.get('name' in port ? port.name : port.number);
      const undeclared = `which the container does not declare (declared: ${listed})`;
      const wrongProtocol = protocol === undefined ? undefined : `which the container declares for ${protocol} only; the probe connects over TCP and fails unless something listens there undeclared`;
      if ('name' in port) {
        findings.push(
          findingAt(resource, path, `${where} probes the port named "${port.name}", ${wrongProtocol ?? `${undeclared}; the kubelet cannot resolve it and the probe fails every time`}.`, `Declare a TCP port named "${port.name}" under container "${ref.name}" ports, or probe one of its declared TCP ports.`),
        );
      } else {
        findings.push({
          ...findingAt(resource, path, `${where} probes port ${port.number}, ${wrongProtocol ?? `${undeclared}; a typo here fails the probe, and an undeclared port hides what the probe checks`}.`, `Declare containerPort ${port.number} (TCP, with a name) on container "${ref.name}" and probe it by name, or fix the port number.`),
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
