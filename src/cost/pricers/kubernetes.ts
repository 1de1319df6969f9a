import { isNativeSidecar } from '../../iac/kubernetes-workloads.js';
import type { Resource } from '../../iac/model.js';
import { isUnknown } from '../../iac/values.js';
import type { CostComponent } from '../model.js';
import { amount, attribute, component, HOURS_PER_MONTH, records, text, Unpriced, type PriceContext, type PricedResource, type Pricer } from '../pricing.js';

const BINARY_SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL_SUFFIX: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * A Kubernetes resource quantity (`500m`, `1.5`, `256Mi`, `1G`, `1e3`) as a plain number of base
 * units (cores, bytes); undefined for anything that is not a valid quantity.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\+?((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|[numkKMGTPE]?)$/.exec(value.trim());
  if (!match) return undefined;
  const [, number = '', suffix = ''] = match;
  if (/[eE]/.test(number) && suffix !== '') return undefined;
  const multiplier = BINARY_SUFFIX[suffix] ?? DECIMAL_SUFFIX[suffix];
  const parsed = Number(number) * (multiplier ?? Number.NaN);
  return Number.isFinite(parsed) ? parsed : undefined;
}

interface Rates {
  cpuHour: number;
  memoryGibHour: number;
  gpuHour: number;
  storageGibMonth: number;
}

function rates(context: PriceContext): Rates {
  const configured = context.settings.kubernetesRates;
  const catalog = (name: 'cpu' | 'ram' | 'gpu' | 'storage'): number => {
    const rate = context.catalog.kubernetesRate(name);
    if (rate === undefined) throw new Unpriced(`no default Kubernetes ${name} rate in the price data`);
    return rate;
  };
  return {
    cpuHour: configured.cpuHour ?? catalog('cpu'),
    memoryGibHour: configured.memoryGibHour ?? catalog('ram'),
    gpuHour: configured.gpuHour ?? catalog('gpu'),
    storageGibMonth: configured.storageGibMonth ?? catalog('storage') * HOURS_PER_MONTH,
  };
}

interface PodRequests {
  cpu: number;
  memoryGib: number;
  gpus: number;
}

function request(container: Record<string, unknown>, name: string, where: string): number {
  const value = attribute(container, `resources.requests.${name}`) ?? attribute(container, `resources.limits.${name}`);
  if (value === undefined) return 0;
  if (isUnknown(value)) throw new Unpriced(`${where} ${name} request is not known (${value.__unknown})`);
  const parsed = parseQuantity(value);
  if (parsed === undefined) throw new Unpriced(`${where} ${name} request "${String(value).slice(0, 40)}" is not a Kubernetes quantity`);
  return parsed;
}

/**
 * What the scheduler reserves for one pod of one resource: the app containers and native sidecars
 * together, or the largest init step (with the sidecars already started) when that is more, since
 * init containers run one at a time before the app.
 */
function podRequest(initContainers: readonly Record<string, unknown>[], containers: readonly Record<string, unknown>[], name: string): number {
  let sidecars = 0;
  let initPeak = 0;
  for (const container of initContainers) {
    const amount = request(container, name, `init container ${containerName(container)}`);
    if (isNativeSidecar(container)) sidecars += amount;
    initPeak = Math.max(initPeak, sidecars + (isNativeSidecar(container) ? 0 : amount));
  }
  const running = containers.reduce((sum, container) => sum + request(container, name, `container ${containerName(container)}`), sidecars);
  return Math.max(running, initPeak);
}

function containerName(container: Record<string, unknown>): string {
  return typeof container.name === 'string' ? container.name : '?';
}

/** The requests of a pod spec (a request falls back to the limit, as the API server does). */
function podRequests(spec: unknown): PodRequests {
  const containers = records(attribute(spec, 'containers'));
  if (containers.length === 0) throw new Unpriced('the pod template has no containers');
  const initContainers = records(attribute(spec, 'initContainers'));
  const total: PodRequests = {
    cpu: podRequest(initContainers, containers, 'cpu'),
    memoryGib: podRequest(initContainers, containers, 'memory') / 2 ** 30,
    gpus: podRequest(initContainers, containers, 'nvidia.com/gpu'),
  };
  if (total.cpu === 0 && total.memoryGib === 0 && total.gpus === 0) throw new Unpriced('no container sets CPU or memory requests, so the workload has no size to price');
  return total;
}

function podComponents(pod: PodRequests, replicas: number, rate: Rates): CostComponent[] {
  const hours = HOURS_PER_MONTH * replicas;
  const components = [
    component(`CPU requests (${round(pod.cpu)} vCPU × ${replicas} replicas)`, 'vCPU-hours', pod.cpu * hours, rate.cpuHour),
    component(`Memory requests (${round(pod.memoryGib)} GiB × ${replicas} replicas)`, 'GiB-hours', pod.memoryGib * hours, rate.memoryGibHour),
  ];
  if (pod.gpus > 0) components.push(component(`GPU requests (${pod.gpus} × ${replicas} replicas)`, 'GPU-hours', pod.gpus * hours, rate.gpuHour));
  return components;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function namespaceOf(resource: Resource): string {
  return typeof resource.meta.namespace === 'string' ? resource.meta.namespace : 'default';
}

function targetKey(namespace: string, kind: unknown, name: unknown): string | undefined {
  return typeof kind === 'string' && typeof name === 'string' ? `${namespace}\0${kind}\0${name}` : undefined;
}

const autoscalerIndexes = new WeakMap<readonly Resource[], Map<string, Resource>>();

/** A side's HorizontalPodAutoscalers by the workload they target, built once: every workload of a side asks. */
function autoscalerIndex(siblings: readonly Resource[]): Map<string, Resource> {
  let index = autoscalerIndexes.get(siblings);
  if (index === undefined) {
    index = new Map();
    for (const sibling of siblings) {
      if (sibling.kind !== 'kubernetes' || sibling.type !== 'HorizontalPodAutoscaler') continue;
      const key = targetKey(namespaceOf(sibling), attribute(sibling.attributes, 'spec.scaleTargetRef.kind'), attribute(sibling.attributes, 'spec.scaleTargetRef.name'));
      // The first in the change wins, as a scan in order would find it.
      if (key !== undefined && !index.has(key)) index.set(key, sibling);
    }
    autoscalerIndexes.set(siblings, index);
  }
  return index;
}

/** The HorizontalPodAutoscaler in the change that scales this workload, if any. */
function autoscalerFor(resource: Resource, context: PriceContext): Resource | undefined {
  const key = targetKey(namespaceOf(resource), resource.type, resource.meta.name);
  return key === undefined ? undefined : autoscalerIndex(context.siblings).get(key);
}

/** Deployments, StatefulSets, ReplicaSets, Argo Rollouts: pod requests × replicas × 730 h; an HPA's min–max is the range. */
export const kubernetesWorkloadPricer: Pricer = {
  types: ['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout'],
  price(resource, context) {
    const pod = podRequests(attribute(resource.attributes, 'spec.template.spec'));
    const rate = rates(context);
    const hpa = autoscalerFor(resource, context);
    if (hpa) {
      const min = amount(attribute(hpa.attributes, 'spec.minReplicas'), 'HPA minReplicas') ?? 1;
      const max = amount(attribute(hpa.attributes, 'spec.maxReplicas'), 'HPA maxReplicas');
      if (max === undefined) throw new Unpriced(`its HorizontalPodAutoscaler ${hpa.address} sets no maxReplicas`);
      const each = podComponents(pod, 1, rate).reduce((sum, item) => sum + item.monthly, 0);
      context.addNote(`scaled by ${String(hpa.meta.name ?? 'an HPA')} between ${min} and ${max} replicas; priced at the minimum`);
      const priced: PricedResource = { components: podComponents(pod, min, rate), range: { low: each * min, high: each * max } };
      return priced;
    }
    const replicas = amount(attribute(resource.attributes, 'spec.replicas'), 'replicas') ?? 1;
    return { components: podComponents(pod, replicas, rate) };
  },
};

/** A bare Pod: one replica. */
export const kubernetesPodPricer: Pricer = {
  types: ['Pod'],
  price(resource, context) {
    return { components: podComponents(podRequests(attribute(resource.attributes, 'spec')), 1, rates(context)) };
  },
};

/** Jobs and CronJobs run only while their pods run: the schedule and duration decide the cost. */
export const kubernetesJobPricer: Pricer = {
  types: ['Job', 'CronJob'],
  price() {
    throw new Unpriced('runs only while its jobs run; the cost depends on schedule and duration');
  },
};

export const kubernetesDaemonSetPricer: Pricer = {
  types: ['DaemonSet'],
  price() {
    throw new Unpriced('runs one pod per node; the node count is not known to tollgate');
  },
};

/** PersistentVolumeClaims: requested size × the storage rate (config `storage-gib-month`, else the default). */
export const kubernetesVolumeClaimPricer: Pricer = {
  types: ['PersistentVolumeClaim'],
  price(resource, context) {
    const value = attribute(resource.attributes, 'spec.resources.requests.storage');
    if (isUnknown(value)) throw new Unpriced(`storage request is not known (${value.__unknown})`);
    const bytes = parseQuantity(value);
    if (bytes === undefined) throw new Unpriced(value === undefined ? 'the claim requests no storage size' : `storage request "${String(value).slice(0, 40)}" is not a Kubernetes quantity`);
    const storageClass = text(attribute(resource.attributes, 'spec.storageClassName'), 'storage class') ?? 'default';
    const rate = rates(context).storageGibMonth;
    return { components: [component(`Persistent volume (${storageClass})`, 'GiB-month', bytes / 2 ** 30, rate)] };
  },
};

/** A `LoadBalancer` Service provisions a cloud load balancer: priced as an AWS Network Load Balancer in the configured region. */
export const kubernetesServicePricer: Pricer = {
  types: ['Service'],
  price(resource, context) {
    if (attribute(resource.attributes, 'spec.type') !== 'LoadBalancer') return 'free';
    const hourly = context.unitPrice('aws', 'aws_lb', context.settings.region, 'Network load balancer');
    context.approximate = true;
    context.addNote('priced as an AWS Network Load Balancer; the cluster’s cloud decides the real price');
    return { components: [component('Cloud load balancer (as an AWS NLB)', 'hours', HOURS_PER_MONTH, hourly.usd)] };
  },
};
