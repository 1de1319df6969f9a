import type { ResourceChange } from '../../diff/model.js';
import { podTemplate, type PodTemplate } from '../../iac/kubernetes-workloads.js';
import type { Resource } from '../../iac/model.js';
import { isRecord } from '../../iac/values.js';
import type { RuleContext } from '../model.js';
import { isProduction } from './production.js';

export { isRecord };

/** The value at a dotted path (`spec.strategy.type`), or undefined where any step is missing. */
export function valueAt(object: unknown, path: string): unknown {
  let current = object;
  for (const key of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (isRecord(current)) current = current[key];
    else return undefined;
  }
  return current;
}

/** A workload the change adds or modifies, with its pod template. */
export interface Workload {
  resource: Resource;
  template: PodTemplate;
  name: string;
  namespace: string;
}

function metaString(resource: Resource, key: 'name' | 'namespace'): string {
  const value = resource.meta[key];
  return typeof value === 'string' ? value : '';
}

export function nameOf(resource: Resource): string {
  return metaString(resource, 'name');
}

export function namespaceOf(resource: Resource): string {
  return metaString(resource, 'namespace');
}

/** `Deployment shop/web`: how messages name an object. */
export function describe(resource: Resource): string {
  return `${resource.type} ${namespaceOf(resource)}/${nameOf(resource)}`;
}

interface JudgedIndex {
  all: readonly Resource[];
  byType: ReadonlyMap<string, readonly Resource[]>;
  /** Every object at the head, judged or not. */
  heads: readonly Resource[];
  headsByNamespace: ReadonlyMap<string, readonly Resource[]>;
}

const judgedIndexes = new WeakMap<readonly ResourceChange[], JudgedIndex>();

/** Built once per side: some forty rules ask for the judged objects of a few kinds, each over every resource of the change. */
function judgedIndex(resources: readonly ResourceChange[]): JudgedIndex {
  let index = judgedIndexes.get(resources);
  if (index === undefined) {
    const all: Resource[] = [];
    const byType = new Map<string, Resource[]>();
    const heads: Resource[] = [];
    const headsByNamespace = new Map<string, Resource[]>();
    for (const change of resources) {
      if (change.kind !== 'kubernetes' || !change.after) continue;
      heads.push(change.after);
      const inNamespace = headsByNamespace.get(namespaceOf(change.after));
      if (inNamespace) inNamespace.push(change.after);
      else headsByNamespace.set(namespaceOf(change.after), [change.after]);
      if (change.change !== 'added' && change.change !== 'changed') continue;
      all.push(change.after);
      const ofType = byType.get(change.type);
      if (ofType) ofType.push(change.after);
      else byType.set(change.type, [change.after]);
    }
    index = { all, byType, heads, headsByNamespace };
    judgedIndexes.set(resources, index);
  }
  return index;
}

/** Kubernetes objects the change adds or modifies: the only ones a rule judges. */
export function judgedObjects(resources: readonly ResourceChange[], types?: ReadonlySet<string>): readonly Resource[] {
  const index = judgedIndex(resources);
  if (types === undefined) return index.all;
  if (types.size === 1) return index.byType.get(types.values().next().value ?? '') ?? [];
  return index.all.filter((resource) => types.has(resource.type));
}

/** Every Kubernetes object at the head of the change, judged or not: the place to look for relations. */
export function headObjects(resources: readonly ResourceChange[]): readonly Resource[] {
  return judgedIndex(resources).heads;
}

/** The objects at the head of the change in one namespace, judged or not. */
export function headObjectsIn(resources: readonly ResourceChange[], namespace: string): readonly Resource[] {
  return judgedIndex(resources).headsByNamespace.get(namespace) ?? [];
}

const workloads = new WeakMap<Resource, Workload | null>();

/** Read once per object: a dozen rules ask for every workload's pod template. */
export function asWorkload(resource: Resource): Workload | undefined {
  let workload = workloads.get(resource);
  if (workload === undefined) {
    const template = podTemplate(resource);
    workload = template ? { resource, template, name: nameOf(resource), namespace: namespaceOf(resource) } : null;
    workloads.set(resource, workload);
  }
  return workload ?? undefined;
}

export function judgedWorkloads(resources: readonly ResourceChange[], types?: ReadonlySet<string>): Workload[] {
  return judgedObjects(resources, types).flatMap((resource) => asWorkload(resource) ?? []);
}

export { findingAt, lineAt } from '../locate.js';

export function production(resource: Resource, context: RuleContext): boolean {
  return isProduction(resource, context.config.kubernetes.nonProduction);
}

/** Label selector semantics (matchLabels and matchExpressions) against a set of pod labels. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return false;
  for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== String(value)) return false;
  for (const expression of expressions) {
    if (!isRecord(expression) || typeof expression.key !== 'string') return false;
    const has = expression.key in labels;
    const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
    const value = labels[expression.key];
    const ok =
      expression.operator === 'In' ? value !== undefined && values.includes(value)
      : expression.operator === 'NotIn' ? value === undefined || !values.includes(value)
      : expression.operator === 'Exists' ? has
      : expression.operator === 'DoesNotExist' ? !has
      : false;
    if (!ok) return false;
  }
  return true;
}

/** A Service's plain `selector` map (Services have no matchExpressions) against pod labels. */
export function serviceSelects(service: Resource, workload: Workload): boolean {
  if (service.type !== 'Service' || namespaceOf(service) !== workload.namespace) return false;
  const selector = valueAt(service.attributes, 'spec.selector');
  if (!isRecord(selector) || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => workload.template.labels[key] === String(value));
}

const byType = new WeakMap<readonly Resource[], Map<string, Resource[]>>();

/**
 * The head objects of one kind, grouped once per list: rules relate every workload to Services,
 * HPAs, PDBs and rollout controllers, and scanning every object each time made a 3,000-workload
 * change quadratic.
 */
export function ofType(heads: readonly Resource[], type: string): readonly Resource[] {
  let groups = byType.get(heads);
  if (!groups) {
    groups = new Map();
    for (const head of heads) {
      const group = groups.get(head.type);
      if (group) group.push(head);
      else groups.set(head.type, [head]);
    }
    byType.set(heads, groups);
  }
  return groups.get(type) ?? [];
}

const serviceIndexes = new WeakMap<readonly Resource[], Map<string, Resource[]>>();

/**
 * Services keyed by namespace and the first pair of their selector: a Service can select a pod only
 * if the pod carries every pair of its selector, so the first one is enough to find the candidates.
 */
function serviceIndex(heads: readonly Resource[]): Map<string, Resource[]> {
  let index = serviceIndexes.get(heads);
  if (!index) {
    index = new Map();
    for (const service of ofType(heads, 'Service')) {
      const selector = valueAt(service.attributes, 'spec.selector');
      if (!isRecord(selector)) continue;
      const [first] = Object.keys(selector).sort();
      if (first === undefined) continue;
      const key = `${namespaceOf(service)}\0${first}=${String(selector[first])}`;
      const services = index.get(key);
      if (services) services.push(service);
      else index.set(key, [service]);
    }
    serviceIndexes.set(heads, index);
  }
  return index;
}

/** Services that may select the workload (one of its label pairs opens their selector), each once. */
function* candidateServices(workload: Workload, heads: readonly Resource[]): Generator<Resource> {
  const index = serviceIndex(heads);
  const seen = new Set<Resource>();
  for (const [key, value] of Object.entries(workload.template.labels)) {
    for (const service of index.get(`${workload.namespace}\0${key}=${value}`) ?? []) {
      if (seen.has(service)) continue;
      seen.add(service);
      yield service;
    }
  }
}

/** Services at the head of the change that send traffic to this workload. */
export function servicesFor(workload: Workload, heads: readonly Resource[]): Resource[] {
  return [...candidateServices(workload, heads)].filter((service) => serviceSelects(service, workload));
}

/** The first Service that sends traffic to this workload: most rules only need to know there is one. */
export function firstServiceFor(workload: Workload, heads: readonly Resource[]): Resource | undefined {
  for (const service of candidateServices(workload, heads)) if (serviceSelects(service, workload)) return service;
  return undefined;
}

/** A workload serves traffic when a Service in the change selects it or one of its containers declares a port. */
export function servesTraffic(workload: Workload, heads: readonly Resource[]): boolean {
  if (firstServiceFor(workload, heads)) return true;
  return workload.template.containers.some((ref) => !ref.init && Array.isArray(ref.container.ports) && ref.container.ports.length > 0);
}

/** Whether a reference (`scaleTargetRef`, `targetRef`, `workloadRef`) names this object. */
function refersTo(ref: unknown, resource: Resource, namespace: string): boolean {
  return isRecord(ref) && ref.kind === resource.type && ref.name === nameOf(resource) && namespace === namespaceOf(resource);
}

const autoscalerIndexes = new WeakMap<readonly Resource[], Map<string, Resource[]>>();

/** Resources grouped once per side by `keyOf` (undefined: left out), in their order: a rule asking for each workload's looks up, never scans. */
function indexed(indexes: WeakMap<readonly Resource[], Map<string, Resource[]>>, heads: readonly Resource[], type: string, keyOf: (head: Resource) => string | undefined): Map<string, Resource[]> {
  let index = indexes.get(heads);
  if (!index) {
    index = new Map();
    for (const head of ofType(heads, type)) {
      const key = keyOf(head);
      if (key === undefined) continue;
      const group = index.get(key);
      if (group) group.push(head);
      else index.set(key, [head]);
    }
    indexes.set(heads, index);
  }
  return index;
}

function targetKey(kind: string, namespace: string, name: string): string {
  return `${kind}\0${namespace}\0${name}`;
}

/** HorizontalPodAutoscalers at the head of the change that scale this object. */
export function autoscalersFor(resource: Resource, heads: readonly Resource[]): Resource[] {
  const index = indexed(autoscalerIndexes, heads, 'HorizontalPodAutoscaler', (head) => {
    const ref = valueAt(head.attributes, 'spec.scaleTargetRef');
    return isRecord(ref) && typeof ref.kind === 'string' && typeof ref.name === 'string' ? targetKey(ref.kind, namespaceOf(head), ref.name) : undefined;
  });
  return index.get(targetKey(resource.type, namespaceOf(resource), nameOf(resource))) ?? [];
}

interface BudgetsInNamespace {
  /** Budgets by the first `key=value` of their matchLabels, which any pod they select carries. */
  byLabel: Map<string, Resource[]>;
  /** Budgets that select by matchExpressions alone: checked against every workload. */
  byExpression: Resource[];
  /** Each budget's place in the change, so a workload's budgets come back in that order. */
  order: Map<Resource, number>;
}

const budgetIndexes = new WeakMap<readonly Resource[], Map<string, BudgetsInNamespace>>();

function budgetIndex(heads: readonly Resource[]): Map<string, BudgetsInNamespace> {
  let index = budgetIndexes.get(heads);
  if (!index) {
    index = new Map();
    for (const budget of ofType(heads, 'PodDisruptionBudget')) {
      let inNamespace = index.get(namespaceOf(budget));
      if (!inNamespace) index.set(namespaceOf(budget), (inNamespace = { byLabel: new Map(), byExpression: [], order: new Map() }));
      inNamespace.order.set(budget, inNamespace.order.size);
      const matchLabels = valueAt(budget.attributes, 'spec.selector.matchLabels');
      const [first] = isRecord(matchLabels) ? Object.entries(matchLabels) : [];
      if (first === undefined) {
        inNamespace.byExpression.push(budget);
        continue;
      }
      const label = `${first[0]}=${String(first[1])}`;
      const holders = inNamespace.byLabel.get(label);
      if (holders) holders.push(budget);
      else inNamespace.byLabel.set(label, [budget]);
    }
    budgetIndexes.set(heads, index);
  }
  return index;
}

/** Whether a PodDisruptionBudget counts the workload's pods: same namespace, and its selector matches their labels. */
export function budgetCovers(budget: Resource, workload: Workload): boolean {
  return namespaceOf(budget) === workload.namespace && selectorMatches(valueAt(budget.attributes, 'spec.selector'), workload.template.labels);
}

/**
 * PodDisruptionBudgets at the head of the change whose selector covers the workload's pods. Looked
 * up by the workload's labels: matching every budget of a namespace against every workload was
 * quadratic in a namespace with hundreds of both.
 */
export function disruptionBudgetsFor(workload: Workload, heads: readonly Resource[]): Resource[] {
  const inNamespace = budgetIndex(heads).get(workload.namespace);
  if (!inNamespace) return [];
  const candidates = [...inNamespace.byExpression, ...Object.entries(workload.template.labels).flatMap(([key, value]) => inNamespace.byLabel.get(`${key}=${value}`) ?? [])];
  return candidates
    .filter((budget) => budgetCovers(budget, workload))
    .sort((a, b) => (inNamespace.order.get(a) ?? 0) - (inNamespace.order.get(b) ?? 0));
}

/**
 * The progressive-delivery controller that rolls this object out instead of Kubernetes' own
 * rolling update: an Argo `Rollout` itself, a Deployment an Argo Rollout points at with
 * `workloadRef`, or a Deployment a Flagger `Canary` targets.
 */
export function progressiveController(resource: Resource, heads: readonly Resource[]): string | undefined {
  if (resource.type === 'Rollout') return 'Argo Rollouts';
  const namespace = namespaceOf(resource);
  for (const head of ofType(heads, 'Rollout')) {
    if (namespaceOf(head) === namespace && refersTo(valueAt(head.attributes, 'spec.workloadRef'), resource, namespace)) return `Argo Rollout ${nameOf(head)}`;
  }
  for (const head of ofType(heads, 'Canary')) {
    if (namespaceOf(head) === namespace && refersTo(valueAt(head.attributes, 'spec.targetRef'), resource, namespace)) return `Flagger Canary ${nameOf(head)}`;
  }
  return undefined;
}

/** A replica count as written, or a reason it cannot be read (a string, an unrendered template). */
export type Replicas = { count: number; explicit: boolean } | { invalid: string };

export function replicasOf(resource: Resource): Replicas {
  const value = valueAt(resource.attributes, 'spec.replicas');
  if (value === undefined || value === null) return { count: 1, explicit: false };
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { count: value, explicit: true };
  return { invalid: typeof value === 'string' ? `"${value}"` : JSON.stringify(value) };
}

/** The fewest replicas the workload runs: an HPA's minReplicas when one scales it, else its own count. */
export function minimumReplicas(resource: Resource, heads: readonly Resource[]): number | undefined {
  const [hpa] = autoscalersFor(resource, heads);
  if (hpa) {
    const min = valueAt(hpa.attributes, 'spec.minReplicas');
    return typeof min === 'number' ? min : 1;
  }
  const replicas = replicasOf(resource);
  return 'count' in replicas ? replicas.count : undefined;
}

/** A percentage (`25%`) or integer field of a rollout strategy, resolved against a replica count. */
export function resolveIntOrPercent(value: unknown, replicas: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+)%$/.exec(value.trim());
  if (!match?.[1]) return undefined;
  const exact = (Number(match[1]) * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
