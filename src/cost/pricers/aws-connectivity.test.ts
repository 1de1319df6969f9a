import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { awsResource, expectPricedAt, priceAdded } from './pricer-test-support.js';

/** Monthly figures hand-computed from rows of component-unit-prices.csv (us-east-1, 730 hours a month). */
describe('connectivity pricers, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // Health check 0.75 + Optional features 2 × 4 (HTTPS, string match, latency, 10 s interval) = 8.75
    ['health check with every optional feature', awsResource('aws_route53_health_check', { type: 'HTTPS_STR_MATCH', measure_latency: true, request_interval: '10', fqdn: 'example.com' }), 8.75],
    // Health check 0.75, no optional feature
    ['plain HTTP health check', awsResource('aws_route53_health_check', { type: 'HTTP', request_interval: 30, fqdn: 'example.com' }), 0.75],
    // no endpoint: the AWS-endpoint rate, 0.50 (data/list-prices.csv, Route 53 pricing page)
    ['calculated health check', awsResource('aws_route53_health_check', { type: 'CALCULATED', child_healthchecks: ['a'] }), 0.5],
    ['CloudFormation CloudWatch-metric health check', awsResource('AWS::Route53::HealthCheck', { HealthCheckConfig: { Type: 'CLOUDWATCH_METRIC', AlarmIdentifier: { Name: 'a', Region: 'us-east-1' } } }), 0.5],
    // CloudFormation HTTPS: 0.75 + 2 × 1 = 2.75
    ['CloudFormation HTTPS health check', awsResource('AWS::Route53::HealthCheck', { HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'example.com' } }), 2.75],
    // 2 IP addresses × 730 × 0.125 = 182.50; DNS queries on use
    ['resolver endpoint', awsResource('aws_route53_resolver_endpoint', { direction: 'INBOUND', ip_address: [{ subnet_id: 'a' }, { subnet_id: 'b' }] }), 182.5],
    // VPN connection 730 × 0.05 = 36.50
    ['VPN connection to a virtual private gateway', awsResource('aws_vpn_connection', { vpn_gateway_id: 'vgw-1', type: 'ipsec.1' }), 36.5],
    // VPN connection 36.50 + transit gateway attachment 730 × 0.05 = 36.50
    ['VPN connection to a transit gateway', awsResource('aws_vpn_connection', { transit_gateway_id: 'tgw-1', type: 'ipsec.1' }), 73],
    // attachment 730 × 0.05 = 36.50; data processed on use
    ['transit gateway VPC attachment', awsResource('aws_ec2_transit_gateway_vpc_attachment', { transit_gateway_id: 'tgw-1' }), 36.5],
    ['transit gateway peering attachment', awsResource('aws_ec2_transit_gateway_peering_attachment', { transit_gateway_id: 'tgw-1' }), 36.5],
    // 730 × 0.10 = 73.00
    ['client VPN network association', awsResource('aws_ec2_client_vpn_network_association', { subnet_id: 'subnet-1' }), 73],
    // connection-hours on use only
    ['client VPN endpoint', awsResource('aws_ec2_client_vpn_endpoint', { server_certificate_arn: 'arn' }), 0],
    // 730 × 0.015 = 10.95
    ['traffic mirror session', awsResource('aws_ec2_traffic_mirror_session', { network_interface_id: 'eni-1' }), 10.95],
    // 730 × 0.025 = 18.25
    ['global accelerator', awsResource('aws_globalaccelerator_accelerator', { name: 'a' }), 18.25],
    // 730 × 0.30 = 219.00
    ['1 Gbps Direct Connect port', awsResource('aws_dx_connection', { bandwidth: '1Gbps', location: 'EqDC2' }), 219],
    // transit gateway attachment 730 × 0.05 = 36.50
    ['Direct Connect gateway to a transit gateway', awsResource('aws_dx_gateway_association', { dx_gateway_id: 'dx-1', associated_gateway_id: 'tgw-1' }), 36.5],
  ])('%s', (_name, item, expected) => expectPricedAt(item, expected));

  it('marks endpoint health checks approximate: the data has only the rate for endpoints outside AWS', () => {
    const cost = priceAdded(awsResource('aws_route53_health_check', { type: 'HTTP', fqdn: 'example.com' }));
    expect(cost.lines[0]).toMatchObject({ approximate: true });
    expect(cost.lines[0]?.note).toMatch(/outside AWS/);
  });

  it('prices a check without an endpoint exactly, at the AWS-endpoint rate', () => {
    const cost = priceAdded(awsResource('aws_route53_health_check', { type: 'CLOUDWATCH_METRIC', cloudwatch_alarm_name: 'a' }));
    expect(cost.lines[0]?.approximate).toBeFalsy();
    expect(cost.lines[0]?.components).toEqual([expect.objectContaining({ name: 'Health check', quantity: 1, unitPrice: 0.5 })]);
  });

  it('prices data through a transit gateway VPN from the usage file', () => {
    // 73.00 + 100 GB × 0.02 = 2.00
    const cost = priceAdded(awsResource('aws_vpn_connection', { transit_gateway_id: 'tgw-1' }), { monthly_data_processed_gb: 100 });
    expect(cost.after).toBeCloseTo(75, 6);
  });

  it('holds a Direct Connect gateway associated with a virtual private gateway free', () => {
    const cost = priceAdded(awsResource('aws_dx_gateway_association', { dx_gateway_id: 'dx-1', associated_gateway_id: 'vgw-1' }));
    expect(cost.lines.every((line) => line.after === 0)).toBe(true);
    expect(cost.unpriced).toEqual([]);
  });
});

describe('connectivity: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['10 Gbps Direct Connect port', awsResource('aws_dx_connection', { bandwidth: '10Gbps', location: 'EqDC2' }), /10Gbps is not in the price data/],
    ['association with a gateway not known before apply', awsResource('aws_dx_gateway_association', { dx_gateway_id: 'dx-1', associated_gateway_id: unknownValue('var.gateway') }), /not known before apply \(var.gateway\)/],
    ['resolver endpoint without addresses', awsResource('aws_route53_resolver_endpoint', { direction: 'INBOUND' }), /no IP addresses/],
  ])('%s', (_name, item, reason) => {
    const cost = priceAdded(item);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});

describe('connectivity: quantities from the usage file', () => {
  it('bills resolver queries in two tiers from monthly_queries', () => {
    // 182.50 + 1B queries × 0.40 per 1M = 400.00 + 1B × 0.20 per 1M = 200.00
    const cost = priceAdded(awsResource('aws_route53_resolver_endpoint', { direction: 'INBOUND', ip_address: [{ subnet_id: 'a' }, { subnet_id: 'b' }] }), { monthly_queries: 2_000_000_000 });
    expect(cost.after).toBeCloseTo(782.5, 6);
    expect(cost.lines[0]?.components.slice(1).map((part) => [part.name, part.quantity])).toEqual([
      ['DNS queries (first 1B)', 1000],
      ['DNS queries (over 1B)', 1000],
    ]);
  });
});
