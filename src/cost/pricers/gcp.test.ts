import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CostSettings } from '../../config/model.js';
import type { ResourceChange } from '../../diff/model.js';
import { runGate } from '../../gate.js';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';

/** Google resources get their provider's region; the tests' provider says us-central1. */
function resource(type: string, attributes: Record<string, unknown>, extra: Partial<Resource> = {}): Resource {
  return { kind: 'terraform', type, address: `${type}.this`, attributes, file: 'main.tf', line: 3, endLine: 9, meta: {}, region: 'us-central1', ...extra };
}

function added(after: Resource, siblings: Resource[] = []): ResourceChange[] {
  return [after, ...siblings].map((item) => ({ address: item.address, kind: item.kind, type: item.type, change: 'added', after: item }));
}

const SETTINGS: CostSettings = { region: 'us-east-1', kubernetesRates: {} };

const zonal = resource('google_container_cluster', { location: 'us-central1-a', node_locations: ['us-central1-b'], remove_default_node_pool: true }, { address: 'google_container_cluster.main' });

/**
 * Monthly figures hand-computed from the google rows of component-unit-prices.csv (us-central1,
 * 730 hours a month; the data's GCE prices include the full-month sustained-use discount) and the
 * shapes of gcp-machine-types.csv.
 */
describe('Google pricers, against hand-computed figures', () => {
  it.each<[string, Resource, Resource[], number]>([
    // "Instance usage (Linux/UNIX, on-demand, e2-medium)" 0.0335068 × 730 = 24.459964
    ['machine type with a row', resource('google_compute_instance', { machine_type: 'e2-medium', zone: 'us-central1-a' }), [], 24.459964],
    // written as a URL, the last segment names the type
    ['machine type as a URL', resource('google_compute_instance', { machine_type: 'zones/us-central1-a/machineTypes/e2-medium', zone: 'us-central1-a' }), [], 24.459964],
    // preemptible n1-standard-16 0.232041 × 730 = 169.38993
    ['preemptible VM', resource('google_compute_instance', { machine_type: 'n1-standard-16', scheduling: [{ preemptible: true }] }), [], 169.38993],
    // Spot shares the preemptible price: the same 169.38993
    ['Spot VM', resource('google_compute_instance', { machine_type: 'n1-standard-16', scheduling: [{ provisioning_model: 'SPOT' }] }), [], 169.38993],
    // N1 custom: "Custom instance CPU (…, N1 6 vCPUs)" 0.139411 + "Custom Instance RAM (…, N1 20 GB)" 0.0622466 = 0.2016576 × 730 = 147.210048
    ['N1 custom machine', resource('google_compute_instance', { machine_type: 'custom-6-20480', zone: 'us-central1-f' }), [], 147.210048],
    // N2 custom: 0.159315 + 0.0711781 = 0.2304931 × 730 = 168.259963
    ['N2 custom machine', resource('google_compute_instance', { machine_type: 'n2-custom-6-20480' }), [], 168.259963],
    // N1 extended memory, 2 vCPUs and 15 GB: 13 GB (6.5 per vCPU) at 0.0622466/20, 2 GB at 0.0133699/2, 2 vCPUs at 0.139411/6
    // = (0.0464703 + 0.0404603 + 0.0133699) × 730 = 73.219382
    ['N1 custom machine with extended memory', resource('google_compute_instance', { machine_type: 'custom-2-15360-ext' }), [], 73.219382],
    // n1-standard-16 0.532 × 730 = 388.36 + 2 × NVIDIA Tesla K80 0.315 × 730 = 459.90 → 848.26
    ['VM with GPUs', resource('google_compute_instance', { machine_type: 'n1-standard-16', guest_accelerator: [{ type: 'nvidia-tesla-k80', count: 2 }] }), [], 848.26],
    // e2-medium 24.459964 + boot disk 50 GB pd-ssd × 0.17 = 8.50 + one scratch disk 375 GB × 0.08 = 30.00 + ephemeral IP 0.005 × 730 = 3.65 → 66.609964
    [
      'VM with boot disk, local SSD and an ephemeral external IP',
      resource('google_compute_instance', {
        machine_type: 'e2-medium',
        boot_disk: [{ initialize_params: [{ size: 50, type: 'pd-ssd' }] }],
        scratch_disk: [{ interface: 'NVME' }],
        network_interface: [{ network: 'default', access_config: [{}] }],
      }),
      [],
      66.609964,
    ],
    // pd-balanced 200 GB × 0.10 = 20.00; pd-standard (the default) 500 GB × 0.04 = 20.00
    ['balanced disk', resource('google_compute_disk', { type: 'pd-balanced', size: 200, zone: 'us-central1-a' }), [], 20],
    ['standard disk', resource('google_compute_disk', { size: 500 }), [], 20],
    // zonal cluster: fee 0.1 × 730 = 73.00 + 3 default nodes × (e2-medium 24.459964 + 100 GB pd-balanced 10.00) = 103.379892 → 176.379892
    ['zonal GKE cluster with its default pool', resource('google_container_cluster', { location: 'us-central1-c', initial_node_count: 3 }), [], 176.379892],
    // no node count: GKE's default of 3 nodes in the one zone, the same 176.379892
    ['zonal GKE cluster without a node count', resource('google_container_cluster', { location: 'us-central1-a' }), [], 176.379892],
    // regional cluster without a node count: 3 per zone × 3 zones = 9 × 34.459964 = 310.139676 + fee 73.00 → 383.139676
    ['regional GKE cluster without a node count', resource('google_container_cluster', { location: 'us-central1' }), [], 383.139676],
    // a Spot node pool of n1-custom-6-20480 at the preemptible N1 custom rows, 1 node in each of the cluster's 2 zones:
    // ("Custom instance CPU (…, preemptible, N1 6 vCPUs)" 0.0608356 + "Custom Instance RAM (…, preemptible, N1 20 GB)" 0.0271781) × 730
    // = 64.250001 + 100 GB pd-balanced 10.00 = 74.250001 per node → 148.500002
    [
      'Spot node pool',
      resource('google_container_node_pool', { cluster: unknownValue('google_container_cluster.main.id'), node_count: 1, node_config: [{ machine_type: 'n1-custom-6-20480', spot: true }] }),
      [zonal],
      148.500002,
    ],
    // regional cluster: 1 node per zone × 3 zones, the same 176.379892
    ['regional GKE cluster', resource('google_container_cluster', { location: 'us-central1', initial_node_count: 1 }), [], 176.379892],
    // Autopilot: the fee 0.1 × 730 = 73.00; pods bill vCPU, memory and storage, shown as unit prices
    ['Autopilot cluster', resource('google_container_cluster', { location: 'us-central1', enable_autopilot: true }), [], 73],
    // node pool of a zonal cluster spanning 2 zones, 2 per zone: 4 × 34.459964 = 137.839856
    ['node pool', resource('google_container_node_pool', { cluster: unknownValue('google_container_cluster.main.id'), node_count: 2 }), [zonal], 137.839856],
    // "SQL instance (db-f1-micro, zonal)" 0.0105068 × 730 = 7.669964 + 10 GB SSD × 0.17 = 1.70 → 9.369964
    ['Cloud SQL shared-core tier', resource('google_sql_database_instance', { database_version: 'MYSQL_8_0', settings: [{ tier: 'db-f1-micro' }] }), [], 9.369964],
    // "SQL instance (db-n1-standard-2, regional)" 0.270205 × 730 = 197.24965 + 10 GB × 0.34 = 3.40 → 200.64965
    ['Cloud SQL regional tier', resource('google_sql_database_instance', { database_version: 'POSTGRES_15', settings: [{ tier: 'db-n1-standard-2', availability_type: 'REGIONAL' }] }), [], 200.64965],
    // db-custom-2-7680: 2 vCPUs × 730 × "vCPUs (96, zonal)" 0.0412999 = 60.297854 + 7.5 GB × 5.11 = 38.325 + 20 GB × 0.17 = 3.40 → 102.022854
    ['Cloud SQL custom tier', resource('google_sql_database_instance', { database_version: 'POSTGRES_15', settings: [{ tier: 'db-custom-2-7680', disk_size: 20 }] }), [], 102.022854],
    // db-n1-highmem-4 mirrors n1-highmem-4 (4 vCPUs, 26 GB): 4 × 730 × 0.0412999 = 120.595708 + 26 × 5.11 = 132.86 + 1.70 → 255.155708
    ['Cloud SQL high-memory tier', resource('google_sql_database_instance', { database_version: 'MYSQL_8_0', settings: [{ tier: 'db-n1-highmem-4' }] }), [], 255.155708],
    // db-standard-2 mirrors n1-standard-2 (2 vCPUs, 7.5 GB): 2 × 730 × 0.0412999 = 60.297854 + 7.5 × 5.11 = 38.325 + 1.70 → 100.322854
    ['Cloud SQL standard tier', resource('google_sql_database_instance', { database_version: 'MYSQL_8_0', settings: [{ tier: 'db-standard-2' }] }), [], 100.322854],
    // db-highmem-4 mirrors n1-highmem-4 (4 vCPUs, 26 GB), regional: 4 × 730 × "vCPUs (96, regional)" 0.0826 = 241.192
    // + 26 × "Memory (360 GB, regional)" 10.22 = 265.72 + 10 GB × 0.34 = 3.40 → 510.312
    ['Cloud SQL high-memory regional tier', resource('google_sql_database_instance', { database_version: 'POSTGRES_15', settings: [{ tier: 'db-highmem-4', availability_type: 'REGIONAL' }] }), [], 510.312],
    // db-lightweight-4: 4 vCPUs with 3.75 GB, 4 × 730 × 0.0412999 = 120.595708 + 3.75 × 5.11 = 19.1625 + 1.70 → 141.458208
    ['Cloud SQL lightweight tier', resource('google_sql_database_instance', { database_version: 'MYSQL_8_0', settings: [{ tier: 'db-lightweight-4' }] }), [], 141.458208],
    // SQL Server Express carries no licence: db-custom-2-7680 as above, 60.297854 + 38.325 + 1.70 → 100.322854
    ['Cloud SQL SQL Server Express', resource('google_sql_database_instance', { database_version: 'SQLSERVER_2019_EXPRESS', settings: [{ tier: 'db-custom-2-7680' }] }), [], 100.322854],
    // a regional group of 3 from a template: n1-standard-16 0.532 × 730 = 388.36 + disk 1, 100 GB pd-balanced × 0.10 = 10.00
    // + one scratch disk 375 GB × 0.08 = 30.00 → 428.36 per instance × 3 = 1285.08
    [
      'regional instance group',
      resource('google_compute_region_instance_group_manager', { region: 'us-central1', target_size: 3, version: [{ instance_template: unknownValue('google_compute_instance_template.web.id') }] }),
      [
        resource(
          'google_compute_instance_template',
          { machine_type: 'n1-standard-16', disk: [{ boot: true, disk_type: 'pd-balanced', disk_size_gb: 100 }, { type: 'SCRATCH', disk_type: 'local-ssd', disk_size_gb: 375 }] },
          { address: 'google_compute_instance_template.web' },
        ),
      ],
      1285.08,
    ],
    // target_size 0 with one per-instance config: 1 × e2-medium 24.459964
    [
      'instance group with a per-instance config',
      resource('google_compute_instance_group_manager', { zone: 'us-central1-a', target_size: 0, version: [{ instance_template: unknownValue('google_compute_instance_template.web.id') }] }, { address: 'google_compute_instance_group_manager.web' }),
      [
        resource('google_compute_instance_template', { machine_type: 'e2-medium' }, { address: 'google_compute_instance_template.web' }),
        resource('google_compute_per_instance_config', { instance_group_manager: unknownValue('google_compute_instance_group_manager.web.name') }, { address: 'google_compute_per_instance_config.one' }),
      ],
      24.459964,
    ],
    // Memorystore Basic, 5 GB is capacity tier M2: "Redis instance (basic, M2)" 19.71 × 5 = 98.55
    ['Redis Basic instance', resource('google_redis_instance', { memory_size_gb: 5 }), [], 98.55],
    // Standard (HA), 45 GB is M4: "Redis instance (standard, M4)" 25.55 × 45 = 1149.75
    ['Redis Standard instance', resource('google_redis_instance', { memory_size_gb: 45, tier: 'STANDARD_HA' }), [], 1149.75],
    // Redis cluster: 3 shards × (1 + 2 replicas) = 9 nodes × 730 × "Cluster node (standard small)" 0.142501 = 936.23157
    ['Redis cluster', resource('google_redis_cluster', { shard_count: 3, replica_count: 2, node_type: 'REDIS_STANDARD_SMALL' }), [], 936.23157],
    // the default node type, highmem medium, 1 shard without replicas: 730 × 0.1923 = 140.379
    ['Redis cluster of default nodes', resource('google_redis_cluster', { shard_count: 1 }), [], 140.379],
    // VPN tunnel 0.05 × 730 = 36.50; a DNS managed zone 0.20 a month
    ['VPN tunnel', resource('google_compute_vpn_tunnel', { peer_ip: '15.0.0.120' }), [], 36.5],
    ['DNS managed zone', resource('google_dns_managed_zone', { dns_name: 'example.com.' }), [], 0.2],
    // a secret version of a secret replicated to 2 locations: 2 active versions × 0.06 = 0.12
    [
      'secret version',
      resource('google_secret_manager_secret_version', { secret: unknownValue('google_secret_manager_secret.api.id') }),
      [resource('google_secret_manager_secret', { replication: [{ user_managed: [{ replicas: [{ location: 'us-central1' }, { location: 'us-east1' }] }] }] }, { address: 'google_secret_manager_secret.api' })],
      0.12,
    ],
    // the regional forwarding rule 0.01 × 730 = 7.30, the global one the same
    ['forwarding rule', resource('google_compute_forwarding_rule', { region: 'us-central1', port_range: '80' }), [], 7.3],
    ['global forwarding rule', resource('google_compute_global_forwarding_rule', { port_range: '443' }, { region: 'europe-west1' }), [], 7.3],
    // static address on a VM: the in-use rate 0.005 × 730 = 3.65
    [
      'static address used by a VM',
      resource('google_compute_address', { region: 'us-central1' }, { address: 'google_compute_address.web' }),
      [resource('google_compute_instance', { machine_type: 'e2-medium', network_interface: [{ access_config: [{ nat_ip: unknownValue('google_compute_address.web.address') }] }] }, { address: 'google_compute_instance.web' })],
      3.65,
    ],
    // the same inside a module, where the reference leaves out the module path: in use, 3.65
    [
      'static address used by a VM of the same module',
      resource('google_compute_address', { region: 'us-central1' }, { address: 'module.edge.google_compute_address.web', module: 'module.edge' }),
      [
        resource(
          'google_compute_instance',
          { machine_type: 'e2-medium', network_interface: [{ access_config: [{ nat_ip: unknownValue('google_compute_address.web.address') }] }] },
          { address: 'module.edge.google_compute_instance.web', module: 'module.edge' },
        ),
      ],
      3.65,
    ],
    // an empty pd-standard disk is the API's 500 GB: 500 × 0.04 = 20.00
    ['empty pd-standard disk without a size', resource('google_compute_disk', { zone: 'us-central1-a' }), [], 20],
    // hyperdisk-extreme: 128 GB × 0.125 = 16.00 + 20,000 IOPS × 0.032 = 640.00 → 656.00
    ['hyperdisk-extreme disk', resource('google_compute_disk', { type: 'hyperdisk-extreme', size: 128, provisioned_iops: 20000 }), [], 656],
  ])('%s', (_name, item, siblings, expected) => {
    const cost = priceChanges(added(item, siblings), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    const line = cost.lines.find((candidate) => candidate.address === item.address);
    expect(line?.after).toBeCloseTo(expected, 6);
    for (const part of line?.components ?? []) expect(part.monthly).toBeCloseTo(part.quantity * part.unitPrice, 5);
  });

  it('says an empty pd-standard disk is priced at the API default size', () => {
    const line = priceChanges(added(resource('google_compute_disk', {})), SETTINGS).lines[0];
    expect(line?.components).toMatchObject([{ name: 'Standard provisioned storage (pd-standard)', quantity: 500 }]);
    expect(line?.note).toMatch(/an empty pd-standard disk is 500 GB, the Compute Engine API's default/);
  });

  it('derives a predefined type without a row from its family’s rates, marked approximate', () => {
    const cost = priceChanges(added(resource('google_compute_instance', { machine_type: 'n1-standard-4' })), SETTINGS);
    // N1 rates: 0.139411/6 per vCPU-hour, 0.0622466/20 per GB-hour; n1-standard-16 (16, 60 GB) at those rates 0.558502,
    // its row 0.532, factor 0.952547; n1-standard-4 (4, 15 GB): 0.952547 × 0.139626 = 0.133 × 730 = 97.09
    // (Google's list price 0.19 less the 30% sustained-use discount is 0.133)
    expect(cost.after).toBeCloseTo(97.09, 6);
    expect(cost.lines[0]).toMatchObject({ approximate: true, note: "n1-standard-4 priced from the data's N1 vCPU and memory rates, scaled to its n1-standard-16 price" });
  });

  it('prices an autoscaled node pool at its count, with min–max as the range', () => {
    const pool = resource('google_container_node_pool', { cluster: unknownValue('google_container_cluster.main.id'), node_count: 2, autoscaling: [{ min_node_count: 1, max_node_count: 3 }] });
    const line = priceChanges(added(pool, [zonal]), SETTINGS).lines.find((candidate) => candidate.address === pool.address);
    // 2 zones × per zone (1, 2, 3) × 34.459964 → 68.919928, 137.839856, 206.759784
    expect(line?.after).toBeCloseTo(137.839856, 6);
    expect(line?.range).toEqual({ low: 68.919928, high: 206.759784 });
  });

  it('reads the total_ autoscaling limits as totals', () => {
    const pool = resource('google_container_node_pool', { location: 'us-central1', node_count: 1, autoscaling: [{ total_min_node_count: 2, total_max_node_count: 9 }] });
    const cost = priceChanges(added(pool), SETTINGS);
    // regional: 3 zones × 1 = 3 nodes × 34.459964 = 103.379892; 2 → 68.919928, 9 → 310.139676
    expect(cost.after).toBeCloseTo(103.379892, 6);
    expect(cost.lines[0]?.range).toEqual({ low: 68.919928, high: 310.139676 });
  });

  it('prices an autoscaled instance group at its minimum, with min–max as the range', () => {
    const group = resource('google_compute_instance_group_manager', { zone: 'us-central1-a', version: [{ instance_template: unknownValue('google_compute_instance_template.web.id') }] }, { address: 'google_compute_instance_group_manager.web' });
    const template = resource('google_compute_instance_template', { machine_type: 'e2-medium' }, { address: 'google_compute_instance_template.web' });
    const autoscaler = resource('google_compute_autoscaler', { target: unknownValue('google_compute_instance_group_manager.web.id'), autoscaling_policy: [{ min_replicas: 2, max_replicas: 5 }] }, { address: 'google_compute_autoscaler.web' });
    const cost = priceChanges(added(group, [template, autoscaler]), SETTINGS);
    // e2-medium 24.459964 × 2 = 48.919928; × 5 = 122.29982
    expect(cost.unpriced).toEqual([]);
    expect(cost.lines.find((line) => line.address === group.address)).toMatchObject({ after: 48.919928, range: { low: 48.919928, high: 122.29982 } });
  });

  it('sizes a disk without a size from its image or snapshot in the change', () => {
    const image = resource('google_compute_image', { disk_size_gb: 30 }, { address: 'google_compute_image.base' });
    const fromImage = resource('google_compute_disk', { type: 'pd-standard', image: unknownValue('google_compute_image.base.self_link') }, { address: 'google_compute_disk.from_image' });
    const sized = resource('google_compute_disk', { size: 20 }, { address: 'google_compute_disk.sized' });
    const snapshot = resource('google_compute_snapshot', { source_disk: unknownValue('google_compute_disk.sized.name') }, { address: 'google_compute_snapshot.nightly' });
    const fromSnapshot = resource('google_compute_disk', { snapshot: unknownValue('google_compute_snapshot.nightly.self_link') }, { address: 'google_compute_disk.from_snapshot' });
    const lines = priceChanges(added(fromImage, [image, sized, snapshot, fromSnapshot]), SETTINGS).lines;
    // the image's 30 GB × pd-standard 0.04 = 1.20; the snapshot's source disk, 20 GB × 0.04 = 0.80
    expect(lines.find((line) => line.address === fromImage.address)?.after).toBeCloseTo(1.2, 6);
    expect(lines.find((line) => line.address === fromSnapshot.address)?.after).toBeCloseTo(0.8, 6);
  });

  it('leaves free addresses, networks and databases inside an instance out of both lists', () => {
    const forwarded = resource('google_compute_address', { region: 'us-central1' }, { address: 'google_compute_address.lb' });
    const rule = resource('google_compute_forwarding_rule', { ip_address: unknownValue('google_compute_address.lb.address') }, { address: 'google_compute_forwarding_rule.lb' });
    const internal = resource('google_compute_address', { address_type: 'INTERNAL' }, { address: 'google_compute_address.internal' });
    const cost = priceChanges([...added(forwarded, [rule, internal]), ...added(resource('google_compute_network', {})), ...added(resource('google_sql_database', {}))], SETTINGS);
    expect(cost.lines.map((line) => line.address)).toEqual(['google_compute_forwarding_rule.lb']);
    expect(cost.unpriced).toEqual([]);
  });

  it('shows a Cloud SQL public IP at its stopped-instance rate, and none without one', () => {
    const withIp = resource('google_sql_database_instance', { database_version: 'MYSQL_8_0', settings: [{ tier: 'db-f1-micro' }] });
    // "IP address (if unused)" 0.01 an hour, billed only while the instance is stopped
    expect(priceChanges(added(withIp), SETTINGS).lines[0]?.components).toContainEqual({
      name: 'Public IP address (while the instance is stopped)',
      unit: 'hours',
      quantity: 0,
      unitPrice: 0.01,
      monthly: 0,
      usageBased: true,
    });
    const privateOnly = resource('google_sql_database_instance', { database_version: 'MYSQL_8_0', settings: [{ tier: 'db-f1-micro', ip_configuration: [{ ipv4_enabled: false }] }] });
    expect(priceChanges(added(privateOnly), SETTINGS).lines[0]?.components.map((part) => part.name)).toEqual(['SQL instance (db-f1-micro, zonal)', 'Storage (SSD, zonal)', 'Backups']);
  });

  it('prices a secret’s versions created elsewhere, accesses and rotations from a usage file', () => {
    const secret = resource('google_secret_manager_secret', { replication: [{ user_managed: [{ replicas: [{ location: 'us-central1' }, { location: 'us-east1' }, { location: 'europe-west1' }] }] }] });
    expect(priceChanges(added(secret), SETTINGS).lines[0]?.components.map((part) => [part.name, part.unitPrice, part.usageBased])).toEqual([
      ['Active secret versions', 0.06, true],
      ['Access operations', 0.03, true],
      ['Rotation notifications', 0.05, true],
    ]);
    const { usage } = parseUsage('resources:\n  google_secret_manager_secret.this:\n    active_secret_versions: 1000\n    monthly_requests: 2000\n    monthly_rotation_notifications: 10\n', 'usage.yml');
    // 1,000 versions × 3 locations × 0.06 = 180.00 + 0.2 × 10K accesses × 0.03 = 0.006 + 10 rotations × 0.05 = 0.50 → 180.506
    expect(priceChanges(added(secret), SETTINGS, { usage }).after).toBeCloseTo(180.506, 6);
    // a version in the change bills its own active versions: the secret leaves them out and says so
    const version = resource('google_secret_manager_secret_version', { secret: unknownValue('google_secret_manager_secret.this.id') }, { address: 'google_secret_manager_secret_version.v1' });
    const withVersion = priceChanges(added(secret, [version]), SETTINGS, { usage }).lines.find((line) => line.address === secret.address);
    expect(withVersion?.components.map((part) => part.name)).toEqual(['Access operations', 'Rotation notifications']);
    expect(withVersion?.note).toMatch(/active_secret_versions is not read/);
  });

  it('prices secret accesses from a usage file, per 10,000', () => {
    const version = resource('google_secret_manager_secret_version', { secret: 'elsewhere' });
    const { usage } = parseUsage('resources:\n  google_secret_manager_secret_version.this:\n    monthly_requests: 25000\n', 'usage.yml');
    const cost = priceChanges(added(version), SETTINGS, { usage });
    // one location (the secret is not in the change) × 0.06 + 2.5 × 10K accesses × 0.03 = 0.075 → 0.135
    expect(cost.after).toBeCloseTo(0.135, 6);
    expect(cost.lines[0]?.note).toBe('its secret is not in this change: priced as stored in one location');
  });

  it('shows a private services connection’s egress by destination as unit prices', () => {
    const connection = resource('google_service_networking_connection', { service: 'servicenetworking.googleapis.com' });
    const cost = priceChanges(added(connection), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBe(0);
    expect(cost.lines[0]?.components.map((part) => [part.name, part.unitPrice, part.usageBased])).toEqual([
      ['Network egress: Traffic within the same region', 0.02, true],
      ['Network egress: Traffic within the US or Canada', 0.02, true],
      ['Network egress: Traffic within Europe', 0.02, true],
      ['Network egress: Traffic within Asia', 0.08, true],
      ['Network egress: Traffic within South America', 0.14, true],
      ['Network egress: Traffic to/from Indonesia and Oceania', 0.1, true],
      ['Network egress: Traffic between continents (excludes Oceania)', 0.08, true],
    ]);
  });

  it('shows Cloud NAT usage as unit prices and prices it from a usage file', () => {
    const nat = resource('google_compute_router_nat', { region: 'us-central1' });
    expect(priceChanges(added(nat), SETTINGS).lines[0]?.components).toEqual([
      { name: 'Assigned VMs (first 32)', unit: 'VM-hours', quantity: 0, unitPrice: 0.00139983, monthly: 0, usageBased: true },
      { name: 'Data processed', unit: 'GB', quantity: 0, unitPrice: 0.045, monthly: 0, usageBased: true },
    ]);
    const { usage } = parseUsage('resources:\n  google_compute_router_nat.this:\n    monthly_data_processed_gb: 100\n', 'usage.yml');
    // 100 GB × 0.045 = 4.50
    expect(priceChanges(added(nat), SETTINGS, { usage }).after).toBeCloseTo(4.5, 6);
    // 4 assigned VMs × 730 h × 0.00139983 = 4.0875036
    const withVms = parseUsage('resources:\n  google_compute_router_nat.this:\n    assigned_vms: 4\n', 'usage.yml').usage;
    expect(priceChanges(added(nat), SETTINGS, { usage: withVms }).after).toBeCloseTo(4.0875036, 6);
    // over 32 VMs Google bills a flat rate the data lacks
    const many = parseUsage('resources:\n  google_compute_router_nat.this:\n    assigned_vms: 40\n', 'usage.yml').usage;
    expect(priceChanges(added(nat), SETTINGS, { usage: many }).unpriced[0]?.reason).toMatch(/assigned_vms 40 is over 32/);
  });

  it('prices Autopilot pods from the usage file’s average vCPU, memory and ephemeral storage', () => {
    const autopilot = resource('google_container_cluster', { location: 'us-central1', enable_autopilot: true });
    const { usage } = parseUsage('resources:\n  google_container_cluster.this:\n    autopilot_vcpu_count: 10\n    autopilot_memory_gb: 50\n    autopilot_ephemeral_storage_gb: 100\n', 'usage.yml');
    // fee 73.00 + 10 × 32.49 = 324.90 + 50 × 3.59 = 179.50 + 100 × 0.040004 = 4.0004 → 581.4004
    expect(priceChanges(added(autopilot), SETTINGS, { usage }).after).toBeCloseTo(581.4004, 6);
  });
});

describe('Google: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['a family without per-vCPU rates', resource('google_compute_instance', { machine_type: 'e2-standard-4' }), /no price for GCE machine type e2-standard-4 \(on-demand\) in us-central1/],
    ['a machine type from a variable', resource('google_compute_instance', { machine_type: unknownValue('var.machine_type') }), /machine_type is not known before apply \(var.machine_type\)/],
    ['a machine type that is not a name', resource('google_compute_instance', { machine_type: 'n1-(standard' }), /no price for GCE machine type n1-\(standard/],
    ['a zone the data lacks', resource('google_compute_instance', { machine_type: 'e2-medium', zone: 'europe-west1-b' }), /in europe-west1 .*cost.fallback-region/],
    ['a Spot VM of a type without a preemptible price', resource('google_compute_instance', { machine_type: 'e2-medium', scheduling: [{ provisioning_model: 'SPOT' }] }), /e2-medium \(preemptible\)/],
    ['a hyperdisk', resource('google_compute_disk', { type: 'hyperdisk-balanced', size: 100 }), /hyperdisk-balanced disks are not priced/],
    ['a disk without a size', resource('google_compute_disk', { image: 'debian-cloud/debian-12' }), /size is not set and the size of its image or snapshot is not in this change/],
    ['an empty pd-ssd disk without a size', resource('google_compute_disk', { type: 'pd-ssd' }), /documents a default size only for an empty pd-standard disk, not for pd-ssd/],
    ['a hyperdisk-extreme disk without provisioned IOPS', resource('google_compute_disk', { type: 'hyperdisk-extreme', size: 100 }), /provisioned_iops is not set/],
    ['a pd-extreme disk, whose IOPS rate the data lacks', resource('google_compute_disk', { type: 'pd-extreme', size: 40, provisioned_iops: 5000 }), /pd-extreme disks are not priced/],
    ['a static address used by nothing in the change', resource('google_compute_address', {}), /no price for an unused regional address in us-central1/],
    ['local SSD on a preemptible VM', resource('google_compute_instance', { machine_type: 'f1-micro', scheduling: [{ preemptible: true }], scratch_disk: [{ interface: 'NVME' }] }), /local SSD on a preemptible or Spot VM/],
    ['an instance group whose template is elsewhere', resource('google_compute_instance_group_manager', { target_size: 2, version: [{ instance_template: 'shared-template' }] }), /its instance template is not in this change/],
    ['an absurd disk size', resource('google_compute_disk', { size: 1e9 }), /implausibly large/],
    ['a SQL Server instance', resource('google_sql_database_instance', { database_version: 'SQLSERVER_2019_STANDARD', settings: [{ tier: 'db-custom-2-7680' }] }), /SQLSERVER_2019_STANDARD also bills a SQL Server licence/],
    ['HDD storage', resource('google_sql_database_instance', { database_version: 'MYSQL_8_0', settings: [{ tier: 'db-f1-micro', disk_type: 'PD_HDD' }] }), /PD_HDD storage has no price/],
    ['Enterprise Plus', resource('google_sql_database_instance', { database_version: 'POSTGRES_16', settings: [{ tier: 'db-perf-optimized-N-2', edition: 'ENTERPRISE_PLUS' }] }), /ENTERPRISE_PLUS edition/],
    ['a tier the data lacks', resource('google_sql_database_instance', { database_version: 'MYSQL_8_0', settings: [{ tier: 'db-g2-odd-1' }] }), /Cloud SQL tier db-g2-odd-1 \(zonal\)/],
    ['a Redis instance without a size', resource('google_redis_instance', { tier: 'BASIC' }), /memory_size_gb is not set/],
    ['a Redis tier the data lacks', resource('google_redis_instance', { memory_size_gb: 5, tier: 'PREMIUM' }), /tier "PREMIUM" is not BASIC or STANDARD_HA/],
    ['a Redis cluster node type the data lacks', resource('google_redis_cluster', { shard_count: 1, node_type: 'REDIS_HIGHMEM_2XLARGE' }), /Cluster node \(highmem 2xlarge\)/],
    ['a node pool whose cluster is elsewhere', resource('google_container_node_pool', { cluster: 'shared', node_count: 1 }), /its cluster is not in this change/],
    ['node_locations from a variable', resource('google_container_cluster', { location: 'us-central1', node_locations: unknownValue('var.zones'), initial_node_count: 1 }), /node_locations is not known before apply/],
  ])('%s', (_name, item, reason) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced).toHaveLength(1);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
    expect(cost.after).toBe(0);
  });

  it('approximates from cost.fallback-region and says so', () => {
    const item = resource('google_compute_instance', { machine_type: 'e2-medium', zone: 'europe-west1-b' });
    const cost = priceChanges(added(item), { ...SETTINGS, fallbackRegion: 'us-central1' });
    expect(cost.after).toBeCloseTo(24.459964, 6);
    expect(cost.lines[0]).toMatchObject({ approximate: true, region: 'us-central1', note: 'us-central1 prices stand in for europe-west1' });
  });
});

describe('the gate on a Google Terraform change', () => {
  const read = (side: string): string => readFileSync(new URL(`../../../test/fixtures/terraform/gcp-shop/${side}/main.tf`, import.meta.url), 'utf8');
  const changes = changeSet([{ path: 'infra/gcp/main.tf', status: 'modified', before: read('base'), after: read('head') }]);

  it('prices before, after and delta per resource in the provider’s region', () => {
    const { cost } = runGate({ config: plainConfig(), changes });
    const byAddress = Object.fromEntries(cost.lines.map((line) => [line.address, line]));
    // api: n1-standard-2 (derived: 0.0665 × 730 = 48.545) + 20 GB pd-standard 0.80 + ephemeral IP 3.65 = 52.995
    //   → n2-standard-8 0.310781 × 730 = 226.87013 + 0.80 + 3.65 = 231.32013
    expect(byAddress['google_compute_instance.api']).toMatchObject({ after: 231.32013, approximate: true, region: 'us-central1', line: 26 });
    expect(byAddress['google_compute_instance.api']?.before).toBeCloseTo(52.995, 6);
    // node pool: 2 × (e2-medium 24.459964 + 100 GB pd-balanced 10.00) = 68.919928 on both sides; autoscaling 1–4 adds the range
    expect(byAddress['google_container_node_pool.general']).toMatchObject({ before: 68.919928, after: 68.919928, range: { low: 34.459964, high: 137.839856 } });
    // Cloud SQL zonal 102.022854 → regional: 2 × 730 × 0.0826 = 120.596 + 7.5 × 10.22 = 76.65 + 20 × 0.34 = 6.80 → 204.046
    expect(byAddress['google_sql_database_instance.db']).toMatchObject({ before: 102.022854, after: 204.046 });
    // added: disk 200 GB pd-balanced 20.00; forwarding rule 7.30 (its static address is free on a forwarding rule)
    expect(byAddress['google_compute_disk.data']).toMatchObject({ before: 0, after: 20 });
    expect(byAddress['google_compute_forwarding_rule.lb']).toMatchObject({ after: 7.3 });
    expect(Object.keys(byAddress).sort()).toEqual([
      'google_compute_disk.data',
      'google_compute_forwarding_rule.lb',
      'google_compute_instance.api',
      'google_container_node_pool.general',
      'google_sql_database_instance.db',
    ]);
    expect(cost.unpriced).toEqual([{ address: 'google_compute_instance.batch', scope: 'infra/gcp', type: 'google_compute_instance', reason: expect.stringMatching(/e2-standard-4/) }]);
    expect(cost.delta).toBeCloseTo(231.32013 - 52.995 + (204.046 - 102.022854) + 20 + 7.3, 6);
    expect(cost.regions).toEqual(['us-central1']);
  });
});
