import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CostSettings } from '../../config/model.js';
import type { ResourceChange } from '../../diff/model.js';
import { runGate } from '../../gate.js';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';

function resource(type: string, attributes: Record<string, unknown>, extra: Partial<Resource> = {}): Resource {
  return { kind: 'terraform', type, address: `${type}.this`, attributes, file: 'main.tf', line: 3, endLine: 9, meta: {}, region: 'us-east-1', ...extra };
}

function added(after: Resource, siblings: Resource[] = []): ResourceChange[] {
  return [after, ...siblings].map((item) => ({ address: item.address, kind: item.kind, type: item.type, change: 'added', after: item }));
}

const SETTINGS: CostSettings = { region: 'us-east-1', kubernetesRates: {} };

const group = resource('azurerm_resource_group', { name: 'shop', location: 'West Europe' }, { address: 'azurerm_resource_group.main' });
const fromGroup = unknownValue('azurerm_resource_group.main.location');

/** Monthly figures hand-computed from azure-vm-ondemand.csv and the azure rows of component-unit-prices.csv (730 hours a month). */
describe('Azure pricers, against hand-computed figures', () => {
  it.each<[string, Resource, Resource[], number]>([
    // Standard_B2s eastus 0.0416 × 730 = 30.368; Premium_LRS 30 GiB → P4 (≤ 32 GiB), eastus 5.28 a month → 35.648
    ['Linux VM with a Premium OS disk', resource('azurerm_linux_virtual_machine', { size: 'Standard_B2s', location: 'eastus', os_disk: [{ storage_account_type: 'Premium_LRS', disk_size_gb: 30 }] }), [], 35.648],
    ['location spelled as in the portal', resource('azurerm_linux_virtual_machine', { size: 'Standard_B2s', location: 'East US', os_disk: [{ storage_account_type: 'Premium_LRS', disk_size_gb: 30 }] }), [], 35.648],
    // location copied from the resource group: westeurope; B2s 0.048 × 730 = 35.04 + P4 westeurope 5.81 (azurerm_virtual_machine row) = 40.85
    ['location from its resource group', resource('azurerm_linux_virtual_machine', { size: 'Standard_B2s', location: fromGroup, os_disk: [{ storage_account_type: 'Premium_LRS', disk_size_gb: 30 }] }), [group], 40.85],
    // Windows, licence included: "Instance usage (Windows, pay as you go, Standard_F2)" eastus 0.192 × 730 = 140.16 (OS disk size from the image: not priced)
    ['Windows VM, licence included', resource('azurerm_windows_virtual_machine', { size: 'Standard_F2', location: 'eastus', os_disk: [{ storage_account_type: 'Premium_LRS' }] }), [], 140.16],
    // Azure Hybrid Benefit bills the Linux rate: Standard_D2s_v3 eastus 0.096 × 730 = 70.08
    ['Windows VM under Hybrid Benefit', resource('azurerm_windows_virtual_machine', { size: 'Standard_D2s_v3', location: 'eastus', license_type: 'Windows_Server' }), [], 70.08],
    // legacy VM in westeurope: D2s_v3 0.12 × 730 = 87.60 + data disk Standard_LRS 64 GiB → S6 westeurope 3.01 = 90.61
    [
      'legacy azurerm_virtual_machine with a data disk',
      resource('azurerm_virtual_machine', {
        vm_size: 'Standard_D2s_v3',
        location: 'westeurope',
        storage_os_disk: [{ managed_disk_type: 'Premium_LRS', create_option: 'FromImage' }],
        storage_data_disk: [{ managed_disk_type: 'Standard_LRS', disk_size_gb: 64, lun: 0 }],
      }),
      [],
      90.61,
    ],
    // Premium_LRS 100 GiB → P10, eastus 19.71
    ['Premium managed disk', resource('azurerm_managed_disk', { storage_account_type: 'Premium_LRS', disk_size_gb: 100, location: 'eastus' }), [], 19.71],
    // Ultra, 600 GiB rounds up to the 1,024 GiB size: 1024 × 0.119722 + 1,000 IOPS × 0.04964 + 10 MB/s × 0.3495 = 175.730328
    [
      'ultra managed disk, capacity rounded up to a size Azure offers',
      resource('azurerm_managed_disk', { storage_account_type: 'UltraSSD_LRS', disk_size_gb: 600, disk_iops_read_write: 1000, disk_mbps_read_write: 10, location: 'eastus' }),
      [],
      175.730328,
    ],
    // Ultra below 1 TiB: 100 GiB bills as 128 GiB: 128 × 0.119722 + 500 × 0.04964 + 8 × 0.3495 = 42.940416
    [
      'small ultra managed disk',
      resource('azurerm_managed_disk', { storage_account_type: 'UltraSSD_LRS', disk_size_gb: 100, disk_iops_read_write: 500, disk_mbps_read_write: 8, location: 'eastus' }),
      [],
      42.940416,
    ],
    // Standard_LRS has no tier below S4: 20 GiB bills as S4, westeurope 1.54
    ['small Standard HDD disk bills as S4', resource('azurerm_managed_disk', { storage_account_type: 'Standard_LRS', disk_size_gb: 20, location: 'westeurope' }), [], 1.54],
    // 3 × (Standard_F2 westeurope 0.114 × 730 = 83.22 + StandardSSD_LRS 32 GiB → E4 westeurope 2.40) = 3 × 85.62 = 256.86
    [
      'scale set',
      resource('azurerm_linux_virtual_machine_scale_set', { sku: 'Standard_F2', instances: 3, location: 'westeurope', os_disk: [{ storage_account_type: 'StandardSSD_LRS', disk_size_gb: 32 }] }),
      [],
      256.86,
    ],
    // AKS, Free tier: 3 × (Standard_D2_v2 westeurope 0.136 × 730 = 99.28 + 128 GiB OS disk, no premium storage → S10 westeurope 5.89) = 315.51
    ['AKS cluster, Free tier', resource('azurerm_kubernetes_cluster', { location: 'westeurope', default_node_pool: [{ name: 'system', vm_size: 'Standard_D2_v2', node_count: 3 }] }), [], 315.51],
    // 2 nodes × Standard_D2s_v3 westeurope 87.60, ephemeral OS disks (in the VM price) = 175.20; location from the cluster
    [
      'AKS node pool in its cluster’s location',
      resource('azurerm_kubernetes_cluster_node_pool', { kubernetes_cluster_id: unknownValue('azurerm_kubernetes_cluster.main.id'), vm_size: 'Standard_D2s_v3', node_count: 2, os_disk_type: 'Ephemeral' }),
      [resource('azurerm_kubernetes_cluster', { location: fromGroup, default_node_pool: [{ vm_size: 'Standard_D2_v2', node_count: 1 }] }, { address: 'azurerm_kubernetes_cluster.main' }), group],
      175.2,
    ],
    // no node_count, min_count 2: 2 × Standard_D2s_v3 eastus 0.096 × 730 = 140.16, ephemeral OS disks
    ['AKS node pool at its min_count', resource('azurerm_kubernetes_cluster_node_pool', { location: 'eastus', vm_size: 'Standard_D2s_v3', min_count: 2, os_disk_type: 'Ephemeral' }), [], 140.16],
    // Basic_A2 is not in the VM table: the azurerm_linux_virtual_machine row, eastus 0.079 × 730 = 57.67
    ['Linux VM size from a component row', resource('azurerm_linux_virtual_machine', { size: 'Basic_A2', location: 'eastus' }), [], 57.67],
    // DTU tier S1: 0.0403151 × 730 = 29.430023 (backups: usage, 0)
    ['SQL database, DTU tier', resource('azurerm_mssql_database', { sku_name: 'S1', server_id: 'x', location: 'eastus' }), [], 29.430023],
    // GP_Gen5_4 with Hybrid Benefit: 0.608863 × 730 = 444.46999 + storage 10 GB × 0.25 = 2.50 → 446.96999
    ['SQL database, vCore with Hybrid Benefit', resource('azurerm_mssql_database', { sku_name: 'GP_Gen5_4', license_type: 'BasePrice', max_size_gb: 10, location: 'eastus' }), [], 446.96999],
    // GP_Standard_D4s_v3 westus 0.39 × 730 = 284.70 + 65,536 MB = 64 GB × 0.14 = 8.96 → 293.66; high availability doubles both → 587.32
    ['PostgreSQL flexible server', resource('azurerm_postgresql_flexible_server', { sku_name: 'GP_Standard_D4s_v3', storage_mb: 65536, location: 'westus' }), [], 293.66],
    ['PostgreSQL flexible server, zone-redundant HA', resource('azurerm_postgresql_flexible_server', { sku_name: 'GP_Standard_D4s_v3', storage_mb: 65536, location: 'westus', high_availability: [{ mode: 'ZoneRedundant' }] }), [], 587.32],
    // B_Standard_B1ms westus 0.022 × 730 = 16.06 + 100 GB × 0.138 = 13.80 + (1,000 − (300 + 3 × 100)) = 400 IOPS × 0.06 = 24.00 → 53.86
    ['MySQL flexible server with extra IOPS', resource('azurerm_mysql_flexible_server', { sku_name: 'B_Standard_B1ms', location: 'westus', storage: [{ size_gb: 100, iops: 1000 }] }), [], 53.86],
    // rule hours westus 0.01 × 730 = 7.30, location from its (Standard) load balancer
    [
      'load balancer rule',
      resource('azurerm_lb_rule', { loadbalancer_id: unknownValue('azurerm_lb.main.id'), protocol: 'Tcp' }),
      [resource('azurerm_lb', { location: 'westus', sku: 'Standard' }, { address: 'azurerm_lb.main' })],
      7.3,
    ],
    // NAT gateway westeurope 0.045 × 730 = 32.85
    ['NAT gateway', resource('azurerm_nat_gateway', { location: 'westeurope' }), [], 32.85],
    // static global IP eastus 0.01 × 730 = 7.30; dynamic regional 0.004 × 730 = 2.92
    ['global static public IP', resource('azurerm_public_ip', { allocation_method: 'Static', sku_tier: 'Global', location: 'eastus' }), [], 7.3],
    ['dynamic public IP', resource('azurerm_public_ip', { allocation_method: 'Dynamic', sku: 'Basic', location: 'eastus' }), [], 2.92],
    // WAF_v2 eastus 0.36 × 730 = 262.80 (capacity units: unit price only)
    ['application gateway WAF_v2', resource('azurerm_application_gateway', { sku: [{ name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 }], location: 'eastus' }), [], 262.8],
  ])('%s', (_name, item, siblings, expected) => {
    const cost = priceChanges(added(item, siblings), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    const line = cost.lines.find((candidate) => candidate.address === item.address);
    expect(line?.after).toBeCloseTo(expected, 6);
    for (const part of line?.components ?? []) expect(part.monthly).toBeCloseTo(part.quantity * part.unitPrice, 5);
  });

  it('prices an autoscaled AKS pool at its count, with min–max as the range, plus the Standard tier SLA', () => {
    const cluster = resource('azurerm_kubernetes_cluster', {
      location: 'eastus',
      sku_tier: 'Standard',
      default_node_pool: [{ vm_size: 'Standard_DS2_v2', node_count: 3, auto_scaling_enabled: true, min_count: 2, max_count: 5 }],
    });
    const cost = priceChanges(added(cluster), SETTINGS);
    // per node: DS2_v2 eastus 0.146 × 730 = 106.58 + 128 GiB premium OS disk → P10 19.71 = 126.29
    // SLA 0.1 × 730 = 73.00; 3 nodes → 73 + 378.87 = 451.87; 2 nodes → 325.58; 5 nodes → 704.45
    expect(cost.after).toBeCloseTo(451.87, 6);
    expect(cost.lines[0]?.range).toEqual({ low: 325.58, high: 704.45 });
  });

  it('prices the Standard tier SLA outside eastus from eastus, marked approximate, while a fallback is on', () => {
    const cluster = resource('azurerm_kubernetes_cluster', { location: 'japaneast', sku_tier: 'Standard', default_node_pool: [{ vm_size: 'Standard_D2s_v3', node_count: 1, os_disk_type: 'Ephemeral' }] });
    // The configured fallback is an AWS region: Azure's data home, eastus, stands in for Azure.
    const line = priceChanges(added(cluster), { ...SETTINGS, fallbackRegion: 'us-east-1' }).lines[0];
    expect(line?.components.find((item) => item.name.startsWith('Uptime SLA'))).toMatchObject({ quantity: 730, unitPrice: 0.1 });
    expect(line).toMatchObject({ approximate: true, note: expect.stringContaining('eastus prices stand in for japaneast') });
    expect(priceChanges(added(cluster), SETTINGS).unpriced[0]?.reason).toMatch(/"Uptime SLA" in japaneast .*set cost.fallback-region to approximate/);
  });

  it('takes a scale set’s range from the autoscale setting that targets it', () => {
    const scaleSet = resource(
      'azurerm_linux_virtual_machine_scale_set',
      { sku: 'Standard_F2', instances: 3, location: 'westeurope', os_disk: [{ storage_account_type: 'StandardSSD_LRS', disk_size_gb: 32 }] },
      { address: 'azurerm_linux_virtual_machine_scale_set.web' },
    );
    const autoscale = resource(
      'azurerm_monitor_autoscale_setting',
      { target_resource_id: unknownValue('azurerm_linux_virtual_machine_scale_set.web.id'), profile: [{ capacity: [{ default: 3, minimum: 2, maximum: 6 }] }] },
      { address: 'azurerm_monitor_autoscale_setting.web' },
    );
    const cost = priceChanges(added(scaleSet, [autoscale]), SETTINGS);
    // 85.62 per instance (see the table above): 2 → 171.24, 6 → 513.72; the autoscale setting itself costs nothing
    expect(cost.lines.map((line) => line.address)).toEqual(['azurerm_linux_virtual_machine_scale_set.web']);
    expect(cost.lines[0]?.range).toEqual({ low: 171.24, high: 513.72 });
  });

  it('marks SQL storage approximate: the data has one vCore storage rate for every tier', () => {
    const cost = priceChanges(added(resource('azurerm_mssql_database', { sku_name: 'GP_S_Gen5_2', max_size_gb: 32, location: 'eastus' })), SETTINGS);
    // serverless compute is usage: $0.52 per vCore-hour shown, 0 counted; storage 32 GB × 0.25 = 8.00
    expect(cost.after).toBeCloseTo(8, 6);
    expect(cost.lines[0]).toMatchObject({ approximate: true, note: expect.stringMatching(/one vCore storage rate/) });
    expect(cost.lines[0]?.components[0]).toMatchObject({ name: 'Compute (serverless, GP_S_Gen5_2)', unitPrice: 0.52, quantity: 0, usageBased: true });
  });

  it('prices usage from a usage file', () => {
    const { usage } = parseUsage('resources:\n  azurerm_nat_gateway.this:\n    monthly_data_processed_gb: 100\n', 'usage.yml');
    const cost = priceChanges(added(resource('azurerm_nat_gateway', { location: 'westeurope' })), SETTINGS, { usage });
    // 32.85 + 100 GB × 0.045 = 4.50
    expect(cost.after).toBeCloseTo(37.35, 6);
  });

  it('leaves a Basic load balancer, resource groups and networks out of both lists', () => {
    const cost = priceChanges(
      [resource('azurerm_lb', { sku: 'Basic', location: 'westus' }), group, resource('azurerm_virtual_network', { location: 'eastus' }), resource('azurerm_mssql_server', {})].flatMap((item) => added(item)),
      SETTINGS,
    );
    expect(cost).toMatchObject({ lines: [], unpriced: [] });
  });
});

describe('Azure: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['a size from a variable', resource('azurerm_linux_virtual_machine', { size: unknownValue('var.vm_size'), location: 'eastus' }), /size is not known before apply \(var.vm_size\)/],
    ['a size the data lacks', resource('azurerm_linux_virtual_machine', { size: 'Standard_Z99', location: 'eastus' }), /no price for Azure VM size Standard_Z99 in eastus/],
    ['a location from a group outside the change', resource('azurerm_managed_disk', { storage_account_type: 'Premium_LRS', disk_size_gb: 10, location: unknownValue('azurerm_resource_group.other.location') }), /location is not known before apply/],
    ['a region the component data lacks', resource('azurerm_managed_disk', { storage_account_type: 'Premium_LRS', disk_size_gb: 100, location: 'northeurope' }), /no price for managed disk tier P10 LRS in northeurope .*cost.fallback-region/],
    ['Windows without a price for its size', resource('azurerm_windows_virtual_machine', { size: 'Standard_D2s_v3', location: 'eastus' }), /Windows pay-as-you-go VM size Standard_D2s_v3 in eastus/],
    ['a Spot VM', resource('azurerm_linux_virtual_machine', { size: 'Standard_B2s', location: 'eastus', priority: 'Spot' }), /Spot VMs have no price/],
    ['an ultra disk without its provisioned performance', resource('azurerm_managed_disk', { storage_account_type: 'UltraSSD_LRS', disk_size_gb: 1024, location: 'eastus' }), /ultra disk without disk_iops_read_write and disk_mbps_read_write/],
    ['an ultra data disk of a VM, whose block sets no performance', resource('azurerm_linux_virtual_machine', { size: 'Standard_B1s', location: 'eastus', os_disk: [{ storage_account_type: 'UltraSSD_LRS', disk_size_gb: 64 }] }), /UltraSSD_LRS disks have no price/],
    ['an empty disk without its size', resource('azurerm_managed_disk', { storage_account_type: 'Premium_LRS', create_option: 'Empty', location: 'eastus' }), /create_option Empty\) needs disk_size_gb/],
    ['a copied disk without its size', resource('azurerm_managed_disk', { storage_account_type: 'Premium_LRS', create_option: 'Copy', location: 'eastus' }), /size comes from the source disk or image/],
    ['an oversized disk', resource('azurerm_managed_disk', { storage_account_type: 'Premium_LRS', disk_size_gb: 40000, location: 'eastus' }), /larger than the largest managed disk/],
    ['a negative node count', resource('azurerm_kubernetes_cluster', { location: 'eastus', default_node_pool: [{ vm_size: 'Standard_D2s_v3', node_count: -1 }] }), /node_count is negative/],
    ['the AKS Premium tier', resource('azurerm_kubernetes_cluster', { location: 'eastus', sku_tier: 'Premium', default_node_pool: [{ vm_size: 'Standard_D2s_v3', node_count: 1 }] }), /Premium tier/],
    ['a v1 application gateway', resource('azurerm_application_gateway', { sku: [{ name: 'Standard_Medium', tier: 'Standard', capacity: 2 }], location: 'eastus' }), /standard tier has no price/],
  ])('%s', (_name, item, reason) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced).toHaveLength(1);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
    expect(cost.after).toBe(0);
  });

  it('approximates from cost.fallback-region and says so', () => {
    const disk = resource('azurerm_managed_disk', { storage_account_type: 'Premium_LRS', disk_size_gb: 100, location: 'North Europe' });
    const cost = priceChanges(added(disk), { ...SETTINGS, fallbackRegion: 'eastus' });
    expect(cost.after).toBeCloseTo(19.71, 6);
    expect(cost.lines[0]).toMatchObject({ approximate: true, region: 'eastus', note: 'eastus prices stand in for northeurope' });
  });
});

describe('the gate on an Azure Terraform change', () => {
  const read = (side: string): string => readFileSync(new URL(`../../../test/fixtures/terraform/azure-shop/${side}/main.tf`, import.meta.url), 'utf8');
  const changes = changeSet([{ path: 'infra/azure/main.tf', status: 'modified', before: read('base'), after: read('head') }]);

  it('prices before, after and delta per resource, in each resource’s location', () => {
    const { cost } = runGate({ config: plainConfig(), changes });
    const byAddress = Object.fromEntries(cost.lines.map((line) => [line.address, line]));
    // web VM: B2s 30.368 + P4 5.28 = 35.648 → D2s_v3 0.096 × 730 = 70.08 + 5.28 = 75.36
    expect(byAddress['azurerm_linux_virtual_machine.web']).toMatchObject({ before: 35.648, after: 75.36, delta: 39.712, region: 'eastus', line: 45 });
    // AKS: 2 × (D2s_v3 70.08 + P10 19.71) = 179.58 → Standard tier 73.00 + the same two nodes = 252.58, autoscaling 2–5 → 252.58 to 521.95
    expect(byAddress['azurerm_kubernetes_cluster.aks']).toMatchObject({ before: 179.58, after: 252.58, range: { low: 252.58, high: 521.95 } });
    // added pool: D4s_v3 0.192 × 730 = 140.16 + P10 19.71 = 159.87
    expect(byAddress['azurerm_kubernetes_cluster_node_pool.batch']).toMatchObject({ before: 0, after: 159.87 });
    // added disk: Premium 100 GiB → P10 19.71; added database: S1 29.430023
    expect(byAddress['azurerm_managed_disk.data']?.after).toBeCloseTo(19.71, 6);
    expect(byAddress['azurerm_mssql_database.orders']?.after).toBeCloseTo(29.430023, 6);
    // the data has static regional public IPs for australiaeast only
    expect(cost.unpriced).toEqual([{ address: 'azurerm_public_ip.web', scope: 'infra/azure', type: 'azurerm_public_ip', reason: expect.stringMatching(/IP address \(static, regional\)" in eastus/) }]);
    expect(cost.delta).toBeCloseTo(39.712 + 73 + 159.87 + 19.71 + 29.430023, 6);
    expect(cost.regions).toEqual(['eastus']);
    expect(cost.catalogDate).toContain('2026-06-18');
  });
});

describe('Azure Cache for Redis', () => {
  it.each<[string, Resource, number]>([
    // Standard: primary and replica, 2 × "Cache usage (Standard_C3)" eastus 164.25 = 328.50
    ['Standard cache', resource('azurerm_redis_cache', { location: 'eastus', sku_name: 'Standard', family: 'C', capacity: 3 }), 328.5],
    // Premium, 3 shards × (1 + 2 replicas) = 9 nodes × "Cache usage (Premium_P2)" 405.15 = 3,646.35
    ['Premium cache with shards and replicas', resource('azurerm_redis_cache', { location: 'eastus', sku_name: 'Premium', family: 'P', capacity: 2, shard_count: 3, replicas_per_master: 2 }), 3646.35],
    // Premium, no shards: one primary and its default replica, 2 × 202.21 = 404.42
    ['Premium cache without shards', resource('azurerm_redis_cache', { location: 'eastus', sku_name: 'Premium', family: 'P', capacity: 1, shard_count: 0 }), 404.42],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });

  it.each<[string, Resource, number]>([
    // high availability (the default): 2 nodes × 730 hours × "Cache usage (Balanced_B3)" eastus 0.065 = 94.90
    ['Managed Redis with high availability', resource('azurerm_managed_redis', { location: 'eastus', sku_name: 'Balanced_B3' }), 94.9],
    // one node: 730 × 0.065 = 47.45
    ['Managed Redis without high availability', resource('azurerm_managed_redis', { location: 'eastus', sku_name: 'Balanced_B3', high_availability_enabled: false }), 47.45],
  ])('%s', (_name, item, expected) => {
    expect(priceChanges(added(item), SETTINGS).after).toBeCloseTo(expected, 6);
  });

  it('leaves a size the data lacks unpriced, with the reason', () => {
    const cost = priceChanges(added(resource('azurerm_redis_cache', { location: 'eastus', sku_name: 'Basic', family: 'C', capacity: 0 })), SETTINGS);
    expect(cost.unpriced[0]?.reason).toMatch(/no price for azurerm_redis_cache "Cache usage \(Basic_C0\)" in eastus/);
  });
});

describe('Azure Database single servers (PostgreSQL, MySQL, MariaDB)', () => {
  it.each<[string, Resource, number]>([
    // "Compute (GP_Gen5_4)" eastus 0.350397 × 730 = 255.78981 + 4,096,000 MB = 4,000 GB × 0.115 = 460.00 (backups: usage)
    ['General Purpose PostgreSQL server', resource('azurerm_postgresql_server', { location: 'eastus', sku_name: 'GP_Gen5_4', storage_mb: 4096000 }), 715.78981],
    // "Compute (MO_Gen5_16)" 1.8896 × 730 = 1,379.408 + default 5,120 MB = 5 GB × 0.115 = 0.575
    ['Memory Optimized MariaDB server, default storage', resource('azurerm_mariadb_server', { location: 'eastus', sku_name: 'MO_Gen5_16' }), 1379.983],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });

  it('marks Basic storage approximate and leaves geo-redundant backups out, noted', () => {
    const cost = priceChanges(added(resource('azurerm_mysql_server', { location: 'eastus', sku_name: 'B_Gen5_2', storage_mb: 5120, geo_redundant_backup_enabled: true })), SETTINGS);
    // "Compute (B_Gen5_2)" 0.068 × 730 = 49.64 + 5 GB × 0.115 = 0.575
    expect(cost.after).toBeCloseTo(50.215, 6);
    expect(cost.lines[0]).toMatchObject({ approximate: true, note: expect.stringMatching(/geo-redundant backup storage has no price/) });
  });

  it('leaves a SKU the data lacks unpriced, with the reason', () => {
    const cost = priceChanges(added(resource('azurerm_postgresql_server', { location: 'eastus', sku_name: 'GP_Gen5_8' })), SETTINGS);
    expect(cost.unpriced[0]?.reason).toMatch(/no price for azurerm_postgresql_server "Compute \(GP_Gen5_8\)" in eastus/);
  });
});
