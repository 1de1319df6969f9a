import { attributesOf, requiredText, type Pricer } from '../pricing.js';
import { rowHours } from './aws-rows.js';

/**
 * `aws_ec2_host`, `AWS::EC2::Host`: a dedicated host is billed per hour by instance family
 * (`instance_family`, or the family of `instance_type`), whatever runs on it. On-demand rates
 * only; reserved host pricing is a purchase, not configuration.
 */
export const dedicatedHostPricer: Pricer = {
  types: ['aws_ec2_host', 'AWS::EC2::Host'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const family = attributes.instance_family ?? attributes.InstanceFamily;
    const written = family !== undefined && family !== null && family !== '' ? requiredText(family, 'instance family') : requiredText(attributes.instance_type ?? attributes.InstanceType, 'instance type or family');
    const name = written.split('.')[0] ?? written;
    return { components: [rowHours(resource, context, 'aws_ec2_host', `EC2 Dedicated Host (on-demand, ${name})`)] };
  },
};
