import { isNativeSidecar, type ContainerRef } from '../../iac/kubernetes-workloads.js';
import { isRecord, valueAt } from './kubernetes.js';
import { parseQuantity } from './quantity.js';

export type ResourceName = 'cpu' | 'memory';
export type Bound = 'requests' | 'limits';

/** One of a container's requests or limits: absent, a number of cores or bytes, or text the API server would reject. */
export type Amount = { absent: true } | { value: number; text: string } | { invalid: string };

export function amountOf(ref: ContainerRef, bound: Bound, name: ResourceName): Amount {
  const raw = valueAt(ref.container, `resources.${bound}.${name}`);
  if (raw === undefined || raw === null) return { absent: true };
  const value = parseQuantity(raw);
  const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : JSON.stringify(raw);
  return value === undefined ? { invalid: text } : { value, text };
}

/** The path of a container's request or limit, for its line. */
export function amountPath(ref: ContainerRef, bound: Bound, name: ResourceName): string {
  return `${ref.path}.resources.${bound}.${name}`;
}

export function hasResources(ref: ContainerRef): boolean {
  return isRecord(ref.container.resources);
}

/**
 * An init container that finishes before the app starts (a native sidecar does not). The pod
 * reserves the larger of its request and the app containers' together, so leaving its request out
 * sizes the pod by the app, not blind; and it runs once, so it cannot leak memory for long.
 */
export function runsToCompletion(ref: ContainerRef): boolean {
  return ref.init && !isNativeSidecar(ref.container);
}
