import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, records, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
import { gcpRegion } from './gcp.js';
import { rowInAnyRegion } from './shared-rows.js';

const SERVICE_V1 = 'google_cloud_run_service';
const SERVICE_V2 = 'google_cloud_run_v2_service';
const JOB_V2 = 'google_cloud_run_v2_job';

/**
 * The regions Cloud Run bills at its tier 2 rates (Google's Cloud Run locations page). The data
 * has tier 2 rates only, so a service or job in a tier 1 region is unpriced.
 */
const TIER_2_REGIONS: ReadonlySet<string> = new Set([
  'africa-south1',
  'asia-east2',
  'asia-northeast3',
  'asia-south1',
  'asia-south2',
  'asia-southeast1',
  'asia-southeast2',
  'australia-southeast1',
  'australia-southeast2',
  'europe-central2',
  'europe-west10',
  'europe-west12',
  'europe-west2',
  'europe-west3',
  'europe-west6',
  'me-central1',
  'me-central2',
  'northamerica-northeast1',
  'northamerica-northeast2',
  'southamerica-east1',
  'southamerica-west1',
  'us-west2',
  'us-west3',
  'us-west4',
]);

/** Cloud Run's defaults for a container that sets no limits: 1 vCPU and 512 MiB. */
const DEFAULT_VCPUS = 1;
const DEFAULT_MEMORY_GIB = 0.5;

const SECONDS_PER_HOUR = 3600;

/**
 * A tier rate is one price for every tier 2 region; the data files each under its example's
 * region or none, so the row is read wherever it is.
 */
function tierRate(context: PriceContext, types: readonly string[], name: string): number {
  const row = rowInAnyRegion(context, 'google', types, name);
  if (!row) throw new Unpriced(`no price for Cloud Run ${name} in the price data`);
  return row.usd;
}

function checkTier(region: string): void {
  if (!TIER_2_REGIONS.has(region)) throw new Unpriced(`${region} is not a Cloud Run tier 2 region, and the data has Cloud Run's tier 2 rates only`);
}

/** `"1"`, `"2"`, `"1000m"` → vCPUs. */
function vcpusOf(value: unknown): number | undefined {
  const written = text(value, 'cpu limit');
  if (written === undefined) return undefined;
  const millis = /^(\d+(?:\.\d+)?)m$/.exec(written);
  const vcpus = millis ? Number(millis[1]) / 1000 : Number(written);
  if (!Number.isFinite(vcpus) || vcpus <= 0) throw new Unpriced(`cpu limit "${written}" is not a CPU count`);
  return vcpus;
}

const MEMORY_UNITS: ReadonlyMap<string, number> = new Map([
  ['Ki', 1 / 1024 ** 2],
  ['Mi', 1 / 1024],
  ['Gi', 1],
  ['M', 1e6 / 1024 ** 3],
  ['G', 1e9 / 1024 ** 3],
]);

/** `"512Mi"`, `"2Gi"`, `"1G"` → GiB. */
function memoryGibOf(value: unknown): number | undefined {
  const written = text(value, 'memory limit');
  if (written === undefined) return undefined;
  const parts = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|M|G)$/.exec(written);
  const factor = parts ? MEMORY_UNITS.get(parts[2] ?? '') : undefined;
  if (!parts || factor === undefined) throw new Unpriced(`memory limit "${written}" is not a size Cloud Run accepts`);
  return Number(parts[1]) * factor;
}

interface InstanceShape {
  vcpus: number;
  memoryGib: number;
}

/** An instance's vCPUs and memory: every container's limits, each defaulting to Cloud Run's 1 vCPU and 512 MiB. */
function instanceShape(containers: unknown, context: PriceContext): InstanceShape {
  const list = records(containers);
  let defaulted = false;
  const shape = (list.length > 0 ? list : [{}]).reduce<InstanceShape>(
    (sum, container) => {
      const limits = records(records(container.resources)[0]?.limits)[0] ?? {};
      const vcpus = vcpusOf(limits.cpu);
      const memoryGib = memoryGibOf(limits.memory);
      if (vcpus === undefined || memoryGib === undefined) defaulted = true;
      return { vcpus: sum.vcpus + (vcpus ?? DEFAULT_VCPUS), memoryGib: sum.memoryGib + (memoryGib ?? DEFAULT_MEMORY_GIB) };
    },
    { vcpus: 0, memoryGib: 0 },
  );
  if (defaulted) context.addNote(`a container without CPU or memory limits is priced at Cloud Run's defaults, ${DEFAULT_VCPUS} vCPU and 512 MiB`);
  return shape;
}

/** vCPU-seconds and GiB-seconds of `instanceSeconds` at the tier's rates, each a usage-based component. */
function allocation(shape: InstanceShape, instanceSeconds: number | undefined, rates: { cpu: number; memory: number }): CostComponent[] {
  return [
    usageComponent('CPU allocation time (tier 2)', 'vCPU-seconds', rates.cpu, instanceSeconds === undefined ? undefined : instanceSeconds * shape.vcpus),
    usageComponent('Memory allocation time (tier 2)', 'GiB-seconds', rates.memory, instanceSeconds === undefined ? undefined : instanceSeconds * shape.memoryGib),
  ];
}

interface ServiceConfig {
  containers: unknown;
  /** CPU allocated only while a request is processed (request-based billing); false bills instances all the time they run. */
  throttled: boolean;
  minInstances: number;
}

function v1Config(attributes: Record<string, unknown>): ServiceConfig {
  const template = records(attributes.template)[0] ?? {};
  const annotations = records(records(template.metadata)[0]?.annotations)[0] ?? {};
  const throttling = flag(annotations['run.googleapis.com/cpu-throttling'], 'run.googleapis.com/cpu-throttling');
  return {
    containers: records(template.spec)[0]?.containers,
    throttled: throttling !== false,
    minInstances: amount(annotations['autoscaling.knative.dev/minScale'], 'autoscaling.knative.dev/minScale') ?? 0,
  };
}

function v2Config(attributes: Record<string, unknown>): ServiceConfig {
  const template = records(attributes.template)[0] ?? {};
  const containers = records(template.containers);
  const cpuIdle = containers.map((container) => flag(records(container.resources)[0]?.cpu_idle, 'cpu_idle'));
  return {
    containers: template.containers,
    throttled: !cpuIdle.includes(false),
    minInstances: amount(records(template.scaling)[0]?.min_instance_count, 'min_instance_count') ?? 0,
  };
}

/**
 * Request-based billing: instance time is requests × average duration ÷ requests served at once
 * (`monthly_requests`, `request_duration_ms`, `concurrent_requests_per_instance`); plus a fee per
 * request. Without a concurrency figure each request is priced as holding an instance alone, the most it can cost.
 */
function requestBased(resource: Resource, shape: InstanceShape, minInstances: number, context: PriceContext): CostComponent[] {
  const types = [SERVICE_V2, SERVICE_V1];
  const rates = { cpu: tierRate(context, types, 'CPU allocation time (tier 2)'), memory: tierRate(context, types, 'Memory allocation time (tier 2)') };
  const requests = usageOf(context.usage, resource.address, 'monthly_requests');
  const durationMs = usageOf(context.usage, resource.address, 'request_duration_ms');
  let concurrency = usageOf(context.usage, resource.address, 'concurrent_requests_per_instance');
  if (requests !== undefined && durationMs !== undefined && concurrency === undefined) {
    context.addNote('concurrent_requests_per_instance is not in the usage file: each request is priced as holding an instance alone, the most it can cost');
    concurrency = 1;
  }
  if (concurrency === 0) throw new Unpriced('concurrent_requests_per_instance is 0');
  const instanceSeconds = requests === undefined || durationMs === undefined || concurrency === undefined ? undefined : (requests * (durationMs / 1000)) / concurrency;
  if (minInstances > 0) context.addNote(`${minInstances} minimum instances also bill their idle time at Cloud Run's idle rate, which the data does not have`);
  return [...allocation(shape, instanceSeconds, rates), usageComponent('Number of requests', 'requests', tierRate(context, types, 'Number of requests'), requests)];
}

/**
 * Instance-based billing (CPU always allocated): every instance-second at the instance-based
 * rates, which jobs share. The minimum instances run all month, so they are the floor; the usage
 * file's `instance_hrs` (instance-hours a month) raises it.
 */
function instanceBased(resource: Resource, shape: InstanceShape, minInstances: number, context: PriceContext): CostComponent[] {
  const rates = { cpu: tierRate(context, [JOB_V2], 'CPU allocation time (tier 2)'), memory: tierRate(context, [JOB_V2], 'Memory allocation time (tier 2)') };
  const floorHours = minInstances * HOURS_PER_MONTH;
  const usedHours = usageOf(context.usage, resource.address, 'instance_hrs');
  if (usedHours !== undefined && usedHours > floorHours) return allocation(shape, usedHours * SECONDS_PER_HOUR, rates);
  if (floorHours === 0) return allocation(shape, undefined, rates);
  context.addNote(`${minInstances} minimum instances with CPU always allocated run all month`);
  const seconds = floorHours * SECONDS_PER_HOUR;
  return [
    component('CPU allocation time (tier 2)', 'vCPU-seconds', seconds * shape.vcpus, rates.cpu),
    component('Memory allocation time (tier 2)', 'GiB-seconds', seconds * shape.memoryGib, rates.memory),
  ];
}

/**
 * `google_cloud_run_service`, `google_cloud_run_v2_service`: vCPU and memory allocation time and
 * requests at Cloud Run's tier 2 rates, billed per request (the default) or, with CPU always
 * allocated, per instance. Cloud Run's monthly free tier (per billing account) is not applied.
 */
export const cloudRunServicePricer: Pricer = {
  types: [SERVICE_V1, SERVICE_V2],
  price(resource, context) {
    checkTier(gcpRegion(resource, context));
    const attributes = attributesOf(resource);
    const config = resource.type === SERVICE_V1 ? v1Config(attributes) : v2Config(attributes);
    const shape = instanceShape(config.containers, context);
    return { components: config.throttled ? requestBased(resource, shape, config.minInstances, context) : instanceBased(resource, shape, config.minInstances, context) };
  },
};

/**
 * `google_cloud_run_v2_job`: every task's run time at the instance-based tier 2 rates, from
 * `monthly_job_executions` × `task_count` (default 1) × `average_task_execution_mins`.
 */
export const cloudRunJobPricer: Pricer = {
  types: [JOB_V2],
  price(resource, context) {
    checkTier(gcpRegion(resource, context));
    const template = records(attributesOf(resource).template)[0] ?? {};
    const tasks = amount(template.task_count, 'task_count') ?? 1;
    const shape = instanceShape(records(template.template)[0]?.containers, context);
    const executions = usageOf(context.usage, resource.address, 'monthly_job_executions');
    const minutes = usageOf(context.usage, resource.address, 'average_task_execution_mins');
    const instanceSeconds = executions === undefined || minutes === undefined ? undefined : executions * tasks * minutes * 60;
    const rates = { cpu: tierRate(context, [JOB_V2], 'CPU allocation time (tier 2)'), memory: tierRate(context, [JOB_V2], 'Memory allocation time (tier 2)') };
    return { components: allocation(shape, instanceSeconds, rates) };
  },
};
