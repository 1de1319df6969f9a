import { LONG_RUNNING_KINDS, type ContainerRef } from '../../iac/kubernetes-workloads.js';
import type { Rule, RuleFinding } from '../model.js';
import { numberOption } from '../hygiene/options.js';
import { describe, findingAt, firstServiceFor, headObjects, isRecord, judgedWorkloads, nameOf, valueAt, type Workload } from './kubernetes.js';

/** Kubernetes' own terminationGracePeriodSeconds when a pod spec sets none. */
const DEFAULT_GRACE_SECONDS = 30;
/** Endpoint removal takes a few seconds to reach kube-proxy and cloud load balancers; less than this drains nothing. */
const DEFAULT_MINIMUM_GRACE_SECONDS = 5;

/** How long a preStop hook sleeps: the native `sleep` action, or `sleep N` in an exec command. */
function preStopSleepSeconds(preStop: Record<string, unknown>): number | undefined {
  const native = valueAt(preStop, 'sleep.seconds');
  if (typeof native === 'number') return native;
  const command = valueAt(preStop, 'exec.command');
  if (!Array.isArray(command)) return undefined;
  const match = /(?:^|[\s;&|])sleep\s+(\d+)s?(?:$|[\s;&|])/.exec(command.map(String).join(' '));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function preStopOf(ref: ContainerRef): Record<string, unknown> | undefined {
  const preStop = valueAt(ref.container, 'lifecycle.preStop');
  return isRecord(preStop) ? preStop : undefined;
}

function workloadFindings(workload: Workload, service: string, minimum: number): RuleFinding[] {
  const { resource, template } = workload;
  const what = `${describe(resource)} (behind Service ${service})`;
  const gracePath = `${template.specPath}.terminationGracePeriodSeconds`;
  const grace = template.spec.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace < minimum) {
    const effect = grace === 0 ? 'its pods are killed with SIGKILL at once' : `its pods get ${grace}s after SIGTERM`;
    return [findingAt(resource, gracePath, `${what} sets terminationGracePeriodSeconds: ${grace}; ${effect}, so requests in flight and those routed before the endpoint is removed fail.`, `Set terminationGracePeriodSeconds to at least ${minimum} (the preStop sleep plus the time the app needs to drain).`)];
  }
  if (grace !== undefined && typeof grace !== 'number') return [];
  const serving = template.containers.filter((ref) => !ref.init);
  const hooks = serving.flatMap((ref) => {
    const preStop = preStopOf(ref);
    return preStop ? [{ ref, preStop }] : [];
  });
  if (hooks.length === 0 && grace === undefined) {
    const [first] = serving;
    return [
      findingAt(resource, template.specPath, `${what}: no container has a preStop hook and terminationGracePeriodSeconds is left at the default; pods get SIGTERM while still listed as endpoints, and requests routed to them in the next seconds fail.`, `Add lifecycle.preStop (sleep: { seconds: 5 }) to container "${first?.name ?? 'app'}" and set terminationGracePeriodSeconds above the sleep plus the drain time.`),
    ];
  }
  const effective = grace ?? DEFAULT_GRACE_SECONDS;
  return hooks.flatMap(({ ref, preStop }) => {
    const sleep = preStopSleepSeconds(preStop);
    if (sleep === undefined || sleep < effective) return [];
    return [findingAt(resource, `${ref.path}.lifecycle.preStop`, `${what}: container "${ref.name}" sleeps ${sleep}s in preStop, not less than the ${effective}s grace period${grace === undefined ? ' (the default)' : ''}; the kubelet kills it before the app receives SIGTERM and drains.`, `Set terminationGracePeriodSeconds above ${sleep}s plus the drain time (for example ${sleep + 30}), or shorten the preStop sleep.`)];
  });
}

export const k8sGracefulShutdown: Rule = {
  id: 'k8s-graceful-shutdown',
  title: 'Workloads behind a Service shut down gracefully',
  category: 'deploy',
  severity: 'notice',
  docs: 'docs/rules/k8s-graceful-shutdown.md',
  options: {
    'minimum-grace-seconds': {
      title: 'Minimum grace period',
      description: `Report a terminationGracePeriodSeconds below this many seconds on a workload behind a Service. Default: ${DEFAULT_MINIMUM_GRACE_SECONDS}.`,
      type: 'integer',
      minimum: 1,
    },
  },
  run: ({ resources, options }) => {
    const minimum = numberOption(options, 'minimum-grace-seconds', DEFAULT_MINIMUM_GRACE_SECONDS);
    const heads = headObjects(resources);
    return judgedWorkloads(resources, LONG_RUNNING_KINDS).flatMap((workload) => {
      const service = firstServiceFor(workload, heads);
      return service ? workloadFindings(workload, nameOf(service), minimum) : [];
    });
  },
};
