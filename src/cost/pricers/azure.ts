import type { Resource } from '../../iac/model.js';
import { isUnknown } from '../../iac/values.js';
import type { CostComponent } from '../model.js';
import {
  amount,
  attributesOf,
  component,
  dataProcessedComponent,
  flag,
  HOURS_PER_MONTH,
  hoursPlusDataProcessed,
  monthlyOf,
  records,
  referenced,
  requiredText,
  scaled,
  text,
  Unpriced,
  usageComponent,
  type PriceContext,
  type PricedResource,
  type Pricer,
} from '../pricing.js';
import { unitPriceAmong } from './shared-rows.js';

/** Azure spells a region "East US" in the portal and Terraform, "eastus" in its APIs and price tables. */
export function azureRegionName(location: string): string {
  return location.toLowerCase().replace(/[\s_-]/g, '');
}

/**
 * An Azure resource's region: its `location`, also when copied from another resource of the
 * change (`location = azurerm_resource_group.main.location`); without one, its parent's (a node
 * pool's cluster, a rule's load balancer), else `cost.region`. The azurerm provider has no region.
 */
export function azureRegion(resource: Resource, context: PriceContext, parent?: Resource, depth = 0): string {
  const location = attributesOf(resource).location;
  if (location === undefined || location === null || location === '') {
    return parent && depth < 4 ? azureRegion(parent, context, undefined, depth + 1) : context.regionOf(resource);
  }
  if (isUnknown(location) && depth < 4) {
    const source = /^(.+)\.location$/.exec(location.__unknown)?.[1];
    const from = source === undefined ? undefined : context.siblings.find((sibling) => sibling.address === source);
    if (from) return azureRegion(from, context, undefined, depth + 1);
  }
  return azureRegionName(requiredText(location, 'location'));
}

/**
 * A resource without a `location` of its own (a DNS zone, an alert rule) is billed in its resource
 * group's: the group of the change whose `name` the zone's `resource_group_name` names.
 */
export function resourceGroupOf(resource: Resource, context: PriceContext): Resource | undefined {
  const value = attributesOf(resource).resource_group_name;
  const groups = context.siblings.filter((sibling) => sibling.type === 'azurerm_resource_group');
  const address = isUnknown(value) ? /^(.+)\.name$/.exec(value.__unknown)?.[1] : undefined;
  return groups.find((group) => group.address === address || (typeof value === 'string' && attributesOf(group).name === value));
}

/** One tier of a usage price: its data row and how many units it spans (the last tier spans the rest). */
export interface UsageTier {
  row: string;
  size: number;
}

/**
 * A usage quantity split over its price tiers, each tier its own usage component; without a
 * quantity, the first tier's unit price with none.
 */
export function tieredUsage(tiers: readonly UsageTier[], unit: string, quantity: number | undefined, price: (row: string) => number): CostComponent[] {
  const first = tiers[0];
  if (!first) return [];
  if (quantity === undefined || quantity <= 0) return [usageComponent(first.row, unit, price(first.row), quantity)];
  let remaining = quantity;
  return tiers.flatMap((tier, index) => {
    const inTier = index === tiers.length - 1 ? remaining : Math.min(remaining, tier.size);
    remaining -= inTier;
    return inTier > 0 ? [usageComponent(tier.row, unit, price(tier.row), inTier)] : [];
  });
}

function rejectSpot(priority: unknown): void {
  const value = text(priority, 'priority')?.toLowerCase();
  if (value === 'spot' || value === 'low') throw new Unpriced('Spot VMs have no price in the data (pay-as-you-go only)');
}

/** `license_type = "Windows_Server"` (or `Windows_Client`) is Azure Hybrid Benefit: the Windows licence is already owned. */
function hybridBenefit(licenseType: unknown): boolean {
  const value = text(licenseType, 'license_type')?.toLowerCase();
  return value === 'windows_server' || value === 'windows_client';
}

interface VmSpec {
  size: string;
  windows: boolean;
  hybridBenefit: boolean;
}

/**
 * Resource types whose data rows carry VM hours by size ("Instance usage (Linux, pay as you go,
 * Basic_A2)"): Windows prices (a few sizes, mostly eastus), and Linux sizes the VM table lacks
 * (Basic_A*, older GPU sizes, the newest series).
 */
const VM_PRICE_TYPES = [
  'azurerm_windows_virtual_machine',
  'azurerm_windows_virtual_machine_scale_set',
  'azurerm_linux_virtual_machine',
  'azurerm_linux_virtual_machine_scale_set',
  'azurerm_virtual_machine',
  'azurerm_virtual_machine_scale_set',
  'azurerm_kubernetes_cluster',
  'azurerm_kubernetes_cluster_node_pool',
];

/** A size's Linux hourly price: the 57-region VM table, else a component row of a VM-bearing type. */
function linuxHourly(size: string, where: string, context: PriceContext): number | undefined {
  const table = context.catalog.azureVmHourly(where, size);
  if (table !== undefined) return table;
  const name = `Instance usage (Linux, pay as you go, ${size})`;
  return VM_PRICE_TYPES.map((type) => context.catalog.component('azure', type, where, name)).find((row) => row !== undefined)?.usd;
}

/**
 * One VM's hours. Linux sizes come from the VM table (or the component rows for sizes it lacks).
 * A Windows VM under Azure Hybrid Benefit bills the Linux rate (the data's "hybrid benefit" rows
 * equal the Linux ones); a Windows VM with the licence included is priced only where the
 * component data has its size.
 */
function vmHours(spec: VmSpec, region: string, context: PriceContext): CostComponent {
  const priceKey = `azurerm_virtual_machine/${spec.size}`;
  if (!spec.windows || spec.hybridBenefit) {
    const hourly = context.regional(region, `Azure VM size ${spec.size}`, (where) => linuxHourly(spec.size, where, context));
    const name = spec.windows ? `Instance usage (Windows, hybrid benefit, ${spec.size})` : `Instance usage (Linux, pay as you go, ${spec.size})`;
    return { ...component(name, 'hours', HOURS_PER_MONTH, hourly), priceKey };
  }
  const name = `Instance usage (Windows, pay as you go, ${spec.size})`;
  return { ...component(name, 'hours', HOURS_PER_MONTH, unitPriceAmong(context, 'azure', VM_PRICE_TYPES, region, name, `Windows pay-as-you-go VM size ${spec.size}`)), priceKey };
}

/** Managed disk tiers as [tier number, largest size in GiB]: a disk bills as the smallest tier that holds it. */
const DISK_TIERS: readonly (readonly [number, number])[] = [
  [1, 4],
  [2, 8],
  [3, 16],
  [4, 32],
  [6, 64],
  [10, 128],
  [15, 256],
  [20, 512],
  [30, 1024],
  [40, 2048],
  [50, 4096],
  [60, 8192],
  [70, 16384],
  [80, 32767],
];

/** `storage_account_type` → tier letter (S: Standard HDD, E: Standard SSD, P: Premium SSD) and redundancy. */
const DISK_KINDS: ReadonlyMap<string, { letter: 'S' | 'E' | 'P'; redundancy: string }> = new Map([
  ['standard_lrs', { letter: 'S', redundancy: 'LRS' }],
  ['standardssd_lrs', { letter: 'E', redundancy: 'LRS' }],
  ['standardssd_zrs', { letter: 'E', redundancy: 'ZRS' }],
  ['premium_lrs', { letter: 'P', redundancy: 'LRS' }],
  ['premium_zrs', { letter: 'P', redundancy: 'ZRS' }],
]);

/** Resource types whose data rows carry managed disk tier prices ("Storage (P10, LRS)"). */
const DISK_PRICE_TYPES = [
  'azurerm_managed_disk',
  'azurerm_linux_virtual_machine',
  'azurerm_windows_virtual_machine',
  'azurerm_virtual_machine',
  'azurerm_kubernetes_cluster',
  'azurerm_kubernetes_cluster_node_pool',
  'azurerm_linux_virtual_machine_scale_set',
  'azurerm_windows_virtual_machine_scale_set',
  'azurerm_virtual_machine_scale_set',
];

/** A managed disk's monthly tier price by storage type and size. */
function diskComponent(storageType: string, sizeGb: number, region: string, context: PriceContext, label = ''): CostComponent {
  const kind = DISK_KINDS.get(storageType.toLowerCase());
  if (!kind) throw new Unpriced(`${storageType} disks have no price in the data (Standard_LRS, StandardSSD_LRS/ZRS and Premium_LRS/ZRS tiers only)`);
  // Standard HDD starts at S4: smaller disks bill as S4.
  const tier = DISK_TIERS.find(([number, size]) => sizeGb <= size && (kind.letter !== 'S' || number >= 4));
  if (!tier) throw new Unpriced(`a ${sizeGb} GiB disk is larger than the largest managed disk (32,767 GiB)`);
  const name = `Storage (${kind.letter}${tier[0]}, ${kind.redundancy})`;
  const monthly = unitPriceAmong(context, 'azure', DISK_PRICE_TYPES, region, name, `managed disk tier ${kind.letter}${tier[0]} ${kind.redundancy}`);
  return component(`${label}${name}`, 'months', 1, monthly);
}

/** A disk block of a VM or scale set (`os_disk`, `data_disk`, `storage_os_disk`, …); its size may come from the image. */
function attachedDisk(block: Record<string, unknown>, label: string, region: string, context: PriceContext): CostComponent[] {
  const storageType = text(block.storage_account_type ?? block.managed_disk_type, `${label} storage type`);
  if (storageType === undefined) {
    context.addNote(`${label} is not a managed disk and is not priced`);
    return [];
  }
  const sizeGb = amount(block.disk_size_gb, `${label} disk_size_gb`);
  if (sizeGb === undefined) {
    context.addNote(`${label} size comes from the image and is not priced`);
    return [];
  }
  return [diskComponent(storageType, sizeGb, region, context, `${label}: `)];
}

function attachedDisks(blocks: unknown, label: string, region: string, context: PriceContext): CostComponent[] {
  return records(blocks).flatMap((block) => attachedDisk(block, label, region, context));
}

/** `azurerm_linux_virtual_machine`, `azurerm_windows_virtual_machine`: VM hours plus the OS disk tier. */
export const azureVirtualMachinePricer: Pricer = {
  types: ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = azureRegion(resource, context);
    rejectSpot(attributes.priority);
    const spec = { size: requiredText(attributes.size, 'size'), windows: resource.type === 'azurerm_windows_virtual_machine', hybridBenefit: hybridBenefit(attributes.license_type) };
    return { components: [vmHours(spec, region, context), ...attachedDisks(attributes.os_disk, 'OS disk', region, context)] };
  },
};

/** `azurerm_virtual_machine` (the older resource): VM hours, managed OS and data disks; Windows when it has a Windows profile. */
export const azureLegacyVirtualMachinePricer: Pricer = {
  types: ['azurerm_virtual_machine'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = azureRegion(resource, context);
    const osDisk = records(attributes.storage_os_disk)[0];
    const windows = records(attributes.os_profile_windows_config).length > 0 || text(osDisk?.os_type, 'storage_os_disk os_type')?.toLowerCase() === 'windows';
    const spec = { size: requiredText(attributes.vm_size, 'vm_size'), windows, hybridBenefit: hybridBenefit(attributes.license_type) };
    return {
      components: [
        vmHours(spec, region, context),
        ...attachedDisks(attributes.storage_os_disk, 'OS disk', region, context),
        ...attachedDisks(attributes.storage_data_disk, 'Data disk', region, context),
      ],
    };
  },
};

/** Ultra disk sizes Azure offers, in GiB, below 1 TiB; from 1 TiB up they come in whole TiB. */
const ULTRA_SIZES_GIB = [4, 8, 16, 32, 64, 128, 256, 512];

/** The ultra disk size a provisioned size bills as: Azure rounds it up to the next size it offers. */
function ultraBilledGib(sizeGb: number): number {
  return ULTRA_SIZES_GIB.find((size) => sizeGb <= size) ?? Math.ceil(sizeGb / 1024) * 1024;
}

/**
 * An ultra disk bills its capacity, IOPS and throughput separately, each as provisioned. The data
 * names its one capacity rate per GiB with the size of its example ("Storage (ultra, 2048 GiB)"),
 * so the rate is read from that row whatever the size.
 */
function ultraDiskComponents(attributes: Record<string, unknown>, sizeGb: number, region: string, context: PriceContext): CostComponent[] {
  const iops = amount(attributes.disk_iops_read_write, 'disk_iops_read_write');
  const mbps = amount(attributes.disk_mbps_read_write, 'disk_mbps_read_write');
  if (iops === undefined || mbps === undefined) throw new Unpriced('an ultra disk without disk_iops_read_write and disk_mbps_read_write takes performance Azure sets by size, which is not priced');
  const billed = ultraBilledGib(sizeGb);
  const capacity = context.regional(region, 'ultra disk capacity', (where) => context.catalog.componentsIn('azure', 'azurerm_managed_disk', where).find((row) => row.name.startsWith('Storage (ultra, '))?.usd);
  const price = (name: string): number => context.unitPrice('azure', 'azurerm_managed_disk', region, name).usd;
  return [
    component(`Storage (ultra, ${billed} GiB)`, 'GiB', billed, capacity),
    component('Provisioned IOPS', 'IOPS', iops, price('Provisioned IOPS')),
    component('Throughput', 'MB/s', mbps, price('Throughput')),
  ];
}

/** `azurerm_managed_disk`: the tier price for its storage type and size; an ultra disk by capacity, IOPS and throughput. */
export const azureManagedDiskPricer: Pricer = {
  types: ['azurerm_managed_disk'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const storageType = requiredText(attributes.storage_account_type, 'storage_account_type');
    const sizeGb = amount(attributes.disk_size_gb, 'disk_size_gb');
    if (sizeGb === undefined && text(attributes.create_option, 'create_option')?.toLowerCase() === 'empty') {
      throw new Unpriced('an empty disk (create_option Empty) needs disk_size_gb, which Azure requires and the configuration does not set');
    }
    if (sizeGb === undefined) throw new Unpriced('disk_size_gb is not set (the size comes from the source disk or image)');
    const region = azureRegion(resource, context);
    if (storageType.toLowerCase() === 'ultrassd_lrs') return { components: ultraDiskComponents(attributes, sizeGb, region, context) };
    return { components: [diskComponent(storageType, sizeGb, region, context)] };
  },
};

/** Instance counts from an `azurerm_monitor_autoscale_setting` of the change that targets the scale set. */
function autoscaleBounds(resource: Resource, context: PriceContext): { min: number; max: number; default: number } | undefined {
  const setting = context.siblings.find(
    (sibling) =>
      sibling.type === 'azurerm_monitor_autoscale_setting' &&
      referenced(attributesOf(sibling).target_resource_id, sibling, context, [resource.type])?.address === resource.address,
  );
  const capacities = setting ? records(attributesOf(setting).profile).flatMap((profile) => records(profile.capacity)) : [];
  if (capacities.length === 0) return undefined;
  const bounds = capacities.map((capacity) => ({
    min: amount(capacity.minimum, 'autoscale minimum') ?? 0,
    max: amount(capacity.maximum, 'autoscale maximum') ?? 0,
    default: amount(capacity.default, 'autoscale default') ?? 0,
  }));
  return {
    min: Math.min(...bounds.map((bound) => bound.min)),
    max: Math.max(...bounds.map((bound) => bound.max)),
    default: bounds[0]?.default ?? 0,
  };
}

/** A scale set's instances: its own count, with an autoscale setting's minimum–maximum as the range. */
function scaleSetSize(perInstance: CostComponent[], instances: number | undefined, resource: Resource, context: PriceContext): PricedResource {
  const autoscale = autoscaleBounds(resource, context);
  if (!autoscale) {
    if (instances === undefined) throw new Unpriced('the instance count is not set and no autoscale setting in this change targets the scale set');
    return scaled(perInstance, instances, instances, instances);
  }
  if (autoscale.max < autoscale.min) throw new Unpriced(`autoscale maximum ${autoscale.max} is below its minimum ${autoscale.min}`);
  return scaled(perInstance, instances ?? autoscale.default, autoscale.min, autoscale.max);
}

/** `azurerm_linux_virtual_machine_scale_set`, `azurerm_windows_virtual_machine_scale_set`: instances × (VM hours + disks). */
export const azureScaleSetPricer: Pricer = {
  types: ['azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = azureRegion(resource, context);
    rejectSpot(attributes.priority);
    const spec = { size: requiredText(attributes.sku, 'sku'), windows: resource.type.includes('windows'), hybridBenefit: hybridBenefit(attributes.license_type) };
    const perInstance = [
      vmHours(spec, region, context),
      ...attachedDisks(attributes.os_disk, 'OS disk', region, context),
      ...attachedDisks(attributes.data_disk, 'Data disk', region, context),
    ];
    return scaleSetSize(perInstance, amount(attributes.instances, 'instances'), resource, context);
  },
};

/** `azurerm_virtual_machine_scale_set` (the older resource): `sku { name, capacity }` × (VM hours + managed disks). */
export const azureLegacyScaleSetPricer: Pricer = {
  types: ['azurerm_virtual_machine_scale_set'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = azureRegion(resource, context);
    rejectSpot(attributes.priority);
    const sku = records(attributes.sku)[0] ?? {};
    const spec = {
      size: requiredText(sku.name, 'sku name'),
      windows: records(attributes.os_profile_windows_config).length > 0,
      hybridBenefit: hybridBenefit(attributes.license_type),
    };
    const perInstance = [
      vmHours(spec, region, context),
      ...attachedDisks(attributes.storage_profile_os_disk, 'OS disk', region, context),
      ...attachedDisks(attributes.storage_profile_data_disk, 'Data disk', region, context),
    ];
    return scaleSetSize(perInstance, amount(sku.capacity, 'sku capacity'), resource, context);
  },
};

/** AKS gives each node a 128 GiB managed OS disk unless the pool says otherwise. */
const AKS_DEFAULT_OS_DISK_GB = 128;

/** Sizes with "s" in their series (DS2_v2) or feature letters (D2s_v3, B2ms, E4ads_v5) take Premium SSD disks. */
function supportsPremiumStorage(size: string): boolean {
  const match = /^(?:standard_|basic_)?([a-z]+)\d+(?:-\d+)?([a-z]*)/i.exec(size);
  return match !== null && (/s$/i.test(match[1] ?? '') || /s/i.test(match[2] ?? ''));
}

/** A node's OS disk: ephemeral disks live on the VM's own storage (in its price); managed ones are a Premium SSD where the size allows, else Standard HDD. */
function nodeOsDisk(pool: Record<string, unknown>, size: string, region: string, context: PriceContext): CostComponent[] {
  const type = text(pool.os_disk_type, 'os_disk_type') ?? 'Managed';
  if (type.toLowerCase() === 'ephemeral') return [];
  const sizeGb = amount(pool.os_disk_size_gb, 'os_disk_size_gb') ?? AKS_DEFAULT_OS_DISK_GB;
  return [diskComponent(supportsPremiumStorage(size) ? 'Premium_LRS' : 'Standard_LRS', sizeGb, region, context, 'OS disk: ')];
}

/** An AKS node pool (`default_node_pool` block or `azurerm_kubernetes_cluster_node_pool`): nodes × (VM hours + OS disk), min–max as the range when it autoscales. */
function aksNodePool(pool: Record<string, unknown>, region: string, context: PriceContext): PricedResource {
  rejectSpot(pool.priority);
  const size = requiredText(pool.vm_size, 'vm_size');
  const osType = text(pool.os_type, 'os_type')?.toLowerCase();
  const windows = osType === 'windows' || text(pool.os_sku, 'os_sku')?.toLowerCase().startsWith('windows') === true;
  const perNode = [vmHours({ size, windows, hybridBenefit: false }, region, context), ...nodeOsDisk(pool, size, region, context)];
  const count = amount(pool.node_count, 'node_count');
  // azurerm 4.x renamed `enable_auto_scaling` to `auto_scaling_enabled`.
  if (flag(pool.auto_scaling_enabled ?? pool.enable_auto_scaling, 'auto scaling') === true) {
    const min = amount(pool.min_count, 'min_count');
    const max = amount(pool.max_count, 'max_count');
    if (min === undefined || max === undefined) throw new Unpriced('auto scaling is on but min_count or max_count is not set');
    if (max < min) throw new Unpriced(`max_count ${max} is below min_count ${min}`);
    return scaled(perNode, count ?? min, min, max);
  }
  if (count === undefined) {
    // Without a count the pool holds at least its min_count, when one is set.
    const min = amount(pool.min_count, 'min_count');
    context.addNote(min === undefined ? 'node_count is not set: priced as 1 node' : 'node_count is not set: priced at min_count');
    return scaled(perNode, min ?? 1, min ?? 1, min ?? 1);
  }
  return scaled(perNode, count, count, count);
}


/** `azurerm_kubernetes_cluster`: the Standard tier's uptime SLA (the Free tier's control plane costs nothing) plus the default node pool. */
export const aksClusterPricer: Pricer = {
  types: ['azurerm_kubernetes_cluster'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = azureRegion(resource, context);
    const tier = (text(attributes.sku_tier, 'sku_tier') ?? 'Free').toLowerCase();
    if (tier === 'premium') throw new Unpriced('the Premium tier (long-term support) has no price in the data');
    // "Paid" is the tier's name before azurerm 3.51.
    const fixed = tier === 'standard' || tier === 'paid' ? [component('Uptime SLA (Standard tier)', 'hours', HOURS_PER_MONTH, context.unitPrice('azure', 'azurerm_kubernetes_cluster', region, 'Uptime SLA').usd)] : [];
    const pool = records(attributes.default_node_pool)[0];
    if (!pool) throw new Unpriced('default_node_pool is not set');
    const nodes = aksNodePool(pool, region, context);
    const base = monthlyOf(fixed);
    return {
      components: [...fixed, ...nodes.components.map((item) => ({ ...item, name: `Default node pool: ${item.name}` }))],
      ...(nodes.range ? { range: { low: base + nodes.range.low, high: base + nodes.range.high } } : {}),
    };
  },
};

/** `azurerm_kubernetes_cluster_node_pool`: priced like the default pool, in its cluster's location. */
export const aksNodePoolPricer: Pricer = {
  types: ['azurerm_kubernetes_cluster_node_pool'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const cluster = referenced(attributes.kubernetes_cluster_id, resource, context, ['azurerm_kubernetes_cluster']);
    return aksNodePool(attributes, azureRegion(resource, context, cluster), context);
  },
};

function loadBalancerSku(resource: Resource): string {
  // azurerm 4.x defaults to Standard; Basic load balancers were retired in September 2025.
  return (text(attributesOf(resource).sku, 'sku') ?? 'Standard').toLowerCase();
}

/** `azurerm_lb`: Basic is free; Standard bills its rules (`azurerm_lb_rule`) and the data it processes (usage). */
export const azureLoadBalancerPricer: Pricer = {
  types: ['azurerm_lb'],
  price(resource, context) {
    const sku = loadBalancerSku(resource);
    if (sku === 'basic') return 'free';
    if (sku !== 'standard') throw new Unpriced(`${sku} load balancers have no price in the data`);
    const data = context.unitPrice('azure', 'azurerm_lb', azureRegion(resource, context), 'Data processed');
    return { components: [dataProcessedComponent('Data processed', data.usd, resource, context.usage)] };
  },
};

/** `azurerm_lb_rule`, `azurerm_lb_outbound_rule`: rule hours on a Standard load balancer, in its location. */
export const azureLoadBalancerRulePricer: Pricer = {
  types: ['azurerm_lb_rule', 'azurerm_lb_outbound_rule'],
  price(resource, context) {
    const balancer = referenced(attributesOf(resource).loadbalancer_id, resource, context, ['azurerm_lb']);
    if (balancer && loadBalancerSku(balancer) === 'basic') return 'free';
    const region = azureRegion(resource, context, balancer);
    const hourly = unitPriceAmong(context, 'azure', ['azurerm_lb_rule', 'azurerm_lb_outbound_rule'], region, 'Rule usage', 'load balancer rules');
    return { components: [component('Rule usage', 'hours', HOURS_PER_MONTH, hourly)] };
  },
};

/** `azurerm_nat_gateway`: hours plus data processed (usage). */
export const azureNatGatewayPricer: Pricer = {
  types: ['azurerm_nat_gateway'],
  price(resource, context) {
    return hoursPlusDataProcessed(resource, context, { provider: 'azure', resourceType: 'azurerm_nat_gateway', region: azureRegion(resource, context), hours: 'NAT gateway', data: 'Data processed' });
  },
};

/** `azurerm_public_ip`: hours by allocation (static, dynamic) and tier (regional, global). */
export const azurePublicIpPricer: Pricer = {
  types: ['azurerm_public_ip'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const allocation = requiredText(attributes.allocation_method, 'allocation_method').toLowerCase();
    const tier = (text(attributes.sku_tier, 'sku_tier') ?? 'Regional').toLowerCase();
    const name = `IP address (${allocation}, ${tier})`;
    const hourly = context.unitPrice('azure', 'azurerm_public_ip', azureRegion(resource, context), name);
    return { components: [component(name, 'hours', HOURS_PER_MONTH, hourly.usd)] };
  },
};

/** `azurerm_application_gateway`: the v2 tiers' fixed hours; capacity units depend on traffic and show their unit price. */
export const azureApplicationGatewayPricer: Pricer = {
  types: ['azurerm_application_gateway'],
  price(resource, context) {
    const sku = records(attributesOf(resource).sku)[0] ?? {};
    const tier = requiredText(sku.tier ?? sku.name, 'sku tier').toLowerCase();
    // The data names the Standard_v2 tier "basic v2", after the price sheet's product name.
    const names = tier === 'standard_v2' ? { gateway: 'basic v2', units: 'basic' } : tier === 'waf_v2' ? { gateway: 'WAF v2', units: 'WAF' } : undefined;
    if (!names) throw new Unpriced(`the ${tier} tier has no price in the data (Standard_v2 and WAF_v2 only)`);
    const region = azureRegion(resource, context);
    const hourly = context.unitPrice('azure', 'azurerm_application_gateway', region, `Gateway usage (${names.gateway})`);
    const units = context.unitPrice('azure', 'azurerm_application_gateway', region, `V2 capacity units (${names.units})`);
    return {
      components: [
        component(`Gateway usage (${names.gateway})`, 'hours', HOURS_PER_MONTH, hourly.usd),
        usageComponent(`V2 capacity units (${names.units})`, 'CU-hours', units.usd, undefined),
      ],
    };
  },
};
