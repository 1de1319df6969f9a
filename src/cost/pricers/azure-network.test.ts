import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { added, terraformResource as resource } from './pricer-test-support.js';

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
