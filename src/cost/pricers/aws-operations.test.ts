import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { awsResource, expectPricedAt, priceAdded } from './pricer-test-support.js';

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
  ])('%s', (_name, item, expected) => expectPricedAt(item, expected));

  it('says a Grafana workspace assumes one editor', () => {
    const cost = priceAdded(awsResource('aws_grafana_workspace', {}));
    expect(cost.lines[0]).toMatchObject({ approximate: true });
    expect(cost.lines[0]?.note).toMatch(/one editor\/administrator licence assumed/);
  });
});

describe('services billed only on use show their unit prices', () => {
  it.each<[string, Resource, [string, number][]]>([
    // rows: Management events (additional copies) 2.00, Data events 0.10, Insight events 0.35 per 100k events
    ['trail with insights', awsResource('aws_cloudtrail', { s3_bucket_name: 'b', insight_selector: [{ insight_type: 'ApiCallRateInsight' }] }), [['Management events (additional copies)', 2], ['Data events', 0.1], ['Insight events', 0.35]]],
    ['trail excluding management events', awsResource('aws_cloudtrail', { s3_bucket_name: 'b', event_selector: [{ include_management_events: false }] }), [['Data events', 0.1]]],
    // Linux (general1.medium) 0.01 and Windows (general1.large) 0.036 per build minute
    ['Linux build project', awsResource('aws_codebuild_project', { environment: [{ compute_type: 'BUILD_GENERAL1_MEDIUM', type: 'LINUX_CONTAINER' }] }), [['Linux (general1.medium)', 0.01]]],
    ['Windows build project', awsResource('aws_codebuild_project', { environment: [{ compute_type: 'BUILD_GENERAL1_LARGE', type: 'WINDOWS_SERVER_2019_CONTAINER' }] }), [['Windows (general1.large)', 0.036]]],
    // 0.001 per evaluation
    ['Config rule', awsResource('aws_config_config_rule', { name: 'r' }), [['Rule evaluations (first 100K)', 0.001]]],
    // 0.00695 per instance-hour
    ['SSM activation', awsResource('aws_ssm_activation', { iam_role: 'r' }), [['On-prem managed instances (advanced)', 0.00695]]],
  ])('%s', (_name, item, rows) => {
    const cost = priceAdded(item);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBe(0);
    expect(cost.lines[0]?.components.map((part) => [part.name, part.unitPrice])).toEqual(rows);
    expect(cost.lines[0]?.components.every((part) => part.usageBased)).toBe(true);
  });
});

describe('monitoring and operations: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['alarm on expressions only', awsResource('aws_cloudwatch_metric_alarm', { metric_query: [{ id: 'e1', expression: 'SEARCH(x)' }] }), /watches no metric/],
    ['MWAA class the data lacks', awsResource('aws_mwaa_environment', { environment_class: 'mw1.xlarge' }), /Environment \(Xlarge\)/],
    ['cache size the data lacks', awsResource('aws_api_gateway_stage', { cache_cluster_enabled: true, cache_cluster_size: 1.6 }), /Cache memory \(1.6 GB\)/],
    ['build project without an environment', awsResource('aws_codebuild_project', { name: 'p' }), /no build environment/],
    ['build compute type the data lacks', awsResource('aws_codebuild_project', { environment: [{ compute_type: 'BUILD_GENERAL1_SMALL', type: 'WINDOWS_SERVER_2019_CONTAINER' }] }), /Windows \(general1.small\)/],
  ])('%s', (_name, item, reason) => {
    const cost = priceAdded(item);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});

describe('monitoring and operations: quantities from the usage file', () => {
  it.each<[string, Resource, Record<string, number>, number]>([
    // 10,000 minutes × 0.01 = 100.00
    ['Linux build minutes', awsResource('aws_codebuild_project', { environment: [{ compute_type: 'BUILD_GENERAL1_MEDIUM', type: 'LINUX_CONTAINER' }] }), { monthly_build_mins: 10000 }, 100],
    // 100K × 0.001 = 100.00 + 400K × 0.0008 = 320.00 + 500K × 0.0005 = 250.00
    ['a million Config rule evaluations, three tiers', awsResource('aws_config_config_rule', { name: 'r' }), { monthly_rule_evaluations: 1_000_000 }, 670],
    // within the first tier: 50K × 0.001 = 50.00
    ['organization managed rule evaluations', awsResource('aws_config_organization_managed_rule', { name: 'r' }), { monthly_rule_evaluations: 50_000 }, 50],
    // 2 editors × 9 = 18.00 + 3 viewers × 5 = 15.00
    ['Grafana licences', awsResource('aws_grafana_workspace', {}), { editors_administrator_licenses: 2, viewer_licenses: 3 }, 33],
    // large: 722.70 + 2.5 workers × 730 × 0.22 = 401.50 + 3 schedulers × 730 × 0.22 = 481.80 + 1,000 GB × 0.10 = 100.00
    ['MWAA additional workers, schedulers and database', awsResource('aws_mwaa_environment', { environment_class: 'mw1.large' }), { additional_workers: 2.5, additional_schedulers: 3, meta_database_gb: 1000 }, 722.7 + 401.5 + 481.8 + 100],
    // 100K management events × 2 per 100k = 2.00 + 200K data events × 0.10 = 0.20 + 300K insight events × 0.35 = 1.05
    ['CloudTrail events', awsResource('aws_cloudtrail', { s3_bucket_name: 'b', insight_selector: [{ insight_type: 'ApiCallRateInsight' }] }), { monthly_additional_management_events: 100_000, monthly_data_events: 200_000, monthly_insight_events: 300_000 }, 3.25],
    // 100 instances × 730 hours × 0.00695 = 507.35
    ['SSM activation instances', awsResource('aws_ssm_activation', { iam_role: 'r' }), { instances: 100 }, 507.35],
  ])('%s', (_name, item, usage, expected) => {
    const cost = priceAdded(item, usage);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });

  it('counts Grafana editors from the usage file exactly, without the one-editor assumption', () => {
    const cost = priceAdded(awsResource('aws_grafana_workspace', {}), { editors_administrator_licenses: 4 });
    expect(cost.lines[0]?.approximate).toBeFalsy();
    expect(cost.lines[0]?.components[0]).toMatchObject({ name: 'Editor/administrator licence × 4', quantity: 4 });
  });
});
