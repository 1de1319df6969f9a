import type { CostComponent } from '../model.js';
import { isUnknown } from '../../iac/values.js';
import { amount, attributesOf, component, text, Unpriced, type PriceContext, type Pricer } from '../pricing.js';

/** Component names of the EBS rows in the price data, by volume type. */
const STORAGE_COMPONENT: Record<string, string> = {
  gp2: 'Storage (general purpose SSD, gp2)',
  gp3: 'Storage (general purpose SSD, gp3)',
  io1: 'Storage (provisioned IOPS SSD, io1)',
  io2: 'Storage (provisioned IOPS SSD, io2)',
  st1: 'Storage (throughput optimized HDD, st1)',
  sc1: 'Storage (cold HDD, sc1)',
  standard: 'Storage (magnetic)',
};

/** gp3 includes 3,000 IOPS and 125 MB/s; only what is provisioned above that is charged. */
const GP3_BASELINE_IOPS = 3000;
const GP3_BASELINE_THROUGHPUT = 125;

export interface VolumeSpec {
  type: string;
  sizeGb: number;
  iops?: number;
  throughput?: number;
}

/** The monthly components of one EBS volume (also used for instance root and attached devices). */
export function ebsComponents(spec: VolumeSpec, region: string, context: PriceContext, label = ''): CostComponent[] {
  const storageName = STORAGE_COMPONENT[spec.type];
  if (!storageName) throw new Unpriced(`EBS volume type "${spec.type}" is not one the price data covers`);
  const price = (name: string) => context.unitPrice('aws', 'aws_ebs_volume', region, name);
  const storage = price(storageName);
  const components = [component(`${label}${storageName}`, 'GB-month', spec.sizeGb, storage.usd)];
  if ((spec.type === 'io1' || spec.type === 'io2') && spec.iops !== undefined && spec.iops > 0) {
    components.push(component(`${label}Provisioned IOPS (${spec.type})`, 'IOPS-month', spec.iops, price('Provisioned IOPS').usd));
  }
  if (spec.type === 'gp3') {
    if (spec.iops !== undefined && spec.iops > GP3_BASELINE_IOPS) {
      const perIops = price('Provisioned IOPS (gp3, above 3,000)');
      components.push(component(`${label}Provisioned IOPS (gp3, above ${GP3_BASELINE_IOPS.toLocaleString('en-US')})`, 'IOPS-month', spec.iops - GP3_BASELINE_IOPS, perIops.usd));
    }
    if (spec.throughput !== undefined && spec.throughput > GP3_BASELINE_THROUGHPUT) {
      const throughput = price('Provisioned throughput');
      components.push(component(`${label}Provisioned throughput (gp3, above ${GP3_BASELINE_THROUGHPUT} MB/s)`, 'MBps-month', spec.throughput - GP3_BASELINE_THROUGHPUT, throughput.usd));
    }
  }
  return components;
}

/** Reads a volume from Terraform (`volume_type`, `size`/`volume_size`) or CloudFormation (`VolumeType`, `Size`/`VolumeSize`) attributes. */
export function volumeSpec(attributes: Record<string, unknown>, what: string, defaultType: string): VolumeSpec | undefined {
  const size = amount(attributes.size ?? attributes.volume_size ?? attributes.Size ?? attributes.VolumeSize, `${what} size`);
  if (size === undefined) return undefined;
  const type = (text(attributes.type ?? attributes.volume_type ?? attributes.VolumeType, `${what} type`) ?? defaultType).toLowerCase();
  // A plan leaves gp3 IOPS/throughput "known after apply" when the template does not set them: the provider then
  // applies the included baseline, so an unknown there prices at the baseline; io1/io2 IOPS must be known.
  const optional = (value: unknown): unknown => (isUnknown(value) && !type.startsWith('io') ? undefined : value);
  const iops = amount(optional(attributes.iops ?? attributes.Iops), `${what} IOPS`);
  const throughput = amount(optional(attributes.throughput ?? attributes.Throughput), `${what} throughput`);
  return { type, sizeGb: size, ...(iops !== undefined ? { iops } : {}), ...(throughput !== undefined ? { throughput } : {}) };
}

/** `aws_ebs_volume`, `AWS::EC2::Volume`: storage by type, plus IOPS and throughput above what the type includes. */
export const ebsVolumePricer: Pricer = {
  types: ['aws_ebs_volume', 'AWS::EC2::Volume'],
  price(resource, context) {
    // A volume restored from a snapshot may omit its size; the snapshot decides it.
    const spec = volumeSpec(attributesOf(resource), 'volume', 'gp2');
    if (!spec) throw new Unpriced('volume size is not set (it comes from the snapshot)');
    return { components: ebsComponents(spec, context.regionOf(resource), context) };
  },
};

/** `aws_ebs_snapshot`: billed on stored blocks, which only usage can tell; priced at the volume size as an upper bound. */
export const ebsSnapshotPricer: Pricer = {
  types: ['aws_ebs_snapshot', 'aws_ebs_snapshot_copy', 'AWS::EC2::Snapshot'],
  price(resource, context) {
    const region = context.regionOf(resource);
    const price = context.unitPrice('aws', 'aws_ebs_snapshot', region, 'EBS snapshot storage');
    const size = amount(resource.attributes.volume_size, 'snapshot size');
    if (size === undefined) throw new Unpriced('snapshot size is known only after it is taken');
    context.addNote('snapshot priced at the full volume size, an upper bound (snapshots store changed blocks)');
    return { components: [component('EBS snapshot storage', 'GB-month', size, price.usd)] };
  },
};
