import type { Resource } from '../../iac/model.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, referenced, requiredText, text, type PriceContext, type Pricer } from '../pricing.js';
import { usageOf, type UsageKey } from '../usage.js';
import { scaleMillions } from './aws-rds.js';
import { rowHours, rowOnUse } from './aws-rows.js';

/**
 * A cluster instance of DocumentDB or Neptune: instance hours by class, under the row `rowName`
 * gives; a burstable (`db.t*`) instance may also spend CPU credits beyond its baseline, billed on
 * use (`monthly_cpu_credit_hrs`, vCPU-hours). `clusterUsage` adds the cluster's storage and I/O,
 * billed on use, where the data files their rates under the instance.
 */
function clusterInstance(types: readonly string[], dataType: string, rowName: (instanceClass: string, resource: Resource, context: PriceContext) => string, clusterUsage = false): Pricer {
  return {
    types,
    price(resource, context) {
      const attributes = attributesOf(resource);
      const instanceClass = requiredText(attributes.instance_class ?? attributes.DBInstanceClass, 'instance class');
      const usage = (key: UsageKey) => usageOf(context.usage, resource.address, key);
      const components = [rowHours(resource, context, dataType, rowName(instanceClass, resource, context))];
      if (instanceClass.startsWith('db.t')) components.push(rowOnUse(resource, context, dataType, 'CPU credits', usage('monthly_cpu_credit_hrs')));
      if (clusterUsage) components.push(rowOnUse(resource, context, dataType, 'Storage', usage('data_storage_gb')), rowOnUse(resource, context, dataType, 'I/O requests', scaleMillions(usage('monthly_io_requests'))));
      return { components };
    },
  };
}

/**
 * DocumentDB's storage and I/O are the cluster's; the data (and Infracost's usage file, with
 * `data_storage_gb` and `monthly_io_requests`) puts them on an instance, so they are shown there.
 */
export const docdbClusterInstancePricer = clusterInstance(['aws_docdb_cluster_instance', 'AWS::DocDB::DBInstance'], 'aws_docdb_cluster_instance', (instanceClass) => `Database instance (on-demand, ${instanceClass})`, true);

const NEPTUNE_CLUSTER_TYPES = ['aws_neptune_cluster', 'AWS::Neptune::DBCluster'];

/**
 * The storage type of the Neptune cluster an instance joins: an I/O-Optimized cluster (`iopt1`)
 * bills its instances at a higher hourly rate. `standard` is the provider's default, also assumed
 * (and noted) when the cluster is not in the change.
 */
function neptuneStorageType(resource: Resource, context: PriceContext): string {
  const attributes = attributesOf(resource);
  const identifier = attributes.cluster_identifier ?? attributes.DBClusterIdentifier;
  const cluster =
    referenced(identifier, resource, context, NEPTUNE_CLUSTER_TYPES) ??
    context.siblings.find((sibling) => NEPTUNE_CLUSTER_TYPES.includes(sibling.type) && identifier !== undefined && (attributesOf(sibling).cluster_identifier ?? attributesOf(sibling).DBClusterIdentifier) === identifier);
  if (!cluster) {
    context.addNote('cluster not in this change: priced as standard storage, the default');
    return 'standard';
  }
  const clusterAttributes = attributesOf(cluster);
  return (text(clusterAttributes.storage_type ?? clusterAttributes.StorageType, 'storage type') ?? 'standard').toLowerCase();
}

export const neptuneClusterInstancePricer = clusterInstance(['aws_neptune_cluster_instance', 'AWS::Neptune::DBInstance'], 'aws_neptune_cluster_instance', (instanceClass, resource, context) =>
  neptuneStorageType(resource, context) === 'iopt1' ? `Database instance (on-demand, I/O-Optimized, ${instanceClass})` : `Database instance (on-demand, ${instanceClass})`,
);

/** General Purpose storage each DMS instance includes: 50 GB for burstable (T2/T3) classes, 100 GB for the rest. */
function includedDmsStorage(instanceClass: string): number {
  return /^dms\.t\d/.test(instanceClass) ? 50 : 100;
}

/**
 * `aws_dms_replication_instance`, `AWS::DMS::ReplicationInstance`: instance hours by class, and
 * allocated storage beyond what the class includes. The data's rows are Multi-AZ rates (its
 * source example is Multi-AZ, and AWS lists dms.t2.micro at $0.018 an hour single-AZ, $0.036
 * Multi-AZ); AWS bills a Multi-AZ instance as a primary and a standby, so a single-AZ instance
 * is priced at half, noted.
 */
export const dmsReplicationInstancePricer: Pricer = {
  types: ['aws_dms_replication_instance', 'AWS::DMS::ReplicationInstance'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const instanceClass = requiredText(attributes.replication_instance_class ?? attributes.ReplicationInstanceClass, 'replication instance class');
    const multiAz = flag(attributes.multi_az ?? attributes.MultiAZ, 'multi_az') === true;
    // The data's rows are Multi-AZ rates: a single-AZ instance pays half (one instance, no standby).
    const share = multiAz ? 1 : 0.5;
    if (!multiAz) {
      // Derived from the listed rate, not quoted: marked approximate like other derived prices.
      context.approximate = true;
      context.addNote('single-AZ: half the Multi-AZ rates in the data (a Multi-AZ instance is billed as two)');
    }
    const deployment = multiAz ? 'Multi-AZ' : 'single-AZ';
    const region = context.regionOf(resource);
    const rate = (row: string) => context.unitPrice('aws', 'aws_dms_replication_instance', region, row).usd * share;
    const components = [component(`Instance (${instanceClass}, ${deployment})`, 'hours', HOURS_PER_MONTH, rate(`Instance (${instanceClass.replace(/^dms\./, '')})`))];
    // Terraform and the DMS API allocate 50 GB when no size is given.
    const allocated = amount(attributes.allocated_storage ?? attributes.AllocatedStorage, 'allocated storage') ?? 50;
    const billed = Math.max(0, allocated - includedDmsStorage(instanceClass));
    if (billed > 0) components.push(component(`Storage (gp2, ${deployment}), ${billed} GB beyond the included`, 'GB-months', billed, rate('Storage (general purpose SSD, gp2)')));
    return { components };
  },
};
