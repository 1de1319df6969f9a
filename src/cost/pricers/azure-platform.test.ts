import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';
import { added, consistent, priceAdded, terraformResource as resource } from './pricer-test-support.js';

const SETTINGS = { region: 'us-east-1', kubernetesRates: {} };

/** Monthly figures hand-computed from the azure rows of component-unit-prices.csv (730 hours a month). */
describe('SignalR, search and API Management pricers', () => {
  it.each<[string, Resource, number]>([
    // 5 units × "Service usage (Premium)" westeurope 60.834 = 304.17 (messages: usage)
    ['Premium SignalR', resource('azurerm_signalr_service', { location: 'westeurope', sku: [{ name: 'Premium_P1', capacity: 5 }] }), 304.17],
    // Basic, 2 replicas × 2 partitions = 4 units × 730 hours × 0.101 ("Search usage (Basic, 4 units)") = 294.92
    ['Basic search with replicas and partitions', resource('azurerm_search_service', { location: 'eastus', sku: 'basic', replica_count: 2, partition_count: 2 }), 294.92],
    // one unit × 730 × 1.344 ("Search usage (Standard S2, 1 unit)") = 981.12
    ['Standard S2 search', resource('azurerm_search_service', { location: 'eastus', sku: 'standard2' }), 981.12],
    // Premium_4: 4 units × "API management (premium)" eastus 2,795.17 = 11,180.68
    ['Premium API Management', resource('azurerm_api_management', { location: 'eastus', sku_name: 'Premium_4' }), 11180.68],
    // Consumption bills calls: a unit price only
    ['Consumption API Management', resource('azurerm_api_management', { location: 'eastus', sku_name: 'Consumption_0' }), 0],
    // "Active directory domain service (Enterprise)" australiaeast 0.40 × 730 = 292.00
    ['Enterprise domain service', resource('azurerm_active_directory_domain_service', { location: 'australiaeast', sku: 'Enterprise' }), 292],
    // "Node usage (A1)" westeurope 1.0081 × 730 = 735.913
    ['Power BI Embedded A1', resource('azurerm_powerbi_embedded', { location: 'westeurope', sku_name: 'A1' }), 735.913],
    // 4 units × "IoT Hub" westeurope 25 = 100
    ['IoT Hub S1 with 4 units', resource('azurerm_iothub', { location: 'westeurope', sku: [{ name: 'S1', capacity: 4 }] }), 100],
    // "Integration Account (Standard)" westeurope 1.36986 × 730 = 999.9978
    ['Standard integration account', resource('azurerm_logic_app_integration_account', { location: 'westeurope', sku_name: 'Standard' }), 999.9978],
    // Premium_3: base 6.64 × 730 = 4,847.20 + 3 scale units × 3.32 × 730 = 7,270.80
    ['integration service environment with 3 scale units', resource('azurerm_integration_service_environment', { location: 'eastus', sku_name: 'Premium_3' }), 12118],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });

  it('holds Free SignalR and search free', () => {
    for (const item of [resource('azurerm_signalr_service', { location: 'westeurope', sku: [{ name: 'Free_F1', capacity: 1 }] }), resource('azurerm_search_service', { location: 'eastus', sku: 'free' })]) {
      expect(priceChanges(added(item), SETTINGS)).toMatchObject({ lines: [], unpriced: [] });
    }
  });

  it.each<[string, Resource, RegExp]>([
    ['a search tier the data lacks', resource('azurerm_search_service', { location: 'eastus', sku: 'standard3' }), /no price for search tier Standard S3 in eastus/],
    ['an Isolated API Management', resource('azurerm_api_management', { location: 'eastus', sku_name: 'Isolated_1' }), /Isolated tier has no price/],
    ['a domain service replica set without its service', resource('azurerm_active_directory_domain_service_replica_set', { location: 'australiaeast', domain_service_id: 'elsewhere' }), /domain service is not in the change/],
    ['an IoT Hub S2', resource('azurerm_iothub', { location: 'westeurope', sku: [{ name: 'S2', capacity: 1 }] }), /S2 tier has no price/],
    ['a Developer integration service environment', resource('azurerm_integration_service_environment', { location: 'eastus', sku_name: 'Developer_0' }), /"Developer_0" has no price/],
    ['an unknown SignalR SKU', resource('azurerm_signalr_service', { location: 'westeurope', sku: [{ name: 'Ultra_U1', capacity: 1 }] }), /Ultra_U1 SKU has no price/],
  ])('leaves %s unpriced, with the reason', (_name, item, reason) => {
    expect(priceChanges(added(item), SETTINGS).unpriced[0]?.reason).toMatch(reason);
  });
});

describe('Search image extraction from the usage file', () => {
  it('splits the images over the 1M, next 4M and beyond tiers, in thousands', () => {
    const cost = priceAdded(resource('azurerm_search_service', { location: 'eastus', sku: 'standard2' }), { monthly_images_extracted: 6_000_000 });
    const quantities = Object.fromEntries((cost.lines[0]?.components ?? []).filter((part) => part.usageBased).map((part) => [part.name, part.quantity]));
    expect(quantities).toEqual({ 'Image extraction (first 1M)': 1_000, 'Image extraction (next 4M)': 4_000, 'Image extraction (over 5M)': 1_000 });
    // 981.12 + 1,000 × 1.00 + 4,000 × 0.80 + 1,000 × 0.65
    expect(cost.lines[0]?.after).toBeCloseTo(981.12 + 1_000 + 3_200 + 650, 6);
    expect(consistent(cost)).toBe(true);
  });
});

/** data/list-prices.csv rows, from the App Configuration and Container Registry pricing pages; a month is 730 / 24 days. */
describe('App Configuration and Container Registry pricers', () => {
  const days = 730 / 24;

  it.each<[string, Resource, number]>([
    // one Standard store: 1.20 a day
    ['a Standard store', resource('azurerm_app_configuration', { location: 'westeurope', sku: 'standard' }), 1.2 * days],
    // each replica bills as another store: 3 replicas → 4 stores
    ['a Standard store with three replicas', resource('azurerm_app_configuration', { location: 'westeurope', sku: 'standard', replica: [{ location: 'westus' }, { location: 'eastasia' }, { location: 'australiaeast' }] }), 4 * 1.2 * days],
    ['a Basic registry', resource('azurerm_container_registry', { location: 'westeurope', sku: 'Basic' }), 0.167 * days],
    // Premium 1.667 a day, and each geo-replica another Premium registry
    ['a Premium registry replicated to two regions', resource('azurerm_container_registry', { location: 'westeurope', sku: 'Premium', georeplications: [{ location: 'eastus' }, { location: 'northeurope' }] }), 3 * 1.667 * days],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });

  it('holds a Free store free, the provider default', () => {
    expect(priceChanges(added(resource('azurerm_app_configuration', { location: 'westeurope' })), SETTINGS)).toMatchObject({ lines: [], unpriced: [] });
  });

  it('bills registry storage beyond the tier’s included from the usage file', () => {
    const registry = resource('azurerm_container_registry', { location: 'westeurope', sku: 'Basic' });
    const usage = parseUsage('resources:\n  azurerm_container_registry.this:\n    storage_gb: 150\n', 'usage.yml').usage;
    const storage = priceChanges(added(registry), SETTINGS, { usage }).lines[0]?.components.find((part) => part.name === 'Storage (over 10 GB)');
    // 140 GB beyond Basic's 10, at 0.003 a GB-day
    expect(storage).toMatchObject({ usageBased: true, unitPrice: 0.003 });
    expect(storage?.quantity).toBeCloseTo(140 * days, 6);
  });

  it.each<[string, Resource, RegExp]>([
    ['a Premium App Configuration store', resource('azurerm_app_configuration', { location: 'westeurope', sku: 'premium' }), /premium tier has no price/],
    ['a registry in a region without rows', resource('azurerm_container_registry', { location: 'japaneast', sku: 'Basic' }), /no price for azurerm_container_registry "Registry usage \(Basic\)" in japaneast/],
  ])('leaves %s unpriced, with the reason', (_name, item, reason) => {
    expect(priceChanges(added(item), SETTINGS).unpriced[0]?.reason).toMatch(reason);
  });
});
