import { isUnknown } from '../../iac/values.js';
import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, records, requiredText, text, Unpriced, type PriceContext, type Pricer } from '../pricing.js';
import { onUseOnly, rowComponent, rowHours, rowOnUse } from './aws-rows.js';

interface FileSystemShape {
  storageGb: number;
  throughputMbps: number;
  storageType: string;
}

/**
 * The parts every FSx file system is billed by, after checking its deployment type is the one the
 * data's rows were recorded for: FSx rates differ by deployment type and the rows do not say which.
 */
function fileSystemShape(attributes: Record<string, unknown>, pricedDeployment: string, defaultDeployment: string): FileSystemShape {
  const deployment = text(attributes.deployment_type, 'deployment type') ?? defaultDeployment;
  if (deployment !== pricedDeployment) throw new Unpriced(`${deployment} rates are not in the price data (only ${pricedDeployment})`);
  const storageGb = amount(attributes.storage_capacity, 'storage capacity');
  if (storageGb === undefined) throw new Unpriced('storage_capacity is not set');
  const throughputMbps = amount(attributes.throughput_capacity, 'throughput capacity');
  if (throughputMbps === undefined) throw new Unpriced('throughput_capacity is not set');
  return { storageGb, throughputMbps, storageType: (text(attributes.storage_type, 'storage type') ?? 'SSD').toUpperCase() };
}

/** Provisioned storage and throughput, and backups on use (`backup_storage_gb`). */
function fileSystemBase(resource: Resource, context: PriceContext, dataType: string, shape: FileSystemShape): CostComponent[] {
  return [
    rowComponent(resource, context, dataType, `${shape.storageType} storage`, shape.storageGb, `${shape.storageType} storage, ${shape.storageGb} GB`),
    rowComponent(resource, context, dataType, 'Throughput capacity', shape.throughputMbps, `Throughput capacity, ${shape.throughputMbps} MBps`),
    rowOnUse(resource, context, dataType, 'Backup storage', usageOf(context.usage, resource.address, 'backup_storage_gb')),
  ];
}

/**
 * `aws_fsx_windows_file_system`: SSD or HDD storage and throughput capacity as provisioned. The
 * data's rows are AWS's Multi-AZ rates (from a MULTI_AZ_1 example); single-AZ file systems are unpriced.
 */
export const fsxWindowsPricer: Pricer = {
  types: ['aws_fsx_windows_file_system'],
  price(resource, context) {
    // Terraform's default deployment type is SINGLE_AZ_1.
    const shape = fileSystemShape(attributesOf(resource), 'MULTI_AZ_1', 'SINGLE_AZ_1');
    return { components: fileSystemBase(resource, context, 'aws_fsx_windows_file_system', shape) };
  },
};

/** SSD IOPS an OpenZFS file system includes per GB of storage; user-provisioned IOPS above that are billed. */
const OPENZFS_INCLUDED_IOPS_PER_GB = 3;

/**
 * `aws_fsx_openzfs_file_system`: SSD storage and throughput capacity as provisioned (compression
 * lets more data fit, it does not shrink the bill), and user-provisioned IOPS above the included
 * 3 per GB. The data's rows are single-AZ (SINGLE_AZ_1) rates; other deployment types are unpriced.
 */
export const fsxOpenZfsPricer: Pricer = {
  types: ['aws_fsx_openzfs_file_system'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const shape = fileSystemShape(attributes, 'SINGLE_AZ_1', 'SINGLE_AZ_1');
    const components = fileSystemBase(resource, context, 'aws_fsx_openzfs_file_system', shape);
    const iops = records(attributes.disk_iops_configuration)[0];
    if (iops && text(iops.mode, 'IOPS mode') === 'USER_PROVISIONED') {
      const provisioned = amount(iops.iops, 'provisioned IOPS');
      if (provisioned === undefined) throw new Unpriced('user-provisioned IOPS without an iops figure');
      const billed = Math.max(0, provisioned - OPENZFS_INCLUDED_IOPS_PER_GB * shape.storageGb);
      if (billed > 0) components.push(rowComponent(resource, context, 'aws_fsx_openzfs_file_system', 'Provisioned IOPS', billed, `Provisioned IOPS, ${billed} above the included`));
    }
    return { components };
  },
};

/**
 * `aws_transfer_server`, `AWS::Transfer::Server`: hours per enabled protocol (SFTP when none is
 * listed, as the API does); data uploaded and downloaded billed on use.
 */
export const transferServerPricer: Pricer = {
  types: ['aws_transfer_server', 'AWS::Transfer::Server'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const listed = attributes.protocols ?? attributes.Protocols;
    if (isUnknown(listed)) throw new Unpriced(`its protocols are not known before apply (${listed.__unknown})`);
    const protocols = Array.isArray(listed) && listed.length > 0 ? listed.map((protocol) => requiredText(protocol, 'protocol').toUpperCase()) : ['SFTP'];
    return {
      components: [
        ...protocols.map((protocol) => rowHours(resource, context, 'aws_transfer_server', `${protocol} protocol enabled`)),
        rowOnUse(resource, context, 'aws_transfer_server', 'Data uploaded'),
        rowOnUse(resource, context, 'aws_transfer_server', 'Data downloaded'),
      ],
    };
  },
};

/** `aws_backup_vault`, `AWS::Backup::BackupVault`: backups and restores per GB by source service, all on use. */
export const backupVaultPricer = onUseOnly(['aws_backup_vault', 'AWS::Backup::BackupVault'], 'aws_backup_vault', [
  'EFS backup (warm)',
  'EFS backup (cold)',
  'EFS restore (warm)',
  'EFS restore (cold)',
  'EFS restore (item-level)',
  'EBS snapshot',
  'RDS snapshot',
  'DynamoDB backup',
  'DynamoDB restore',
  'Aurora snapshot',
  'FSx for Windows backup',
  'FSx for Lustre backup',
]);
