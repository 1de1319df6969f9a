import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { awsResource, expectPricedAt, priceAdded } from './pricer-test-support.js';

/** Plan prices from data/list-prices.csv (Lightsail dual-stack plans); an hour is the plan ÷ 744, a month 730 hours. */
describe('Lightsail instance pricer', () => {
  it.each<[string, Resource, number]>([
    // 16 GB Linux plan $84: 84 / 744 = 0.112903 an hour × 730 = 82.419190
    ['Linux xlarge bundle', awsResource('aws_lightsail_instance', { name: 'linux1', blueprint_id: 'centos_7_1901_01', bundle_id: 'xlarge_2_0' }), 0.112903 * 730],
    // 2 GB Windows plan $22: 22 / 744 = 0.029570 an hour × 730 = 21.5861
    ['Windows small bundle', awsResource('aws_lightsail_instance', { name: 'win1', blueprint_id: 'windows_2019', bundle_id: 'small_win_2_0' }), 0.02957 * 730],
    // current bundle version, 512 MB Linux plan $5: 5 / 744 = 0.006720 an hour × 730 = 4.9056
    ['Linux nano, version 3.0', awsResource('aws_lightsail_instance', { bundle_id: 'nano_3_0' }), 0.00672 * 730],
    // 4 GB Windows plan $44: 44 / 744 = 0.059140 an hour × 730 = 43.1722
    ['CloudFormation 4 GB Windows', awsResource('AWS::Lightsail::Instance', { InstanceName: 'w', BlueprintId: 'windows_2022', BundleId: 'medium_win_3_0' }), 0.05914 * 730],
  ])('%s', (_name, item, expected) => expectPricedAt(item, expected));

  it('prices 730 hours at the plan hourly rate and says so', () => {
    const cost = priceAdded(awsResource('aws_lightsail_instance', { bundle_id: 'medium_3_0' }));
    expect(cost.lines[0]?.components[0]).toMatchObject({ unit: 'hours', quantity: 730 });
    expect(cost.lines[0]?.components[0]?.unitPrice).toBeCloseTo(0.032258, 9);
    expect(cost.lines[0]?.note).toMatch(/plan \$24 a month; its hourly rate \(plan ÷ 744 hours\)/);
  });

  it.each<[string, Resource, RegExp]>([
    ['IPv6-only bundle', awsResource('aws_lightsail_instance', { bundle_id: 'nano_ipv6_3_0' }), /no price for the IPv6-only Lightsail bundle nano_ipv6_3_0/],
    ['bundle family outside the plans', awsResource('aws_lightsail_instance', { bundle_id: 'jumbo_3_0' }), /jumbo_3_0 is not a plan the price data covers/],
    ['Windows size with no plan', awsResource('aws_lightsail_instance', { bundle_id: '4xlarge_win_3_0' }), /Instance plan \(Windows, 64 GB\)/],
    ['no bundle', awsResource('aws_lightsail_instance', { name: 'x' }), /bundle_id/],
  ])('unpriced: %s', (_name, item, reason) => {
    const cost = priceAdded(item);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});
