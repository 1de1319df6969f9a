import { isUnknown } from '../../iac/values.js';
import { amount, attributesOf, dataProcessedComponent, flag, records, referenced, text, Unpriced, type PriceContext, type Pricer } from '../pricing.js';
import type { Resource } from '../../iac/model.js';
import { flat } from './aws-services.js';
import { usageOf } from '../usage.js';
import { rowComponent, rowHours, rowOnUse, rowTiers, type Tier } from './aws-rows.js';

/**
 * What a Route 53 health check adds to its base fee, one "optional feature" each (AWS's term):
 * HTTPS, string matching, latency measurement and the 10-second fast interval.
 */
function healthCheckFeatures(config: Record<string, unknown>): number {
  const type = (text(config.type ?? config.Type, 'health check type') ?? '').toUpperCase();
  const interval = amount(config.request_interval ?? config.RequestInterval, 'request interval');
  return [
    type.startsWith('HTTPS'),
    type.endsWith('_STR_MATCH'),
    flag(config.measure_latency ?? config.MeasureLatency, 'measure_latency') === true,
    interval === 10,
  ].filter(Boolean).length;
}

/** Types that check a metric or other checks rather than an endpoint: billed at the AWS-endpoint rate. */
const ENDPOINTLESS_CHECKS = new Set(['CALCULATED', 'CLOUDWATCH_METRIC', 'RECOVERY_CONTROL']);

/**
 * `aws_route53_health_check`, `AWS::Route53::HealthCheck`: a monthly fee plus one per optional
 * feature, each at the rate for AWS endpoints or the higher one for endpoints outside AWS. A
 * metric, calculated or recovery-control check has no endpoint and bills at the AWS rate; an
 * address or domain name does not say whether it is an AWS resource of the same account, so an
 * endpoint check is priced at the outside rate, the upper one, noted and approximate.
 */
export const route53HealthCheckPricer: Pricer = {
  types: ['aws_route53_health_check', 'AWS::Route53::HealthCheck'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const config = records(attributes.HealthCheckConfig)[0] ?? attributes;
    const type = (text(config.type ?? config.Type, 'health check type') ?? '').toUpperCase();
    const suffix = ENDPOINTLESS_CHECKS.has(type) ? ' (AWS endpoint)' : '';
    if (suffix === '') {
      context.approximate = true;
      context.addNote('priced at the rate for endpoints outside AWS; a check of an AWS resource in the same account bills the lower AWS-endpoint rate');
    }
    const features = healthCheckFeatures(config);
    const components = [rowComponent(resource, context, 'aws_route53_health_check', `Health check${suffix}`, 1, 'Health check')];
    if (features > 0) components.push(rowComponent(resource, context, 'aws_route53_health_check', `Optional features${suffix}`, features, `Optional features × ${features}`));
    return { components };
  },
};

/** Resolver queries a month: the first billion at one rate, the rest at a lower one. */
const RESOLVER_QUERY_TIERS: readonly Tier[] = [
  { row: 'DNS queries (first 1B)', size: 1_000_000_000 },
  { row: 'DNS queries (over 1B)', size: Infinity },
];

/** `aws_route53_resolver_endpoint`, `AWS::Route53Resolver::ResolverEndpoint`: hours per IP address (elastic network interface); queries on use (`monthly_queries`). */
export const route53ResolverEndpointPricer: Pricer = {
  types: ['aws_route53_resolver_endpoint', 'AWS::Route53Resolver::ResolverEndpoint'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const addresses = records(attributes.ip_address ?? attributes.IpAddresses).length;
    if (addresses === 0) throw new Unpriced('the endpoint lists no IP addresses');
    return {
      components: [
        rowHours(resource, context, 'aws_route53_resolver_endpoint', 'Resolver endpoints', addresses, `Resolver endpoint × ${addresses} IP addresses`),
        ...rowTiers(resource, context, 'aws_route53_resolver_endpoint', RESOLVER_QUERY_TIERS, usageOf(context.usage, resource.address, 'monthly_queries'), 1_000_000),
      ],
    };
  },
};

/** A transit gateway attachment's hours plus the data it processes (usage-based), as the data names them. */
function transitGatewayAttachment(resource: Resource, context: PriceContext, dataType: string) {
  const data = context.unitPrice('aws', dataType, context.regionOf(resource), 'Data processed');
  return [rowHours(resource, context, dataType, 'Transit gateway attachment'), dataProcessedComponent('Data processed', data.usd, resource, context.usage)];
}

/** `aws_vpn_connection`, `AWS::EC2::VPNConnection`: connection hours; one ending at a transit gateway adds its attachment and data processed. */
export const vpnConnectionPricer: Pricer = {
  types: ['aws_vpn_connection', 'AWS::EC2::VPNConnection'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const components = [rowHours(resource, context, 'aws_vpn_connection', 'VPN connection')];
    const transit = attributes.transit_gateway_id ?? attributes.TransitGatewayId;
    if (transit !== undefined && transit !== null && transit !== '') components.push(...transitGatewayAttachment(resource, context, 'aws_vpn_connection'));
    return { components };
  },
};

/** `aws_ec2_transit_gateway_vpc_attachment`, `AWS::EC2::TransitGatewayAttachment`: attachment hours plus data processed. */
export const transitGatewayVpcAttachmentPricer: Pricer = {
  types: ['aws_ec2_transit_gateway_vpc_attachment', 'AWS::EC2::TransitGatewayAttachment'],
  price(resource, context) {
    return { components: transitGatewayAttachment(resource, context, 'aws_ec2_transit_gateway_vpc_attachment') };
  },
};

export const transitGatewayPeeringAttachmentPricer = flat(
  ['aws_ec2_transit_gateway_peering_attachment', 'AWS::EC2::TransitGatewayPeeringAttachment'],
  'aws_ec2_transit_gateway_peering_attachment',
  'Transit gateway attachment',
  'hours',
);

/** `aws_ec2_client_vpn_network_association`: hours per associated subnet. */
export const clientVpnAssociationPricer = flat(
  ['aws_ec2_client_vpn_network_association', 'AWS::EC2::ClientVpnTargetNetworkAssociation'],
  'aws_ec2_client_vpn_network_association',
  'Endpoint association',
  'hours',
);

/**
 * `aws_ec2_client_vpn_endpoint`: the endpoint itself costs nothing; AWS bills each subnet
 * association (priced on its own resource) and each client connection-hour, which depends on
 * how many people connect for how long: shown at its unit price, billed on use.
 */
export const clientVpnEndpointPricer: Pricer = {
  types: ['aws_ec2_client_vpn_endpoint', 'AWS::EC2::ClientVpnEndpoint'],
  price(resource, context) {
    return { components: [rowOnUse(resource, context, 'aws_ec2_client_vpn_endpoint', 'Connection')] };
  },
};

/** `aws_ec2_traffic_mirror_session`: hours per session (per mirrored network interface). */
export const trafficMirrorSessionPricer = flat(['aws_ec2_traffic_mirror_session', 'AWS::EC2::TrafficMirrorSession'], 'aws_ec2_traffic_mirror_session', 'Traffic mirror', 'hours');

/** `aws_globalaccelerator_accelerator`: the fixed hourly fee; premium data transfer is billed on the endpoint groups. */
export const globalAcceleratorPricer = flat(['aws_globalaccelerator_accelerator', 'AWS::GlobalAccelerator::Accelerator'], 'aws_globalaccelerator_accelerator', 'Fixed fee', 'hours');

/** The data's one Direct Connect port row is AWS's 1 Gbps dedicated port-hour rate, from a 1 Gbps example. */
const PRICED_DX_BANDWIDTH = '1gbps';

/** `aws_dx_connection`: port hours, for the bandwidth the data prices. Data out is billed per GB by route, not priced here. */
export const dxConnectionPricer: Pricer = {
  types: ['aws_dx_connection'],
  price(resource, context) {
    const bandwidth = text(attributesOf(resource).bandwidth, 'bandwidth');
    if (bandwidth === undefined) throw new Unpriced('bandwidth is not set');
    if (bandwidth.toLowerCase() !== PRICED_DX_BANDWIDTH) throw new Unpriced(`the Direct Connect port rate for ${bandwidth} is not in the price data (only 1Gbps)`);
    return { components: [rowHours(resource, context, 'aws_dx_connection', 'DX connection', 1, `DX connection (${bandwidth})`)] };
  },
};

const TRANSIT_GATEWAY_TYPES = ['aws_ec2_transit_gateway'];
const VIRTUAL_PRIVATE_GATEWAY_TYPES = ['aws_vpn_gateway'];

/** Which kind of gateway an association names: by its id prefix, or by the resource a reference points at. */
function associatedGatewayKind(value: unknown, resource: Resource, context: PriceContext): 'transit' | 'virtual-private' {
  if (referenced(value, resource, context, TRANSIT_GATEWAY_TYPES)) return 'transit';
  if (referenced(value, resource, context, VIRTUAL_PRIVATE_GATEWAY_TYPES)) return 'virtual-private';
  if (isUnknown(value)) throw new Unpriced(`the associated gateway is not known before apply (${value.__unknown})`);
  const id = text(value, 'associated gateway');
  if (id?.startsWith('tgw-')) return 'transit';
  if (id?.startsWith('vgw-')) return 'virtual-private';
  throw new Unpriced('associated_gateway_id names neither a transit gateway (tgw-) nor a virtual private gateway (vgw-)');
}

/**
 * `aws_dx_gateway_association`: associating a Direct Connect gateway with a transit gateway adds
 * a transit gateway attachment (hours plus data processed); with a virtual private gateway it is free.
 */
export const dxGatewayAssociationPricer: Pricer = {
  types: ['aws_dx_gateway_association'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const kind = associatedGatewayKind(attributes.associated_gateway_id ?? attributes.vpn_gateway_id, resource, context);
    return kind === 'transit' ? { components: transitGatewayAttachment(resource, context, 'aws_dx_gateway_association') } : 'free';
  },
};
