import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { added, terraformResource as resource } from './pricer-test-support.js';

const SETTINGS = { region: 'us-east-1', kubernetesRates: {} };

/** Monthly figures hand-computed from the westeurope rows of component-unit-prices.csv (730 hours a month). */
describe('Virtual WAN, DDoS and DNS resolver pricers', () => {
  it.each<[string, Resource, Resource[], number]>([
    // 3 × "S2S scale units (500 Mbps)" 263.53 = 790.59
    ['VPN gateway with 3 scale units', resource('azurerm_vpn_gateway', { location: 'westeurope', scale_unit: 3 }), [], 790.59],
    // 4 × "ER scale units (2 Gbps)" 306.60 = 1,226.40
    ['ExpressRoute gateway', resource('azurerm_express_route_gateway', { location: 'westeurope', scale_units: 4 }), [], 1226.4],
    // "S2S Connections" 0.05 × 730 = 36.50, in its gateway's location
    [
      'VPN connection',
      resource('azurerm_vpn_gateway_connection', { vpn_gateway_id: unknownValue('azurerm_vpn_gateway.main.id') }),
      [resource('azurerm_vpn_gateway', { location: 'westeurope' }, 'azurerm_vpn_gateway.main')],
      36.5,
    ],
    // "ER Connections" 0.05 × 730 = 36.50, in its gateway's location
    [
      'ExpressRoute connection',
      resource('azurerm_express_route_connection', { express_route_gateway_id: unknownValue('azurerm_express_route_gateway.main.id') }),
      [resource('azurerm_express_route_gateway', { location: 'westeurope' }, 'azurerm_express_route_gateway.main')],
      36.5,
    ],
    // Standard hub: "Deployment" 0.25 × 730 = 182.50 (data processed: usage)
    ['Standard virtual hub', resource('azurerm_virtual_hub', { location: 'westeurope', sku: 'Standard' }), [], 182.5],
    // "DDoS Protection Plan" 4.03226 × 730 = 2,943.5498
    ['DDoS protection plan', resource('azurerm_network_ddos_protection_plan', { location: 'westeurope' }), [], 2943.5498],
    // "Forwarding ruleset" 2.50 a month
    ['DNS forwarding ruleset', resource('azurerm_private_dns_resolver_dns_forwarding_ruleset', { location: 'westeurope' }), [], 2.5],
  ])('%s', (_name, item, siblings, expected) => {
    const cost = priceChanges(added(item, ...siblings), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.lines.find((line) => line.address === item.address)?.after).toBeCloseTo(expected, 6);
  });

  it('holds a Basic hub and the WAN itself free', () => {
    const cost = priceChanges(added(resource('azurerm_virtual_hub', { location: 'westeurope' }), resource('azurerm_virtual_wan', { location: 'westeurope' })), SETTINGS);
    expect(cost).toMatchObject({ lines: [], unpriced: [] });
  });

  it.each<[string, Resource, RegExp]>([
    ['a Premium hub', resource('azurerm_virtual_hub', { location: 'westeurope', sku: 'Premium' }), /premium hub SKU has no price/],
    ['a gateway where the data has no row', resource('azurerm_vpn_gateway', { location: 'eastus' }), /no price for azurerm_vpn_gateway "S2S scale units \(500 Mbps\)" in eastus/],
  ])('leaves %s unpriced, with the reason', (_name, item, reason) => {
    expect(priceChanges(added(item), SETTINGS).unpriced[0]?.reason).toMatch(reason);
  });
});
