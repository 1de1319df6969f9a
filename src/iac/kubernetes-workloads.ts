import type { Resource } from './model.js';
import { isRecord } from './values.js';


/** One container of a pod spec, with the dotted path of its entry (`spec.template.spec.containers.0`). */
export interface ContainerRef {
  name: string;
  container: Record<string, unknown>;
  path: string;
  /** Init containers run to completion before the others; probes and rollout rules do not apply to them. */
  init: boolean;
}

/** The pod template of a workload, wherever its kind keeps it. */
export interface PodTemplate {
  /** Dotted path of the pod spec inside the object: `spec.template.spec`, or `spec` for a Pod. */
  specPath: string;
  spec: Record<string, unknown>;
  /** Dotted path of the pod's metadata (`spec.template.metadata`, or `metadata` for a Pod). */
  metadataPath: string;
  /** Labels the pods get; Services, PDBs and spread constraints select on these. */
  labels: Record<string, string>;
  containers: ContainerRef[];
}

/** Where each workload kind keeps its pod template. Argo Rollouts' `Rollout` mirrors a Deployment. */
const TEMPLATE_PATHS: Record<string, string> = {
  Deployment: 'spec.template',
  StatefulSet: 'spec.template',
  DaemonSet: 'spec.template',
  ReplicaSet: 'spec.template',
  ReplicationController: 'spec.template',
  Job: 'spec.template',
  Rollout: 'spec.template',
  CronJob: 'spec.jobTemplate.spec.template',
};

/** Kinds whose pods run until replaced (as opposed to Jobs, which run to completion). */
export const LONG_RUNNING_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Rollout', 'Pod']);

/** Kinds that keep a replica count and can be scaled (by hand or by an HPA). */
export const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout']);

function valueAt(object: unknown, path: string): unknown {
  let current = object;
  for (const key of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

function stringLabels(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const labels: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') labels[key] = String(entry);
  return labels;
}

function containersAt(spec: Record<string, unknown>, specPath: string, key: 'containers' | 'initContainers'): ContainerRef[] {
  const list = spec[key];
  if (!Array.isArray(list)) return [];
  const found: ContainerRef[] = [];
  list.forEach((container: unknown, index) => {
    if (!isRecord(container)) return;
    const name = typeof container.name === 'string' ? container.name : `#${index + 1}`;
    found.push({ name, container, path: `${specPath}.${key}.${index}`, init: key === 'initContainers' });
  });
  return found;
}

/**
 * The pod template of any workload kind (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, Argo Rollout, or a bare Pod), or undefined for other kinds and for a workload without a
 * pod spec object (a Rollout that points at a Deployment with `workloadRef` has none of its own).
 */
export function podTemplate(resource: Resource): PodTemplate | undefined {
  if (resource.kind !== 'kubernetes') return undefined;
  const object = resource.attributes;
  if (resource.type === 'Pod') {
    const spec = object.spec;
    if (!isRecord(spec)) return undefined;
    return { specPath: 'spec', spec, metadataPath: 'metadata', labels: stringLabels(valueAt(object, 'metadata.labels')), containers: [...containersAt(spec, 'spec', 'initContainers'), ...containersAt(spec, 'spec', 'containers')] };
  }
  const templatePath = TEMPLATE_PATHS[resource.type];
  if (templatePath === undefined) return undefined;
  const template = valueAt(object, templatePath);
  if (!isRecord(template) || !isRecord(template.spec)) return undefined;
  const specPath = `${templatePath}.spec`;
  const spec = template.spec;
  return {
    specPath,
    spec,
    metadataPath: `${templatePath}.metadata`,
    labels: stringLabels(valueAt(template, 'metadata.labels')),
    containers: [...containersAt(spec, specPath, 'initContainers'), ...containersAt(spec, specPath, 'containers')],
  };
}

/**
 * A native sidecar (Kubernetes 1.29+): an init container with `restartPolicy: Always` starts before
 * the app containers and keeps running beside them, so its requests add to theirs instead of
 * being needed only while it runs.
 */
export function isNativeSidecar(container: Record<string, unknown>): boolean {
  return container.restartPolicy === 'Always';
}

/** True for the kinds that carry a pod template, whether or not this object's template is well formed. */
export function isWorkloadKind(type: string): boolean {
  return type === 'Pod' || type in TEMPLATE_PATHS;
}
