import type { Resource } from '../../iac/model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, component, records, referenced, Unpriced, usageComponent, type PriceContext, type PricedResource, type Pricer } from '../pricing.js';
import { azureRegion } from './azure.js';

const VIRTUAL_MACHINE_TYPES = ['azurerm_virtual_machine', 'azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine'];

/** A managed disk of the change that a `managed_disk_id` / `source_uri` names, and its size. */
function referencedDiskGb(value: unknown, resource: Resource, context: PriceContext): number | undefined {
  const disk = referenced(value, resource, context, ['azurerm_managed_disk']);
  return disk ? amount(attributesOf(disk).disk_size_gb, `${disk.address} disk_size_gb`) : undefined;
}

/** A disk block's size: its own `size_gb`, else the managed disk it copies; unpriced when neither says. */
function blockGb(block: Record<string, unknown>, what: string, resource: Resource, context: PriceContext): number {
  const size = amount(block.size_gb, `${what} size_gb`) ?? referencedDiskGb(block.managed_disk_id, resource, context);
  if (size === undefined) throw new Unpriced(`the size of the ${what} is not set and its managed disk is not in the change`);
  return size;
}

/** The disks of a VM the image captures: each needs a size; an OS disk sized by its own image is not known here. */
function virtualMachineGb(vm: Resource): number {
  const attributes = attributesOf(vm);
  const disks = [...records(attributes.storage_os_disk), ...records(attributes.os_disk), ...records(attributes.storage_data_disk)];
  return disks.reduce((sum, disk) => {
    const size = amount(disk.disk_size_gb, `${vm.address} disk_size_gb`);
    if (size === undefined) throw new Unpriced(`a disk of ${vm.address} takes its size from its image, so the image's size is not known`);
    return sum + size;
  }, 0);
}

/** What an image holds: its source VM's disks, else its `os_disk` and `data_disk` blocks. */
function imageGb(resource: Resource, context: PriceContext): number {
  const attributes = attributesOf(resource);
  if (attributes.source_virtual_machine_id !== undefined && attributes.source_virtual_machine_id !== null) {
    const vm = referenced(attributes.source_virtual_machine_id, resource, context, VIRTUAL_MACHINE_TYPES);
    if (!vm) throw new Unpriced('the source virtual machine is not in the change, so the image size is not known');
    return virtualMachineGb(vm);
  }
  const blocks = [...records(attributes.os_disk).map((block) => [block, 'OS disk'] as const), ...records(attributes.data_disk).map((block) => [block, 'data disk'] as const)];
  if (blocks.length === 0) throw new Unpriced('the image names no source VM and no disks');
  return blocks.reduce((sum, [block, what]) => sum + blockGb(block, what, resource, context), 0);
}

/**
 * Snapshot and image storage bills the data stored, which may be less than the disks' provisioned
 * size: the usage file's `storage_gb` when given, else the provisioned size as the most it can be, noted.
 */
function storedData(resource: Resource, context: PriceContext, provisionedGb: () => number): PricedResource {
  const price = context.unitPrice('azure', resource.type, azureRegion(resource, context), 'Storage').usd;
  const used = usageOf(context.usage, resource.address, 'storage_gb');
  if (used !== undefined) return { components: [usageComponent('Storage', 'GB', price, used)] };
  context.addNote('priced at the provisioned size, the most it stores (set storage_gb in the usage file for the data used)');
  return { components: [component('Storage', 'GB', provisionedGb(), price)] };
}

/** `azurerm_image`: storage of the disks it captures. */
export const azureImagePricer: Pricer = {
  types: ['azurerm_image'],
  price(resource, context) {
    return storedData(resource, context, () => imageGb(resource, context));
  },
};

/** `azurerm_snapshot`: storage of the disk it copies (`disk_size_gb`, else its source managed disk's). */
export const azureSnapshotPricer: Pricer = {
  types: ['azurerm_snapshot'],
  price(resource, context) {
    return storedData(resource, context, () => {
      const attributes = attributesOf(resource);
      const size = amount(attributes.disk_size_gb, 'disk_size_gb') ?? referencedDiskGb(attributes.source_uri ?? attributes.source_resource_id, resource, context);
      if (size === undefined) throw new Unpriced('disk_size_gb is not set and the source disk is not in the change');
      return size;
    });
  },
};
