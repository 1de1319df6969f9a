import { describe, expect, it } from 'vitest';
import type { ResourceChange } from '../../diff/model.js';
import { databaseGp2Saving, declaredVolumes, gp2Saving, io1Saving, storageClass } from './storage-class.js';
import { added, changed, findings, resource, runRule } from './test-support.js';

describe('storage-class', () => {
  it('prices the saving from the catalog', () => {
    // us-east-1: gp2 $0.10, gp3 $0.08 per GB-month → 500 GB saves $10
    expect(gp2Saving(500, 'us-east-1')?.monthly).toBeCloseTo(10, 6);
    // io1 $0.125/GB + $0.065/IOPS against gp3 $0.08/GB: 100 GB, 3,000 IOPS → 4.5 + 195
    expect(io1Saving(100, 3000, 'us-east-1')?.monthly).toBeCloseTo(199.5, 6);
    expect(io1Saving(100, 5000, 'us-east-1')).toBeUndefined();
    // aws_db_instance rows: gp2 $0.23 and gp3 $0.23 per GB-month → no saving, same price
    expect(databaseGp2Saving(100, 'us-east-1')).toEqual({ monthly: 0, gp2: 0.23, gp3: 0.23, region: 'us-east-1' });
  });

  it('reads volumes from instances, launch templates and CloudFormation', () => {
    const instance = resource('aws_instance', 'api', { root_block_device: [{ volume_type: 'gp2', volume_size: 30 }], ebs_block_device: [{ volume_type: 'io1', volume_size: 100, iops: 2000 }] });
    expect(declaredVolumes(instance).map((volume) => [volume.path, volume.type, volume.sizeGb, volume.iops])).toEqual([
      ['root_block_device.0.volume_type', 'gp2', 30, undefined],
      ['ebs_block_device.0.volume_type', 'io1', 100, 2000],
    ]);
    const template = resource('aws_launch_template', 'web', { block_device_mappings: [{ ebs: [{ volume_type: 'gp2', volume_size: 8 }] }] });
    expect(declaredVolumes(template).map((volume) => volume.path)).toEqual(['block_device_mappings.0.ebs.0.volume_type']);
    const cfn = resource('AWS::EC2::Instance', 'Web', { Properties: { BlockDeviceMappings: [{ Ebs: { VolumeType: 'gp2', VolumeSize: 20 } }] } });
    expect(declaredVolumes(cfn).map((volume) => volume.path)).toEqual(['BlockDeviceMappings.0.Ebs.VolumeType']);
  });

  const volume = (attributes: Record<string, unknown>) => resource('aws_ebs_volume', 'data', attributes, { attributeLines: { type: 3 } });
  const bucket = (name: string, attributes: Record<string, unknown> = {}) => resource('aws_s3_bucket', name, { bucket: `acme-${name}`, ...attributes }, { attributeLines: { bucket: 2 } });
  const database = (attributes: Record<string, unknown>) => resource('aws_db_instance', 'main', attributes, { attributeLines: { storage_type: 6 } });
  const cases: Array<[string, ResourceChange[], string[]]> = [
    ['a new RDS instance on gp2', [added(database({ storage_type: 'gp2', allocated_storage: 100 }))], ['aws_db_instance.main:6']],
    ['a new RDS instance on gp3', [added(database({ storage_type: 'gp3', allocated_storage: 100 }))], []],
    ['an RDS instance without a written storage type', [added(database({ allocated_storage: 100 }))], []],
    ['an RDS instance moved to gp2', [changed(database({ storage_type: 'io1', allocated_storage: 100 }), database({ storage_type: 'gp2', allocated_storage: 100 }), ['storage_type'])], ['aws_db_instance.main:6']],
    ['an RDS gp2 instance resized', [changed(database({ storage_type: 'gp2', allocated_storage: 100 }), database({ storage_type: 'gp2', allocated_storage: 200 }), ['allocated_storage'])], []],
    ['a CloudFormation DB instance on gp2', [added(resource('AWS::RDS::DBInstance', 'Db', { Properties: { StorageType: 'gp2', AllocatedStorage: '50' } }, { attributeLines: { 'Properties.StorageType': 12 } }))], ['stack.yml#Db:12']],
    ['a new gp2 volume', [added(volume({ type: 'gp2', size: 500 }))], ['aws_ebs_volume.data:3']],
    ['a new gp3 volume', [added(volume({ type: 'gp3', size: 500 }))], []],
    ['a volume without a written type', [added(volume({ size: 500 }))], []],
    ['an existing gp2 volume resized', [changed(volume({ type: 'gp2', size: 100 }), volume({ type: 'gp2', size: 500 }), ['size'])], []],
    ['a volume moved to gp2', [changed(volume({ type: 'gp3', size: 100 }), volume({ type: 'gp2', size: 100 }), ['type'])], ['aws_ebs_volume.data:3']],
    ['io1 within gp3 IOPS', [added(volume({ type: 'io1', size: 100, iops: 8000 }))], ['aws_ebs_volume.data:3']],
    ['io1 above gp3 IOPS', [added(volume({ type: 'io1', size: 100, iops: 32000 }))], []],
    ['a new bucket without lifecycle', [added(bucket('logs'))], ['aws_s3_bucket.logs:2']],
    ['a new bucket with an inline lifecycle_rule', [added(bucket('logs', { lifecycle_rule: [{ enabled: true }] }))], []],
    ['a bucket with a lifecycle configuration by reference', [added(bucket('logs')), added(resource('aws_s3_bucket_lifecycle_configuration', 'logs', { bucket: { __unknown: 'aws_s3_bucket.logs.id' } }))], []],
    ['a bucket with a lifecycle configuration by name', [added(bucket('logs')), added(resource('aws_s3_bucket_lifecycle_configuration', 'logs', { bucket: 'acme-logs' }))], []],
    ['a lifecycle configuration for another bucket', [added(bucket('logs')), added(resource('aws_s3_bucket_lifecycle_configuration', 'x', { bucket: { __unknown: 'aws_s3_bucket.other.id' } }))], ['aws_s3_bucket.logs:2']],
    ['a CloudFormation bucket with LifecycleConfiguration', [added(resource('AWS::S3::Bucket', 'Logs', { Properties: { LifecycleConfiguration: { Rules: [] } } }))], []],
  ];
  it.each(cases)('%s', (_name, resources, expected) => {
    expect(findings(runRule(storageClass, { resources })).map((finding) => `${finding.resource}:${finding.line}`)).toEqual(expected);
  });

  it('names the volume, the saving and the one-line fix', () => {
    expect(findings(runRule(storageClass, { resources: [added(volume({ type: 'gp2', size: 500 }))] }))).toEqual([
      {
        message: 'aws_ebs_volume.data (the volume) uses gp2; gp3 gives 3,000 IOPS and 125 MB/s at any size and saves about $10.00 a month for 500 GB (estimate).',
        fix: 'Set type = "gp3".',
        file: 'infra/main.tf',
        line: 3,
        resource: 'aws_ebs_volume.data',
        key: 'type',
      },
    ]);
    const [io1] = findings(runRule(storageClass, { resources: [added(volume({ type: 'io1', size: 100, iops: 8000 }))] }));
    expect(io1?.message).toContain('no saving is estimated');
  });

  it('tells an RDS author that gp3 costs the same and performs better, with the fix in their syntax', () => {
    const terraform = findings(runRule(storageClass, { resources: [added(resource('aws_db_instance', 'main', { storage_type: 'gp2', allocated_storage: 100 }))] }));
    expect(terraform).toEqual([
      {
        message:
          'aws_db_instance.main uses gp2 storage; gp3 includes 3,000 IOPS and 125 MiB/s at any size (12,000 IOPS and 500 MiB/s from 400 GB on MySQL, MariaDB and PostgreSQL), where gp2 gives 3 IOPS per GB; both cost $0.23 per GB-month in the price data, so the move is free.',
        fix: 'Set storage_type = "gp3".',
        file: 'infra/main.tf',
        line: 1,
        resource: 'aws_db_instance.main',
        key: 'storage_type',
      },
    ]);
    const cloudformation = findings(runRule(storageClass, { resources: [added(resource('AWS::RDS::DBInstance', 'Db', { Properties: { StorageType: 'GP2' } }))] }));
    expect(cloudformation.map((finding) => [finding.fix, finding.message.includes('per GB-month')])).toEqual([['Set StorageType: gp3.', false]]);
  });
});
