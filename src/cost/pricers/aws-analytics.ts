import type { CostComponent } from '../model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, records, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';

/** A unit price of this resource type, or undefined when the data has no such row in the region (the caller says what is missing). */
function optionalPrice(context: PriceContext, dataType: string, region: string, name: string): number | undefined {
  return context.catalog.component('aws', dataType, region, name)?.usd;
}

/**
 * OpenSearch Service is Amazon Elasticsearch Service renamed, at the same prices; the data spreads
 * its rows over both resource types (`….search` and `….elasticsearch` instance names). A row is
 * looked up under the resource's own type first, then under the other with the suffix swapped.
 */
const SEARCH_FLAVOURS = [
  { dataType: 'aws_opensearch_domain', suffix: '.search' },
  { dataType: 'aws_elasticsearch_domain', suffix: '.elasticsearch' },
] as const;

function searchPrice(context: PriceContext, ownType: string, region: string, name: string, instanceType?: string): number {
  const own = SEARCH_FLAVOURS.find((flavour) => flavour.dataType === ownType) ?? SEARCH_FLAVOURS[0];
  const ordered = [own, ...SEARCH_FLAVOURS.filter((flavour) => flavour !== own)];
  const base = instanceType?.replace(/\.(search|elasticsearch)$/, '');
  const what = instanceType === undefined ? `OpenSearch "${name}"` : `OpenSearch instance type ${instanceType}`;
  return context.regional(region, what, (where) => {
    for (const flavour of ordered) {
      const row = base === undefined ? name : name.replace('{type}', `${base}${flavour.suffix}`);
      const usd = optionalPrice(context, flavour.dataType, where, row);
      if (usd !== undefined) return usd;
    }
    return undefined;
  });
}

const SEARCH_STORAGE: Record<string, string> = { gp2: 'Storage (gp2)', gp3: 'Storage (gp3)', io1: 'Storage (io1)', standard: 'Storage (standard)' };
/** gp3 IOPS each volume includes; above it OpenSearch charges a rate the data lacks. */
const GP3_INCLUDED_IOPS = 3000;
/** gp3 throughput (MiB/s) every volume includes, whatever its size. */
const GP3_BASE_THROUGHPUT = 125;

/**
 * gp3 throughput (MiB/s) a data node's volume includes, so only the rest is billed. The OpenSearch
 * pricing page ties the free gp3 baseline to volume size, in steps of 3 TiB (3,072 GiB) of storage
 * since the July 2023 change; the thresholds here — 125 up to 170 GiB (where gp2 reaches 250),
 * then 250 per started 3 TiB, at most 1,000 — are Infracost's reading of that page
 * (search_domain.go), not checked against the page itself, so a figure relying on them says so.
 */
function gp3IncludedThroughput(volumeGib: number): number {
  if (volumeGib <= 170) return GP3_BASE_THROUGHPUT;
  return Math.min(1000, Math.ceil(volumeGib / 3072) * 250);
}

/** The OpenSearch API's default dedicated master count and EBS volume type. */
const DEFAULT_MASTER_COUNT = 3;
const DEFAULT_SEARCH_VOLUME = 'gp2';

function searchStorage(ebs: Record<string, unknown>, nodes: number, dataType: string, region: string, context: PriceContext): CostComponent[] {
  if (flag(ebs.ebs_enabled ?? ebs.EBSEnabled, 'ebs_enabled') !== true) return [];
  const size = amount(ebs.volume_size ?? ebs.VolumeSize, 'EBS volume size');
  if (size === undefined) throw new Unpriced('EBS is enabled but the volume size is not set');
  const written = text(ebs.volume_type ?? ebs.VolumeType, 'EBS volume type');
  if (written === undefined) context.addNote(`EBS volume type not set: priced as ${DEFAULT_SEARCH_VOLUME}, the API default`);
  const type = (written ?? DEFAULT_SEARCH_VOLUME).toLowerCase();
  const storageName = SEARCH_STORAGE[type];
  if (!storageName) throw new Unpriced(`OpenSearch EBS volume type "${type}" is not one the price data covers (gp2, gp3, io1, standard)`);
  const iops = amount(ebs.iops ?? ebs.Iops, 'EBS IOPS');
  const throughput = amount(ebs.throughput ?? ebs.Throughput, 'EBS throughput');
  if (type === 'gp3' && iops !== undefined && iops > GP3_INCLUDED_IOPS) throw new Unpriced(`gp3 IOPS above the included ${GP3_INCLUDED_IOPS} (${iops}) have no OpenSearch price in the data`);
  // VolumeSize, Iops and Throughput are per data node (OpenSearch API reference, EBSOptions).
  const components = [component(`${storageName}, ${size} GB × ${nodes} data nodes`, 'GB-months', size * nodes, searchPrice(context, dataType, region, storageName))];
  if (type === 'gp3' && throughput !== undefined && throughput > GP3_BASE_THROUGHPUT) {
    const included = gp3IncludedThroughput(size);
    const paid = Math.max(0, throughput - included);
    context.approximate = true;
    context.addNote(`gp3 throughput: ${Math.min(included, throughput)} of ${throughput} MiB/s per ${size} GB volume assumed included (size-based free baseline, thresholds as Infracost reads the OpenSearch pricing page)`);
    if (paid > 0) components.push(component(`Throughput (gp3), ${paid} MiB/s above the included × ${nodes} data nodes`, 'MiBps-months', paid * nodes, searchPrice(context, dataType, region, 'Throughput (gp3)')));
  }
  if (type === 'io1') {
    if (iops === undefined) throw new Unpriced('io1 storage needs its IOPS set');
    components.push(component(`Storage IOPS (io1), ${iops} × ${nodes} data nodes`, 'IOPS-months', iops * nodes, searchPrice(context, dataType, region, 'Storage IOPS (io1)')));
  }
  return components;
}

function nodeHours(label: string, row: string, instanceType: string, count: number, dataType: string, region: string, context: PriceContext): CostComponent {
  const hourly = searchPrice(context, dataType, region, row, instanceType);
  return component(`${label} (on-demand, ${instanceType}) × ${count}`, 'hours', HOURS_PER_MONTH * count, hourly);
}

/**
 * `aws_opensearch_domain`, `aws_elasticsearch_domain`, `AWS::OpenSearchService::Domain`,
 * `AWS::Elasticsearch::Domain`: data node hours × count, dedicated masters, UltraWarm nodes, and
 * EBS storage (and io1 IOPS) per data node.
 */
export const searchDomainPricer: Pricer = {
  types: ['aws_opensearch_domain', 'aws_elasticsearch_domain', 'AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const dataType = resource.type === 'aws_elasticsearch_domain' || resource.type === 'AWS::Elasticsearch::Domain' ? 'aws_elasticsearch_domain' : 'aws_opensearch_domain';
    const cluster = records(attributes.cluster_config ?? attributes.ClusterConfig ?? attributes.ElasticsearchClusterConfig)[0] ?? {};
    const instanceType = requiredText(cluster.instance_type ?? cluster.InstanceType, 'data node instance type');
    const nodes = amount(cluster.instance_count ?? cluster.InstanceCount, 'instance count') ?? 1;
    const components = [nodeHours('Instance', 'Instance (on-demand, {type})', instanceType, nodes, dataType, region, context)];
    if (flag(cluster.dedicated_master_enabled ?? cluster.DedicatedMasterEnabled, 'dedicated_master_enabled') === true) {
      const masterType = requiredText(cluster.dedicated_master_type ?? cluster.DedicatedMasterType, 'dedicated master instance type');
      const masters = amount(cluster.dedicated_master_count ?? cluster.DedicatedMasterCount, 'dedicated master count') ?? DEFAULT_MASTER_COUNT;
      components.push(nodeHours('Dedicated master', 'Dedicated master (on-demand, {type})', masterType, masters, dataType, region, context));
    }
    if (flag(cluster.warm_enabled ?? cluster.WarmEnabled, 'warm_enabled') === true) {
      const warmType = requiredText(cluster.warm_type ?? cluster.WarmType, 'UltraWarm instance type');
      const warm = amount(cluster.warm_count ?? cluster.WarmCount, 'UltraWarm node count');
      if (warm === undefined) throw new Unpriced('UltraWarm is enabled but warm_count is not set');
      components.push(nodeHours('UltraWarm instance', 'UltraWarm instance (on-demand, {type})', warmType, warm, dataType, region, context));
      context.addNote('UltraWarm managed storage is billed on use and not included');
    }
    const ebs = records(attributes.ebs_options ?? attributes.EBSOptions)[0] ?? {};
    components.push(...searchStorage(ebs, nodes, dataType, region, context));
    return { components };
  },
};

/** `aws_msk_cluster`, `AWS::MSK::Cluster`: broker hours × brokers, and EBS storage per broker. */
export const mskClusterPricer: Pricer = {
  types: ['aws_msk_cluster', 'AWS::MSK::Cluster'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const group = records(attributes.broker_node_group_info ?? attributes.BrokerNodeGroupInfo)[0] ?? {};
    const instanceType = requiredText(group.instance_type ?? group.InstanceType, 'broker instance type');
    const brokers = amount(attributes.number_of_broker_nodes ?? attributes.NumberOfBrokerNodes, 'number of broker nodes');
    if (brokers === undefined) throw new Unpriced('number_of_broker_nodes is not set');
    const hourly = context.regional(region, `MSK broker instance type ${instanceType}`, (where) => optionalPrice(context, 'aws_msk_cluster', where, `Instance (${instanceType})`));
    const components = [component(`Broker instance (${instanceType}) × ${brokers}`, 'hours', HOURS_PER_MONTH * brokers, hourly)];
    const storageInfo = records(group.storage_info ?? group.StorageInfo)[0] ?? {};
    const storage = records(storageInfo.ebs_storage_info ?? storageInfo.EBSStorageInfo)[0] ?? {};
    const throughput = records(storage.provisioned_throughput ?? storage.ProvisionedThroughput)[0];
    if (throughput && flag(throughput.enabled ?? throughput.Enabled, 'provisioned throughput') === true) throw new Unpriced('provisioned storage throughput has no price in the data');
    const size = amount(storage.volume_size ?? storage.VolumeSize ?? group.ebs_volume_size, 'broker EBS volume size');
    if (size === undefined) {
      context.approximate = true;
      context.addNote('broker storage size is not set; storage is not priced');
    } else {
      const perGb = context.unitPrice('aws', 'aws_msk_cluster', region, 'Storage');
      components.push(component(`Storage, ${size} GB × ${brokers} brokers`, 'GB-months', size * brokers, perGb.usd));
    }
    return { components };
  },
};

/** `aws_redshift_cluster`, `AWS::Redshift::Cluster`: node hours × nodes; RA3 managed storage is usage-based. */
export const redshiftClusterPricer: Pricer = {
  types: ['aws_redshift_cluster', 'AWS::Redshift::Cluster'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const nodeType = requiredText(attributes.node_type ?? attributes.NodeType, 'node type');
    const single = text(attributes.cluster_type ?? attributes.ClusterType, 'cluster type') === 'single-node';
    const nodes = single ? 1 : (amount(attributes.number_of_nodes ?? attributes.NumberOfNodes, 'number of nodes') ?? 1);
    const name = `Cluster usage (on-demand, ${nodeType})`;
    const hourly = context.regional(region, `Redshift node type ${nodeType}`, (where) => optionalPrice(context, 'aws_redshift_cluster', where, name));
    const components = [component(`${name} × ${nodes}`, 'hours', HOURS_PER_MONTH * nodes, hourly)];
    if (nodeType.startsWith('ra3.')) {
      const managed = context.unitPrice('aws', 'aws_redshift_cluster', region, `Managed storage (${nodeType})`);
      components.push(usageComponent('Managed storage', 'GB-months', managed.usd, usageOf(context.usage, resource.address, 'storage_gb')));
    }
    return { components };
  },
};

