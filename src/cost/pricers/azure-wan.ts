import type { Resource } from '../../iac/model.js';
import { amount, attributesOf, component, dataProcessedComponent, HOURS_PER_MONTH, referenced, text, Unpriced, usageComponent, type PriceContext, type Pricer, type PricedResource } from '../pricing.js';
import { azureRegion } from './azure.js';

function unitPrice(context: PriceContext, resource: Resource, region: string, name: string): number {
  return context.unitPrice('azure', resource.type, region, name).usd;
}

/** A Virtual WAN gateway billed by scale units a month (`attribute`, default 1). */
function scaleUnits(attribute: string, row: string): (resource: Resource, context: PriceContext) => PricedResource {
  return (resource, context) => {
    const units = amount(attributesOf(resource)[attribute], attribute) ?? 1;
    return { components: [component(row, 'scale units', units, unitPrice(context, resource, azureRegion(resource, context), row))] };
  };
}

/** `azurerm_vpn_gateway` (Virtual WAN site-to-site): `scale_unit` units of 500 Mbps a month. */
export const wanVpnGatewayPricer: Pricer = { types: ['azurerm_vpn_gateway'], price: scaleUnits('scale_unit', 'S2S scale units (500 Mbps)') };

/** `azurerm_point_to_site_vpn_gateway`: `scale_unit` units of 500 Mbps a month; connection hours are usage-based. */
export const pointToSiteVpnGatewayPricer: Pricer = {
  types: ['azurerm_point_to_site_vpn_gateway'],
  price(resource, context) {
    const priced = scaleUnits('scale_unit', 'P2S scale units (500 Mbps)')(resource, context);
    const connections = unitPrice(context, resource, azureRegion(resource, context), 'P2S connections');
    return { components: [...priced.components, usageComponent('P2S connections', 'hours', connections, undefined)] };
  },
};

/** `azurerm_express_route_gateway`: `scale_units` units of 2 Gbps a month. */
export const expressRouteGatewayPricer: Pricer = { types: ['azurerm_express_route_gateway'], price: scaleUnits('scale_units', 'ER scale units (2 Gbps)') };

/** `azurerm_vpn_gateway_connection`: one site-to-site connection by the hour, in its gateway's location. */
export const wanVpnConnectionPricer: Pricer = {
  types: ['azurerm_vpn_gateway_connection'],
  price(resource, context) {
    const gateway = referenced(attributesOf(resource).vpn_gateway_id, resource, context, ['azurerm_vpn_gateway']);
    const region = azureRegion(resource, context, gateway);
    return { components: [component('S2S Connections', 'hours', HOURS_PER_MONTH, unitPrice(context, resource, region, 'S2S Connections'))] };
  },
};

/** `azurerm_virtual_hub`: Basic (the default) costs nothing; Standard bills deployment hours and the data it processes (usage). */
export const virtualHubPricer: Pricer = {
  types: ['azurerm_virtual_hub'],
  price(resource, context) {
    const sku = (text(attributesOf(resource).sku, 'sku') ?? 'Basic').toLowerCase();
    if (sku === 'basic') return 'free';
    if (sku !== 'standard') throw new Unpriced(`the ${sku} hub SKU has no price in the data (Basic and Standard only)`);
    const region = azureRegion(resource, context);
    return {
      components: [
        component('Deployment', 'hours', HOURS_PER_MONTH, unitPrice(context, resource, region, 'Deployment')),
        dataProcessedComponent('Data processed', unitPrice(context, resource, region, 'Data processed'), resource, context.usage),
      ],
    };
  },
};

/** `azurerm_network_ddos_protection_plan`: the plan by the hour (it covers 100 public IPs); each protected resource beyond is usage-based. */
export const ddosProtectionPlanPricer: Pricer = {
  types: ['azurerm_network_ddos_protection_plan'],
  price(resource, context) {
    const region = azureRegion(resource, context);
    return {
      components: [
        component('DDoS Protection Plan', 'hours', HOURS_PER_MONTH, unitPrice(context, resource, region, 'DDoS Protection Plan')),
        usageComponent('Overage charges', 'resources', unitPrice(context, resource, region, 'Overage charges'), undefined),
      ],
    };
  },
};

/** A DNS private resolver part billed a month, in its own (or its resolver's) location. */
function resolverPart(type: string, name: string): Pricer {
  return {
    types: [type],
    price(resource, context) {
      const resolver = referenced(attributesOf(resource).private_dns_resolver_id, resource, context, ['azurerm_private_dns_resolver']);
      return { components: [component(name, 'months', 1, unitPrice(context, resource, azureRegion(resource, context, resolver), name))] };
    },
  };
}

export const resolverInboundEndpointPricer = resolverPart('azurerm_private_dns_resolver_inbound_endpoint', 'Inbound endpoint');
export const resolverOutboundEndpointPricer = resolverPart('azurerm_private_dns_resolver_outbound_endpoint', 'Outbound endpoint');
export const resolverForwardingRulesetPricer = resolverPart('azurerm_private_dns_resolver_dns_forwarding_ruleset', 'Forwarding ruleset');

/** `azurerm_express_route_connection`: one connection to an ExpressRoute gateway by the hour, in its gateway's location. */
export const expressRouteConnectionPricer: Pricer = {
  types: ['azurerm_express_route_connection'],
  price(resource, context) {
    const gateway = referenced(attributesOf(resource).express_route_gateway_id, resource, context, ['azurerm_express_route_gateway']);
    const region = azureRegion(resource, context, gateway);
    return { components: [component('ER Connections', 'hours', HOURS_PER_MONTH, unitPrice(context, resource, region, 'ER Connections'))] };
  },
};
