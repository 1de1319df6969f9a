import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { priceChanges } from '../price.js';
import { added, terraformResource as resource } from './pricer-test-support.js';

const SETTINGS = { region: 'us-east-1', kubernetesRates: {} };

/** Monthly figures hand-computed from the HDInsight node rows of component-unit-prices.csv (730 hours a month). */
describe('HDInsight clusters', () => {
  it('prices each role’s nodes at their size’s rate, whichever role’s row has it', () => {
    const cluster = resource('azurerm_hdinsight_spark_cluster', {
      location: 'westeurope',
      roles: [{ head_node: [{ vm_size: 'Standard_D3_V2' }], worker_node: [{ vm_size: 'Standard_G2', target_instance_count: 4 }], zookeeper_node: [{ vm_size: 'Standard_D3_V2' }] }],
    });
    // D3_V2 0.295 (a Kafka row) × 730 × (2 heads + 3 zookeepers) = 1,076.75; G2 1.476 × 730 × 4 workers = 4,309.92
    expect(priceChanges(added(cluster), SETTINGS).after).toBeCloseTo(1076.75 + 4309.92, 6);
  });

  it('adds a Premium Kafka cluster’s worker disks', () => {
    const cluster = resource('azurerm_hdinsight_kafka_cluster', {
      location: 'westeurope',
      tier: 'Premium',
      roles: [{ head_node: [{ vm_size: 'Standard_F2s_V2' }], worker_node: [{ vm_size: 'Standard_D3_V2', target_instance_count: 3, number_of_disks_per_node: 3 }], zookeeper_node: [{ vm_size: 'Standard_F32s_V2' }] }],
    });
    // heads 0.135 × 1,460 = 197.10; workers 0.295 × 2,190 = 646.05; zookeepers 2.16 × 2,190 = 4,730.40; 9 disks × 148.68 = 1,338.12
    expect(priceChanges(added(cluster), SETTINGS).after).toBeCloseTo(197.1 + 646.05 + 4730.4 + 1338.12, 6);
  });

  it('leaves a node size the data lacks unpriced, with the reason', () => {
    const cluster = resource('azurerm_hdinsight_hadoop_cluster', { location: 'westeurope', roles: [{ head_node: [{ vm_size: 'Standard_Z9' }] }] });
    expect(priceChanges(added(cluster), SETTINGS).unpriced[0]?.reason).toMatch(/no price for HDInsight node size Standard_Z9 in westeurope/);
  });
});

describe('Synapse dedicated SQL pools', () => {
  it('prices the DWU size by the hour; storage is usage', () => {
    // "DWU blocks (DW200c)" westeurope 3.02 × 730 = 2,204.60
    expect(priceChanges(added(resource('azurerm_synapse_sql_pool', { location: 'westeurope', sku_name: 'DW200c' })), SETTINGS).after).toBeCloseTo(2204.6, 6);
  });

  it('leaves a size the data lacks unpriced, with the reason', () => {
    const cost = priceChanges(added(resource('azurerm_synapse_sql_pool', { location: 'westeurope', sku_name: 'DW1000c' })), SETTINGS);
    expect(cost.unpriced[0]?.reason).toMatch(/"DWU blocks \(DW1000c\)" in westeurope/);
  });
});

describe('SSIS integration runtimes', () => {
  it.each<[string, Resource, number]>([
    // "Compute (D8 v3, Standard, license included)" westeurope 1.938 × 730 = 1,414.74
    ['Standard edition, licence included (the defaults)', resource('azurerm_data_factory_integration_runtime_azure_ssis', { location: 'westeurope', node_size: 'Standard_D8_v3' }), 1414.74],
    // 4 nodes × "Compute (D1 v2, Standard)" 0.201551 × 730 = 588.52892, Hybrid Benefit
    ['four nodes under Hybrid Benefit', resource('azurerm_data_factory_integration_runtime_managed', { location: 'westeurope', node_size: 'Standard_D1_v2', number_of_nodes: 4, license_type: 'BasePrice' }), 588.52892],
  ])('%s', (_name, item, expected) => {
    expect(priceChanges(added(item), SETTINGS).after).toBeCloseTo(expected, 6);
  });

  it('leaves a node size the data lacks unpriced, with the reason', () => {
    const cost = priceChanges(added(resource('azurerm_data_factory_integration_runtime_azure_ssis', { location: 'westeurope', node_size: 'Standard_D4_v3' })), SETTINGS);
    expect(cost.unpriced[0]?.reason).toMatch(/SSIS node "Compute \(D4 v3, Standard, license included\)"/);
  });
});

/** westeurope rows of component-unit-prices.csv. */
describe('Data Factory integration runtimes and Synapse workspaces', () => {
  it('lists an Azure integration runtime’s data flow compute per vCore and its activities as usage', () => {
    // "Compute (Memory Optimized, 272 vCores)" 93.772 an hour → 0.34475 a vCore-hour; 16 vCores
    const runtime = resource('azurerm_data_factory_integration_runtime_azure', { location: 'westeurope', compute_type: 'MemoryOptimized', core_count: 16 });
    const cost = priceChanges(added(runtime), SETTINGS);
    expect(cost.after).toBe(0);
    const compute = cost.lines[0]?.components[0];
    expect(compute).toMatchObject({ name: 'Data flow compute (Memory Optimized, 16 vCores)', usageBased: true });
    expect(compute?.unitPrice).toBeCloseTo((93.772 / 272) * 16, 9);
    expect(cost.lines[0]?.components.every((part) => part.usageBased)).toBe(true);
  });

  it('defaults an Azure integration runtime to 8 General Purpose vCores', () => {
    const cost = priceChanges(added(resource('azurerm_data_factory_integration_runtime_azure', { location: 'westeurope' })), SETTINGS);
    // "Compute (General Purpose, 8 vCores)" 2.144 an hour
    expect(cost.lines[0]?.components[0]).toMatchObject({ name: 'Data flow compute (General Purpose, 8 vCores)', unitPrice: 2.144 });
  });

  it('lists a Synapse workspace’s serverless SQL, pipelines and data flows as usage', () => {
    const cost = priceChanges(added(resource('azurerm_synapse_workspace', { location: 'westeurope' })), SETTINGS);
    expect(cost.after).toBe(0);
    expect(cost.lines[0]?.components[0]).toMatchObject({ name: 'Serverless SQL pool size', unit: 'TB', unitPrice: 5, usageBased: true });
  });

  it.each<[string, Resource, RegExp]>([
    ['a self-hosted integration runtime', resource('azurerm_data_factory_integration_runtime_self_hosted', {}), /self-hosted rates are not in the price data/],
    ['a Spark pool', resource('azurerm_synapse_spark_pool', { node_size: 'Small' }), /Spark vCore-hour rate is not in the price data/],
    ['an unknown data flow compute type', resource('azurerm_data_factory_integration_runtime_azure', { location: 'westeurope', compute_type: 'Tiny' }), /compute_type tiny has no price/],
  ])('leaves %s unpriced, with the reason', (_name, item, reason) => {
    expect(priceChanges(added(item), SETTINGS).unpriced[0]?.reason).toMatch(reason);
  });
});
