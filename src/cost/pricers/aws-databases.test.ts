import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { added, awsResource, expectPricedAt, priceAdded, US } from './pricer-test-support.js';

/** A Neptune cluster of `storageType` (unset: the default) and one `instanceClass` instance joining it by reference, in eu-west-2. */
function neptune(storageType: string | undefined, instanceClass: string): Resource[] {
  const cluster = awsResource('aws_neptune_cluster', { cluster_identifier: 'graph', ...(storageType ? { storage_type: storageType } : {}) }, 'eu-west-2');
  return [cluster, awsResource('aws_neptune_cluster_instance', { cluster_identifier: unknownValue('aws_neptune_cluster.this.id'), instance_class: instanceClass }, 'eu-west-2')];
}

/** Monthly figures hand-computed from rows of component-unit-prices.csv (730 hours a month). */
describe('DocumentDB, Neptune and DMS pricers, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // 730 × 0.078 = 56.94; CPU credits on use
    ['DocumentDB db.t3.medium', awsResource('aws_docdb_cluster_instance', { instance_class: 'db.t3.medium' }), 56.94],
    // 730 × 2.216 = 1,617.68
    ['DocumentDB db.r5.4xlarge', awsResource('aws_docdb_cluster_instance', { instance_class: 'db.r5.4xlarge' }), 1617.68],
    // CloudFormation: the same row, 56.94
    ['CloudFormation DocumentDB instance', awsResource('AWS::DocDB::DBInstance', { DBInstanceClass: 'db.t3.medium' }), 56.94],
    // eu-west-2 row: 730 × 0.408 = 297.84
    ['Neptune db.r4.large', awsResource('aws_neptune_cluster_instance', { instance_class: 'db.r4.large' }, 'eu-west-2'), 297.84],
    // Multi-AZ rows as they are: 730 × 0.036 = 26.28 + (70 − 50 included) GB × 0.23 = 4.60
    ['Multi-AZ DMS instance', awsResource('aws_dms_replication_instance', { replication_instance_class: 'dms.t2.micro', allocated_storage: 70, multi_az: true }), 30.88],
    // single-AZ: half, 730 × 0.018 = 13.14; 20 GB is within the included 50
    ['single-AZ DMS instance', awsResource('aws_dms_replication_instance', { replication_instance_class: 'dms.t2.micro', allocated_storage: 20 }), 13.14],
  ])('%s', (_name, item, expected) => expectPricedAt(item, expected));

  it.each<[string, Resource[], string, number]>([
    // the data's db.t3.medium row is the I/O-Optimized rate, renamed so (data/component-relabels.csv): 730 × 0.151 = 110.23
    ['an I/O-Optimized cluster', neptune('iopt1', 'db.t3.medium'), 'Database instance (on-demand, I/O-Optimized, db.t3.medium)', 110.23],
    // default storage: the standard row, 730 × 0.408 = 297.84
    ['a cluster on default storage', neptune(undefined, 'db.r4.large'), 'Database instance (on-demand, db.r4.large)', 297.84],
    ['a standard cluster', neptune('standard', 'db.r4.large'), 'Database instance (on-demand, db.r4.large)', 297.84],
  ])('prices a Neptune instance by its cluster\'s storage type: %s', (_name, items, row, expected) => {
    const cost = priceChanges(added(...items), US);
    const line = cost.lines.find((candidate) => candidate.address === 'aws_neptune_cluster_instance.this');
    expect(line?.components[0]).toMatchObject({ name: row, quantity: 730 });
    expect(line?.after).toBeCloseTo(expected, 6);
  });

  it.each<[string, Resource[], RegExp]>([
    ['standard db.t3.medium: the only row is the I/O-Optimized rate', neptune('standard', 'db.t3.medium'), /no price for .*"Database instance \(on-demand, db.t3.medium\)" in eu-west-2/],
    ['I/O-Optimized class the data lacks', neptune('iopt1', 'db.r4.large'), /"Database instance \(on-demand, I\/O-Optimized, db.r4.large\)"/],
  ])('leaves a Neptune instance unpriced: %s', (_name, items, reason) => {
    const cost = priceChanges(added(...items), US);
    expect(cost.unpriced.find((item) => item.address === 'aws_neptune_cluster_instance.this')?.reason).toMatch(reason);
  });

  it('marks a single-AZ DMS instance approximate: half the Multi-AZ rate, derived', () => {
    const cost = priceAdded(awsResource('aws_dms_replication_instance', { replication_instance_class: 'dms.t2.micro' }));
    expect(cost.lines[0]).toMatchObject({ approximate: true });
    expect(cost.lines[0]?.note).toMatch(/half the Multi-AZ rates/);
  });
});

describe('DocumentDB, Neptune and DMS: unpriced, never $0', () => {
  it.each<[string, Resource, RegExp]>([
    ['DocumentDB class the data lacks', awsResource('aws_docdb_cluster_instance', { instance_class: 'db.r6g.large' }), /db.r6g.large/],
    ['Neptune instance without a class', awsResource('aws_neptune_cluster_instance', {}, 'eu-west-2'), /instance class is not set/],
    ['DMS class the data lacks', awsResource('aws_dms_replication_instance', { replication_instance_class: 'dms.r5.large', multi_az: true }), /Instance \(r5.large\)/],
  ])('%s', (_name, item, reason) => {
    const cost = priceAdded(item);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
  });
});

describe('DocumentDB: quantities from the usage file', () => {
  it('bills storage, I/O and CPU credits from Infracost\'s keys on the instance', () => {
    // 56.94 + 1,000 GB × 0.10 = 100.00 + 10M requests × 0.20 per 1M = 2.00 + 10 vCPU-hours × 0.09 = 0.90
    const cost = priceAdded(awsResource('aws_docdb_cluster_instance', { instance_class: 'db.t3.medium' }), { data_storage_gb: 1000, monthly_io_requests: 10_000_000, monthly_cpu_credit_hrs: 10 });
    expect(cost.after).toBeCloseTo(56.94 + 100 + 2 + 0.9, 6);
  });

  it('shows storage and I/O at their unit prices without usage', () => {
    const cost = priceAdded(awsResource('aws_docdb_cluster_instance', { instance_class: 'db.r5.4xlarge' }));
    expect(cost.lines[0]?.components.filter((part) => part.usageBased).map((part) => [part.name, part.unitPrice, part.quantity])).toEqual([
      ['Storage', 0.1, 0],
      ['I/O requests', 0.2, 0],
    ]);
  });
});
