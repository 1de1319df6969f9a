import { describe, expect, it } from 'vitest';
import type { CostSettings } from '../../config/model.js';
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';

function resource(type: string, attributes: Record<string, unknown>, extra: Partial<Resource> = {}): Resource {
  return { kind: 'terraform', type, address: `${type}.this`, attributes, file: 'main.tf', line: 3, endLine: 9, meta: {}, region: 'us-east-1', ...extra };
}

function added(...items: Resource[]): ResourceChange[] {
  return items.map((item) => ({ address: item.address, kind: item.kind, type: item.type, change: 'added', after: item }));
}

const SETTINGS: CostSettings = { region: 'us-east-1', kubernetesRates: {} };

const group = resource('azurerm_resource_group', { name: 'ml', location: 'West Europe' }, { address: 'azurerm_resource_group.main' });
const workspace = resource('azurerm_machine_learning_workspace', { location: unknownValue('azurerm_resource_group.main.location') }, { address: 'azurerm_machine_learning_workspace.main' });
const inWorkspace = { machine_learning_workspace_id: unknownValue('azurerm_machine_learning_workspace.main.id') };

function cluster(attributes: Record<string, unknown>): Resource {
  return resource('azurerm_machine_learning_compute_cluster', { location: 'westeurope', vm_priority: 'Dedicated', ...inWorkspace, ...attributes });
}

/** Monthly figures hand-computed from azure-vm-ondemand.csv and the azure rows of component-unit-prices.csv (730 hours a month). */
describe('Machine Learning compute, against hand-computed figures', () => {
  it('prices a dedicated cluster at its minimum nodes, up to its maximum as the range', () => {
    const cost = priceChanges(added(cluster({ vm_size: 'Standard_D2s_v3', scale_settings: [{ min_node_count: 2, max_node_count: 5 }] })), SETTINGS);
    // Standard_D2s_v3 westeurope 0.12 × 730 = 87.60 a node: 2 → 175.20, 5 → 438.00
    expect(cost.lines[0]?.after).toBeCloseTo(175.2, 6);
    expect(cost.lines[0]?.range?.low).toBeCloseTo(175.2, 6);
    expect(cost.lines[0]?.range?.high).toBeCloseTo(438, 6);
  });

  it.each<[string, Resource, number]>([
    // Standard_NC6 is not in the VM table; the compute cluster row, westeurope 1.166 × 730 = 851.18
    ['a retired size from the cluster rows', cluster({ vm_size: 'Standard_NC6', scale_settings: [{ min_node_count: 1, max_node_count: 1 }] }), 851.18],
    // no location of its own: its workspace's, West Europe from the resource group; D2s_v3 0.12 × 730 = 87.60
    ['a compute instance in its workspace’s region', resource('azurerm_machine_learning_compute_instance', { virtual_machine_size: 'Standard_D2s_v3', ...inWorkspace }), 87.6],
    // its own location: D2s_v3 eastus 0.096 × 730 = 70.08
    ['a compute instance with its own location', resource('azurerm_machine_learning_compute_instance', { virtual_machine_size: 'Standard_D2s_v3', location: 'eastus' }), 70.08],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item, workspace, group), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.lines.map((line) => line.address)).toEqual([item.address]);
    expect(cost.lines[0]?.after).toBeCloseTo(expected, 6);
  });
});

describe('Machine Learning compute: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['a low-priority cluster', cluster({ vm_size: 'Standard_D2s_v3', vm_priority: 'LowPriority', scale_settings: [{ min_node_count: 1, max_node_count: 2 }] }), /low-priority VMs have no price/],
    ['a retired size where no row has it', resource('azurerm_machine_learning_compute_instance', { virtual_machine_size: 'Standard_NC6', location: 'eastus' }), /no price for Azure VM size Standard_NC6 in eastus/],
    ['a maximum below the minimum', cluster({ vm_size: 'Standard_D2s_v3', scale_settings: [{ min_node_count: 3, max_node_count: 1 }] }), /max_node_count 1 is below min_node_count 3/],
  ])('%s', (_name, item, reason) => {
    const cost = priceChanges(added(item, workspace, group), SETTINGS);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced).toHaveLength(1);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});
