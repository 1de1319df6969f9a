import type { CostComponent } from '../model.js';
import { usageOf } from '../usage.js';
import type { Resource } from '../../iac/model.js';
import { rdsExtendedSupport } from '../support.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, referenced, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';

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

/** Engine names as the RDS price data spells them; `aurora` is Aurora MySQL's first name. */
const PRICED_ENGINES: Record<string, string> = {
  mysql: 'mysql',
  postgres: 'postgresql',
  mariadb: 'mariadb',
  aurora: 'aurora-mysql',
  'aurora-mysql': 'aurora-mysql',
  'aurora-postgresql': 'aurora-postgresql',
};

const RDS_TYPES = ['aws_db_instance', 'AWS::RDS::DBInstance'];
const CLUSTER_TYPES = ['aws_rds_cluster', 'AWS::RDS::DBCluster'];

/**
 * The engine an instance is priced as: its own, else the one of the instance it replicates or the
 * cluster it joins when that resource is in the change. Unknown: MySQL, the lowest list price of
 * the engines in the data, noted and approximate.
 */
function engineOf(resource: Resource, context: PriceContext, via: { attribute: unknown; types: readonly string[] }[]): string {
  const attributes = attributesOf(resource);
  const own = text(attributes.engine ?? attributes.Engine, 'engine');
  if (own !== undefined) return own.toLowerCase();
  for (const { attribute, types } of via) {
    const source = attribute === undefined ? undefined : referenced(attribute, resource, context, types);
    const inherited = source ? text(attributesOf(source).engine ?? attributesOf(source).Engine, 'engine') : undefined;
    if (inherited !== undefined) return inherited.toLowerCase();
  }
  context.approximate = true;
  context.addNote('its engine is not set here; priced as MySQL');
  return 'mysql';
}

/** Instance hours from the RDS table by engine and deployment; licence-included engines are not in the data. */
export function rdsInstanceHours(engine: string, deployment: 'single-az' | 'multi-az', instanceClass: string, region: string, context: PriceContext): CostComponent {
  const priced = PRICED_ENGINES[engine];
  if (!priced) throw new Unpriced(`the price data has no ${engine} instance prices (it covers MySQL, PostgreSQL, MariaDB and Aurora; Oracle and SQL Server licences are not in it)`);
  const hourly = context.regional(region, `RDS ${priced} ${deployment} ${instanceClass}`, (where) => context.catalog.rdsHourly(where, priced, deployment, instanceClass));
  const label = deployment === 'multi-az' ? 'Multi-AZ' : 'Single-AZ';
  return { ...component(`Database instance (on-demand, ${label}, ${priced}, ${instanceClass})`, 'hours', HOURS_PER_MONTH, hourly), priceKey: `aws_db_instance/${instanceClass}` };
}

/** Extended support bills $0.10 a vCPU-hour in its first two years and twice that from the third. */
const EXTENDED_SUPPORT_LATE_YEARS_FACTOR = 2;

/**
 * RDS Extended Support, billed per vCPU-hour on top of the instance when its engine's major
 * version is past standard support on the day priced, for every instance that runs it (a
 * Multi-AZ standby too). `engine_lifecycle_support = open-source-rds-extended-support-disabled`
 * opts out: RDS then upgrades the instance instead.
 */
function extendedSupportHours(resource: Resource, engine: string, instanceClass: string, instances: number, context: PriceContext): CostComponent[] {
  const attributes = attributesOf(resource);
  const version = text(attributes.engine_version ?? attributes.EngineVersion, 'engine version');
  const priced = PRICED_ENGINES[engine];
  const support = version === undefined || priced === undefined ? undefined : rdsExtendedSupport(priced, version, context.today);
  if (!support) return [];
  const lifecycle = text(attributes.engine_lifecycle_support ?? attributes.EngineLifecycleSupport, 'engine lifecycle support');
  if (lifecycle === 'open-source-rds-extended-support-disabled') {
    context.addNote(`${engine} ${support.version} left standard support on ${support.endedOn}; opted out of extended support, RDS upgrades it instead`);
    return [];
  }
  const shape = context.catalog.ec2Shape(instanceClass.replace(/^db\./, ''));
  if (!shape) throw new Unpriced(`${engine} ${support.version} is in extended support (billed per vCPU-hour) and the vCPUs of ${instanceClass} are not in the data`);
  const yearOneRate = context.unitPrice('aws', 'aws_db_instance', context.regionOf(resource), 'Extended support (year 1)').usd;
  const late = support.yearsIn >= 2;
  context.addNote(`${engine} ${support.version} left standard support on ${support.endedOn}: extended support bills per vCPU-hour${late ? ' at the year-3 rate, twice the first two years’' : ''}`);
  const name = `Extended support (${engine} ${support.version}, year ${Math.min(support.yearsIn + 1, 3)})`;
  return [component(name, 'vCPU-hours', shape.vcpu * instances * HOURS_PER_MONTH, yearOneRate * (late ? EXTENDED_SUPPORT_LATE_YEARS_FACTOR : 1))];
}

/**
 * `aws_db_instance`, `AWS::RDS::DBInstance`: instance hours by engine, class and deployment
 * (Single-/Multi-AZ), storage by type and size, provisioned IOPS, backup storage beyond the free
 * allowance as usage. A read replica is an instance of its own, priced from its source's engine.
 */
export const rdsInstancePricer: Pricer = {
  types: RDS_TYPES,
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const instanceClass = requiredText(attributes.instance_class ?? attributes.DBInstanceClass, 'instance class');
    const multiAz = flag(attributes.multi_az ?? attributes.MultiAZ, 'multi_az') ?? false;
    const engine = engineOf(resource, context, [
      { attribute: attributes.replicate_source_db ?? attributes.SourceDBInstanceIdentifier, types: RDS_TYPES },
      { attribute: attributes.DBClusterIdentifier, types: CLUSTER_TYPES },
    ]);
    const price = (name: string) => context.unitPrice('aws', 'aws_db_instance', region, name);
    const components: CostComponent[] = [rdsInstanceHours(engine, multiAz ? 'multi-az' : 'single-az', instanceClass, region, context), ...extendedSupportHours(resource, engine, instanceClass, multiAz ? 2 : 1, context)];
    const size = amount(attributes.allocated_storage ?? attributes.AllocatedStorage, 'allocated storage');
    const iops = amount(attributes.iops ?? attributes.Iops, 'IOPS');
    const storageType = (text(attributes.storage_type ?? attributes.StorageType, 'storage type') ?? (iops !== undefined ? 'io1' : 'gp2')).toLowerCase();
    if (size !== undefined) {
      // A Multi-AZ instance keeps a standby copy: its storage and IOPS bill at the Multi-AZ rate, twice the Single-AZ one.
      const deployment = multiAz ? 'Multi-AZ' : 'Single-AZ';
      const storageName = STORAGE[storageType];
      if (!storageName) throw new Unpriced(`RDS storage type "${storageType}" is not one the price data covers`);
      components.push(component(`${storageName}, ${deployment}`, 'GB-month', size, price(`${storageName}, ${deployment}`).usd));
      if (storageType === 'io1' && iops !== undefined) components.push(component(`Provisioned IOPS (io1), ${deployment}`, 'IOPS-month', iops, price(`Provisioned IOPS (io1), ${deployment}`).usd));
      if (storageType === 'gp3' && iops !== undefined && iops > gp3IncludedIops(size)) {
        const name = `Provisioned IOPS (gp3, above the included), ${deployment}`;
        components.push(component(`Provisioned IOPS (gp3, above the included ${gp3IncludedIops(size)}), ${deployment}`, 'IOPS-month', iops - gp3IncludedIops(size), price(name).usd));
      }
    } else if ((attributes.replicate_source_db ?? attributes.SourceDBInstanceIdentifier) === undefined) {
      throw new Unpriced('allocated storage is not set');
    }
    const backup = price('Additional backup storage');
    components.push(usageComponent('Additional backup storage (beyond the free allowance)', 'GB-month', backup.usd, usageOf(context.usage, resource.address, 'backup_storage_gb')));
    return { components };
  },
};

/** `aws_rds_cluster_instance`: Aurora instance hours by engine (its own or its cluster's) and class. */
export const auroraInstancePricer: Pricer = {
  types: ['aws_rds_cluster_instance'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const instanceClass = requiredText(attributes.instance_class, 'instance class');
    if (instanceClass === 'db.serverless') throw new Unpriced('Aurora Serverless v2 is billed per ACU-hour used; set usage to price it');
    const engine = engineOf(resource, context, [{ attribute: attributes.cluster_identifier, types: CLUSTER_TYPES }]);
    return { components: [rdsInstanceHours(engine, 'single-az', instanceClass, context.regionOf(resource), context), ...extendedSupportHours(resource, engine, instanceClass, 1, context)] };
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
