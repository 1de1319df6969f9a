import { describe, expect, it } from 'vitest';
import type { CostSettings } from '../../config/model.js';
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';

function resource(type: string, attributes: Record<string, unknown>, extra: Partial<Resource> = {}): Resource {
  return { kind: 'terraform', type, address: `${type}.this`, attributes, file: 'main.tf', line: 3, endLine: 9, meta: {}, region: 'us-east-1', ...extra };
}

function added(...items: Resource[]): ResourceChange[] {
  return items.map((item) => ({ address: item.address, kind: item.kind, type: item.type, change: 'added', after: item }));
}

const SETTINGS: CostSettings = { region: 'us-east-1', kubernetesRates: {} };

function plan(attributes: Record<string, unknown>): Resource {
  return resource('azurerm_service_plan', { location: 'eastus', ...attributes }, { address: 'azurerm_service_plan.main' });
}

const onPlan = { service_plan_id: unknownValue('azurerm_service_plan.main.id'), location: 'eastus' };

/** Monthly figures hand-computed from the azure rows of component-unit-prices.csv (730 hours a month). */
describe('App Service plans and function apps, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // Windows P1v3 eastus 0.315 × 730 × 3 workers = 689.85
    ['Windows plan, three workers', plan({ sku_name: 'P1v3', os_type: 'Windows', worker_count: 3 }), 689.85],
    ['zone-balanced Windows plan, three workers', plan({ sku_name: 'P1v3', os_type: 'Windows', worker_count: 3, zone_balancing_enabled: true }), 689.85],
    // Windows containers bill the Windows rate: B1 eastus 0.075 × 730 = 54.75
    ['Windows container plan, default worker count', plan({ sku_name: 'B1', os_type: 'WindowsContainer' }), 54.75],
    // Premium Container PC2 (azurerm_app_service_plan row) eastus 0.162452 × 730 = 118.58996
    ['legacy Premium Container plan', resource('azurerm_app_service_plan', { location: 'eastus', kind: 'Windows', sku: [{ tier: 'PremiumContainer', size: 'PC2', capacity: 1 }] }), 118.58996],
    // legacy Windows S1 × 5: 0.1 × 730 × 5 = 365.00
    ['legacy Windows plan', resource('azurerm_app_service_plan', { location: 'eastus', kind: 'Windows', sku: [{ tier: 'Standard', size: 'S1', capacity: 5 }] }), 365],
    // EP2 Linux (azurerm_linux_function_app rows): 2 vCPU × 126.29 = 252.58 + 7 GB × 8.97929 = 62.85503 → 315.43503
    ['Elastic Premium plan', plan({ sku_name: 'EP2', os_type: 'Linux' }), 315.43503],
    // EP1 Windows (azurerm_windows_function_app rows), legacy plan: 1 × 126.29 + 3.5 × 8.97857 = 31.424995 → 157.714995
    ['legacy Elastic Premium plan', resource('azurerm_app_service_plan', { location: 'eastus', kind: 'elastic', sku: [{ tier: 'ElasticPremium', size: 'EP1', capacity: 1 }] }), 157.714995],
    // WS1 westeurope (azurerm_logic_app_standard rows): 1 vCore × 143.96 + 3.5 GB × 10.2943 = 36.03005 → 179.99005
    ['Workflow Standard plan', plan({ sku_name: 'WS1', os_type: 'Windows', location: 'westeurope' }), 179.99005],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.lines[0]?.after).toBeCloseTo(expected, 6);
    for (const part of cost.lines[0]?.components ?? []) expect(part.monthly).toBeCloseTo(part.quantity * part.unitPrice, 6);
  });

  it('ranges an Elastic Premium plan up to its maximum elastic workers', () => {
    const cost = priceChanges(added(plan({ sku_name: 'EP2', os_type: 'Linux', worker_count: 1, maximum_elastic_worker_count: 3 })), SETTINGS);
    // 315.43503 per instance (above): 1 → 315.43503, 3 → 946.30509
    expect(cost.lines[0]?.range?.low).toBeCloseTo(315.43503, 6);
    expect(cost.lines[0]?.range?.high).toBeCloseTo(946.30509, 6);
  });

  it('bills a function app on a Premium plan through its plan', () => {
    const cost = priceChanges(added(plan({ sku_name: 'EP2', os_type: 'Linux' }), resource('azurerm_linux_function_app', onPlan)), SETTINGS);
    expect(cost.lines.map((line) => line.address)).toEqual(['azurerm_service_plan.main']);
    expect(cost.unpriced).toEqual([]);
  });

  it('prices a Consumption function app’s executions from the usage file; the plan and a Free plan cost nothing', () => {
    const { usage } = parseUsage('resources:\n  azurerm_windows_function_app.this:\n    monthly_requests: 3000000\n', 'usage.yml');
    const free = resource('azurerm_service_plan', { location: 'eastus', sku_name: 'F1', os_type: 'Linux' }, { address: 'azurerm_service_plan.free' });
    const cost = priceChanges(added(plan({ sku_name: 'Y1', os_type: 'Windows' }), free, resource('azurerm_windows_function_app', onPlan)), SETTINGS, { usage });
    expect(cost.lines.map((line) => line.address)).toEqual(['azurerm_windows_function_app.this']);
    // executions 3M × 0.20 per 1M = 0.60; execution time: $0.000016 per GB-second shown, 0 counted
    expect(cost.lines[0]?.after).toBeCloseTo(0.6, 6);
    expect(cost.lines[0]?.components[1]).toMatchObject({ name: 'Execution time', unitPrice: 0.000016, quantity: 0, usageBased: true });
  });
});

describe('App Service Environment v2', () => {
  const group = resource('azurerm_resource_group', { name: 'ase', location: 'eastus' }, { address: 'azurerm_resource_group.main' });
  const environment = (attributes: Record<string, unknown>): Resource =>
    resource('azurerm_app_service_environment', { resource_group_name: unknownValue('azurerm_resource_group.main.name'), pricing_tier: 'I1', ...attributes });

  it('prices the stamp fee in its resource group’s region', () => {
    const cost = priceChanges(added(environment({ front_end_scale_factor: 15 }), group), SETTINGS);
    // stamp fee eastus 1.358 × 730 = 991.34; the workers bill through their Isolated plans
    expect(cost.lines[0]?.after).toBeCloseTo(991.34, 6);
    expect(cost.lines[0]?.note).toBeUndefined();
  });

  it('says that front ends above the default are not priced', () => {
    const cost = priceChanges(added(environment({ front_end_scale_factor: 10 }), group), SETTINGS);
    expect(cost.lines[0]?.after).toBeCloseTo(991.34, 6);
    expect(cost.lines[0]?.note).toMatch(/front-end cores beyond the default/);
  });
});

describe('App Service certificates, bindings, Logic Apps and Static Web Apps', () => {
  it.each<[string, Resource[], number]>([
    // IP SSL westus2 (certificate binding row), in its certificate's location: 39.00 a month
    [
      'an IP-based SSL binding',
      [
        resource('azurerm_app_service_certificate_binding', { certificate_id: unknownValue('azurerm_app_service_certificate.main.id'), ssl_state: 'IpBasedEnabled' }),
        resource('azurerm_app_service_certificate', { location: 'westus2' }, { address: 'azurerm_app_service_certificate.main' }),
      ],
      39,
    ],
    // IP SSL eastus2 (custom host name binding row), in its resource group's location: 39.00
    [
      'an IP-based custom host name binding',
      [
        resource('azurerm_app_service_custom_hostname_binding', { resource_group_name: 'web', ssl_state: 'IpBasedEnabled' }),
        resource('azurerm_resource_group', { name: 'web', location: 'eastus2' }, { address: 'azurerm_resource_group.web' }),
      ],
      39,
    ],
    // wildcard certificate 300.12 a year / 12 = 25.01
    ['a wildcard certificate order', [resource('azurerm_app_service_certificate_order', { location: 'global', product_type: 'WildCard' })], 25.01],
    // standard (the default) 69.988 a year / 12 = 5.832333…
    ['a standard certificate order', [resource('azurerm_app_service_certificate_order', { location: 'global' })], 69.988 / 12],
    // Standard plan centralus 9.00 a month; bandwidth over 100 GB: unit price only
    ['a Standard static web app', [resource('azurerm_static_web_app', { location: 'centralus', sku_tier: 'Standard' })], 9],
    // connector calls westeurope: unit prices only; the Workflow Standard plan bills the compute
    ['a Logic App (Standard)', [resource('azurerm_logic_app_standard', { location: 'westeurope', app_service_plan_id: 'elsewhere' })], 0],
  ])('%s', (_name, items, expected) => {
    const cost = priceChanges(added(...items), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.lines.map((line) => line.address)).toEqual([items[0]?.address]);
    expect(cost.lines[0]?.after).toBeCloseTo(expected, 6);
  });

  it('leaves SNI bindings, Free static sites and web apps out: they cost nothing themselves', () => {
    const cost = priceChanges(
      added(
        resource('azurerm_app_service_certificate_binding', { ssl_state: 'SniEnabled' }),
        resource('azurerm_static_site', { location: 'centralus' }),
        resource('azurerm_linux_web_app', { location: 'eastus', service_plan_id: 'elsewhere' }),
      ),
      SETTINGS,
    );
    expect(cost).toMatchObject({ lines: [], unpriced: [] });
  });
});

describe('App Service: unpriced, never $0', () => {
  it.each<[string, Resource[], RegExp]>([
    ['a Linux dedicated plan', [plan({ sku_name: 'B1', os_type: 'Linux' })], /no Linux App Service rate for B1/],
    ['a zone-balanced plan without a worker count', [plan({ sku_name: 'P1v3', os_type: 'Windows', zone_balancing_enabled: true })], /zone balancing is on and worker_count is not set/],
    ['a plan in a region the data lacks', [plan({ sku_name: 'P1v3', os_type: 'Windows', location: 'westus' })], /no price for azurerm_service_plan "Instance usage \(P1v3\)" in westus/],
    ['a function app whose plan is outside the change', [resource('azurerm_linux_function_app', onPlan)], /its plan is not in this change/],
    ['an environment in a region the data lacks', [
        resource('azurerm_app_service_environment', { resource_group_name: 'west' }),
        resource('azurerm_resource_group', { name: 'west', location: 'West US' }, { address: 'azurerm_resource_group.west' }),
      ], /no price for azurerm_app_service_environment "Stamp fee" in westus/],
    ['a Standard static web app where the data has no price', [resource('azurerm_static_web_app', { location: 'eastus', sku_tier: 'Standard' })], /no price for Static Web Apps Standard in eastus/],
    ['an SKU from a variable', [plan({ sku_name: unknownValue('var.sku'), os_type: 'Windows' })], /sku_name is not known before apply/],
  ])('%s', (_name, items, reason) => {
    const cost = priceChanges(added(...items), SETTINGS);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced).toHaveLength(1);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});
