import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, headObjects, isRecord, judgedObjects, nameOf, namespaceOf, ofType, valueAt } from './kubernetes.js';

function isIstio(resource: Resource): boolean {
  return typeof resource.meta.apiVersion === 'string' && resource.meta.apiVersion.startsWith('networking.istio.io/');
}

/**
 * The Service an Istio host names: `reviews` (in the rule's own namespace), `reviews.prod`, or
 * `reviews.prod.svc.<cluster domain>`. Wildcards and other names (external hosts) match none.
 */
function serviceForHost(host: string, namespace: string, heads: readonly Resource[]): Resource | undefined {
  if (host.includes('*')) return undefined;
  const [name, hostNamespace = namespace, svc] = host.split('.');
  if (svc !== undefined && svc !== 'svc') return undefined;
  return ofType(heads, 'Service').find((service) => nameOf(service) === name && namespaceOf(service) === hostNamespace);
}

/** Outlier detection anywhere a DestinationRule can set it: for the host, a port, or a subset. */
function hasOutlierDetection(spec: unknown): boolean {
  if (isRecord(valueAt(spec, 'trafficPolicy.outlierDetection'))) return true;
  const ports = valueAt(spec, 'trafficPolicy.portLevelSettings');
  if (Array.isArray(ports) && ports.some((port) => isRecord(valueAt(port, 'outlierDetection')))) return true;
  const subsets = valueAt(spec, 'subsets');
  return Array.isArray(subsets) && subsets.some((subset) => isRecord(valueAt(subset, 'trafficPolicy.outlierDetection')));
}

function destinationRuleFindings(resources: readonly ResourceChange[], heads: readonly Resource[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of judgedObjects(resources, new Set(['DestinationRule'])).filter(isIstio)) {
    const spec = rule.attributes.spec;
    const host = valueAt(spec, 'host');
    if (typeof host !== 'string' || hasOutlierDetection(spec)) continue;
    const service = serviceForHost(host, namespaceOf(rule), heads);
    if (!service) continue;
    const path = isRecord(valueAt(spec, 'trafficPolicy')) ? 'spec.trafficPolicy' : 'spec.host';
    findings.push(
      findingAt(rule, path, `${describe(rule)} sets no outlierDetection for ${host} (Service ${nameOf(service)}); a pod that keeps failing stays in the load-balancing pool and keeps receiving its share of requests.`, 'Add trafficPolicy.outlierDetection (for example consecutive5xxErrors: 5, interval: 30s, baseEjectionTime: 30s).'),
    );
  }
  return findings;
}

function virtualServiceFindings(resources: readonly ResourceChange[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const service of judgedObjects(resources, new Set(['VirtualService'])).filter(isIstio)) {
    const routes = valueAt(service.attributes, 'spec.http');
    if (!Array.isArray(routes)) continue;
    routes.forEach((route: unknown, index) => {
      // Redirects and direct responses never reach an upstream: nothing to time out or retry.
      if (!isRecord(route) || route.redirect !== undefined || route.directResponse !== undefined) return;
      const missing = [
        ...(route.timeout === undefined ? ['no timeout (Istio sets none, so a slow upstream holds every caller until the client gives up)'] : []),
        ...(route.retries === undefined ? ['no retries (it relies on Istio’s implicit 2 attempts without a per-try timeout)'] : []),
      ];
      if (missing.length === 0) return;
      const name = typeof route.name === 'string' ? `"${route.name}"` : `#${index + 1}`;
      findings.push(
        findingAt(service, `spec.http.${index}`, `${describe(service)}: http route ${name} sets ${missing.join(' and ')}.`, `Set timeout (for example 10s) and retries (attempts: 3, perTryTimeout: 2s, retryOn: 5xx,reset,connect-failure) on http route ${name}.`),
      );
    });
  }
  return findings;
}

export const meshResilience: Rule = {
  id: 'mesh-resilience',
  title: 'Istio routes set timeouts and retries; destination rules eject failing pods',
  category: 'deploy',
  severity: 'notice',
  docs: 'docs/rules/mesh-resilience.md',
  run: ({ resources }) => [...destinationRuleFindings(resources, headObjects(resources)), ...virtualServiceFindings(resources)],
};
