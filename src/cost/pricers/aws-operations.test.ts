import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { awsResource, consistent, priceAdded } from './pricer-test-support.js';

const metric = (period: number) => ({ metric_name: 'CPUUtilization', namespace: 'AWS/EC2', period, stat: 'Average' });

/** Monthly figures hand-computed from rows of component-unit-prices.csv (us-east-1, 730 hours a month). */
describe('monitoring and operations pricers, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // one standard-resolution metric: 0.10
    ['standard alarm', awsResource('aws_cloudwatch_metric_alarm', { metric_name: 'CPUUtilization', period: '120' }), 0.1],
    // period under a minute: high resolution, 0.30
    ['high-resolution alarm', awsResource('aws_cloudwatch_metric_alarm', { metric_name: 'CPUUtilization', period: '10' }), 0.3],
    // two metrics behind an expression: 2 × 0.10 = 0.20
    ['expression over two metrics', awsResource('aws_cloudwatch_metric_alarm', { metric_query: [{ id: 'e1', expression: 'm2/m1*100' }, { id: 'm1', metric: [metric(120)] }, { id: 'm2', metric: [metric(120)] }] }), 0.2],
    // anomaly band on a 30 s metric: 3 × 0.30 = 0.90
    ['anomaly detection alarm', awsResource('aws_cloudwatch_metric_alarm', { metric_query: [{ id: 'e1', expression: 'ANOMALY_DETECTION_BAND(m1)' }, { id: 'm1', metric: [metric(30)] }] }), 0.9],
    // 3 a month
    ['dashboard', awsResource('aws_cloudwatch_dashboard', { dashboard_name: 'd' }), 3],
    // one editor licence: 9
    ['Grafana workspace', awsResource('aws_grafana_workspace', { account_access_type: 'CURRENT_ACCOUNT' }), 9],
    // default mw1.small: 730 × 0.49 = 357.70
    ['MWAA without a class', awsResource('aws_mwaa_environment', { name: 'e' }), 357.7],
    // class in any case: 730 × 0.99 = 722.70
    ['MWAA large', awsResource('aws_mwaa_environment', { environment_class: 'mW1.laRgE' }), 722.7],
    // 730 × 0.02 = 14.60
    ['stage with a 0.5 GB cache', awsResource('aws_api_gateway_stage', { cache_cluster_enabled: true, cache_cluster_size: 0.5 }), 14.6],
    // 730 × 3.80 = 2,774.00
    ['stage with a 237 GB cache', awsResource('aws_api_gateway_stage', { cache_cluster_enabled: true, cache_cluster_size: '237' }), 2774],
    // caching off: nothing to pay on the stage
    ['stage without a cache', awsResource('aws_api_gateway_stage', { cache_cluster_enabled: false, cache_cluster_size: 237 }), 0],
  ])('%s', (_name, item, expected) => {
    const cost = priceAdded(item);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
    expect(consistent(cost)).toBe(true);
  });

  it('says a Grafana workspace assumes one editor', () => {
    const cost = priceAdded(awsResource('aws_grafana_workspace', {}));
    expect(cost.lines[0]).toMatchObject({ approximate: true });
    expect(cost.lines[0]?.note).toMatch(/one editor\/administrator licence assumed/);
  });
});

describe('monitoring and operations: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['alarm on expressions only', awsResource('aws_cloudwatch_metric_alarm', { metric_query: [{ id: 'e1', expression: 'SEARCH(x)' }] }), /watches no metric/],
    ['MWAA class the data lacks', awsResource('aws_mwaa_environment', { environment_class: 'mw1.xlarge' }), /Environment \(Xlarge\)/],
    ['cache size the data lacks', awsResource('aws_api_gateway_stage', { cache_cluster_enabled: true, cache_cluster_size: 1.6 }), /Cache memory \(1.6 GB\)/],
  ])('%s', (_name, item, reason) => {
    const cost = priceAdded(item);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});
