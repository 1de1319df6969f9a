import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { awsResource, priceAdded } from './pricer-test-support.js';

/** Monthly figures hand-computed from rows of component-unit-prices.csv (us-east-1, 730 hours a month). */
describe('dedicated host pricer', () => {
  it.each<[string, Resource, number]>([
    // c5 family from the instance type: 730 × 3.366 = 2,457.18
    ['host for c5.18xlarge', awsResource('aws_ec2_host', { instance_type: 'c5.18xlarge', availability_zone: 'us-east-1a' }), 2457.18],
    // mac1: 730 × 1.083 = 790.59
    ['Mac host', awsResource('aws_ec2_host', { instance_type: 'mac1.metal', availability_zone: 'us-east-1a' }), 790.59],
    // instance_family c5: the same 2,457.18
    ['host by family', awsResource('aws_ec2_host', { instance_family: 'c5', availability_zone: 'us-east-1a' }), 2457.18],
  ])('%s', (_name, item, expected) => {
    const cost = priceAdded(item);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });

  it('is unpriced, with the row it lacks, for a family the data has no on-demand rate for', () => {
    const cost = priceAdded(awsResource('aws_ec2_host', { instance_family: 'm5', availability_zone: 'us-east-1a' }));
    expect(cost.unpriced[0]?.reason).toMatch(/EC2 Dedicated Host \(on-demand, m5\)/);
  });
});
