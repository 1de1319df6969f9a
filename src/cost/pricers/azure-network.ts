import type { Resource } from '../../iac/model.js';
import {
  amount,
  attributesOf,
  component,
  dataProcessedComponent,
  flag,
  HOURS_PER_MONTH,
  records,
  referenced,
  requiredText,
  text,
  Unpriced,
  usageComponent,
  type PriceContext,
  type Pricer,
} from '../pricing.js';
import { azureRegion, resourceGroupOf, tieredUsage, type UsageTier } from './azure.js';
import { rowInAnyRegion } from './shared-rows.js';
import { usageOf } from '../usage.js';

/**
 * The data recorded VPN gateway prices from an example whose location was computed, under the
 * region "dynamic". Azure lists VPN gateway hours at one price in nearly every region, so those
 * rows stand in where the resource's own region has none, marked approximate.
 */
const UNRECORDED_REGION = 'dynamic';

function vpnUnitPrice(context: PriceContext, resourceType: string, region: string, name: string): number {
  if (context.catalog.component('azure', resourceType, region, name)) return context.unitPrice('azure', resourceType, region, name).usd;
  const recorded = rowInAnyRegion(context, 'azure', [resourceType], name);
  if (recorded?.region !== UNRECORDED_REGION) throw new Unpriced(`no price for ${resourceType} "${name}" in ${region} in the price data`);
  context.approximate = true;
  context.addNote('VPN gateway prices from the data, whose example recorded no region');
  return recorded.usd;
}

/** Every VPN gateway SKU includes 128 point-to-site connections; each one beyond bills a month. */
const INCLUDED_P2S_CONNECTIONS = 128;

function p2sBeyondIncluded(connections: number | undefined): number | undefined {
  return connections === undefined ? undefined : Math.max(0, connections - INCLUDED_P2S_CONNECTIONS);
}

/**
 * `azurerm_virtual_network_gateway`: VPN gateway hours by SKU; point-to-site connections beyond the
 * included 128 (`p2s_connection`) and data transfer (`monthly_data_transfer_gb`) from the usage file.
 */
export const azureVirtualNetworkGatewayPricer: Pricer = {
  types: ['azurerm_virtual_network_gateway'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const type = text(attributes.type, 'type') ?? 'Vpn';
    if (type.toLowerCase() !== 'vpn') throw new Unpriced(`${type} gateways have no price in the data (VPN gateways only)`);
    const sku = requiredText(attributes.sku, 'sku');
    const region = azureRegion(resource, context);
    const price = (name: string): number => vpnUnitPrice(context, 'azurerm_virtual_network_gateway', region, name);
    const hours = `VPN gateway (${sku})`;
    return {
      components: [
        component(hours, 'hours', HOURS_PER_MONTH, price(hours)),
        usageComponent('VPN gateway P2S tunnels (over 128)', 'tunnel', price('VPN gateway P2S tunnels (over 128)'), p2sBeyondIncluded(usageOf(context.usage, resource.address, 'p2s_connection'))),
        // The data spells the row "tranfer".
        usageComponent('VPN gateway data transfer', 'GB', price('VPN gateway data tranfer'), usageOf(context.usage, resource.address, 'monthly_data_transfer_gb')),
      ],
    };
  },
};

/** Every VPN gateway SKU includes 10 site-to-site (and VNet-to-VNet) tunnels; each one beyond bills by the hour. */
const INCLUDED_TUNNELS = 10;

const TUNNEL_TYPES = ['ipsec', 'vnet2vnet'];

function gatewayOf(connection: Resource, context: PriceContext): Resource | undefined {
  return referenced(attributesOf(connection).virtual_network_gateway_id, connection, context, ['azurerm_virtual_network_gateway']);
}

/**
 * `azurerm_virtual_network_gateway_connection`: a site-to-site or VNet-to-VNet tunnel. Its gateway
 * includes 10; the change's tunnels on the same gateway are counted in address order and those
 * beyond the 10th bill by the hour at the gateway SKU's tunnel rate. An ExpressRoute connection
 * costs nothing itself (the circuit bills).
 */
export const azureVpnConnectionPricer: Pricer = {
  types: ['azurerm_virtual_network_gateway_connection'],
  price(resource, context) {
    const type = requiredText(attributesOf(resource).type, 'type').toLowerCase();
    if (!TUNNEL_TYPES.includes(type)) return 'free';
    const gateway = gatewayOf(resource, context);
    if (!gateway) throw new Unpriced('the gateway is not in the change, so whether this tunnel is among the 10 it includes is not known');
    const tunnels = context.siblings
      .filter((sibling) => sibling.type === resource.type && TUNNEL_TYPES.includes(text(attributesOf(sibling).type, 'type')?.toLowerCase() ?? '') && gatewayOf(sibling, context)?.address === gateway.address)
      .map((sibling) => sibling.address)
      .sort();
    if (tunnels.indexOf(resource.address) < INCLUDED_TUNNELS) return 'free';
    const name = `VPN gateway (${requiredText(attributesOf(gateway).sku, 'gateway sku')})`;
    const region = azureRegion(resource, context, gateway);
    return { components: [component(`S2S tunnel beyond the ${INCLUDED_TUNNELS} included`, 'hours', HOURS_PER_MONTH, vpnUnitPrice(context, resource.type, region, name))] };
  },
};

/** Deployment row names by tier; a firewall in a virtual hub (Secured Virtual Hub) has its own rows. */
const FIREWALL_DEPLOYMENTS: ReadonlyMap<string, { vnet: string; hub: string }> = new Map([
  ['standard', { vnet: 'Deployment (Standard)', hub: 'Deployment (Standard Secure Virtual Hub)' }],
  ['premium', { vnet: 'Deployment (Premium)', hub: 'Deployment (Premium Secured Virtual Hub)' }],
]);

/** `azurerm_firewall`: deployment hours by tier and placement (virtual network or virtual hub); data processed is usage-based. */
export const azureFirewallPricer: Pricer = {
  types: ['azurerm_firewall'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const tier = (text(attributes.sku_tier, 'sku_tier') ?? 'Standard').toLowerCase();
    const names = FIREWALL_DEPLOYMENTS.get(tier);
    if (!names) throw new Unpriced(`the ${tier} firewall tier has no price in the data (Standard and Premium only)`);
    const inHub = text(attributes.sku_name, 'sku_name')?.toLowerCase() === 'azfw_hub' || records(attributes.virtual_hub).length > 0;
    const name = inHub ? names.hub : names.vnet;
    const region = azureRegion(resource, context);
    const hourly = context.unitPrice('azure', 'azurerm_firewall', region, name);
    const data = context.unitPrice('azure', 'azurerm_firewall', region, 'Data processed');
    return { components: [component(name, 'hours', HOURS_PER_MONTH, hourly.usd), dataProcessedComponent('Data processed', data.usd, resource, context.usage)] };
  },
};

/**
 * `azurerm_dns_zone`, `azurerm_private_dns_zone`: a hosted zone a month, at its resource group's
 * location, at the rate of a subscription's first 25 zones (further zones cost less); queries are
 * usage-based. The prices are data/list-prices.csv's: the shared row filed under westus carries the
 * golden's germanywestcentral figure, not westus's.
 */
export const azureDnsZonePricer: Pricer = {
  types: ['azurerm_dns_zone', 'azurerm_private_dns_zone'],
  price(resource, context) {
    const region = azureRegion(resource, context, resourceGroupOf(resource, context));
    const monthly = context.unitPrice('azure', resource.type, region, 'Hosted zone');
    context.addNote('at the rate of a subscription’s first 25 hosted zones');
    return { components: [component('Hosted zone', 'months', 1, monthly.usd)] };
  },
};

/** Private Link data tiers a month: the first PB, the next 4 PB, the rest (decimal GB, as Azure meters data). */
function privateLinkTiers(direction: 'Inbound' | 'Outbound'): UsageTier[] {
  return [
    { row: `${direction} data processed (first 1PB)`, size: 1_000_000 },
    { row: `${direction} data processed (next 4PB)`, size: 4_000_000 },
    { row: `${direction} data processed (over 5PB)`, size: Number.POSITIVE_INFINITY },
  ];
}

/** `azurerm_private_endpoint`: endpoint hours; data processed in and out (`monthly_inbound_data_processed_gb`, `monthly_outbound_data_processed_gb`) by tier from the usage file. */
export const azurePrivateEndpointPricer: Pricer = {
  types: ['azurerm_private_endpoint'],
  price(resource, context) {
    const region = azureRegion(resource, context);
    const price = (name: string): number => context.unitPrice('azure', 'azurerm_private_endpoint', region, name).usd;
    return {
      components: [
        component('Private endpoint', 'hours', HOURS_PER_MONTH, price('Private endpoint')),
        ...tieredUsage(privateLinkTiers('Inbound'), 'GB', usageOf(context.usage, resource.address, 'monthly_inbound_data_processed_gb'), price),
        ...tieredUsage(privateLinkTiers('Outbound'), 'GB', usageOf(context.usage, resource.address, 'monthly_outbound_data_processed_gb'), price),
      ],
    };
  },
};

/** `azurerm_bastion_host`: Basic (the default) by the hour; outbound data transfer is usage-based. Standard and Premium: unpriced. */
export const azureBastionHostPricer: Pricer = {
  types: ['azurerm_bastion_host'],
  price(resource, context) {
    const sku = text(attributesOf(resource).sku, 'sku') ?? 'Basic';
    if (sku.toLowerCase() !== 'basic') throw new Unpriced(`the ${sku} bastion SKU has no price in the data (Basic only)`);
    const region = azureRegion(resource, context);
    const price = (name: string): number => context.unitPrice('azure', 'azurerm_bastion_host', region, name).usd;
    return {
      components: [
        component('Bastion host', 'hours', HOURS_PER_MONTH, price('Bastion host')),
        usageComponent('Outbound data transfer (first 10TB)', 'GB', price('Outbound data transfer (first 10TB)'), undefined),
      ],
    };
  },
};

/**
 * A global service's rows: Traffic Manager has no region, so the data filed its rows under its
 * example's resource group location, which is not a price dimension. The billing zone is in the
 * row names instead.
 */
function globalUnitPrice(context: PriceContext, resourceType: string, name: string): number {
  const row = rowInAnyRegion(context, 'azure', [resourceType], name);
  if (!row) throw new Unpriced(`no price for ${resourceType} "${name}" in the price data`);
  return row.usd;
}

/** Health checks run this often or faster bill the fast-interval add-on. */
const FAST_INTERVAL_SECONDS = 10;

/**
 * `azurerm_traffic_manager_azure_endpoint`, `_external_endpoint`, `_nested_endpoint`: the health
 * checks of one endpoint by the hour, plus the fast-interval add-on when its profile probes every
 * 10 seconds; the Germany billing zone when the profile's resource group is in Germany, else Global.
 * An endpoint of a disabled profile, or a disabled endpoint, costs nothing.
 */
export const trafficManagerEndpointPricer: Pricer = {
  types: ['azurerm_traffic_manager_azure_endpoint', 'azurerm_traffic_manager_external_endpoint', 'azurerm_traffic_manager_nested_endpoint'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const profile = referenced(attributes.profile_id, resource, context, ['azurerm_traffic_manager_profile']);
    if (!profile) throw new Unpriced('the profile is not in the change, so its health check interval and billing zone are not known');
    const profileAttributes = attributesOf(profile);
    if (flag(attributes.enabled, 'enabled') === false || text(profileAttributes.profile_status, 'profile_status')?.toLowerCase() === 'disabled') return 'free';
    const zone = azureRegion(profile, context, resourceGroupOf(profile, context)).startsWith('germany') ? 'Germany' : 'Global';
    const interval = amount(records(profileAttributes.monitor_config)[0]?.interval_in_seconds, 'interval_in_seconds');
    const basic = `Basic health check (${zone})`;
    const fast = `Fast interval health checks add-on (${zone})`;
    return {
      components: [
        component(basic, 'hours', HOURS_PER_MONTH, globalUnitPrice(context, resource.type, basic)),
        ...(interval !== undefined && interval <= FAST_INTERVAL_SECONDS ? [component(fast, 'hours', HOURS_PER_MONTH, globalUnitPrice(context, resource.type, fast))] : []),
      ],
    };
  },
};

/** `azurerm_traffic_manager_profile`: DNS queries (and Traffic View data points when enabled) are usage-based: unit prices. */
export const trafficManagerProfilePricer: Pricer = {
  types: ['azurerm_traffic_manager_profile'],
  price(resource, context) {
    const type = 'azurerm_traffic_manager_profile';
    const queries = usageComponent('DNS queries (first 1B)', '1M queries', globalUnitPrice(context, type, 'DNS queries (first 1B)'), undefined);
    if (flag(attributesOf(resource).traffic_view_enabled, 'traffic_view_enabled') !== true) return { components: [queries] };
    return { components: [queries, usageComponent('Traffic view', '1M data points', globalUnitPrice(context, type, 'Traffic view'), undefined)] };
  },
};

/** `azurerm_frontdoor_firewall_policy`: the policy, each custom rule and each managed rule set a month; requests are usage-based. In its resource group's location. */
export const frontDoorFirewallPolicyPricer: Pricer = {
  types: ['azurerm_frontdoor_firewall_policy'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = azureRegion(resource, context, resourceGroupOf(resource, context));
    const price = (name: string): number => context.unitPrice('azure', 'azurerm_frontdoor_firewall_policy', region, name).usd;
    const customRules = records(attributes.custom_rule).length;
    const managedRules = records(attributes.managed_rule).length;
    return {
      components: [
        component('Policy', 'months', 1, price('Policy')),
        ...(customRules > 0 ? [component('Custom rules', 'rules', customRules, price('Custom rules')), usageComponent('Custom rule requests', '1M requests', price('Custom rule requests'), undefined)] : []),
        ...(managedRules > 0 ? [component('Managed rulesets', 'rulesets', managedRules, price('Managed rulesets')), usageComponent('Managed ruleset requests', '1M requests', price('Managed ruleset requests'), undefined)] : []),
      ],
    };
  },
};

/** Front Door (classic) bills its first 5 routing rules at one hourly rate each, every rule beyond at a lower one. */
const FRONT_DOOR_BASE_RULES = 5;
/** Frontend hosts beyond this many bill a month each. */
const FRONT_DOOR_INCLUDED_HOSTS = 100;

/**
 * `azurerm_frontdoor` (Front Door classic): each enabled routing rule by the hour (the first 5 at
 * one rate, the rest at another) and frontend hosts beyond 100 a month; inbound and outbound data
 * transfer are usage-based (outbound per delivery zone, shown at the North America, Europe and
 * Africa first-tier rate). It has no location: its resource group's.
 */
export const frontDoorPricer: Pricer = {
  types: ['azurerm_frontdoor'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = azureRegion(resource, context, resourceGroupOf(resource, context));
    const price = (name: string): number => context.unitPrice('azure', 'azurerm_frontdoor', region, name).usd;
    const rules = records(attributes.routing_rule);
    const enabled = rules.filter((rule) => flag(rule.enabled, 'routing_rule enabled') !== false).length;
    if (enabled < rules.length) context.addNote(`${rules.length - enabled} disabled routing rule(s) not counted`);
    const extraHosts = Math.max(0, records(attributes.frontend_endpoint).length - FRONT_DOOR_INCLUDED_HOSTS);
    const base = Math.min(enabled, FRONT_DOOR_BASE_RULES);
    const additional = enabled - base;
    return {
      components: [
        ...(base > 0 ? [component('Routing rules (first 5 rules)', 'hours', base * HOURS_PER_MONTH, price('Routing rules (first 5 rules)'))] : []),
        ...(additional > 0 ? [component('Routing rules (per additional rule)', 'hours', additional * HOURS_PER_MONTH, price('Routing rules (per additional rule)'))] : []),
        ...(extraHosts > 0 ? [component('Frontend hosts (over 100)', 'hosts', extraHosts, price('Frontend hosts (over 100)'))] : []),
        usageComponent('Inbound data transfer', 'GB', price('Inbound data transfer'), undefined),
        usageComponent('Outbound data transfer (North America, Europe and Africa, first 10TB)', 'GB', price('North America, Europe and Africa (first 10TB)'), undefined),
      ],
    };
  },
};

const TB = 1_000;

/** Outbound data tiers of each CDN product, in GB (decimal TB, as Azure meters data); the data has no rate past its last tier. */
const CDN_TIERS: ReadonlyMap<string, { product: string; sizesTb: readonly number[] }> = new Map([
  ['standard_verizon', { product: 'Standard Verizon', sizesTb: [10, 40, 100, 350, 500, 4000, Number.POSITIVE_INFINITY] }],
  ['premium_verizon', { product: 'Premium Verizon', sizesTb: [10, 40, 100, 350, 500] }],
  ['standard_akamai', { product: 'Akamai', sizesTb: [10, 40, 100, 350, 500] }],
  ['standard_microsoft', { product: 'Microsoft', sizesTb: [10] }],
]);

/** Dynamic site acceleration bills its traffic at its own tiered rate instead. */
const ACCELERATION_TIERS_TB = [50, 100, 350, 500, Number.POSITIVE_INFINITY];

/** Rows of a tier ladder: "first 10TB", "next 40TB", …, "over 5000TB" for an open last tier. */
function tierRows(prefix: string, sizesTb: readonly number[]): UsageTier[] {
  let reached = 0;
  return sizesTb.map((size, index) => {
    const label = index === 0 ? `first ${size}TB` : Number.isFinite(size) ? `next ${size}TB` : `over ${reached}TB`;
    reached += size;
    return { row: `${prefix}${label})`, size: size * TB };
  });
}

/** Standard Microsoft's rules engine includes 5 rules; each one beyond bills a month. */
const CDN_INCLUDED_RULES = 5;

/**
 * `azurerm_cdn_endpoint` (Azure CDN classic), by its profile's SKU: outbound data transfer by
 * tier (`monthly_outbound_gb`), at the dynamic site acceleration rates when `optimization_type` is
 * DynamicSiteAcceleration; Standard Microsoft's rules engine bills rules beyond 5 and its requests
 * (`monthly_rules_engine_requests`). Without its profile in the change the SKU is unknown.
 */
export const cdnEndpointPricer: Pricer = {
  types: ['azurerm_cdn_endpoint'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const profile = referenced(attributes.profile_name, resource, context, ['azurerm_cdn_profile']);
    if (!profile) throw new Unpriced('its CDN profile is not in this change, so its SKU (which sets the rates) is unknown');
    const sku = requiredText(attributesOf(profile).sku, 'profile sku').toLowerCase();
    const tiers = CDN_TIERS.get(sku);
    if (!tiers) throw new Unpriced(`the ${sku} CDN SKU has no price in the data (Standard/Premium Verizon, Standard Akamai, Standard Microsoft)`);
    const region = azureRegion(resource, context, profile);
    const price = (name: string): number => context.unitPrice('azure', 'azurerm_cdn_endpoint', region, name).usd;
    const accelerated = text(attributes.optimization_type, 'optimization_type')?.toLowerCase() === 'dynamicsiteacceleration';
    const ladder = accelerated ? tierRows('Acceleration outbound data transfer (', ACCELERATION_TIERS_TB) : tierRows(`Outbound data transfer (${tiers.product}, `, tiers.sizesTb);
    const outbound = usageOf(context.usage, resource.address, 'monthly_outbound_gb');
    const ceiling = ladder.reduce((sum, tier) => sum + tier.size, 0);
    if (outbound !== undefined && outbound > ceiling) throw new Unpriced(`outbound data above ${ceiling / TB} TB a month has no ${tiers.product} rate in the price data`);
    const components = tieredUsage(ladder, 'GB', outbound, price);
    if (sku !== 'standard_microsoft') return { components };
    const rules = records(attributes.delivery_rule).length + records(attributes.global_delivery_rule).length;
    const extraRules = Math.max(0, rules - CDN_INCLUDED_RULES);
    const requests = usageOf(context.usage, resource.address, 'monthly_rules_engine_requests');
    return {
      components: [
        ...components,
        ...(extraRules > 0 ? [component('Rules engine rules (over 5)', 'rules', extraRules, price('Rules engine rules (over 5)'))] : []),
        usageComponent('Rules engine requests', '1M requests', price('Rules engine requests'), requests === undefined ? undefined : requests / 1_000_000),
      ],
    };
  },
};
