import { isUnknown } from '../../iac/values.js';
import { usageOf } from '../usage.js';
import { attributesOf, component, dataProcessedComponent, HOURS_PER_MONTH, hoursPlusDataProcessed, text, Unpriced, usageComponent, type Pricer } from '../pricing.js';

/** `aws_lb`/`aws_alb`, `AWS::ElasticLoadBalancingV2::LoadBalancer`: hours by type; capacity units are usage. */
export const loadBalancerPricer: Pricer = {
  types: ['aws_lb', 'aws_alb', 'AWS::ElasticLoadBalancingV2::LoadBalancer'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const type = (text(attributes.load_balancer_type ?? attributes.Type, 'load balancer type') ?? 'application').toLowerCase();
    const hourName = type === 'application' ? 'Application load balancer' : type === 'network' ? 'Network load balancer' : undefined;
    if (!hourName) throw new Unpriced(`${type} load balancers have no price in the data`);
    const hourly = context.unitPrice('aws', 'aws_lb', region, hourName);
    // The data holds the ALB rate ($0.008 an LCU-hour) under aws_alb and the NLB rate ($0.006 an
    // NLCU-hour) under aws_lb, each from an example of that kind of balancer.
    const lcu = context.unitPrice('aws', type === 'application' ? 'aws_alb' : 'aws_lb', region, 'Load balancer capacity units');
    const lcuName = type === 'application' ? 'Load balancer capacity units' : 'Network load balancer capacity units';
    return {
      components: [
        component(hourName, 'hours', HOURS_PER_MONTH, hourly.usd),
        usageComponent(lcuName, 'LCU-month', lcu.usd, usageOf(context.usage, resource.address, 'monthly_lcu')),
      ],
    };
  },
};

/** `aws_elb`, `AWS::ElasticLoadBalancing::LoadBalancer` (classic): hours plus data processed. */
export const classicLoadBalancerPricer: Pricer = {
  types: ['aws_elb', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  price(resource, context) {
    return hoursPlusDataProcessed(resource, context, { provider: 'aws', resourceType: 'aws_elb', region: context.regionOf(resource), hours: 'Classic load balancer', data: 'Data processed' });
  },
};

/** `aws_nat_gateway`, `AWS::EC2::NatGateway`: hours plus data processed (usage). */
export const natGatewayPricer: Pricer = {
  types: ['aws_nat_gateway', 'AWS::EC2::NatGateway'],
  price(resource, context) {
    return hoursPlusDataProcessed(resource, context, { provider: 'aws', resourceType: 'aws_nat_gateway', region: context.regionOf(resource), hours: 'NAT gateway', data: 'Data processed' });
  },
};

/**
 * `aws_eip`, `AWS::EC2::EIP`: the data's only row is the idle-address rate; since February 2024
 * AWS charges that same hourly rate for every public IPv4 address, attached or not.
 */
export const elasticIpPricer: Pricer = {
  types: ['aws_eip', 'AWS::EC2::EIP'],
  price(resource, context) {
    const hourly = context.unitPrice('aws', 'aws_eip', context.regionOf(resource), 'IP address (if unused)');
    return { components: [component('Public IPv4 address', 'hours', HOURS_PER_MONTH, hourly.usd)] };
  },
};

/** `aws_vpc_endpoint`, `AWS::EC2::VPCEndpoint`: interface endpoints per subnet-hour plus data; gateway endpoints are free. */
export const vpcEndpointPricer: Pricer = {
  types: ['aws_vpc_endpoint', 'AWS::EC2::VPCEndpoint'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const type = text(attributes.vpc_endpoint_type ?? attributes.VpcEndpointType, 'endpoint type') ?? 'Gateway';
    if (type === 'Gateway') return 'free';
    if (type !== 'Interface' && type !== 'GatewayLoadBalancer') throw new Unpriced(`endpoint type "${type}" is not one the price data covers`);
    const subnets = attributes.subnet_ids ?? attributes.SubnetIds;
    if (isUnknown(subnets)) throw new Unpriced(`its subnets are not known before apply (${subnets.__unknown})`);
    // An interface endpoint is billed per network interface, one per subnet.
    const count = Array.isArray(subnets) && subnets.length > 0 ? subnets.length : 1;
    const region = context.regionOf(resource);
    const hourly = context.unitPrice('aws', 'aws_vpc_endpoint', region, `Endpoint (${type})`);
    const data = context.unitPrice('aws', 'aws_vpc_endpoint', region, 'Data processed (first 1PB)');
    return {
      components: [
        component(`Endpoint (${type}) × ${count} subnet${count === 1 ? '' : 's'}`, 'hours', HOURS_PER_MONTH * count, hourly.usd),
        dataProcessedComponent('Data processed (first 1PB)', data.usd, resource, context.usage),
      ],
    };
  },
};

/**
 * `aws_flow_log`, `AWS::EC2::FlowLog`: AWS bills flow logs as vended logs at their destination.
 * Into CloudWatch Logs that is the log group's data ingestion, priced on the log group; delivery to
 * S3 or Firehose is a per-GB vended-log charge of its own, which the price data does not have.
 */
export const flowLogPricer: Pricer = {
  types: ['aws_flow_log', 'AWS::EC2::FlowLog'],
  price(resource) {
    const attributes = attributesOf(resource);
    const destination = attributes.log_destination_type ?? attributes.LogDestinationType;
    if (isUnknown(destination)) throw new Unpriced(`its log destination type is not known before apply (${destination.__unknown})`);
    const type = text(destination, 'log destination type') ?? 'cloud-watch-logs';
    if (type === 'cloud-watch-logs') return 'free';
    throw new Unpriced(`flow logs delivered to ${type} are billed per GB as vended logs, a price the data does not have`);
  },
};
