import type { Rule, RuleFinding } from '../model.js';
import { autoscalersFor, describe, findingAt, headObjects, isRecord, judgedWorkloads, minimumReplicas, production, selectorMatches, valueAt, type Workload } from './kubernetes.js';

const JUDGED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout']);

/** A pod anti-affinity term or a topology spread constraint, with the dotted path of its entry. */
interface PlacementTerm {
  term: Record<string, unknown>;
  path: string;
}

function entries(list: unknown, path: string, inner = ''): PlacementTerm[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown, index) => {
    const term = inner === '' ? entry : isRecord(entry) ? entry[inner] : undefined;
    return isRecord(term) ? [{ term, path: `${path}.${index}${inner === '' ? '' : `.${inner}`}` }] : [];
  });
}

function placementTerms({ template }: Workload): PlacementTerm[] {
  const antiAffinity = `${template.specPath}.affinity.podAntiAffinity`;
  return [
    ...entries(valueAt(template.spec, 'affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution'), `${antiAffinity}.requiredDuringSchedulingIgnoredDuringExecution`),
    ...entries(valueAt(template.spec, 'affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution'), `${antiAffinity}.preferredDuringSchedulingIgnoredDuringExecution`, 'podAffinityTerm'),
    ...entries(template.spec.topologySpreadConstraints, `${template.specPath}.topologySpreadConstraints`),
  ];
}

/**
 * Whether a term counts the workload's own pods, which is what makes it spread them. As the
 * scheduler reads it: no labelSelector selects no pod, an empty one every pod, and a term that
 * lists namespaces (without a namespaceSelector) looks only there.
 */
function countsOwnPods(term: Record<string, unknown>, workload: Workload): boolean {
  const namespaces = Array.isArray(term.namespaces) ? term.namespaces : [];
  if (namespaces.length > 0 && !isRecord(term.namespaceSelector) && workload.namespace !== '' && !namespaces.includes(workload.namespace)) return false;
  const selector = term.labelSelector;
  if (!isRecord(selector)) return false;
  const unconstrained = !isRecord(selector.matchLabels) || Object.keys(selector.matchLabels).length === 0;
  if (unconstrained && (!Array.isArray(selector.matchExpressions) || selector.matchExpressions.length === 0)) return true;
  return selectorMatches(selector, workload.template.labels);
}

/** `app=web, tier In (a,b)`: a label selector as the user would write it on the command line. */
function selectorText(selector: unknown): string {
  if (!isRecord(selector)) return 'no labelSelector';
  const pairs = isRecord(selector.matchLabels) ? Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${String(value)}`) : [];
  const expressions = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions.filter(isRecord).map((expression) => `${String(expression.key)} ${String(expression.operator)}${Array.isArray(expression.values) ? ` (${expression.values.map(String).join(',')})` : ''}`)
    : [];
  return [...pairs, ...expressions].join(', ') || 'labelSelector {}';
}

function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(', ') || 'none';
}

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];

function positiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** Fields of a topology spread constraint the API server rejects, with the rule each breaks. */
function constraintErrors({ resource, template }: Workload): RuleFinding[] {
  const constraints = Array.isArray(template.spec.topologySpreadConstraints) ? template.spec.topologySpreadConstraints : [];
  return constraints.flatMap((constraint: unknown, index) => {
    if (!isRecord(constraint)) return [];
    const path = `${template.specPath}.topologySpreadConstraints.${index}`;
    const errors: Array<[field: string, requirement: string]> = [];
    if (!positiveInteger(constraint.maxSkew)) errors.push(['maxSkew', 'a whole number of at least 1']);
    if (typeof constraint.topologyKey !== 'string' || constraint.topologyKey === '') errors.push(['topologyKey', 'a node label such as topology.kubernetes.io/zone']);
    if (typeof constraint.whenUnsatisfiable !== 'string' || !WHEN_UNSATISFIABLE.includes(constraint.whenUnsatisfiable)) errors.push(['whenUnsatisfiable', WHEN_UNSATISFIABLE.join(' or ')]);
    if (constraint.minDomains !== undefined && !positiveInteger(constraint.minDomains)) errors.push(['minDomains', 'a whole number of at least 1, or unset']);
    return errors.map(([field, requirement]) => {
      const written = constraint[field] === undefined ? `sets no ${field}` : `sets ${field} ${JSON.stringify(constraint[field])}`;
      return findingAt(resource, constraint[field] === undefined ? path : `${path}.${field}`, `${describe(resource)}: topology spread constraint #${index + 1} ${written}; the API server rejects it.`, `Set ${field} to ${requirement}.`);
    });
  });
}

export const k8sSpread: Rule = {
  id: 'k8s-spread',
  title: 'Multi-replica workloads spread across nodes or zones',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-spread.md',
  run: (context) => {
    const heads = headObjects(context.resources);
    const findings: RuleFinding[] = [];
    for (const workload of judgedWorkloads(context.resources, JUDGED)) {
      const { resource, template } = workload;
      findings.push(...constraintErrors(workload));
      const replicas = minimumReplicas(resource, heads) ?? 1;
      const scaled = autoscalersFor(resource, heads).length > 0;
      if ((replicas < 2 && !scaled) || !production(resource, context)) continue;
      const what = `${describe(resource)} ${scaled ? 'is scaled by an HPA' : `runs ${replicas} replicas`}`;
      const terms = placementTerms(workload);
      const [first] = terms;
      if (!first) {
        findings.push(findingAt(resource, template.specPath, `${what} with neither pod anti-affinity nor topologySpreadConstraints; the scheduler may place them all on one node or zone.`, 'Add topologySpreadConstraints on topology.kubernetes.io/zone and kubernetes.io/hostname (whenUnsatisfiable: ScheduleAnyway).'));
      } else if (!terms.some(({ term }) => countsOwnPods(term, workload))) {
        findings.push(
          findingAt(resource, `${first.path}.labelSelector`, `${what}, but its pod anti-affinity and topologySpreadConstraints select none of its own pods (${selectorText(first.term.labelSelector)}; the pods are labelled ${labelsText(template.labels)}), so they spread nothing and the scheduler may place them all on one node or zone.`, `Make the labelSelector select the workload's pod labels (${labelsText(template.labels)}), and list its namespace if the term names namespaces.`),
        );
      }
    }
    return findings;
  },
};
