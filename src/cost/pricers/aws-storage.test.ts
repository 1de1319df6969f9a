import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { awsResource, expectPricedAt, priceAdded } from './pricer-test-support.js';

const fileSystem = (extra: Record<string, unknown>) => ({ storage_capacity: 300, throughput_capacity: 1024, subnet_ids: ['s'], ...extra });

/** Monthly figures hand-computed from rows of component-unit-prices.csv (us-east-1). */
describe('FSx and Transfer Family pricers, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // SSD 300 GB × 0.23 = 69.00 + 1,024 MBps × 4.50 = 4,608.00
    ['FSx for Windows, Multi-AZ SSD', awsResource('aws_fsx_windows_file_system', fileSystem({ deployment_type: 'MULTI_AZ_1', storage_type: 'SSD' })), 4677],
    // HDD 300 GB × 0.025 = 7.50 + 4,608.00
    ['FSx for Windows, Multi-AZ HDD', awsResource('aws_fsx_windows_file_system', fileSystem({ deployment_type: 'MULTI_AZ_1', storage_type: 'HDD' })), 4615.5],
    // SSD 300 GB × 0.09 = 27.00 + 1,024 MBps × 0.26 = 266.24
    ['FSx for OpenZFS', awsResource('aws_fsx_openzfs_file_system', fileSystem({ deployment_type: 'SINGLE_AZ_1', storage_type: 'SSD' })), 293.24],
    // compression does not shrink provisioned capacity: 293.24
    ['FSx for OpenZFS with LZ4', awsResource('aws_fsx_openzfs_file_system', fileSystem({ deployment_type: 'SINGLE_AZ_1', root_volume_configuration: [{ data_compression_type: 'LZ4' }] })), 293.24],
    // 293.24 + (1,000 − 3 × 300 included) IOPS × 0.006 = 0.60
    [
      'FSx for OpenZFS with provisioned IOPS',
      awsResource('aws_fsx_openzfs_file_system', fileSystem({ deployment_type: 'SINGLE_AZ_1', disk_iops_configuration: [{ mode: 'USER_PROVISIONED', iops: 1000 }] })),
      293.84,
    ],
    // no protocols listed: SFTP, 730 × 0.30 = 219.00
    ['Transfer server', awsResource('aws_transfer_server', {}), 219],
    // three protocols: 3 × 219.00 = 657.00
    ['Transfer server with three protocols', awsResource('aws_transfer_server', { protocols: ['SFTP', 'FTPS', 'FTP'] }), 657],
  ])('%s', (_name, item, expected) => expectPricedAt(item, expected));

  it('prices FSx backups from the usage file', () => {
    // 4,677.00 + 10,000 GB × 0.05 = 500.00
    const cost = priceAdded(awsResource('aws_fsx_windows_file_system', fileSystem({ deployment_type: 'MULTI_AZ_1' })), { backup_storage_gb: 10_000 });
    expect(cost.after).toBeCloseTo(5177, 6);
  });
});

describe('AWS Backup vault', () => {
  it('shows a backup vault\'s twelve rates, all billed on use', () => {
    // the data prices backups in us-west-1 only
    const cost = priceAdded(awsResource('aws_backup_vault', { name: 'v' }, 'us-west-1'));
    expect(cost.after).toBe(0);
    const components = cost.lines[0]?.components ?? [];
    expect(components).toHaveLength(12);
    // EBS snapshot row: 0.055 per GB
    expect(components.find((part) => part.name === 'EBS snapshot')).toMatchObject({ unitPrice: 0.055, usageBased: true });
  });
});

describe('FSx and Transfer Family: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['FSx for Windows, single-AZ by default', awsResource('aws_fsx_windows_file_system', fileSystem({})), /SINGLE_AZ_1 rates are not in the price data \(only MULTI_AZ_1\)/],
    ['FSx for OpenZFS, Multi-AZ', awsResource('aws_fsx_openzfs_file_system', fileSystem({ deployment_type: 'MULTI_AZ_1' })), /MULTI_AZ_1 rates are not in the price data/],
    ['FSx without throughput', awsResource('aws_fsx_openzfs_file_system', { deployment_type: 'SINGLE_AZ_1', storage_capacity: 64 }), /throughput_capacity is not set/],
    ['Transfer server over AS2', awsResource('aws_transfer_server', { protocols: ['AS2'] }), /AS2 protocol enabled/],
  ])('%s', (_name, item, reason) => {
    const cost = priceAdded(item);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});
