import { describe, expect, it } from 'vitest';
import { consistent, expectPricedAt, priceAdded, terraformResource } from './pricer-test-support.js';

/**
 * Figures from the google rows of component-unit-prices.csv: Cloud Run's tier 2 request-based
 * rates (CPU 0.0000336 per vCPU-second, memory 0.0000035 per GiB-second, 0.0000004 per request)
 * and its instance-based rates, the job rows (0.0000216, 0.0000024).
 */
const FRANKFURT = 'europe-west3';

function v2Service(template: Record<string, unknown>): ReturnType<typeof terraformResource> {
  return terraformResource('google_cloud_run_v2_service', { location: FRANKFURT, template: [template] });
}

const plainV2 = v2Service({ containers: [{ image: 'hello' }] });

describe('Cloud Run services', () => {
  it('shows request-based billing as unit prices without a usage file', () => {
    const cost = priceAdded(plainV2);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBe(0);
    expect(cost.lines[0]?.components).toEqual([
      { name: 'CPU allocation time (tier 2)', unit: 'vCPU-seconds', quantity: 0, unitPrice: 0.0000336, monthly: 0, usageBased: true },
      { name: 'Memory allocation time (tier 2)', unit: 'GiB-seconds', quantity: 0, unitPrice: 0.0000035, monthly: 0, usageBased: true },
      { name: 'Number of requests', unit: 'requests', quantity: 0, unitPrice: 0.0000004, monthly: 0, usageBased: true },
    ]);
  });

  it('prices instance time as requests × duration ÷ concurrency, at the default 1 vCPU and 512 MiB', () => {
    // 500,000 requests × 3.6 s ÷ 1 = 1,800,000 instance-seconds: CPU 1,800,000 × 0.0000336 = 60.48,
    // memory 900,000 GiB-s × 0.0000035 = 3.15, requests 500,000 × 0.0000004 = 0.20 → 63.83
    const cost = priceAdded(plainV2, { monthly_requests: 500_000, request_duration_ms: 3600, concurrent_requests_per_instance: 1 });
    expect(cost.after).toBeCloseTo(63.83, 6);
    expect(consistent(cost)).toBe(true);
    expect(cost.lines[0]?.note).toMatch(/Cloud Run's defaults, 1 vCPU and 512 MiB/);
    // four requests at a time share an instance: a quarter of the instance time, the same request fee
    expect(priceAdded(plainV2, { monthly_requests: 500_000, request_duration_ms: 3600, concurrent_requests_per_instance: 4 }).after).toBeCloseTo(63.63 / 4 + 0.2, 6);
  });

  it('prices a request alone on an instance when the usage file gives no concurrency, and says so', () => {
    const cost = priceAdded(plainV2, { monthly_requests: 500_000, request_duration_ms: 3600 });
    expect(cost.after).toBeCloseTo(63.83, 6);
    expect(cost.lines[0]?.note).toMatch(/each request is priced as holding an instance alone/);
  });

  it('reads the containers’ limits: 2 vCPUs and 1 GiB', () => {
    const sized = v2Service({ containers: [{ image: 'hello', resources: [{ limits: { cpu: '2000m', memory: '1Gi' } }] }] });
    // 100,000 × 1 s ÷ 2 = 50,000 instance-seconds: 100,000 vCPU-s × 0.0000336 = 3.36 + 50,000 GiB-s × 0.0000035 = 0.175 + 0.04 → 3.575
    expect(priceAdded(sized, { monthly_requests: 100_000, request_duration_ms: 1000, concurrent_requests_per_instance: 2 }).after).toBeCloseTo(3.575, 6);
  });

  it('bills CPU-always-allocated minimum instances all month at the instance-based rates, with or without usage', () => {
    const alwaysOn = v2Service({ containers: [{ image: 'hello', resources: [{ cpu_idle: false, limits: { cpu: '1', memory: '512Mi' } }] }], scaling: [{ min_instance_count: 2 }] });
    // 2 × 730 h × 3600 = 5,256,000 s: CPU × 0.0000216 = 113.5296 + 2,628,000 GiB-s × 0.0000024 = 6.3072 → 119.8368
    expectPricedAt(alwaysOn, 119.8368);
    expect(priceAdded(alwaysOn).lines[0]?.components.map((part) => part.name)).toEqual(['CPU allocation time (tier 2)', 'Memory allocation time (tier 2)']);
    // instance_hrs 2,000 > the 1,460 of the floor: 7,200,000 s × 0.0000216 = 155.52 + 3,600,000 × 0.0000024 = 8.64 → 164.16
    expect(priceAdded(alwaysOn, { instance_hrs: 2000 }).after).toBeCloseTo(164.16, 6);
    // fewer hours than the minimum instances run: the floor stands
    expect(priceAdded(alwaysOn, { instance_hrs: 100 }).after).toBeCloseTo(119.8368, 6);
  });

  it('reads a v1 service’s CPU-throttling and minimum-scale annotations on its template', () => {
    const v1 = terraformResource('google_cloud_run_service', {
      location: FRANKFURT,
      template: [{ metadata: [{ annotations: { 'run.googleapis.com/cpu-throttling': 'false', 'autoscaling.knative.dev/minScale': '1' } }], spec: [{ containers: [{ image: 'hello' }] }] }],
    });
    // 730 h × 3600 = 2,628,000 s × 0.0000216 = 56.7648 + 1,314,000 GiB-s × 0.0000024 = 3.1536 → 59.9184
    expectPricedAt(v1, 59.9184);
  });
});

describe('Cloud Run jobs', () => {
  it('prices executions × tasks × minutes at the instance-based rates', () => {
    const job = terraformResource('google_cloud_run_v2_job', { location: FRANKFURT, template: [{ task_count: 2, template: [{ containers: [{ image: 'hello' }] }] }] });
    expect(priceAdded(job).after).toBe(0);
    // 50,000 × 2 tasks × 10 min × 60 = 60,000,000 s × 0.0000216 = 1,296 + 30,000,000 GiB-s × 0.0000024 = 72 → 1,368
    expect(priceAdded(job, { monthly_job_executions: 50_000, average_task_execution_mins: 10 }).after).toBeCloseTo(1368, 6);
  });
});

describe('Cloud Run: unpriced, never $0', () => {
  it.each<[string, ReturnType<typeof terraformResource>, RegExp]>([
    ['a tier 1 region', terraformResource('google_cloud_run_v2_service', { location: 'us-central1', template: [{ containers: [{ image: 'hello' }] }] }), /us-central1 is not a Cloud Run tier 2 region/],
    ['a memory limit Cloud Run does not accept', v2Service({ containers: [{ image: 'hello', resources: [{ limits: { cpu: '1', memory: '512XB' } }] }] }), /memory limit "512XB"/],
    ['a CPU limit that is not a count', v2Service({ containers: [{ image: 'hello', resources: [{ limits: { cpu: 'lots', memory: '1Gi' } }] }] }), /cpu limit "lots"/],
  ])('%s', (_name, item, reason) => {
    const cost = priceAdded(item);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});
