import { describe, expect, it } from 'vitest';
import { parseUsage, usageOf } from './usage.js';

describe('parseUsage', () => {
  it('reads tollgate usage files and names a bad key with what is allowed', () => {
    const { usage, errors } = parseUsage('version: 1\nresources:\n  aws_lambda_function.api:\n    monthly_requests: 2000000\n    monthly_invocations: 5\n', 'usage.yml');
    expect(usageOf(usage, 'aws_lambda_function.api', 'monthly_requests')).toBe(2_000_000);
    expect(errors).toEqual([expect.stringMatching(/^usage.yml: resources.aws_lambda_function.api.monthly_invocations is not a usage key \(known: monthly_requests, /)]);
  });

  it('reads an Infracost usage file: the keys tollgate shares apply, the rest are named once', () => {
    const infracost = [
      'version: 0.1',
      'resource_usage:',
      '  aws_lambda_function.api:',
      '    monthly_requests: 100000',
      '    request_duration_ms: 250',
      '  aws_mq_broker.queue:',
      '    storage_size_gb: 30',
      '  google_container_cluster.gke:',
      '    node_pool[0]:',
      '      nodes: 4',
      '',
    ].join('\n');
    const { usage, errors } = parseUsage(infracost, 'infracost-usage.yml');
    expect(usageOf(usage, 'aws_lambda_function.api', 'monthly_requests')).toBe(100_000);
    expect(usageOf(usage, 'aws_lambda_function.api', 'request_duration_ms')).toBe(250);
    expect(errors).toEqual([expect.stringMatching(/^infracost-usage.yml: an Infracost usage file; 2 of its keys are not tollgate usage keys and were not read \(node_pool\[0\], storage_size_gb\); tollgate reads monthly_requests, /)]);
  });

  it("reads Infracost's names for tollgate's keys: request duration, access operations, ingress data", () => {
    const infracost = [
      'version: 0.1',
      'resource_usage:',
      '  google_cloud_run_v2_service.api:',
      '    average_request_duration_ms: 3600',
      '    concurrent_requests_per_instance: 4',
      '  google_secret_manager_secret_version.key:',
      '    monthly_access_operations: 25000',
      '  google_compute_forwarding_rule.web:',
      '    monthly_ingress_data_gb: 100',
      '',
    ].join('\n');
    const { usage, errors } = parseUsage(infracost, 'infracost-usage.yml');
    expect(usageOf(usage, 'google_cloud_run_v2_service.api', 'request_duration_ms')).toBe(3600);
    expect(usageOf(usage, 'google_cloud_run_v2_service.api', 'concurrent_requests_per_instance')).toBe(4);
    expect(usageOf(usage, 'google_secret_manager_secret_version.key', 'monthly_requests')).toBe(25_000);
    expect(usageOf(usage, 'google_compute_forwarding_rule.web', 'monthly_data_processed_gb')).toBe(100);
    expect(errors).toEqual([]);
  });
});
