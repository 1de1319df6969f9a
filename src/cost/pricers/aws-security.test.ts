import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { awsResource, expectPricedAt, priceAdded } from './pricer-test-support.js';

/** Monthly figures hand-computed from rows of component-unit-prices.csv (us-east-1, 730 hours a month). */
describe('security and identity pricers, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // 2 domain controllers × 36.50 = 73.00
    ['Simple AD, small', awsResource('aws_directory_service_directory', { type: 'SimpleAD', size: 'Small' }), 73],
    // 2 × 36.50 (AD Connector, Small) = 73.00
    ['AD Connector, small', awsResource('aws_directory_service_directory', { type: 'ADConnector', size: 'Small' }), 73],
    // no edition: Enterprise, 2 × 146 = 292.00
    ['Microsoft AD without an edition', awsResource('aws_directory_service_directory', { type: 'MicrosoftAD' }), 292],
    // 4 controllers asked for × 43.80 (Standard) = 175.20
    ['Microsoft AD with four controllers', awsResource('aws_directory_service_directory', { type: 'MicrosoftAD', edition: 'Standard', desired_number_of_domain_controllers: 4 }), 175.2],
    // CloudFormation Simple AD, Large: 2 × 109.50 = 219.00
    ['CloudFormation Simple AD', awsResource('AWS::DirectoryService::SimpleAD', { Size: 'Large' }), 219],
    // 400 a month; certificates on use
    ['private CA', awsResource('aws_acmpca_certificate_authority', { certificate_authority_configuration: [{ key_algorithm: 'RSA_4096' }] }), 400],
    // short-lived mode: 50 a month
    ['short-lived certificate CA', awsResource('aws_acmpca_certificate_authority', { usage_mode: 'SHORT_LIVED_CERTIFICATE' }), 50],
    // Web ACL 5 + 2 own rules × 1 = 7; the GROUP rule on use
    [
      'WAF Classic web ACL',
      awsResource('aws_waf_web_acl', { rules: [{ type: 'REGULAR', rule_id: 'a' }, { type: 'RATE_BASED', rule_id: 'b' }, { type: 'GROUP', rule_id: 'c' }] }),
      7,
    ],
    // Web ACL 5 + 1 own rule = 6; the managed rule group on use
    [
      'WAFv2 web ACL',
      awsResource('aws_wafv2_web_acl', { rule: [{ name: 'rate', statement: [{ rate_based_statement: [{ limit: 100 }] }] }, { name: 'managed', statement: [{ managed_rule_group_statement: [{ name: 'AWSManagedRulesCommonRuleSet' }] }] }] }),
      6,
    ],
    // 2 endpoints × 730 × 0.395 = 576.70
    ['network firewall in two subnets', awsResource('aws_networkfirewall_firewall', { subnet_mapping: [{ subnet_id: 'a' }, { subnet_id: 'b' }] }), 576.7],
    // 730 × 1.60 = 1,168.00
    ['CloudHSM', awsResource('aws_cloudhsm_v2_hsm', { cluster_id: 'c' }), 1168],
    // 1 a month
    ['KMS key with imported material', awsResource('aws_kms_external_key', { description: 'k' }), 1],
  ])('%s', (_name, item, expected) => expectPricedAt(item, expected));

  it('prices web ACL requests from the usage file', () => {
    // 5 + 2,000,000 requests = 2 × 0.60 = 1.20
    const cost = priceAdded(awsResource('aws_wafv2_web_acl', {}), { monthly_requests: 2_000_000 });
    expect(cost.after).toBeCloseTo(6.2, 6);
  });
});

describe('security and identity: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['Simple AD without a size', awsResource('aws_directory_service_directory', { type: 'SimpleAD' }), /needs its size/],
    ['AD Connector size the data lacks', awsResource('aws_directory_service_directory', { type: 'ADConnector', size: 'Large' }), /AD Connector, Large/],
    ['firewall without subnets', awsResource('aws_networkfirewall_firewall', {}), /maps no subnets/],
  ])('%s', (_name, item, reason) => {
    const cost = priceAdded(item);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});

describe('security and identity: quantities from the usage file', () => {
  it.each<[string, Resource, Record<string, number>, number]>([
    // 400 + 1,000 × 0.75 = 750.00 (first tier only)
    ['private CA issuing 1,000 certificates', awsResource('aws_acmpca_certificate_authority', {}), { monthly_requests: 1000 }, 1150],
    // 400 + 750.00 + 9,000 × 0.35 = 3,150.00 + 10,001 × 0.0009999 = 10.0000
    ['private CA issuing 20,001 certificates, three tiers', awsResource('aws_acmpca_certificate_authority', {}), { monthly_requests: 20001 }, 400 + 750 + 3150 + 10001 * 0.0009999],
    // short-lived mode: 50 + 20,001 × 0.058 = 1,160.058, one rate
    ['short-lived CA', awsResource('aws_acmpca_certificate_authority', { usage_mode: 'SHORT_LIVED_CERTIFICATE' }), { monthly_requests: 20001 }, 50 + 20001 * 0.058],
    // (2 + 3 additional) controllers × 36.50 = 182.50; Simple AD has no directory sharing
    ['Simple AD with 3 additional controllers', awsResource('aws_directory_service_directory', { type: 'SimpleAD', size: 'Small' }), { additional_domain_controllers: 3, shared_accounts: 5 }, 182.5],
    // (2 + 4) × 43.80 = 262.80 + 8 shared accounts × 13.14 = 105.12
    // 100 hours × 1.60 = 160.00
    ['CloudHSM running 100 hours', awsResource('aws_cloudhsm_v2_hsm', { cluster_id: 'c' }), { monthly_hrs: 100 }, 160],
    ['Microsoft AD with 4 additional controllers, shared with 8 accounts', awsResource('aws_directory_service_directory', { type: 'MicrosoftAD', edition: 'Standard' }), { additional_domain_controllers: 4, shared_accounts: 8 }, 262.8 + 105.12],
    // the configuration asks for more controllers (6) than the usage file's 2 + 1: 6 × 43.80 = 262.80
    ['configured controllers above the usage file', awsResource('aws_directory_service_directory', { type: 'MicrosoftAD', edition: 'Standard', desired_number_of_domain_controllers: 6 }), { additional_domain_controllers: 1 }, 262.8],
  ])('%s', (_name, item, usage, expected) => {
    const cost = priceAdded(item, usage);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });

  it('splits certificates over the tiers they reach', () => {
    const cost = priceAdded(awsResource('aws_acmpca_certificate_authority', {}), { monthly_requests: 5000 });
    expect(cost.lines[0]?.components.slice(1).map((part) => [part.name, part.quantity])).toEqual([
      ['Certificates (first 1K)', 1000],
      ['Certificates (next 9K)', 4000],
    ]);
  });
});
