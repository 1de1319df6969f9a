import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, isRecord, judgedWorkloads, valueAt, type Workload } from './kubernetes.js';

const HOST_NAMESPACES = [
  { key: 'hostNetwork', effect: "shares the node's network: it can bind any node port and reach services listening on localhost" },
  { key: 'hostPID', effect: "sees every process of the node and can signal or inspect them" },
  { key: 'hostIPC', effect: "shares the node's IPC namespace and can read other pods' shared memory" },
] as const;

/** A container runtime socket: whoever can write to it starts privileged containers on the node. */
const RUNTIME_SOCKET = /(?:^|\/)(?:docker|containerd|crio|cri-dockerd|dockershim)\.sock$/;

/**
 * Host directories that hold the node's system files, credentials or kernel interfaces. Matched
 * exactly (trailing slashes aside), so a log shipper's `/var/log` or `/etc/ssl/certs` is not
 * reported; the credential trees of Kubernetes and the kubelet are reported at any depth.
 */
const SENSITIVE_PATHS = new Set(['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/root', '/home', '/run', '/var/run', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd']);
const SENSITIVE_TREES = ['/etc/kubernetes', '/var/lib/kubelet/pki'];

function normalise(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function hostPathRisk(path: string): string | undefined {
  const normalised = normalise(path);
  if (RUNTIME_SOCKET.test(normalised)) return 'is the container runtime socket: the pod can start privileged containers on the node';
  if (SENSITIVE_PATHS.has(normalised) || SENSITIVE_TREES.some((tree) => normalised === tree || normalised.startsWith(`${tree}/`))) {
    return "is a sensitive host directory: the pod can read or change the node's system files and credentials";
  }
  return undefined;
}

function workloadFindings({ resource, template }: Workload): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { key, effect } of HOST_NAMESPACES) {
    if (template.spec[key] !== true) continue;
    findings.push(findingAt(resource, `${template.specPath}.${key}`, `${describe(resource)} sets ${key}: true; it ${effect}.`, `Remove ${key} from the pod spec; if the workload truly needs it (a CNI or node agent), suppress with the reason.`));
  }
  const volumes = Array.isArray(template.spec.volumes) ? template.spec.volumes : [];
  volumes.forEach((volume: unknown, index) => {
    const path = isRecord(volume) ? valueAt(volume, 'hostPath.path') : undefined;
    if (typeof path !== 'string') return;
    const risk = hostPathRisk(path);
    if (!risk) return;
    const name = isRecord(volume) && typeof volume.name === 'string' ? volume.name : `#${index + 1}`;
    findings.push(findingAt(resource, `${template.specPath}.volumes.${index}.hostPath.path`, `${describe(resource)}: volume "${name}" mounts hostPath ${path}, which ${risk}.`, `Replace volume "${name}" with a ConfigMap, Secret, emptyDir or PersistentVolumeClaim; if a node agent truly needs it, suppress with the reason.`));
  });
  return findings;
}

export const k8sHostNamespaces: Rule = {
  id: 'k8s-host-namespaces',
  title: "Pods do not share the node's namespaces or sensitive host paths",
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/k8s-host-namespaces.md',
  run: ({ resources }) => judgedWorkloads(resources).flatMap(workloadFindings),
};
