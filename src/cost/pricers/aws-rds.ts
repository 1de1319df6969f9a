import type { CostComponent } from '../model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, requiredText, text, Unpriced, usageComponent, type Pricer } from '../pricing.js';

const STORAGE: Record<string, string> = {
  gp2: 'Storage (general purpose SSD, gp2)',
  gp3: 'Storage (general purpose SSD, gp3)',
  io1: 'Storage (provisioned IOPS SSD, io1)',
  standard: 'Storage (magnetic)',
};

/** RDS gp3 includes 3,000 IOPS below 400 GB and 12,000 from 400 GB (engine-independent for MySQL/PostgreSQL/MariaDB). */
function gp3IncludedIops(sizeGb: number): number {
  return sizeGb >= 400 ? 12000 : 3000;
}

/**
 * `aws_db_instance`, `AWS::RDS::DBInstance`: instance hours by class and deployment (Single-/Multi-AZ),
 * storage by type and size, provisioned IOPS, backup storage beyond the free allowance as usage.
 * The data's instance rows carry no engine, so every RDS line is marked approximate.
 */
export const rdsInstancePricer: Pricer = {
  types: ['aws_db_instance', 'AWS::RDS::DBInstance'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const instanceClass = requiredText(attributes.instance_class ?? attributes.DBInstanceClass, 'instance class');
    const multiAz = flag(attributes.multi_az ?? attributes.MultiAZ, 'multi_az') ?? false;
    const deployment = multiAz ? 'Multi-AZ' : 'Single-AZ';
    const price = (name: string) => context.unitPrice('aws', 'aws_db_instance', region, name);
    const hourly = price(`Database instance (on-demand, ${deployment}, ${instanceClass})`);
    const components: CostComponent[] = [component(`Database instance (on-demand, ${deployment}, ${instanceClass})`, 'hours', HOURS_PER_MONTH, hourly.usd)];
    const size = amount(attributes.allocated_storage ?? attributes.AllocatedStorage, 'allocated storage');
    const iops = amount(attributes.iops ?? attributes.Iops, 'IOPS');
    const storageType = (text(attributes.storage_type ?? attributes.StorageType, 'storage type') ?? (iops !== undefined ? 'io1' : 'gp2')).toLowerCase();
    if (size !== undefined) {
      const storageName = STORAGE[storageType];
      if (!storageName) throw new Unpriced(`RDS storage type "${storageType}" is not one the price data covers`);
      components.push(component(storageName, 'GB-month', size, price(storageName).usd));
      if (storageType === 'io1' && iops !== undefined) components.push(component('Provisioned IOPS', 'IOPS-month', iops, price('Provisioned IOPS').usd));
      if (storageType === 'gp3' && iops !== undefined && iops > gp3IncludedIops(size)) {
        const tier = gp3IncludedIops(size) === 3000 ? 'Provisioned GP3 IOPS (above 3,000)' : 'Provisioned GP3 IOPS (above 12,000)';
        components.push(component(tier, 'IOPS-month', iops - gp3IncludedIops(size), price(tier).usd));
      }
    } else if (!text(attributes.replicate_source_db ?? attributes.SourceDBInstanceIdentifier, 'replication source')) {
      throw new Unpriced('allocated storage is not set');
    }
    const backup = price('Additional backup storage');
    components.push(usageComponent('Additional backup storage (beyond the free allowance)', 'GB-month', backup.usd, usageOf(context.usage, resource.address, 'backup_storage_gb')));
    context.approximate = true;
    context.addNote('the price data has no engine dimension for RDS instance hours');
    return { components };
  },
};

/** `aws_rds_cluster_instance`, `AWS::RDS::DBInstance` in a cluster: Aurora instance hours by class. */
export const auroraInstancePricer: Pricer = {
  types: ['aws_rds_cluster_instance'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const instanceClass = requiredText(attributes.instance_class, 'instance class');
    if (instanceClass === 'db.serverless') throw new Unpriced('Aurora Serverless v2 is billed per ACU-hour used; set usage to price it');
    const name = `Database instance (on-demand, ${instanceClass})`;
    const hourly = context.unitPrice('aws', 'aws_rds_cluster_instance', context.regionOf(resource), name);
    return { components: [component(name, 'hours', HOURS_PER_MONTH, hourly.usd)] };
  },
};

/** `aws_rds_cluster`, `AWS::RDS::DBCluster`: Aurora storage and I/O are billed on use. */
export const auroraClusterPricer: Pricer = {
  types: ['aws_rds_cluster', 'AWS::RDS::DBCluster'],
  price(resource, context) {
    const region = context.regionOf(resource);
    const storage = context.unitPrice('aws', 'aws_rds_cluster', region, 'Storage');
    const io = context.unitPrice('aws', 'aws_rds_cluster', region, 'I/O requests');
    return {
      components: [
        usageComponent('Storage', 'GB-month', storage.usd, usageOf(context.usage, resource.address, 'storage_gb')),
        usageComponent('I/O requests', '1M requests', io.usd, scaleMillions(usageOf(context.usage, resource.address, 'monthly_requests'))),
      ],
    };
  },
};

export function scaleMillions(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value / 1_000_000;
}
