import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';
import { added, terraformResource as resource } from './pricer-test-support.js';

const SETTINGS = { region: 'us-east-1', kubernetesRates: {} };
const disk = resource('azurerm_managed_disk', { location: 'westeurope', storage_account_type: 'Standard_LRS', disk_size_gb: 70 }, 'azurerm_managed_disk.main');

/** Monthly figures hand-computed from the azure "Storage" rows of component-unit-prices.csv (westeurope, 0.05 per GB). */
describe('Azure image and snapshot pricers', () => {
  it.each<[string, Resource, number]>([
    // OS disk 30 GB + data disk copied from the 70 GB managed disk = 100 GB × 0.05 = 5.00
    ['image of disks', resource('azurerm_image', { location: 'westeurope', os_disk: [{ size_gb: 30 }], data_disk: [{ managed_disk_id: unknownValue('azurerm_managed_disk.main.id') }] }), 5],
    // the 70 GB source disk × 0.05 = 3.50
    ['snapshot of a managed disk', resource('azurerm_snapshot', { location: 'westeurope', source_uri: unknownValue('azurerm_managed_disk.main.id') }), 3.5],
  ])('%s, at the provisioned size', (_name, item, expected) => {
    const cost = priceChanges(added(item, disk), SETTINGS);
    const line = cost.lines.find((candidate) => candidate.address === item.address);
    expect(line).toMatchObject({ note: expect.stringMatching(/provisioned size/) });
    expect(line?.after).toBeCloseTo(expected, 6);
  });

  it('takes the data stored from the usage file', () => {
    const { usage } = parseUsage('resources:\n  azurerm_snapshot.this:\n    storage_gb: 300\n', 'usage.yml');
    const cost = priceChanges(added(resource('azurerm_snapshot', { location: 'westeurope', disk_size_gb: 20 })), SETTINGS, { usage });
    // 300 GB × 0.05 = 15.00, usage-based
    expect(cost.lines[0]?.components[0]).toMatchObject({ quantity: 300, monthly: 15, usageBased: true });
  });

  it('leaves an image of a VM whose OS disk size comes from its image unpriced, with the reason', () => {
    const vm = resource('azurerm_virtual_machine', { location: 'westeurope', vm_size: 'Standard_DS1_v2', storage_os_disk: [{ managed_disk_type: 'Premium_LRS' }] }, 'azurerm_virtual_machine.main');
    const image = resource('azurerm_image', { location: 'westeurope', source_virtual_machine_id: unknownValue('azurerm_virtual_machine.main.id') });
    const cost = priceChanges(added(image, vm), SETTINGS);
    expect(cost.unpriced.find((item) => item.address === image.address)?.reason).toMatch(/takes its size from its image/);
  });
});
