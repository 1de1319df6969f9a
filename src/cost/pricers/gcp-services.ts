import type { Resource } from '../../iac/model.js';
import { referencesTo } from '../../iac/references.js';
import type { CostComponent } from '../model.js';
import { usageOf, type UsageKey } from '../usage.js';
import { amount, attributesOf, component, dataProcessedComponent, flag, HOURS_PER_MONTH, hoursPlusDataProcessed, records, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
import { gcpRegion } from './gcp.js';

/**
 * Global resources (global addresses and forwarding rules) have one price everywhere; the data
 * records it under the region of its source example.
 */
const GLOBAL_PRICES_REGION = 'us-central1';

const SQL = 'google_sql_database_instance';

/** A per-unit rate from rows named by size ("vCPUs (16, zonal)" per vCPU-hour): the largest size's row, the most precise one. */
function sqlRate(rows: readonly { name: string; usd: number }[], pattern: RegExp): number | undefined {
  let best: { size: number; usd: number } | undefined;
  for (const row of rows) {
    const size = Number(pattern.exec(row.name)?.[1]);
    if (Number.isFinite(size) && (!best || size > best.size)) best = { size, usd: row.usd };
  }
  return best?.usd;
}

/**
 * The GCE shape a predefined Cloud SQL tier mirrors: the legacy `db-n1-highmem-4`, and the current
 * `db-standard-4` and `db-highmem-4`, whose 3.75 and 6.5 GB per vCPU are N1's standard and
 * high-memory shapes.
 */
function mirroredShape(tier: string): string | undefined {
  const legacy = /^db-(n1-(?:standard|highmem|highcpu)-\d+)$/.exec(tier)?.[1];
  if (legacy !== undefined) return legacy;
  const current = /^db-(standard|highmem)-(\d+)$/.exec(tier);
  return current ? `n1-${current[1] ?? ''}-${current[2] ?? ''}` : undefined;
}

/**
 * Memory of every Lightweight tier: `db-lightweight-1`, `-2` and `-4` have 1, 2 and 4 vCPUs and
 * 3.75 GB, the low-memory shapes Google's pricing calculator lists for them.
 */
const SQL_LIGHTWEIGHT_MEMORY_GB = 3.75;

/** vCPUs and memory of a tier the data has no row for: `db-custom-4-15360`, a Lightweight tier, or a predefined tier from the GCE shape it mirrors. */
function tierShape(tier: string, context: PriceContext): { vcpus: number; memoryGb: number } | undefined {
  const custom = /^db-custom-(\d+)-(\d+)$/.exec(tier);
  if (custom) return { vcpus: Number(custom[1]), memoryGb: Number(custom[2]) / 1024 };
  const lightweight = /^db-lightweight-(\d+)$/.exec(tier);
  if (lightweight) return { vcpus: Number(lightweight[1]), memoryGb: SQL_LIGHTWEIGHT_MEMORY_GB };
  const shape = mirroredShape(tier);
  const gce = shape === undefined ? undefined : context.catalog.gcpShape(shape);
  return gce ? { vcpus: gce.vcpus, memoryGb: gce.memoryGib } : undefined;
}

/** A tier's row ("SQL instance (db-n1-standard-4, zonal)"), else its vCPUs and memory at the data's per-unit rates. */
function tierComponents(tier: string, availability: string, region: string, context: PriceContext): CostComponent[] | undefined {
  const name = `SQL instance (${tier}, ${availability})`;
  const exact = context.catalog.component('google', SQL, region, name);
  if (exact) return [component(name, 'hours', HOURS_PER_MONTH, exact.usd)];
  const shape = tierShape(tier, context);
  if (!shape) return undefined;
  const rows = context.catalog.componentsIn('google', SQL, region);
  const cpu = sqlRate(rows, new RegExp(`^vCPUs \\((\\d+), ${availability}\\)$`));
  const memory = sqlRate(rows, new RegExp(`^Memory \\(([\\d.]+) GB, ${availability}\\)$`));
  if (cpu === undefined || memory === undefined) return undefined;
  return [
    component(`vCPUs (${shape.vcpus}, ${availability})`, 'vCPU-hours', HOURS_PER_MONTH * shape.vcpus, cpu),
    component(`Memory (${shape.memoryGb} GB, ${availability})`, 'GB', shape.memoryGb, memory),
  ];
}

/** Cloud SQL storage defaults: 10 GB of SSD. */
const SQL_DEFAULT_DISK_GB = 10;

/** SQL Server Express carries no licence fee; the other editions bill one per vCPU-hour, which the data does not have. */
function checkSqlServerLicence(databaseVersion: string): void {
  if (!databaseVersion.startsWith('SQLSERVER') || /^SQLSERVER_\d+_EXPRESS$/.test(databaseVersion)) return;
  throw new Unpriced(`${databaseVersion} also bills a SQL Server licence per vCPU-hour, which the data does not have`);
}

/**
 * A public IPv4 address (on unless `ipv4_enabled = false`) bills only while the instance is
 * stopped, so it shows its hourly price without adding to a running instance's month.
 */
function publicIp(settings: Record<string, unknown>, region: string, context: PriceContext): CostComponent[] {
  const ipConfiguration = records(settings.ip_configuration)[0] ?? {};
  if (flag(ipConfiguration.ipv4_enabled, 'ipv4_enabled') === false) return [];
  const hourly = context.unitPrice('google', SQL, region, 'IP address (if unused)').usd;
  return [usageComponent('Public IP address (while the instance is stopped)', 'hours', hourly, undefined)];
}

/**
 * `google_sql_database_instance` (MySQL, PostgreSQL; Enterprise edition): the tier's hours, or its
 * vCPUs and memory; SSD storage; backups (usage); the public IP's stopped-instance rate.
 * Regional (high-availability) instances bill their own rates. SQL Server Express is priced; the
 * other SQL Server editions add a licence the data does not have.
 */
export const cloudSqlPricer: Pricer = {
  types: [SQL],
  price(resource, context) {
    const attributes = attributesOf(resource);
    checkSqlServerLicence(text(attributes.database_version, 'database_version') ?? '');
    const settings = records(attributes.settings)[0];
    if (!settings) throw new Unpriced('settings is not set');
    const edition = text(settings.edition, 'edition') ?? 'ENTERPRISE';
    if (edition !== 'ENTERPRISE') throw new Unpriced(`the ${edition} edition has no price in the data (ENTERPRISE only)`);
    const tier = requiredText(settings.tier, 'settings tier');
    const availability = (text(settings.availability_type, 'availability_type') ?? 'ZONAL').toLowerCase();
    if (availability !== 'zonal' && availability !== 'regional') throw new Unpriced(`availability_type "${availability}" is not ZONAL or REGIONAL`);
    const diskType = text(settings.disk_type, 'disk_type') ?? 'PD_SSD';
    if (diskType !== 'PD_SSD') throw new Unpriced(`${diskType} storage has no price in the data (PD_SSD only)`);
    const region = gcpRegion(resource, context);
    const instance = context.regional(region, `Cloud SQL tier ${tier} (${availability})`, (where) => tierComponents(tier, availability, where, context));
    const storageName = `Storage (SSD, ${availability})`;
    const diskGb = amount(settings.disk_size, 'disk_size') ?? SQL_DEFAULT_DISK_GB;
    const backups = context.unitPrice('google', SQL, region, 'Backups');
    return {
      components: [
        ...instance,
        component(storageName, 'GB', diskGb, context.unitPrice('google', SQL, region, storageName).usd),
        usageComponent('Backups', 'GB', backups.usd, usageOf(context.usage, resource.address, 'backup_storage_gb')),
        ...publicIp(settings, region, context),
      ],
    };
  },
};

/** True when `value` (or an item of it) of `holder` reads an attribute of `target` (`google_compute_address.web.address`). */
function refersTo(value: unknown, holder: Resource, target: Resource): boolean {
  if (Array.isArray(value)) return value.some((item) => refersTo(item, holder, target));
  return referencesTo(value, holder, target).length > 0;
}

type AddressUse = 'standard VM' | 'preemptible VM' | 'Cloud NAT' | 'forwarding rule' | undefined;

/** What in the change uses a static address: it bills the in-use rate on a VM or NAT gateway, nothing on a forwarding rule, the unused rate otherwise. */
function addressUse(resource: Resource, context: PriceContext): AddressUse {
  for (const sibling of context.siblings) {
    const attributes = attributesOf(sibling);
    if (sibling.type === 'google_compute_forwarding_rule' || sibling.type === 'google_compute_global_forwarding_rule') {
      if (refersTo(attributes.ip_address, sibling, resource)) return 'forwarding rule';
    } else if (sibling.type === 'google_compute_router_nat') {
      if (refersTo(attributes.nat_ips, sibling, resource)) return 'Cloud NAT';
    } else if (sibling.type === 'google_compute_instance') {
      const configs = records(attributes.network_interface).flatMap((nic) => records(nic.access_config));
      if (configs.some((config) => refersTo(config.nat_ip, sibling, resource))) {
        return flag(records(attributes.scheduling)[0]?.preemptible, 'preemptible') === true ? 'preemptible VM' : 'standard VM';
      }
    }
  }
  return undefined;
}

function isInternal(attributes: Record<string, unknown>): boolean {
  return (text(attributes.address_type, 'address_type') ?? 'EXTERNAL') === 'INTERNAL';
}

/** `google_compute_address`: external addresses by what uses them; internal ones are free. */
export const gcpAddressPricer: Pricer = {
  types: ['google_compute_address'],
  price(resource, context) {
    if (isInternal(attributesOf(resource))) return 'free';
    const use = addressUse(resource, context);
    if (use === 'forwarding rule') return 'free';
    const region = gcpRegion(resource, context);
    // The data's one unused-address row for google_compute_address is labelled us-central1 but was
    // derived from its source example's europe-central2 address, so it prices no region.
    if (use === undefined) throw new Unpriced(`no instance or NAT gateway in this change uses it, and the data has no price for an unused regional address in ${region}`);
    const rateName = use === 'preemptible VM' ? 'IP address (preemptible VM)' : 'IP address (standard VM)';
    const hourly = context.unitPrice('google', 'google_compute_address', region, rateName).usd;
    return { components: [component(`IP address (in use, ${use})`, 'hours', HOURS_PER_MONTH, hourly)] };
  },
};

/** `google_compute_global_address`: free on a global forwarding rule or as a private range; unused rate otherwise. */
export const gcpGlobalAddressPricer: Pricer = {
  types: ['google_compute_global_address'],
  price(resource, context) {
    if (isInternal(attributesOf(resource)) || addressUse(resource, context) === 'forwarding rule') return 'free';
    context.addNote('no forwarding rule in this change uses it: priced as reserved but unused');
    const hourly = context.unitPrice('google', 'google_compute_global_address', GLOBAL_PRICES_REGION, 'IP address (unused)').usd;
    return { components: [component('IP address (unused)', 'hours', HOURS_PER_MONTH, hourly)] };
  },
};

/** `google_compute_forwarding_rule`, `google_compute_global_forwarding_rule`: rule hours plus ingress data processed (usage). */
export const gcpForwardingRulePricer: Pricer = {
  types: ['google_compute_forwarding_rule', 'google_compute_global_forwarding_rule'],
  price(resource, context) {
    const region = resource.type === 'google_compute_global_forwarding_rule' ? GLOBAL_PRICES_REGION : gcpRegion(resource, context);
    const rows = { provider: 'google', resourceType: resource.type, region, hours: 'Forwarding rules', data: 'Ingress data' };
    return hoursPlusDataProcessed(resource, context, rows, { hours: 'Forwarding rule', data: 'Ingress data processed' });
  },
};

/** Google bills a NAT gateway per assigned VM up to 32 VMs; beyond that it bills a flat hourly rate the data does not have. */
const NAT_PER_VM_LIMIT = 32;

/** `google_compute_router_nat`: VM-hours of its assigned VMs (`assigned_vms`) and GB processed (`monthly_data_processed_gb`), both usage-based. */
export const gcpRouterNatPricer: Pricer = {
  types: ['google_compute_router_nat'],
  price(resource, context) {
    const region = gcpRegion(resource, context);
    const vms = context.unitPrice('google', 'google_compute_router_nat', region, 'Assigned VMs (first 32)');
    const data = context.unitPrice('google', 'google_compute_router_nat', region, 'Data processed');
    const assigned = usageOf(context.usage, resource.address, 'assigned_vms');
    if (assigned !== undefined && assigned > NAT_PER_VM_LIMIT) throw new Unpriced(`assigned_vms ${assigned} is over ${NAT_PER_VM_LIMIT}: Google bills such a gateway a flat hourly rate, which the data does not have`);
    return {
      components: [
        usageComponent('Assigned VMs (first 32)', 'VM-hours', vms.usd, assigned === undefined ? undefined : assigned * HOURS_PER_MONTH),
        dataProcessedComponent('Data processed', data.usd, resource, context.usage),
      ],
    };
  },
};

/** `google_compute_vpn_tunnel`: tunnel hours. */
export const gcpVpnTunnelPricer: Pricer = {
  types: ['google_compute_vpn_tunnel'],
  price(resource, context) {
    const hourly = context.unitPrice('google', 'google_compute_vpn_tunnel', gcpRegion(resource, context), 'VPN Tunnel').usd;
    return { components: [component('VPN tunnel', 'hours', HOURS_PER_MONTH, hourly)] };
  },
};

/** `google_dns_managed_zone`: the monthly zone fee (the data's rate, that of the first 25 zones); queries are not in the data. */
export const gcpDnsManagedZonePricer: Pricer = {
  types: ['google_dns_managed_zone'],
  price(_resource, context) {
    const monthly = context.unitPrice('google', 'google_dns_managed_zone', GLOBAL_PRICES_REGION, 'Managed zone').usd;
    return { components: [component('Managed zone', 'months', 1, monthly)] };
  },
};

const SECRET_VERSION = 'google_secret_manager_secret_version';
/** Secret Manager bills access operations per 10,000. */
const SECRET_ACCESSES_PER_UNIT = 10_000;

/** Where a secret keeps its versions: each user-managed replica is a location; automatic replication bills as one. */
function secretLocations(secret: Resource | undefined): number {
  const replication = records(secret ? attributesOf(secret).replication : undefined)[0] ?? {};
  const replicas = records(records(replication.user_managed)[0]?.replicas).length;
  return Math.max(replicas, 1);
}

/**
 * `google_secret_manager_secret_version`: an active version per location of its secret (a secret
 * outside the change counts as one location, noted); access operations by `monthly_requests` (usage).
 */
export const gcpSecretVersionPricer: Pricer = {
  types: [SECRET_VERSION],
  price(resource, context) {
    const secretRef = attributesOf(resource).secret;
    const secret = context.siblings.find((sibling) => sibling.type === 'google_secret_manager_secret' && refersTo(secretRef, resource, sibling));
    if (!secret) context.addNote('its secret is not in this change: priced as stored in one location');
    const region = GLOBAL_PRICES_REGION;
    const versions = context.unitPrice('google', SECRET_VERSION, region, 'Active secret versions').usd;
    const accesses = context.unitPrice('google', SECRET_VERSION, region, 'Access operations').usd;
    const requests = usageOf(context.usage, resource.address, 'monthly_requests');
    return {
      components: [
        component('Active secret versions', 'versions', secretLocations(secret), versions),
        usageComponent('Access operations', '10K requests', accesses, requests === undefined ? undefined : requests / SECRET_ACCESSES_PER_UNIT),
      ],
    };
  },
};

const SECRET = 'google_secret_manager_secret';

/**
 * `google_secret_manager_secret`: rotation notifications (`monthly_rotation_notifications`) and
 * access operations (`monthly_requests`, per 10,000), usage-based. Versions the change creates bill
 * on their own resources; without any, versions created elsewhere bill here from
 * `active_secret_versions`, once per location of the secret.
 */
export const gcpSecretPricer: Pricer = {
  types: [SECRET],
  price(resource, context) {
    const rate = (name: string): number => context.unitPrice('google', SECRET, GLOBAL_PRICES_REGION, name).usd;
    const usage = (key: UsageKey): number | undefined => usageOf(context.usage, resource.address, key);
    const ownVersions = context.siblings.some((sibling) => sibling.type === SECRET_VERSION && refersTo(attributesOf(sibling).secret, sibling, resource));
    const activeVersions = usage('active_secret_versions');
    if (ownVersions && activeVersions !== undefined) context.addNote('active_secret_versions is not read: the versions in this change bill on their own resources');
    const requests = usage('monthly_requests');
    return {
      components: [
        ...(ownVersions ? [] : [usageComponent('Active secret versions', 'versions', rate('Active secret versions'), activeVersions === undefined ? undefined : activeVersions * secretLocations(resource))]),
        usageComponent('Access operations', '10K requests', rate('Access operations'), requests === undefined ? undefined : requests / SECRET_ACCESSES_PER_UNIT),
        usageComponent('Rotation notifications', 'rotations', rate('Rotation notifications'), usage('monthly_rotation_notifications')),
      ],
    };
  },
};

/** The egress destinations the data prices for a private services connection, in the order Google lists them. */
const SERVICE_NETWORKING_EGRESS = [
  'Traffic within the same region',
  'Traffic within the US or Canada',
  'Traffic within Europe',
  'Traffic within Asia',
  'Traffic within South America',
  'Traffic to/from Indonesia and Oceania',
  'Traffic between continents (excludes Oceania)',
];

/**
 * `google_service_networking_connection`: the peering itself is free; data leaving through it
 * bills per GB by destination, each shown as a unit price (no usage key splits egress by destination).
 */
export const gcpServiceNetworkingPricer: Pricer = {
  types: ['google_service_networking_connection'],
  price(resource, context) {
    const region = gcpRegion(resource, context);
    return {
      components: SERVICE_NETWORKING_EGRESS.map((name) => usageComponent(`Network egress: ${name}`, 'GB', context.unitPrice('google', 'google_service_networking_connection', region, name).usd, undefined)),
    };
  },
};
