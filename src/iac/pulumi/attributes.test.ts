import { describe, expect, it } from 'vitest';
import { PRICER_BY_TYPE } from '../../cost/pricers/index.js';
import { isUnknown } from '../values.js';
import { pulumiAttributes, terraformAttributes, terraformTypeOf } from './attributes.js';
import data from './types.json' with { type: 'json' };

describe('terraformTypeOf', () => {
  it.each<[string, string | undefined]>([
    ['aws:ec2/instance:Instance', 'aws_instance'],
    ['aws:rds/instance:Instance', 'aws_db_instance'],
    ['aws:ec2/eip:Eip', 'aws_eip'],
    ['aws:s3/bucketV2:BucketV2', 'aws_s3_bucket'],
    ['gcp:compute/instance:Instance', 'google_compute_instance'],
    // the token of gcp 6.x, still in the state of stacks made with it
    ['gcp:serviceAccount/account:Account', 'google_service_account'],
    ['azure:compute/linuxVirtualMachine:LinuxVirtualMachine', 'azurerm_linux_virtual_machine'],
    ['azure:sql/database:Database', 'azurerm_sql_database'],
    ['azure-native:compute:VirtualMachine', undefined],
    ['constructor', undefined],
  ])('%s → %s', (pulumiType, expected) => {
    expect(terraformTypeOf(pulumiType)).toBe(expected);
  });

  it('maps every Terraform type of the bridged providers that a pricer prices', () => {
    const mapped = new Set(Object.values(data.types));
    const priced = [...PRICER_BY_TYPE.keys()].filter((type) => /^(aws|google|azurerm)_/.test(type));
    expect(priced.filter((type) => !mapped.has(type))).toEqual([]);
  });
});

describe('terraformAttributes', () => {
  it('renames pluralised lists, puts flattened blocks back in lists and leaves map keys alone (gcp)', () => {
    const inputs = {
      machineType: 'n2-standard-4',
      bootDisk: { initializeParams: { size: 50, type: 'pd-balanced' } },
      networkInterfaces: [{ network: 'default', accessConfigs: [{ natIp: '04da6b54-80e4-46f7-96ec-b56ff0331ba9' }] }],
      resourcePolicies: 'projects/shop/regions/europe-west1/resourcePolicies/nightly',
      labels: { team: 'orders', costCenter: 'cc-42' },
      pulumiLabels: { team: 'orders' },
    };
    const attributes = terraformAttributes(inputs, 'google_compute_instance');
    expect(attributes).toMatchObject({
      machine_type: 'n2-standard-4',
      boot_disk: [{ initialize_params: [{ size: 50, type: 'pd-balanced' }] }],
      network_interface: [{ network: 'default', access_config: [{}] }],
      resource_policies: ['projects/shop/regions/europe-west1/resourcePolicies/nightly'],
      labels: { team: 'orders', costCenter: 'cc-42' },
      terraform_labels: { team: 'orders' },
    });
    const accessConfig = (attributes.network_interface as Array<{ access_config: Array<Record<string, unknown>> }>)[0]?.access_config[0];
    expect(isUnknown(accessConfig?.nat_ip)).toBe(true);
  });

  it('reads an Azure VM’s os disk and SSH keys as Terraform holds them', () => {
    const inputs = { size: 'Standard_D4s_v5', osDisk: { caching: 'ReadWrite', storageAccountType: 'Premium_LRS', diskSizeGb: 128 }, adminSshKeys: [{ username: 'ops', publicKey: 'ssh-ed25519 AAAA' }], tags: { CostCenter: '42' } };
    expect(terraformAttributes(inputs, 'azurerm_linux_virtual_machine')).toEqual({
      size: 'Standard_D4s_v5',
      os_disk: [{ caching: 'ReadWrite', storage_account_type: 'Premium_LRS', disk_size_gb: 128 }],
      admin_ssh_key: [{ username: 'ops', public_key: 'ssh-ed25519 AAAA' }],
      tags: { CostCenter: '42' },
    });
  });

  it('leaves a value it cannot read as a block alone', () => {
    expect(terraformAttributes({ rootBlockDevice: null, metadataOptions: '04da6b54-80e4-46f7-96ec-b56ff0331ba9' }, 'aws_instance')).toMatchObject({ root_block_device: null, metadata_options: { __unknown: 'known after apply (metadata_options)' } });
  });
});

describe('pulumiAttributes', () => {
  it('keeps Pulumi’s names, drops the engine’s bookkeeping and masks what it must', () => {
    expect(pulumiAttributes({ __defaults: ['name'], sku: { name: 'Standard' }, adminPassword: '[secret]' })).toEqual({ sku: { name: 'Standard' }, adminPassword: { __sensitive: true } });
  });

  it('stops at a nesting no real resource has', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200; i += 1) deep = { next: deep };
    expect(JSON.stringify(pulumiAttributes({ deep }))).toContain('nested too deep to read');
  });
});
