import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';
import { added, consistent, priceAdded, terraformResource as resource } from './pricer-test-support.js';

const SETTINGS = { region: 'us-east-1', fallbackRegion: 'us-east-1', kubernetesRates: {} };

/** Monthly figures hand-computed from the azure rows of component-unit-prices.csv (730 hours a month). */
describe('Azure network pricers, against hand-computed figures', () => {
  it.each<[string, Resource, Resource[], number]>([
    // "VPN gateway (VpnGw2)" 0.49 × 730 = 357.70 (P2S tunnels and data transfer: usage)
    ['VPN gateway', resource('azurerm_virtual_network_gateway', { location: 'eastus', type: 'Vpn', sku: 'VpnGw2' }), [], 357.7],
    // "Deployment (Premium)" eastus 1.75 × 730 = 1,277.50 (data processed: usage)
    ['Premium firewall in a virtual network', resource('azurerm_firewall', { location: 'eastus', sku_name: 'AZFW_VNet', sku_tier: 'Premium' }), [], 1277.5],
    // "Deployment (Standard Secure Virtual Hub)" eastus 1.25 × 730 = 912.50
    ['Standard firewall in a virtual hub', resource('azurerm_firewall', { location: 'eastus', sku_name: 'AZFW_Hub', sku_tier: 'Standard', virtual_hub: [{ virtual_hub_id: 'hub' }] }), [], 912.5],
    // "Private endpoint" westus 0.01 × 730 = 7.30 (data processed: usage)
    ['private endpoint', resource('azurerm_private_endpoint', { location: 'westus' }), [], 7.3],
    // "Bastion host" australiaeast 0.19 × 730 = 138.70 (Basic by default; data transfer: usage)
    ['Basic bastion host', resource('azurerm_bastion_host', { location: 'australiaeast' }), [], 138.7],
    // "Policy" westus 5 + 2 custom rules × 1 + 1 managed rule set × 20 = 27 a month, in its resource group's location
    [
      'Front Door firewall policy',
      resource('azurerm_frontdoor_firewall_policy', { resource_group_name: unknownValue('azurerm_resource_group.main.name'), custom_rule: [{ type: 'MatchRule' }, { type: 'MatchRule' }], managed_rule: [{ type: 'DefaultRuleSet' }] }),
      [resource('azurerm_resource_group', { name: 'waf', location: 'westus' }, 'azurerm_resource_group.main')],
      27,
    ],
    // "Hosted zone" westus 0.50 a month (data/list-prices.csv; the shared row filed under westus, 0.54, is another region's), in its resource group's location
    [
      'DNS zone in its resource group’s location',
      resource('azurerm_dns_zone', { name: 'example.com', resource_group_name: unknownValue('azurerm_resource_group.main.name') }),
      [resource('azurerm_resource_group', { name: 'dns', location: 'westus' }, 'azurerm_resource_group.main')],
      0.5,
    ],
  ])('%s', (_name, item, siblings, expected) => {
    const cost = priceChanges(added(item, ...siblings), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.lines.find((line) => line.address === item.address)?.after).toBeCloseTo(expected, 6);
  });

  it('marks a VPN gateway approximate: the data recorded no region for its prices', () => {
    const cost = priceChanges(added(resource('azurerm_virtual_network_gateway', { location: 'westeurope', sku: 'VpnGw1' })), SETTINGS);
    // "VPN gateway (VpnGw1)" 0.19 × 730 = 138.70
    expect(cost.lines[0]).toMatchObject({ after: 138.7, approximate: true, note: expect.stringMatching(/recorded no region/) });
  });
});

describe('VPN connections', () => {
  const gateway = resource('azurerm_virtual_network_gateway', { location: 'eastus', type: 'Vpn', sku: 'VpnGw1' }, 'azurerm_virtual_network_gateway.main');
  const connections = Array.from({ length: 11 }, (_, index) =>
    resource('azurerm_virtual_network_gateway_connection', { location: 'eastus', type: 'IPsec', virtual_network_gateway_id: unknownValue('azurerm_virtual_network_gateway.main.id') }, `azurerm_virtual_network_gateway_connection.site_${String(index).padStart(2, '0')}`),
  );

  it('bills only the tunnels beyond the 10 a gateway includes', () => {
    const cost = priceChanges(added(gateway, ...connections), SETTINGS);
    const tunnels = cost.lines.filter((line) => line.address.startsWith('azurerm_virtual_network_gateway_connection.'));
    // the 11th by address: "VPN gateway (VpnGw1)" connection row 0.015 × 730 = 10.95
    expect(tunnels.map((line) => [line.address, line.after])).toEqual([['azurerm_virtual_network_gateway_connection.site_10', 10.95]]);
  });

  it('leaves a tunnel whose gateway is outside the change unpriced, with the reason', () => {
    const orphan = resource('azurerm_virtual_network_gateway_connection', { location: 'eastus', type: 'IPsec', virtual_network_gateway_id: 'elsewhere' });
    expect(priceChanges(added(orphan), SETTINGS).unpriced[0]?.reason).toMatch(/gateway is not in the change/);
  });
});

describe('Traffic Manager endpoints', () => {
  function profile(location: string, extra: Record<string, unknown>): Resource[] {
    return [
      resource('azurerm_resource_group', { name: 'tm', location }, 'azurerm_resource_group.tm'),
      resource('azurerm_traffic_manager_profile', { resource_group_name: unknownValue('azurerm_resource_group.tm.name'), ...extra }, 'azurerm_traffic_manager_profile.main'),
    ];
  }
  const endpoint = (type: string): Resource => resource(type, { profile_id: unknownValue('azurerm_traffic_manager_profile.main.id') });

  it.each<[string, Resource, Resource[], number]>([
    // "Basic health check (Global)" 0.000493151 × 730 = 0.36000023
    ['Azure endpoint, default interval', endpoint('azurerm_traffic_manager_azure_endpoint'), profile('westeurope', {}), 0.36000023],
    // external, 10-second probes, Germany: (0.000739726 + 0.00347945) × 730 = 3.07999...
    ['external endpoint, fast probes, Germany', endpoint('azurerm_traffic_manager_external_endpoint'), profile('germanynorth', { monitor_config: [{ interval_in_seconds: 10 }] }), (0.000739726 + 0.00347945) * 730],
  ])('%s', (_name, item, siblings, expected) => {
    const cost = priceChanges(added(item, ...siblings), SETTINGS);
    expect(cost.lines.find((line) => line.address === item.address)?.after).toBeCloseTo(expected, 6);
  });

  it('holds an endpoint of a disabled profile free', () => {
    const item = endpoint('azurerm_traffic_manager_nested_endpoint');
    const cost = priceChanges(added(item, ...profile('westeurope', { profile_status: 'Disabled' })), SETTINGS);
    expect(cost.lines.find((line) => line.address === item.address)).toBeUndefined();
    expect(cost.unpriced).toEqual([]);
  });

  it('leaves an endpoint whose profile is outside the change unpriced, with the reason', () => {
    const item = resource('azurerm_traffic_manager_azure_endpoint', { profile_id: 'elsewhere' });
    expect(priceChanges(added(item), SETTINGS).unpriced[0]?.reason).toMatch(/profile is not in the change/);
  });
});

describe('Azure network pricers: unpriced, with the reason', () => {
  it.each<[string, Resource, RegExp]>([
    ['an ExpressRoute gateway', resource('azurerm_virtual_network_gateway', { location: 'eastus', type: 'ExpressRoute', sku: 'Standard' }), /ExpressRoute gateways have no price/],
    ['a Standard bastion host', resource('azurerm_bastion_host', { location: 'australiaeast', sku: 'Standard' }), /Standard bastion SKU has no price/],
    ['a Basic firewall', resource('azurerm_firewall', { location: 'eastus', sku_name: 'AZFW_VNet', sku_tier: 'Basic' }), /basic firewall tier has no price/],
    ['a DNS zone where the data has no row', resource('azurerm_dns_zone', { location: 'germanywestcentral' }), /no price for azurerm_dns_zone "Hosted zone" in germanywestcentral/],
  ])('%s', (_name, item, reason) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});

describe('Azure network usage from the usage file', () => {
  const componentsOf = (cost: ReturnType<typeof priceAdded>): Record<string, number> => Object.fromEntries((cost.lines[0]?.components ?? []).map((part) => [part.name, part.quantity]));

  it('splits private endpoint data over its tiers: 5,120,000 GB is 1 PB, 4 PB and 120,000 GB beyond', () => {
    const cost = priceAdded(resource('azurerm_private_endpoint', { location: 'westus' }), { monthly_inbound_data_processed_gb: 5_120_000, monthly_outbound_data_processed_gb: 100 });
    expect(componentsOf(cost)).toEqual({
      'Private endpoint': 730,
      'Inbound data processed (first 1PB)': 1_000_000,
      'Inbound data processed (next 4PB)': 4_000_000,
      'Inbound data processed (over 5PB)': 120_000,
      'Outbound data processed (first 1PB)': 100,
    });
    // 7.30 + 1,000,000 × 0.01 + 4,000,000 × 0.006 + 120,000 × 0.004 + 100 × 0.01
    expect(cost.lines[0]?.after).toBeCloseTo(7.3 + 10_000 + 24_000 + 480 + 1, 6);
    expect(consistent(cost)).toBe(true);
  });

  it('shows the first tier at its unit price without usage', () => {
    const cost = priceAdded(resource('azurerm_private_endpoint', { location: 'westus' }));
    expect(componentsOf(cost)).toEqual({ 'Private endpoint': 730, 'Inbound data processed (first 1PB)': 0, 'Outbound data processed (first 1PB)': 0 });
  });

  it('bills VPN point-to-site connections beyond the included 128, and data transfer', () => {
    const cost = priceAdded(resource('azurerm_virtual_network_gateway', { location: 'eastus', type: 'Vpn', sku: 'VpnGw2' }), { p2s_connection: 150, monthly_data_transfer_gb: 20 });
    expect(componentsOf(cost)).toMatchObject({ 'VPN gateway P2S tunnels (over 128)': 22, 'VPN gateway data transfer': 20 });
    // 0.49 × 730 + 22 × 7.30 + 20 × 0.035
    expect(cost.lines[0]?.after).toBeCloseTo(357.7 + 160.6 + 0.7, 6);
  });

  it('bills no point-to-site connections when the included 128 cover them', () => {
    const cost = priceAdded(resource('azurerm_virtual_network_gateway', { location: 'eastus', type: 'Vpn', sku: 'VpnGw2' }), { p2s_connection: 100 });
    expect(componentsOf(cost)['VPN gateway P2S tunnels (over 128)']).toBe(0);
  });
});

describe('Front Door (classic)', () => {
  const group: Resource = { ...resource('azurerm_resource_group', { name: 'edge', location: 'West Europe' }), address: 'azurerm_resource_group.edge' };
  const rule = (enabled?: boolean): Record<string, unknown> => ({ name: 'rule', ...(enabled === undefined ? {} : { enabled }) });
  const frontDoor = (rules: Record<string, unknown>[], hosts: number): Resource =>
    resource('azurerm_frontdoor', { resource_group_name: 'edge', routing_rule: rules, frontend_endpoint: Array.from({ length: hosts }, (_, index) => ({ name: `host${index}` })) });

  it.each<[string, Resource, Record<string, number>, number]>([
    // one enabled rule (a disabled one not counted): 730 × 0.03 = 21.90
    ['one enabled rule', frontDoor([rule(), rule(false)], 1), { 'Routing rules (first 5 rules)': 730 }, 21.9],
    // 6 enabled rules: 5 × 730 × 0.03 = 109.50 + 730 × 0.012 = 8.76; 110 hosts: 10 beyond 100 × 5.00 = 50
    ['rules beyond 5 and hosts beyond 100', frontDoor([rule(), rule(), rule(true), rule(), rule(), rule()], 110), { 'Routing rules (first 5 rules)': 3650, 'Routing rules (per additional rule)': 730, 'Frontend hosts (over 100)': 10 }, 168.26],
  ])('%s, in its resource group’s location', (_name, item, quantities, monthly) => {
    const cost = priceChanges(added(item, group), SETTINGS);
    const line = cost.lines.find((candidate) => candidate.address === item.address);
    expect(Object.fromEntries((line?.components ?? []).filter((part) => !part.usageBased).map((part) => [part.name, part.quantity]))).toEqual(quantities);
    expect(line?.after).toBeCloseTo(monthly, 6);
    expect(line?.components.filter((part) => part.usageBased).map((part) => part.name)).toEqual(['Inbound data transfer', 'Outbound data transfer (North America, Europe and Africa, first 10TB)']);
  });
});

describe('Azure CDN endpoints (classic)', () => {
  const profile = (sku: string): Resource => ({ ...resource('azurerm_cdn_profile', { name: 'cdn', location: 'eastus', sku }), address: 'azurerm_cdn_profile.cdn' });
  const endpoint = (attributes: Record<string, unknown> = {}): Resource => resource('azurerm_cdn_endpoint', { location: 'eastus', profile_name: unknownValue('azurerm_cdn_profile.cdn.name'), ...attributes });
  const withUsage = (item: Resource, sku: string, usage: string): ReturnType<typeof priceChanges> =>
    priceChanges(added(item, profile(sku)), SETTINGS, { usage: parseUsage(`resources:\n  ${item.address}:\n${usage}`, 'usage.yml').usage });
  const quantities = (cost: ReturnType<typeof priceChanges>, address: string): Record<string, number> =>
    Object.fromEntries((cost.lines.find((line) => line.address === address)?.components ?? []).map((part) => [part.name, part.quantity]));

  it('splits Akamai outbound data over its tiers, in decimal TB', () => {
    const item = endpoint();
    const cost = withUsage(item, 'Standard_Akamai', '    monthly_outbound_gb: 700000\n');
    expect(quantities(cost, item.address)).toEqual({
      'Outbound data transfer (Akamai, first 10TB)': 10_000,
      'Outbound data transfer (Akamai, next 40TB)': 40_000,
      'Outbound data transfer (Akamai, next 100TB)': 100_000,
      'Outbound data transfer (Akamai, next 350TB)': 350_000,
      'Outbound data transfer (Akamai, next 500TB)': 200_000,
    });
    // 10,000 × 0.081 + 40,000 × 0.075 + 100,000 × 0.056 + 350,000 × 0.037 + 200,000 × 0.028
    expect(cost.lines.find((line) => line.address === item.address)?.after).toBeCloseTo(810 + 3_000 + 5_600 + 12_950 + 5_600, 6);
  });

  it('bills an accelerated endpoint at the acceleration rates only', () => {
    const item = endpoint({ optimization_type: 'DynamicSiteAcceleration' });
    const cost = withUsage(item, 'Standard_Verizon', '    monthly_outbound_gb: 60000\n');
    expect(quantities(cost, item.address)).toEqual({ 'Acceleration outbound data transfer (first 50TB)': 50_000, 'Acceleration outbound data transfer (next 100TB)': 10_000 });
  });

  it('bills Standard Microsoft rules beyond 5 and rules engine requests', () => {
    const item = endpoint({ delivery_rule: Array.from({ length: 7 }, (_, order) => ({ name: `rule${order}`, order })), global_delivery_rule: [{}] });
    const cost = withUsage(item, 'Standard_Microsoft', '    monthly_outbound_gb: 10000\n    monthly_rules_engine_requests: 10000000\n');
    expect(quantities(cost, item.address)).toEqual({ 'Outbound data transfer (Microsoft, first 10TB)': 10_000, 'Rules engine rules (over 5)': 3, 'Rules engine requests': 10 });
    // 10,000 × 0.081 + 3 × 1.00 + 10 × 0.60
    expect(cost.lines.find((line) => line.address === item.address)?.after).toBeCloseTo(819, 6);
  });

  it('shows the first tier at its unit price without usage', () => {
    const item = endpoint();
    const cost = priceChanges(added(item, profile('Premium_Verizon')), SETTINGS);
    expect(quantities(cost, item.address)).toEqual({ 'Outbound data transfer (Premium Verizon, first 10TB)': 0 });
  });

  it.each<[string, Resource[], string, RegExp]>([
    ['a profile outside the change', [endpoint()], '', /CDN profile is not in this change/],
    ['data beyond the last tier the data has', [endpoint(), profile('Standard_Microsoft')], '    monthly_outbound_gb: 20000\n', /above 10 TB a month has no Microsoft rate/],
    ['a SKU without prices', [endpoint(), profile('Standard_ChinaCdn')], '', /standard_chinacdn CDN SKU has no price/],
  ])('leaves %s unpriced, with the reason', (_name, items, usage, reason) => {
    const usageFile = usage ? { usage: parseUsage(`resources:\n  azurerm_cdn_endpoint.this:\n${usage}`, 'usage.yml').usage } : {};
    const cost = priceChanges(added(...items), SETTINGS, usageFile);
    expect(cost.unpriced.find((item) => item.address === 'azurerm_cdn_endpoint.this')?.reason).toMatch(reason);
  });
});
