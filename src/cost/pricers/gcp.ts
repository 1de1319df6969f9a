import type { Resource } from '../../iac/model.js';
import { referencesTo } from '../../iac/references.js';
import { isUnknown } from '../../iac/values.js';
import type { CostComponent } from '../model.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, monthlyOf, records, referenced, requiredText, scaled, text, Unpriced, usageComponent, type PriceContext, type PricedResource, type Pricer } from '../pricing.js';
import { usageOf } from '../usage.js';
import { unitPriceAmong } from './shared-rows.js';

const ZONE = /^([a-z]+-[a-z]+\d+)-[a-z]$/;

/** `us-central1-a` → `us-central1`; a region stays as it is. */
export function gcpRegionOfLocation(location: string): string {
  return ZONE.exec(location)?.[1] ?? location;
}

/** A Google resource's region: its own `region`, `zone` or `location`, else its provider's `region`, else `cost.region`. */
export function gcpRegion(resource: Resource, context: PriceContext): string {
  const attributes = attributesOf(resource);
  const region = text(attributes.region, 'region');
  if (region !== undefined) return region;
  const zone = text(attributes.zone ?? attributes.location, 'zone');
  return zone !== undefined ? gcpRegionOfLocation(zone) : context.regionOf(resource);
}

/** Resource types whose data rows carry GCE machine, GPU and disk prices; a price is the same whatever resource carries it. */
export const GCE_PRICE_TYPES = [
  'google_compute_instance',
  'google_container_node_pool',
  'google_container_cluster',
  'google_compute_region_instance_group_manager',
  'google_compute_instance_group_manager',
  'google_compute_disk',
];

type Purchase = 'on-demand' | 'preemptible';

/**
 * Google bills preemptible and Spot VMs under one pricing model, so a Spot VM is priced at the
 * data's preemptible rows; that price can change (at most monthly), which the note says.
 */
function purchaseOf(preemptible: unknown, spot: unknown, provisioningModel: unknown, context: PriceContext): Purchase {
  if (flag(spot, 'spot') === true || text(provisioningModel, 'provisioning_model')?.toUpperCase() === 'SPOT') {
    context.addNote("Spot VM priced at the data's preemptible rate (Google prices both alike; the rate can change monthly)");
    return 'preemptible';
  }
  return flag(preemptible, 'preemptible') === true ? 'preemptible' : 'on-demand';
}

interface Row {
  name: string;
  usd: number;
}

function gceRows(context: PriceContext, region: string): Row[] {
  return GCE_PRICE_TYPES.flatMap((type) => context.catalog.componentsIn('google', type, region));
}

/**
 * A per-unit rate from rows priced for one size ("Custom instance CPU (…, N1 6 vCPUs)" → $/vCPU-hour).
 * The row with the largest size is used: the data derived these prices from monthly figures
 * rounded to the cent, so a larger size carries the smaller error per unit.
 */
function perUnitRate(rows: readonly Row[], pattern: RegExp): number | undefined {
  let best: { size: number; rate: number } | undefined;
  for (const row of rows) {
    const size = Number(pattern.exec(row.name)?.[1]);
    if (Number.isFinite(size) && size > 0 && (!best || size > best.size)) best = { size, rate: row.usd / size };
  }
  return best?.rate;
}

interface FamilyRates {
  cpu: number;
  ram: number;
  extendedRam: number | undefined;
}

/** A machine family's custom-machine $/vCPU-hour and $/GB-hour, where the data has rows for it. */
function familyRates(rows: readonly Row[], family: string, purchase: Purchase): FamilyRates | undefined {
  const label = `\\(Linux/UNIX, ${purchase}, ${family.toUpperCase()} (\\d+(?:\\.\\d+)?)`;
  const cpu = perUnitRate(rows, new RegExp(`^Custom instance CPU ${label} vCPUs?\\)$`, 'i'));
  const ram = perUnitRate(rows, new RegExp(`^Custom instance RAM ${label} GB\\)$`, 'i'));
  if (cpu === undefined || ram === undefined) return undefined;
  return { cpu, ram, extendedRam: perUnitRate(rows, new RegExp(`^Custom instance extended RAM ${label} GB\\)$`, 'i')) };
}

/** Memory per vCPU a custom N1 machine bills at the standard rate; `-ext` machines bill the rest as extended memory. */
const N1_STANDARD_GB_PER_VCPU = 6.5;

const CUSTOM_MACHINE = /^(?:([a-z0-9]+)-)?custom-(\d+)-(\d+)(-ext)?$/;

interface MachinePrice {
  hourly: number;
  /** Set when the price is derived from another machine type's row: the note says how. */
  derivedNote?: string;
}

/** `custom-6-20480` (N1), `n2-custom-4-8192`: vCPUs and memory at the family's custom rates. */
function customMachinePrice(rows: readonly Row[], match: RegExpExecArray, purchase: Purchase): MachinePrice | undefined {
  const family = match[1] ?? 'n1';
  const vcpus = Number(match[2]);
  const memoryGb = Number(match[3]) / 1024;
  const rates = familyRates(rows, family, purchase);
  if (!rates) return undefined;
  if (match[4] === undefined) return { hourly: vcpus * rates.cpu + memoryGb * rates.ram };
  if (family !== 'n1' || rates.extendedRam === undefined) return undefined;
  const standardGb = Math.min(memoryGb, vcpus * N1_STANDARD_GB_PER_VCPU);
  return { hourly: vcpus * rates.cpu + standardGb * rates.ram + (memoryGb - standardGb) * rates.extendedRam };
}

/**
 * A predefined machine type the data has no row for, priced from its shape at the family's
 * custom-machine rates, scaled by the ratio of a predefined row of the same family to its own
 * shape at those rates. Google prices a family's predefined types linearly in vCPUs and memory
 * at a fixed discount to custom machines, so the scaled figure matches the family's list prices;
 * it is still marked approximate, being derived rather than read.
 */
function derivedMachinePrice(rows: readonly Row[], machineType: string, purchase: Purchase, context: PriceContext): MachinePrice | undefined {
  const shape = context.catalog.gcpShape(machineType);
  const family = machineType.split('-')[0] ?? '';
  if (!shape || shape.sharedCpu) return undefined;
  const rates = familyRates(rows, family, purchase);
  if (!rates) return undefined;
  const predefined = new RegExp(`^Instance usage \\(Linux/UNIX, ${purchase}, (${family}-[a-z0-9-]+)\\)$`);
  let reference: { type: string; factor: number; vcpus: number } | undefined;
  for (const row of rows) {
    const type = predefined.exec(row.name)?.[1];
    const referenceShape = type === undefined ? undefined : context.catalog.gcpShape(type);
    if (!type || !referenceShape || referenceShape.sharedCpu) continue;
    const atCustomRates = referenceShape.vcpus * rates.cpu + referenceShape.memoryGib * rates.ram;
    if (!reference || referenceShape.vcpus > reference.vcpus) reference = { type, factor: row.usd / atCustomRates, vcpus: referenceShape.vcpus };
  }
  if (!reference) return undefined;
  return {
    hourly: reference.factor * (shape.vcpus * rates.cpu + shape.memoryGib * rates.ram),
    derivedNote: `${machineType} priced from the data's ${family.toUpperCase()} vCPU and memory rates, scaled to its ${reference.type} price`,
  };
}

/** Machine type names are lowercase words and numbers; anything else cannot name a price (and must not reach a pattern). */
const MACHINE_TYPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function machinePrice(machineType: string, purchase: Purchase, region: string, context: PriceContext): MachinePrice | undefined {
  if (!MACHINE_TYPE.test(machineType)) return undefined;
  const rows = gceRows(context, region);
  const exact = rows.find((row) => row.name === `Instance usage (Linux/UNIX, ${purchase}, ${machineType})`);
  if (exact) return { hourly: exact.usd };
  const custom = CUSTOM_MACHINE.exec(machineType);
  return custom ? customMachinePrice(rows, custom, purchase) : derivedMachinePrice(rows, machineType, purchase, context);
}

/** One VM's hours. The data's GCE prices include the full-month sustained-use discount (30% for N1, 20% for N2, none for E2). */
function machineHours(machineTypeOrUrl: string, purchase: Purchase, region: string, context: PriceContext): CostComponent {
  // Also written as a URL: `zones/us-central1-a/machineTypes/n1-standard-1`.
  const machineType = machineTypeOrUrl.split('/').pop() ?? machineTypeOrUrl;
  const price = context.regional(region, `GCE machine type ${machineType} (${purchase})`, (where) => machinePrice(machineType, purchase, where, context));
  if (price.derivedNote) {
    context.approximate = true;
    context.addNote(price.derivedNote);
  }
  return { ...component(`Instance usage (Linux/UNIX, ${purchase}, ${machineType})`, 'hours', HOURS_PER_MONTH, price.hourly), priceKey: `google_compute_instance/${machineType}` };
}

const DISK_NAMES: ReadonlyMap<string, string> = new Map([
  ['pd-standard', 'Standard provisioned storage (pd-standard)'],
  ['pd-balanced', 'Balanced provisioned storage (pd-balanced)'],
  ['pd-ssd', 'SSD provisioned storage (pd-ssd)'],
]);

export function diskStorage(type: string, sizeGb: number, region: string, context: PriceContext, label = ''): CostComponent {
  const name = DISK_NAMES.get(type);
  // pd-extreme and hyperdisks also bill provisioned IOPS and throughput, which the data does not tie to a disk type.
  if (!name) throw new Unpriced(`${type} disks are not priced (the data prices pd-standard, pd-balanced and pd-ssd storage)`);
  return component(`${label}${name}`, 'GB', sizeGb, unitPriceAmong(context, 'google', GCE_PRICE_TYPES, region, name, `${type} storage`));
}

/** A local SSD partition is 375 GB unless its block says otherwise. */
const LOCAL_SSD_GB = 375;

function localSsd(totalGb: number, purchase: Purchase, region: string, context: PriceContext): CostComponent[] {
  if (totalGb === 0) return [];
  if (purchase === 'preemptible') throw new Unpriced('local SSD on a preemptible or Spot VM bills its own rate, which the data does not have');
  const name = 'Local SSD provisioned storage';
  return [component(name, 'GB', totalGb, unitPriceAmong(context, 'google', GCE_PRICE_TYPES, region, name, 'local SSD storage'))];
}

/** `nvidia-tesla-k80` → "NVIDIA Tesla K80", as the data names GPUs. */
function gpuName(type: string): string {
  const words = type.toLowerCase().replace(/^nvidia-/, '').split('-');
  return `NVIDIA ${words.map((word) => (word === 'tesla' ? 'Tesla' : word.toUpperCase())).join(' ')}`;
}

function gpus(blocks: unknown, purchase: Purchase, region: string, context: PriceContext): CostComponent[] {
  return records(blocks).flatMap((block) => {
    const count = amount(block.count, 'GPU count') ?? 1;
    if (count === 0) return [];
    const type = requiredText(block.type, 'GPU type');
    const name = `${gpuName(type.split('/').pop() ?? type)} (${purchase})`;
    return [component(`${name} × ${count}`, 'hours', HOURS_PER_MONTH * count, unitPriceAmong(context, 'google', GCE_PRICE_TYPES, region, name, `GPU ${name}`))];
  });
}

/** An ephemeral external IP (an `access_config` without `nat_ip`) bills with the VM; a static one bills on its `google_compute_address`. */
function ephemeralIps(interfaces: unknown, purchase: Purchase, region: string, context: PriceContext): CostComponent[] {
  const count = records(interfaces).flatMap((nic) => records(nic.access_config)).filter((config) => config.nat_ip === undefined || config.nat_ip === null || config.nat_ip === '').length;
  if (count === 0) return [];
  const name = purchase === 'preemptible' ? 'IP address (preemptible VM)' : 'IP address (standard VM)';
  const hourly = context.unitPrice('google', 'google_compute_address', region, name).usd;
  return [component(`Ephemeral external ${name}${count > 1 ? ` × ${count}` : ''}`, 'hours', HOURS_PER_MONTH * count, hourly)];
}

function bootDisk(attributes: Record<string, unknown>, region: string, context: PriceContext): CostComponent[] {
  const disk = records(attributes.boot_disk)[0];
  // A boot disk made from a `google_compute_disk` (`source`) is priced on that resource.
  if (!disk || (disk.source !== undefined && disk.source !== null)) return [];
  const params = records(disk.initialize_params)[0] ?? {};
  const sizeGb = amount(params.size, 'boot disk size');
  if (sizeGb === undefined) {
    context.addNote('boot disk size comes from the image and is not priced');
    return [];
  }
  return [diskStorage(text(params.type, 'boot disk type') ?? 'pd-standard', sizeGb, region, context, 'Boot disk: ')];
}

/** `google_compute_instance`: machine hours, boot disk, local SSDs, GPUs and ephemeral external IPs. */
export const gceInstancePricer: Pricer = {
  types: ['google_compute_instance'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = gcpRegion(resource, context);
    const scheduling = records(attributes.scheduling)[0] ?? {};
    const purchase = purchaseOf(scheduling.preemptible, undefined, scheduling.provisioning_model, context);
    const scratchGb = records(attributes.scratch_disk).reduce((sum, disk) => sum + (amount(disk.size, 'scratch disk size') ?? LOCAL_SSD_GB), 0);
    return {
      components: [
        machineHours(requiredText(attributes.machine_type, 'machine_type'), purchase, region, context),
        ...bootDisk(attributes, region, context),
        ...localSsd(scratchGb, purchase, region, context),
        ...gpus(attributes.guest_accelerator, purchase, region, context),
        ...ephemeralIps(attributes.network_interface, purchase, region, context),
      ],
    };
  },
};

/** The sibling of one of `types` that `value` of `holder` points at, by reference or by name. */
function siblingAt(value: unknown, holder: Resource, context: PriceContext, types: readonly string[]): Resource | undefined {
  return context.siblings.find((sibling) => types.includes(sibling.type) && referencesTo(value, holder, sibling).length > 0) ?? referenced(value, holder, context, types);
}

/** Images, snapshots and disks a disk can be made from; the chain is short in any real configuration. */
const DISK_SOURCE_TYPES = ['google_compute_image', 'google_compute_snapshot', 'google_compute_disk'];
const MAX_SOURCE_DEPTH = 4;

/**
 * The size of the image, snapshot or disk a disk is made from, when that source is in the change:
 * an image's `disk_size_gb` or a disk's `size`, else the size of what it was made from in turn.
 */
function sourceSizeGb(holder: Resource, context: PriceContext, depth = 0): number | undefined {
  if (depth > MAX_SOURCE_DEPTH) return undefined;
  const attributes = attributesOf(holder);
  const own = holder.type === 'google_compute_image' ? amount(attributes.disk_size_gb, 'image disk_size_gb') : holder.type === 'google_compute_disk' ? amount(attributes.size, 'size') : undefined;
  if (own !== undefined) return own;
  for (const key of ['image', 'snapshot', 'source_image', 'source_snapshot', 'source_disk']) {
    const value = attributes[key];
    if (value === undefined || value === null) continue;
    const source = siblingAt(value, holder, context, DISK_SOURCE_TYPES);
    return source ? sourceSizeGb(source, context, depth + 1) : undefined;
  }
  return undefined;
}

const DISK_SOURCE_KEYS = ['image', 'snapshot', 'source_disk', 'source_instant_snapshot'];

/** The Compute Engine API makes an empty pd-standard disk (no size, no image, snapshot or source disk) 500 GB. */
const EMPTY_STANDARD_DISK_GB = 500;

/** A disk's size: its own, its source's when the change has it, or the API's default for an empty pd-standard disk. */
function diskSizeGb(resource: Resource, type: string, context: PriceContext): number {
  const attributes = attributesOf(resource);
  const own = amount(attributes.size, 'size');
  if (own !== undefined) return own;
  const fromSource = DISK_SOURCE_KEYS.some((key) => attributes[key] !== undefined && attributes[key] !== null);
  if (fromSource) {
    const sourceGb = sourceSizeGb(resource, context);
    if (sourceGb === undefined) throw new Unpriced('size is not set and the size of its image or snapshot is not in this change');
    return sourceGb;
  }
  if (type !== 'pd-standard') throw new Unpriced(`size is not set: the API documents a default size only for an empty pd-standard disk, not for ${type}`);
  context.addNote(`size is not set: an empty pd-standard disk is ${EMPTY_STANDARD_DISK_GB} GB, the Compute Engine API's default`);
  return EMPTY_STANDARD_DISK_GB;
}

/**
 * A hyperdisk-extreme disk bills its GB and its provisioned IOPS. The data's one `Provisioned IOPS`
 * row for Google disks comes from a hyperdisk-extreme example; pd-extreme IOPS bill a rate the data
 * does not have, so pd-extreme stays unpriced.
 */
function hyperdiskExtreme(attributes: Record<string, unknown>, sizeGb: number, region: string, context: PriceContext): CostComponent[] {
  const iops = amount(attributes.provisioned_iops, 'provisioned_iops');
  if (iops === undefined) throw new Unpriced('provisioned_iops is not set, and the provider documents no default for hyperdisk-extreme');
  const storage = 'Hyperdisk provisioned storage (hyperdisk-extreme)';
  return [
    component(storage, 'GB', sizeGb, context.unitPrice('google', 'google_compute_disk', region, storage).usd),
    component('Provisioned IOPS', 'IOPS', iops, context.unitPrice('google', 'google_compute_disk', region, 'Provisioned IOPS').usd),
  ];
}

/**
 * `google_compute_disk`: provisioned GB by type (default pd-standard); without `size`, the size of
 * its image or snapshot when the change has it, or 500 GB for an empty pd-standard disk.
 * hyperdisk-extreme adds its provisioned IOPS.
 */
export const gceDiskPricer: Pricer = {
  types: ['google_compute_disk'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const type = text(attributes.type, 'type') ?? 'pd-standard';
    const region = gcpRegion(resource, context);
    const sizeGb = diskSizeGb(resource, type, context);
    if (type === 'hyperdisk-extreme') return { components: hyperdiskExtreme(attributes, sizeGb, region, context) };
    return { components: [diskStorage(type, sizeGb, region, context)] };
  },
};

/** A template's disks: persistent disks by type (default pd-standard) and size, scratch disks as local SSD. */
function templateDisks(disks: unknown, purchase: Purchase, region: string, context: PriceContext): CostComponent[] {
  let scratchGb = 0;
  const persistent: CostComponent[] = [];
  records(disks).forEach((disk, index) => {
    const diskType = text(disk.disk_type, 'template disk_type') ?? 'pd-standard';
    if (text(disk.type, 'template disk type') === 'SCRATCH' || diskType === 'local-ssd') {
      scratchGb += amount(disk.disk_size_gb, 'scratch disk_size_gb') ?? LOCAL_SSD_GB;
      return;
    }
    // An existing disk attached by `source` is priced on its own resource.
    if (disk.source !== undefined && disk.source !== null) return;
    const sizeGb = amount(disk.disk_size_gb, 'template disk_size_gb');
    if (sizeGb === undefined) {
      context.addNote(`template disk ${index + 1} takes its size from its image and is not priced`);
      return;
    }
    persistent.push(diskStorage(diskType, sizeGb, region, context, `Disk ${index + 1}: `));
  });
  return [...persistent, ...localSsd(scratchGb, purchase, region, context)];
}

/** One instance made from a `google_compute_instance_template`: machine hours, disks, GPUs, ephemeral IPs. */
function templateInstance(template: Resource, region: string, context: PriceContext): CostComponent[] {
  const attributes = attributesOf(template);
  const scheduling = records(attributes.scheduling)[0] ?? {};
  const purchase = purchaseOf(scheduling.preemptible, undefined, scheduling.provisioning_model, context);
  return [
    machineHours(requiredText(attributes.machine_type, 'template machine_type'), purchase, region, context),
    ...templateDisks(attributes.disk, purchase, region, context),
    ...gpus(attributes.guest_accelerator, purchase, region, context),
    ...ephemeralIps(attributes.network_interface, purchase, region, context),
  ];
}

const TEMPLATE_TYPES = ['google_compute_instance_template', 'google_compute_region_instance_template'];
const AUTOSCALER_TYPES = ['google_compute_autoscaler', 'google_compute_region_autoscaler'];
const PER_INSTANCE_CONFIG_TYPES = ['google_compute_per_instance_config', 'google_compute_region_per_instance_config'];

/** The autoscaler in the change whose `target` is this group. */
function autoscalerOf(group: Resource, context: PriceContext): Resource | undefined {
  return context.siblings.find((sibling) => AUTOSCALER_TYPES.includes(sibling.type) && referencesTo(attributesOf(sibling).target, sibling, group).length > 0);
}

/** Per-instance configs in the change for this group (zonal or regional): each names an instance the group runs. */
function perInstanceConfigs(group: Resource, context: PriceContext): number {
  return context.siblings.filter((sibling) => {
    if (!PER_INSTANCE_CONFIG_TYPES.includes(sibling.type)) return false;
    const attributes = attributesOf(sibling);
    return referencesTo(attributes.instance_group_manager ?? attributes.region_instance_group_manager, sibling, group).length > 0;
  }).length;
}

/**
 * `google_compute_instance_group_manager`, `google_compute_region_instance_group_manager`: its
 * template's instance × `target_size` (at least one per per-instance config in the change), or,
 * under an autoscaler in the change, its `min_replicas` with `min_replicas`–`max_replicas` as the range.
 */
export const gceInstanceGroupPricer: Pricer = {
  types: ['google_compute_instance_group_manager', 'google_compute_region_instance_group_manager'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const versions = records(attributes.version);
    if (versions.length > 1) context.addNote('priced from its first version’s template');
    const templateRef = versions[0]?.instance_template ?? attributes.instance_template;
    const template = siblingAt(templateRef, resource, context, TEMPLATE_TYPES);
    if (!template) throw new Unpriced('its instance template is not in this change');
    const perInstance = templateInstance(template, gcpRegion(resource, context), context);
    const autoscaler = autoscalerOf(resource, context);
    if (autoscaler) {
      const policy = records(attributesOf(autoscaler).autoscaling_policy)[0] ?? {};
      const min = amount(policy.min_replicas, 'min_replicas') ?? 0;
      const max = amount(policy.max_replicas, 'max_replicas') ?? min;
      if (max < min) throw new Unpriced(`the autoscaler's maximum (${max}) is below its minimum (${min})`);
      return scaled(perInstance, min, min, max);
    }
    const count = Math.max(amount(attributes.target_size, 'target_size') ?? 0, perInstanceConfigs(resource, context));
    return scaled(perInstance, count, count, count);
  },
};

/** GKE node defaults when `node_config` does not say (machine type, boot disk per the provider docs). */
const GKE_DEFAULT_MACHINE_TYPE = 'e2-medium';
const GKE_DEFAULT_DISK_TYPE = 'pd-balanced';
const GKE_DEFAULT_DISK_GB = 100;
/** A regional cluster without `node_locations` runs each node pool in three of the region's zones. */
const GKE_DEFAULT_REGIONAL_ZONES = 3;
/** A pool that sets no size gets GKE's default (gcloud's and the console's): three nodes per zone. */
const GKE_DEFAULT_NODES_PER_ZONE = 3;

/** How many zones a node pool's per-zone counts apply to. */
function nodeZones(location: string, nodeLocations: unknown, context: PriceContext): number {
  if (isUnknown(nodeLocations)) throw new Unpriced(`node_locations is not known before apply (${nodeLocations.__unknown})`);
  const listed = Array.isArray(nodeLocations) ? nodeLocations.filter((zone): zone is string => typeof zone === 'string') : [];
  if (ZONE.test(location)) return new Set([location, ...listed]).size;
  if (listed.length > 0) return listed.length;
  context.addNote(`regional cluster: nodes priced in ${GKE_DEFAULT_REGIONAL_ZONES} zones, GKE's default`);
  return GKE_DEFAULT_REGIONAL_ZONES;
}

function nodeCosts(config: Record<string, unknown>, region: string, context: PriceContext): CostComponent[] {
  const purchase = purchaseOf(config.preemptible, config.spot, undefined, context);
  const bootDiskBlock = records(config.boot_disk)[0] ?? {};
  const diskType = text(bootDiskBlock.disk_type ?? config.disk_type, 'disk_type') ?? GKE_DEFAULT_DISK_TYPE;
  const diskGb = amount(bootDiskBlock.size_gb ?? config.disk_size_gb, 'disk_size_gb') ?? GKE_DEFAULT_DISK_GB;
  const ssdConfig = records(config.ephemeral_storage_local_ssd_config)[0] ?? {};
  const ssdCount = amount(ssdConfig.local_ssd_count ?? config.local_ssd_count, 'local_ssd_count') ?? 0;
  return [
    machineHours(text(config.machine_type, 'machine_type') ?? GKE_DEFAULT_MACHINE_TYPE, purchase, region, context),
    diskStorage(diskType, diskGb, region, context, 'Boot disk: '),
    ...localSsd(ssdCount * LOCAL_SSD_GB, purchase, region, context),
    ...gpus(config.guest_accelerator, purchase, region, context),
  ];
}

/**
 * A GKE node pool (a `node_pool` block, the default pool, or `google_container_node_pool`):
 * nodes × (machine hours + boot disk + local SSDs + GPUs). Counts are per zone; autoscaling
 * gives the range (per-zone `min_node_count`/`max_node_count`, or the `total_` pair).
 */
function gkeNodePool(pool: Record<string, unknown>, location: string, nodeLocations: unknown, context: PriceContext): PricedResource {
  const region = gcpRegionOfLocation(location);
  const perNode = nodeCosts(records(pool.node_config)[0] ?? {}, region, context);
  const zones = nodeZones(location, pool.node_locations ?? nodeLocations, context);
  const perZone = amount(pool.node_count, 'node_count') ?? amount(pool.initial_node_count, 'initial_node_count');
  const autoscaling = records(pool.autoscaling)[0];
  if (autoscaling) {
    const totalMin = amount(autoscaling.total_min_node_count, 'total_min_node_count');
    const totalMax = amount(autoscaling.total_max_node_count, 'total_max_node_count');
    const min = totalMin ?? (amount(autoscaling.min_node_count, 'min_node_count') ?? 0) * zones;
    const max = totalMax ?? (amount(autoscaling.max_node_count, 'max_node_count') ?? 0) * zones;
    if (max < min) throw new Unpriced(`the autoscaling maximum (${max} nodes) is below its minimum (${min})`);
    return scaled(perNode, perZone === undefined ? min : perZone * zones, min, max);
  }
  if (perZone === undefined) {
    context.addNote(`node_count is not set: priced at GKE's default of ${GKE_DEFAULT_NODES_PER_ZONE} nodes per zone`);
    return scaled(perNode, GKE_DEFAULT_NODES_PER_ZONE * zones, GKE_DEFAULT_NODES_PER_ZONE * zones, GKE_DEFAULT_NODES_PER_ZONE * zones);
  }
  return scaled(perNode, perZone * zones, perZone * zones, perZone * zones);
}

function clusterLocation(cluster: Resource, context: PriceContext): string {
  const attributes = attributesOf(cluster);
  const location = text(attributes.location ?? attributes.zone ?? attributes.region, 'cluster location');
  if (location !== undefined) return location;
  context.addNote("location is not set: priced as a zonal cluster in the provider's region");
  return context.regionOf(cluster);
}

function withLabel(pool: PricedResource, label: string): PricedResource {
  return { ...pool, components: pool.components.map((item) => ({ ...item, name: `${label}: ${item.name}` })) };
}


/** Adds up a fee and several pools; a pool without a range counts at its figure on both ends. */
function combine(fixed: CostComponent[], pools: readonly PricedResource[]): PricedResource {
  const base = monthlyOf(fixed);
  const ranged = pools.some((pool) => pool.range !== undefined);
  const low = pools.reduce((sum, pool) => sum + (pool.range?.low ?? monthlyOf(pool.components)), base);
  const high = pools.reduce((sum, pool) => sum + (pool.range?.high ?? monthlyOf(pool.components)), base);
  return { components: [...fixed, ...pools.flatMap((pool) => pool.components)], ...(ranged ? { range: { low, high } } : {}) };
}

/**
 * `google_container_cluster`: the cluster management fee plus its node pools (inline `node_pool`
 * blocks, else the default pool unless `remove_default_node_pool`). Autopilot bills the pods'
 * requested vCPU, memory and ephemeral storage, from the usage file's monthly averages
 * (`autopilot_vcpu_count`, `autopilot_memory_gb`, `autopilot_ephemeral_storage_gb`). GKE's monthly free-tier
 * credit (one zonal or Autopilot cluster per billing account) is not applied.
 */
export const gkeClusterPricer: Pricer = {
  types: ['google_container_cluster'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const location = clusterLocation(resource, context);
    const region = gcpRegionOfLocation(location);
    const rate = (name: string): number => context.unitPrice('google', 'google_container_cluster', region, name).usd;
    if (flag(attributes.enable_autopilot, 'enable_autopilot') === true) {
      return {
        components: [
          component('Cluster management fee (Autopilot)', 'hours', HOURS_PER_MONTH, rate('Autopilot')),
          usageComponent('Autopilot vCPU', 'vCPU-months', rate('Autopilot vCPU'), usageOf(context.usage, resource.address, 'autopilot_vcpu_count')),
          usageComponent('Autopilot memory', 'GB-months', rate('Autopilot memory'), usageOf(context.usage, resource.address, 'autopilot_memory_gb')),
          usageComponent('Autopilot ephemeral storage', 'GB-months', rate('Autopilot ephemeral storage'), usageOf(context.usage, resource.address, 'autopilot_ephemeral_storage_gb')),
        ],
      };
    }
    const fee = [component('Cluster management fee', 'hours', HOURS_PER_MONTH, rate('Cluster management fee'))];
    const inline = records(attributes.node_pool);
    if (inline.length > 0) {
      return combine(
        fee,
        inline.map((pool, index) => withLabel(gkeNodePool(pool, location, attributes.node_locations, context), `Node pool ${text(pool.name, 'node pool name') ?? index + 1}`)),
      );
    }
    if (flag(attributes.remove_default_node_pool, 'remove_default_node_pool') === true) return { components: fee };
    const defaultPool = { node_config: attributes.node_config, initial_node_count: attributes.initial_node_count };
    return combine(fee, [withLabel(gkeNodePool(defaultPool, location, attributes.node_locations, context), 'Default node pool')]);
  },
};

/** `google_container_node_pool`: priced in its own `location`, else its cluster's. */
export const gkeNodePoolPricer: Pricer = {
  types: ['google_container_node_pool'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const cluster = referenced(attributes.cluster, resource, context, ['google_container_cluster']);
    const own = text(attributes.location, 'location');
    const location = own ?? (cluster ? clusterLocation(cluster, context) : undefined);
    if (location === undefined) throw new Unpriced('its location is not set and its cluster is not in this change');
    return gkeNodePool(attributes, location, cluster ? attributesOf(cluster).node_locations : undefined, context);
  },
};
