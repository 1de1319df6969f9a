import { Catalog } from '../../cost/catalog.js';
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { isUnknown } from '../../iac/values.js';
import type { Rule, RuleFinding } from '../model.js';
import { attributesOf, findingAt, formatUsd, introduces, isRecord, numberAt, priceInRegionOrDataRegion, stringAt } from './support.js';

/** One EBS volume a resource declares, with the attribute path its type is written at. */
export interface DeclaredVolume {
  /** Path of the volume's block (`root_block_device.0`), '' for a volume resource itself. */
  path: string;
  typeKey: string;
  type: string;
  sizeGb?: number;
  iops?: number;
  what: string;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function volumeAt(attributes: Record<string, unknown>, path: string, what: string): DeclaredVolume | undefined {
  const typeKey = ['volume_type', 'type', 'VolumeType'].find((key) => typeof attributes[key] === 'string');
  if (!typeKey) return undefined;
  const type = (attributes[typeKey] as string).toLowerCase();
  const sizeGb = numberAt(attributes, 'size') ?? numberAt(attributes, 'volume_size') ?? numberAt(attributes, 'Size') ?? numberAt(attributes, 'VolumeSize');
  const iops = numberAt(attributes, 'iops') ?? numberAt(attributes, 'Iops');
  return { path: join(path, typeKey), typeKey, type, what, ...(sizeGb !== undefined ? { sizeGb } : {}), ...(iops !== undefined ? { iops } : {}) };
}

function blocks(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.map((item) => (isRecord(item) ? item : {}));
  return isRecord(value) ? [value] : [];
}

/** Every EBS volume a resource declares with an explicit type: volumes, instance devices, launch template mappings. */
export function declaredVolumes(resource: Resource): DeclaredVolume[] {
  const attributes = attributesOf(resource);
  const found: DeclaredVolume[] = [];
  const add = (volume: DeclaredVolume | undefined) => volume && found.push(volume);
  switch (resource.type) {
    case 'aws_ebs_volume':
    case 'AWS::EC2::Volume':
      add(volumeAt(attributes, '', 'the volume'));
      break;
    case 'aws_instance':
      blocks(attributes.root_block_device).forEach((device, index) => add(volumeAt(device, `root_block_device.${index}`, 'the root volume')));
      blocks(attributes.ebs_block_device).forEach((device, index) => add(volumeAt(device, `ebs_block_device.${index}`, `EBS block device ${index + 1}`)));
      break;
    case 'aws_launch_template':
      blocks(attributes.block_device_mappings).forEach((mapping, index) =>
        blocks(mapping.ebs).forEach((ebs, inner) => add(volumeAt(ebs, `block_device_mappings.${index}.ebs.${inner}`, `block device ${index + 1}`))),
      );
      break;
    case 'AWS::EC2::Instance':
      blocks(attributes.BlockDeviceMappings).forEach((mapping, index) => {
        if (isRecord(mapping.Ebs)) add(volumeAt(mapping.Ebs, `BlockDeviceMappings.${index}.Ebs`, `block device ${index + 1}`));
      });
      break;
  }
  return found;
}

/** gp3's included performance and its ceiling: io1 volumes within the ceiling can move. */
const GP3_BASELINE_IOPS = 3000;
const GP3_MAX_IOPS = 16000;
let catalog: Catalog | undefined;

/** A storage unit price (EBS volume rows unless `dataType` says otherwise), in the resource's region when the data has it, else us-east-1 (and the message says so). */
function unitPrice(region: string, name: string, dataType = 'aws_ebs_volume'): { usd: number; region: string } | undefined {
  const prices = (catalog ??= new Catalog());
  return priceInRegionOrDataRegion(region, (where) => prices.component('aws', dataType, where, name)?.usd);
}

const STORAGE = {
  gp2: 'Storage (general purpose SSD, gp2)',
  gp3: 'Storage (general purpose SSD, gp3)',
  io1: 'Storage (provisioned IOPS SSD, io1)',
} as const;

function pricesNote(region: string, used: string): string {
  return used === region ? '' : ` at ${used} prices`;
}

/** The monthly saving of moving gp2 → gp3: the same size at the gp3 rate, baseline performance included. */
export function gp2Saving(sizeGb: number, region: string): { monthly: number; region: string } | undefined {
  const gp2 = unitPrice(region, STORAGE.gp2);
  const gp3 = unitPrice(region, STORAGE.gp3);
  if (!gp2 || !gp3 || gp2.region !== gp3.region) return undefined;
  return { monthly: sizeGb * (gp2.usd - gp3.usd), region: gp2.region };
}

/** io1 → gp3 for a volume at or under gp3's included 3,000 IOPS: storage and IOPS charges against gp3 storage alone. */
export function io1Saving(sizeGb: number, iops: number, region: string): { monthly: number; region: string } | undefined {
  if (iops > GP3_BASELINE_IOPS) return undefined;
  const io1 = unitPrice(region, STORAGE.io1);
  const gp3 = unitPrice(region, STORAGE.gp3);
  catalog ??= new Catalog();
  const iopsPrice = io1 ? catalog.component('aws', 'aws_ebs_volume', io1.region, 'Provisioned IOPS') : undefined;
  if (!io1 || !gp3 || !iopsPrice || io1.region !== gp3.region) return undefined;
  return { monthly: sizeGb * (io1.usd - gp3.usd) + iops * iopsPrice.usd, region: io1.region };
}

/** RDS gp2 → gp3 from the `aws_db_instance` storage rows: the monthly difference for the allocated size and the two per-GB prices. */
export function databaseGp2Saving(sizeGb: number, region: string): { monthly: number; gp2: number; gp3: number; region: string } | undefined {
  const gp2 = unitPrice(region, STORAGE.gp2, 'aws_db_instance');
  const gp3 = unitPrice(region, STORAGE.gp3, 'aws_db_instance');
  if (!gp2 || !gp3 || gp2.region !== gp3.region) return undefined;
  return { monthly: sizeGb * (gp2.usd - gp3.usd), gp2: gp2.usd, gp3: gp3.usd, region: gp2.region };
}

const DATABASES = new Set(['aws_db_instance', 'AWS::RDS::DBInstance']);
const RDS_GP3_BASELINE = 'gp3 includes 3,000 IOPS and 125 MiB/s at any size (12,000 IOPS and 500 MiB/s from 400 GB on MySQL, MariaDB and PostgreSQL), where gp2 gives 3 IOPS per GB';

/** An RDS instance whose change writes `storage_type = "gp2"`: gp3 is never slower and, in the data, never dearer per GB. */
function judgeDatabaseStorage(change: ResourceChange, database: Resource, region: string): RuleFinding | undefined {
  const attributes = attributesOf(database);
  const key = database.kind === 'cloudformation' ? 'StorageType' : 'storage_type';
  if (stringAt(attributes, key)?.toLowerCase() !== 'gp2' || !introduces(change, key)) return undefined;
  const sizeGb = numberAt(attributes, database.kind === 'cloudformation' ? 'AllocatedStorage' : 'allocated_storage');
  const saving = sizeGb !== undefined ? databaseGp2Saving(sizeGb, region) : undefined;
  const where = saving ? pricesNote(region, saving.region) : '';
  const price =
    saving === undefined
      ? ''
      : saving.monthly > 0
        ? `; it also saves about ${formatUsd(saving.monthly)} a month for ${sizeGb} GB${where} (estimate)`
        : saving.gp2 === saving.gp3
          ? `; both cost ${formatUsd(saving.gp2)} per GB-month in the price data${where}, so the move is free`
          : '';
  const fix = database.kind === 'cloudformation' ? 'Set StorageType: gp3.' : 'Set storage_type = "gp3".';
  return findingAt(database, key, `${database.address} uses gp2 storage; ${RDS_GP3_BASELINE}${price}.`, fix);
}

function judgeVolume(resource: Resource, volume: DeclaredVolume, region: string): RuleFinding | undefined {
  const name = `${resource.address} (${volume.what})`;
  if (volume.type === 'gp2') {
    const saving = volume.sizeGb !== undefined ? gp2Saving(volume.sizeGb, region) : undefined;
    const amount = saving && saving.monthly > 0 ? ` and saves about ${formatUsd(saving.monthly)} a month for ${volume.sizeGb} GB${pricesNote(region, saving.region)}` : ' and costs 20% less per GB';
    return findingAt(resource, volume.path, `${name} uses gp2; gp3 gives 3,000 IOPS and 125 MB/s at any size${amount} (estimate).`, `Set ${volume.typeKey} = "gp3".`);
  }
  if (volume.type === 'io1' && volume.iops !== undefined && volume.iops <= GP3_MAX_IOPS) {
    const saving = volume.sizeGb !== undefined ? io1Saving(volume.sizeGb, volume.iops, region) : undefined;
    const amount =
      saving && saving.monthly > 0
        ? `; that saves about ${formatUsd(saving.monthly)} a month${pricesNote(region, saving.region)} (estimate)`
        : volume.iops > GP3_BASELINE_IOPS
          ? ' (gp3 charges for IOPS above 3,000; the data has no price for them, so no saving is estimated)'
          : '';
    return findingAt(resource, volume.path, `${name} uses io1 with ${volume.iops} IOPS, which gp3 provides (up to ${GP3_MAX_IOPS})${amount}.`, `Set ${volume.typeKey} = "gp3" and keep the IOPS setting.`);
  }
  return undefined;
}

const BUCKETS = new Set(['aws_s3_bucket', 'AWS::S3::Bucket']);
const LIFECYCLE_CONFIGURATIONS = new Set(['aws_s3_bucket_lifecycle_configuration']);

/** Whether a lifecycle configuration in the change points at this bucket: by reference (`aws_s3_bucket.logs.id`) or by name. */
function hasLifecycle(bucket: Resource, heads: readonly Resource[]): boolean {
  const attributes = attributesOf(bucket);
  if (attributes.lifecycle_rule !== undefined || attributes.LifecycleConfiguration !== undefined) return true;
  const name = stringAt(attributes, 'bucket');
  return heads.some((head) => {
    if (!LIFECYCLE_CONFIGURATIONS.has(head.type)) return false;
    const target = head.attributes.bucket;
    if (isUnknown(target)) return target.__unknown.startsWith(`${bucket.address}.`);
    return name !== undefined && target === name;
  });
}

function judgeBucket(bucket: Resource, heads: readonly Resource[]): RuleFinding | undefined {
  if (hasLifecycle(bucket, heads)) return undefined;
  return {
    ...findingAt(bucket, bucket.kind === 'cloudformation' ? 'LifecycleConfiguration' : 'bucket', `${bucket.address} is a new S3 bucket without lifecycle rules; every object stays in S3 Standard until someone deletes it.`, bucket.kind === 'cloudformation' ? 'Add LifecycleConfiguration rules that move old objects to Standard-IA or Glacier, or expire them.' : 'Add an aws_s3_bucket_lifecycle_configuration that moves old objects to STANDARD_IA or GLACIER, or expires them.'),
    severity: 'notice',
  };
}

export const storageClass: Rule = {
  id: 'storage-class',
  title: 'Storage uses the cheaper class that fits',
  category: 'cost',
  severity: 'notice',
  docs: 'docs/rules/storage-class.md',
  run: ({ resources, config }) => {
    const heads = resources.flatMap((change) => (change.after ? [change.after] : []));
    const findings: RuleFinding[] = [];
    for (const change of resources) {
      const resource = change.after;
      if (!resource || (change.change !== 'added' && change.change !== 'changed')) continue;
      const region = resource.region ?? config.cost.region;
      for (const volume of declaredVolumes(resource)) {
        // Only a volume the change adds or retypes is the author's to fix now.
        if (!introduces(change, volume.path)) continue;
        const finding = judgeVolume(resource, volume, region);
        if (finding) findings.push(finding);
      }
      if (DATABASES.has(resource.type)) {
        const finding = judgeDatabaseStorage(change, resource, region);
        if (finding) findings.push(finding);
      }
      if (change.change === 'added' && BUCKETS.has(resource.type)) {
        const finding = judgeBucket(resource, heads);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
};
