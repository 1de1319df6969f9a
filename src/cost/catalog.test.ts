import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog, type CatalogReader } from './catalog.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = join(root, '..', 'shared', 'pricing-data');
const committedDir = fileURLToPath(new URL('./catalog', import.meta.url));

describe.skipIf(!existsSync(dataDir))(`the committed catalog matches scripts/build-catalog.mjs run on ${dataDir}`, () => {
  const out = mkdtempSync(join(tmpdir(), 'tollgate-catalog-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is byte-identical to a fresh build', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-catalog.mjs'), '--data', dataDir, '--out', out], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const built = readdirSync(out).sort();
    expect(readdirSync(committedDir).filter((name) => name.endsWith('.json')).sort()).toEqual(built);
    for (const name of built) {
      // On failure: run `node scripts/build-catalog.mjs` and commit src/cost/catalog/.
      expect(readFileSync(join(committedDir, name), 'utf8'), name).toBe(readFileSync(join(out, name), 'utf8'));
    }
  });
});

if (!existsSync(dataDir)) {
  it.skip(`catalog drift check: ${dataDir} is missing (CI places shared/ beside the clone)`, () => {});
}

describe('catalog lookups', () => {
  const catalog = new Catalog();

  it.each([
    // rows straight from the CSV files
    ['EC2 m5.xlarge, us-east-1', () => catalog.ec2Hourly('us-east-1', 'm5.xlarge'), 0.192],
    ['EC2 m5.xlarge, eu-west-1 (regional snapshot)', () => catalog.ec2Hourly('eu-west-1', 'm5.xlarge'), 0.214],
    ['EC2 in a region the data lacks', () => catalog.ec2Hourly('mx-central-1', 'm5.xlarge'), undefined],
    ['RDS PostgreSQL Multi-AZ db.m5.large, us-east-1', () => catalog.rdsHourly('us-east-1', 'postgresql', 'multi-az', 'db.m5.large'), 0.356],
    ['Azure Standard_A0, australiacentral', () => catalog.azureVmHourly('australiacentral', 'Standard_A0'), 0.029],
    ['Azure size, case-insensitive', () => catalog.azureVmHourly('australiacentral', 'standard_a1'), 0.071],
    ['NAT gateway hours', () => catalog.component('aws', 'aws_nat_gateway', 'us-east-1', 'NAT gateway')?.usd, 0.045],
    ['component by unit among several', () => catalog.component('aws', 'aws_glue_job', 'us-east-1', 'Duration', 'hours (1 DPU)')?.usd, 0.44],
    ['Kubernetes CPU default', () => catalog.kubernetesRate('cpu'), 0.031611],
    ['prototype keys are not prices', () => catalog.ec2Hourly('us-east-1', 'constructor'), undefined],
  ])('%s', (_name, lookup, expected) => {
    expect(lookup()).toBe(expected);
  });

  it('knows shapes', () => {
    expect(catalog.ec2Shape('a1.large')).toEqual({ vcpu: 2, memoryGib: 4, arch: 'arm64', gpus: 0 });
    expect(catalog.gcpShape('a2-highgpu-1g')).toMatchObject({ vcpus: 12, memoryGib: 85 });
  });

  it('parses each file once for every catalog that shares a reader, and keeps each catalog\'s own record of sources', () => {
    const reads: string[] = [];
    const reader = (name: Parameters<CatalogReader>[0]): string => {
      reads.push(name);
      return JSON.stringify({ sources: [{ file: `${name}.csv`, label: name, asOf: '2026-01-01' }], rates: { cpu: { unit: 'vCPU-hour', usd: 0.5 } } });
    };
    const first = new Catalog(reader);
    const second = new Catalog(reader);
    expect([first.kubernetesRate('cpu'), second.kubernetesRate('cpu')]).toEqual([0.5, 0.5]);
    expect(reads).toEqual(['kubernetes']);
    expect(new Catalog(reader).sourcesUsed()).toEqual([]);
    new Catalog((name) => reader(name)).kubernetesRate('cpu');
    expect(reads).toEqual(['kubernetes', 'kubernetes']);
  });

  it('records only the price sources it used', () => {
    const fresh = new Catalog();
    fresh.ec2Hourly('us-east-1', 't3.medium');
    fresh.ec2Shape('t3.medium');
    expect(fresh.sourcesUsed().map((source) => source.file)).toEqual(['aws-ec2-ondemand.csv']);
  });
});
