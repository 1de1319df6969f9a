import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';
import type { PipelineFile } from '../model.js';
import { readCdkSynth } from './cdk-synth.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/cdk/${name}`, import.meta.url), 'utf8');
const head: PipelineFile = { kind: 'cdk-synth', side: 'head', path: 'cdk.out/Shop.template.json', text: fixture('head.template.json') };
const base: PipelineFile = { kind: 'cdk-synth', side: 'base', path: 'base/cdk.out/Shop.template.json', text: fixture('base.template.json') };

describe('readCdkSynth', () => {
  it('names each resource by its construct path and logical id, in its stack, at its line in the template, without CDK’s metadata resource', () => {
    const read = readCdkSynth([head]);
    expect(read.head.map((resource) => [resource.address, resource.scope, resource.file, resource.line])).toEqual([
      ['Shop/Database/Resource (DatabaseB269D8BB)', 'cdk:Shop', 'cdk.out/Shop.template.json', 3],
      ['Shop/Cache/Cluster (CacheCluster5C7E4E07)', 'cdk:Shop', 'cdk.out/Shop.template.json', 18],
    ]);
    expect(read.sources).toEqual([{ kind: 'cdk-synth', scope: 'cdk:Shop', file: 'cdk.out/Shop.template.json' }]);
  });

  it('says that without the base’s templates everything counts as added', () => {
    expect(readCdkSynth([head]).notices.map((notice) => notice.message)).toEqual([expect.stringMatching(/^no templates of the base were given \(cdk-synth-base\)/)]);
    expect(readCdkSynth([head, base]).notices).toEqual([]);
  });

  it('reports a file that is not a template', () => {
    expect(readCdkSynth([{ ...head, path: 'cdk.out/manifest.json', text: '{"version":"36.0.0","artifacts":{}}' }]).issues).toEqual([
      { file: 'cdk.out/manifest.json', side: 'head', message: 'not a CloudFormation template; give the *.template.json files `cdk synth` writes to cdk.out' },
    ]);
  });
});

describe('the gate on synthesised templates of both sides', () => {
  const report = runGate({ config: plainConfig(), changes: changeSet([{ path: 'lib/shop-stack.ts', status: 'modified', size: 300 }]), pipeline: [base, head] });

  it('pairs the two sides by construct and prices the difference', () => {
    expect(report.resources.map((resource) => [resource.address, resource.change])).toEqual([
      ['Shop/Cache/Cluster (CacheCluster5C7E4E07)', 'added'],
      ['Shop/Database/Resource (DatabaseB269D8BB)', 'changed'],
    ]);
    const database = report.cost.lines.find((line) => line.address === 'Shop/Database/Resource (DatabaseB269D8BB)');
    expect(database?.after).toBeGreaterThan(database?.before ?? Infinity);
    expect(report.cost.delta).toBeGreaterThan(0);
    expect(report.roots).toEqual([{ kind: 'cdk-synth', scope: 'cdk:Shop', file: 'cdk.out/Shop.template.json' }]);
  });
});
