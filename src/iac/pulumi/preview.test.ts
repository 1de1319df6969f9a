import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceChanges } from '../../cost/price.js';
import { diffResources } from '../../diff/diff.js';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';
import type { Resource } from '../model.js';
import { isSensitive, isUnknown } from '../values.js';
import { isPulumiPreview, readPulumiPreview } from './preview.js';
import { stepLines } from './step-lines.js';

const FILE = 'previews/shop.json';
const text = readFileSync(new URL('../../../test/fixtures/pulumi/shop.preview.json', import.meta.url), 'utf8');
const preview = JSON.parse(text) as unknown;
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
const STACK = 'urn:pulumi:prod::shop::';

function find(resources: readonly Resource[], address: string): Resource {
  const found = resources.find((resource) => resource.address === address);
  if (!found) throw new Error(`no resource ${address} among ${resources.map((resource) => resource.address).join(', ')}`);
  return found;
}

/** A minimal preview of the given steps, the way `pulumi preview --json` prints it. */
function previewOf(steps: unknown[], extra: Record<string, unknown> = {}): { value: unknown; text: string } {
  const value = { steps, changeSummary: { create: steps.length }, ...extra };
  return { value, text: JSON.stringify(value, null, 4) };
}

function instanceStep(op: string, name: string, states: { oldState?: Record<string, unknown>; newState?: Record<string, unknown> }): Record<string, unknown> {
  const urn = `${STACK}aws:ec2/instance:Instance::${name}`;
  const state = (inputs: Record<string, unknown>) => ({ urn, custom: true, type: 'aws:ec2/instance:Instance', inputs, outputs: {} });
  return {
    op,
    urn,
    ...(states.oldState ? { oldState: state(states.oldState) } : {}),
    ...(states.newState ? { newState: state(states.newState) } : {}),
  };
}

describe('readPulumiPreview on a `pulumi preview --json` of a shop stack', () => {
  const result = readPulumiPreview(preview, FILE, text);

  it('puts each resource on the sides its op says, leaving out the stack, providers and reads', () => {
    expect(result.issues).toEqual([]);
    expect(result.base.map((resource) => resource.address)).toEqual([
      'aws:rds/instance:Instance::orders-db',
      'aws:ec2/instance:Instance::worker',
      'aws:ec2/natGateway:NatGateway::legacy-nat',
    ]);
    expect(result.head.map((resource) => resource.address)).toEqual([
      'aws:ec2/instance:Instance::api',
      'aws:rds/instance:Instance::orders-db',
      'aws:ec2/instance:Instance::worker',
      'apps/v1/Deployment/shop/web',
      'random:index/randomPassword:RandomPassword::session-key',
    ]);
  });

  it('reads a created EC2 instance as the aws_instance it wraps, at the line of its step', () => {
    const api = find(result.head, 'aws:ec2/instance:Instance::api');
    expect(api).toMatchObject({ kind: 'terraform', type: 'aws_instance', scope: 'shop/prod', file: FILE, line: 44, endLine: 110, region: 'us-east-1' });
    expect(api.meta).toEqual({ source: 'pulumi', actions: ['create'], replace: false, urn: `${STACK}aws:ec2/instance:Instance::api`, pulumiType: 'aws:ec2/instance:Instance', mapped: true });
    expect(api.attributes).toMatchObject({
      instance_type: 'm5.xlarge',
      root_block_device: [{ volume_size: 50, volume_type: 'gp3', encrypted: true }],
      ebs_block_device: [{ device_name: '/dev/sdf', volume_size: 100, volume_type: 'gp3' }],
      tags: { Name: 'api', costCenter: 'storefront' },
    });
    expect(api.attributes).not.toHaveProperty('__defaults');
    expect(api.attributes).not.toHaveProperty('ebs_block_devices');
  });

  it('turns values known only after the update into unknown markers, inputs and outputs alike', () => {
    const api = find(result.head, 'aws:ec2/instance:Instance::api');
    expect(isUnknown(api.attributes.arn)).toBe(true);
    expect(isUnknown(api.attributes.public_ip)).toBe(true);
    expect(isUnknown(api.attributes.subnet_id)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(UNKNOWN);
  });

  it('reads both sides of an RDS update of instanceClass, region from the default provider’s stack setting', () => {
    const before = find(result.base, 'aws:rds/instance:Instance::orders-db');
    const after = find(result.head, 'aws:rds/instance:Instance::orders-db');
    expect(before).toMatchObject({ type: 'aws_db_instance', line: 111, region: 'eu-west-1', attributes: { instance_class: 'db.r6g.large', multi_az: true, id: 'orders-db' } });
    expect(after).toMatchObject({ type: 'aws_db_instance', region: 'eu-west-1', attributes: { instance_class: 'db.r6g.xlarge' } });
    expect(after.meta).toMatchObject({ actions: ['update'], replace: false });
  });

  it('never copies a secret into the model', () => {
    expect(isSensitive(find(result.head, 'aws:rds/instance:Instance::orders-db').attributes.password)).toBe(true);
    expect(isSensitive(find(result.head, 'random:index/randomPassword:RandomPassword::session-key').attributes.result)).toBe(true);
    expect(JSON.stringify(result)).not.toContain('[secret]');
  });

  it('reads a replacement as one pair marked replace, and a deletion on the base side only', () => {
    expect(result.head.filter((resource) => resource.address === 'aws:ec2/instance:Instance::worker')).toHaveLength(1);
    const worker = find(result.head, 'aws:ec2/instance:Instance::worker');
    expect(worker.meta).toMatchObject({ actions: ['replace'], replace: true });
    expect(worker.attributes.ami).toBe('ami-05fa46471b02db0ce');
    expect(find(result.base, 'aws:ec2/instance:Instance::worker').attributes.ami).toBe('ami-0aa2b7722dc1b5612');
    expect(find(result.base, 'aws:ec2/natGateway:NatGateway::legacy-nat')).toMatchObject({ type: 'aws_nat_gateway', line: 265, meta: { actions: ['delete'] } });
  });

  it('reads a Kubernetes Deployment as the manifest it applies, addressed as a manifest file’s would be', () => {
    const web = find(result.head, 'apps/v1/Deployment/shop/web');
    expect(web).toMatchObject({ kind: 'kubernetes', type: 'Deployment', scope: 'shop/prod', line: 290, endLine: 351, labels: { 'app.kubernetes.io/name': 'web' } });
    expect(web.meta).toMatchObject({ apiVersion: 'apps/v1', namespace: 'shop', name: 'web', source: 'pulumi', actions: ['create'], pulumiType: 'kubernetes:apps/v1:Deployment' });
    expect(web.attributes).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 3 } });
  });

  it('maps the random provider’s types to the Terraform ones, which cost nothing', () => {
    const key = find(result.head, 'random:index/randomPassword:RandomPassword::session-key');
    expect(key).toMatchObject({ kind: 'terraform', type: 'random_password', meta: { mapped: true } });
    expect(key.attributes).toMatchObject({ length: 32, special: false });
  });

  it('keeps a type with no Terraform mapping under its Pulumi type, and says so', () => {
    const urn = `${STACK}azure-native:web:WebApp::site`;
    const { value, text: written } = previewOf([{ op: 'create', urn, newState: { urn, custom: true, type: 'azure-native:web:WebApp', inputs: { kind: 'app' }, outputs: {} } }]);
    const site = find(readPulumiPreview(value, FILE, written).head, 'azure-native:web:WebApp::site');
    expect(site).toMatchObject({ kind: 'terraform', type: 'azure-native:web:WebApp', attributes: { kind: 'app' }, meta: { mapped: false } });
  });

  it('prices the head EC2 instance from its flattened root block and renamed EBS list', () => {
    const cost = priceChanges(diffResources(result.base, result.head), { region: 'us-west-2', kubernetesRates: {} });
    const api = cost.lines.find((line) => line.address === 'aws:ec2/instance:Instance::api');
    // m5.xlarge 0.192 × 730 = 140.16, root gp3 0.08 × 50 = 4.00, EBS gp3 0.08 × 100 = 8.00, at the us-east-1 prices its provider names
    expect(api?.after).toBeCloseTo(152.16, 6);
    expect(cost.regions).toContain('us-east-1');
  });
});

describe('readPulumiPreview on other previews', () => {
  it('reads the three steps of `--show-replacement-steps` as one replaced pair', () => {
    const steps = [
      instanceStep('create-replacement', 'worker', { oldState: { instanceType: 't3.small' }, newState: { instanceType: 't3.large' } }),
      instanceStep('replace', 'worker', { oldState: { instanceType: 't3.small' }, newState: { instanceType: 't3.large' } }),
      instanceStep('delete-replaced', 'worker', { oldState: { instanceType: 't3.small' } }),
    ];
    const { value, text: written } = previewOf(steps);
    const result = readPulumiPreview(value, FILE, written);
    expect(result.base).toHaveLength(1);
    expect(result.head).toHaveLength(1);
    expect(result.head[0]?.meta).toMatchObject({ actions: ['create-replacement', 'replace', 'delete-replaced'], replace: true });
    expect(result.head[0]?.line).toBe(3);
    expect(result.base[0]?.attributes.instance_type).toBe('t3.small');
  });

  it('reads an explicit provider’s region, and no region when an explicit provider does not say', () => {
    const provider = { op: 'create', urn: `${STACK}pulumi:providers:aws::west`, newState: { type: 'pulumi:providers:aws', custom: true, inputs: { region: 'us-west-2' } } };
    const withProvider = (reference: string) => ({ ...instanceStep('create', 'a', { newState: { instanceType: 't3.micro' } }), provider: `${reference}::${UNKNOWN}` });
    const named = readPulumiPreview(previewOf([provider, withProvider(`${STACK}pulumi:providers:aws::west`)], { config: { 'aws:region': 'eu-west-1' } }).value, FILE);
    expect(named.head[0]?.region).toBe('us-west-2');
    const silent = readPulumiPreview(previewOf([withProvider(`${STACK}pulumi:providers:aws::elsewhere`)], { config: { 'aws:region': 'eu-west-1' } }).value, FILE);
    expect(silent.head[0]?.region).toBeUndefined();
  });

  it('masks a secret written as the engine’s signature object', () => {
    const secret = { '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270', plaintext: '"hunter2"' };
    const result = readPulumiPreview(previewOf([instanceStep('create', 'a', { newState: { userData: secret } })]).value, FILE);
    expect(isSensitive(result.head[0]?.attributes.user_data)).toBe(true);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('skips malformed steps with an issue at their line and reads the rest', () => {
    const good = instanceStep('create', 'a', { newState: { instanceType: 't3.micro' } });
    const { value, text: written } = previewOf([{ op: 'create' }, 'junk', { op: 'create', urn: 'arn:aws:ec2:instance/i-1' }, { ...good, newState: 'not a state' }, good]);
    const result = readPulumiPreview(value, FILE, written);
    expect(result.head.map((resource) => resource.address)).toEqual(['aws:ec2/instance:Instance::a']);
    expect(result.issues.map((issue) => [issue.message.split(' ')[0], issue.line])).toEqual([
      ['steps[0]', 3],
      ['steps[1]', 6],
      ['steps[2]', 7],
      ['steps[3]', 11],
    ]);
  });

  it('says when a step lacks the state its op promises, and when the preview reported errors', () => {
    const update = instanceStep('update', 'a', { newState: { instanceType: 't3.micro' } });
    const result = readPulumiPreview(previewOf([update], { diagnostics: [{ message: 'error: creating EC2 Instance: UnauthorizedOperation', severity: 'error' }] }).value, FILE);
    expect(result.head).toHaveLength(1);
    expect(result.issues.map((issue) => issue.message)).toEqual([
      expect.stringContaining('(update of a) has no oldState'),
      expect.stringContaining('reported 1 error;'),
    ]);
    expect(JSON.stringify(result.issues)).not.toContain('UnauthorizedOperation');
  });

  it('reads a preview with no steps as no resources', () => {
    expect(readPulumiPreview({ changeSummary: { same: 12 } }, FILE)).toEqual({ base: [], head: [], issues: [] });
  });

  it('never throws on malformed previews', () => {
    const anything = fc.anything({ maxDepth: 4 });
    const state = fc.oneof(anything, fc.record({ type: fc.constantFrom('aws:ec2/instance:Instance', 'kubernetes:core/v1:Service', 'pulumi:providers:aws', 'x'), custom: anything, id: anything, provider: anything, inputs: anything, outputs: anything }));
    const step = fc.record({
      op: fc.oneof(fc.constantFrom('create', 'update', 'delete', 'replace', 'create-replacement', 'delete-replaced', 'same', 'read', 'import', 'future-op'), anything),
      urn: fc.oneof(fc.constantFrom(`${STACK}aws:ec2/instance:Instance::a`, `${STACK}pulumi:providers:aws::p`, 'urn:pulumi:a::b::c', 'urn:pulumi:::::'), fc.string(), anything),
      provider: fc.oneof(fc.constant(`${STACK}pulumi:providers:aws::p::${UNKNOWN}`), anything),
      oldState: state,
      newState: state,
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(step, anything), { maxLength: 6 }), anything, anything, (steps, config, diagnostics) => {
        const value = { steps, changeSummary: {}, config, diagnostics };
        readPulumiPreview(value, FILE, JSON.stringify(value, null, 4));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        readPulumiPreview(value, FILE, JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });
});

describe('isPulumiPreview', () => {
  it.each<[string, unknown, boolean]>([
    ['a preview', preview, true],
    ['a preview with no changes (no steps key)', { changeSummary: { same: 4 }, duration: 1200 }, true],
    ['a Terraform plan', { format_version: '1.2', resource_changes: [] }, false],
    ['a Kubernetes manifest', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }, false],
    ['another tool’s steps', { steps: [{ name: 'build', run: 'make' }] }, false],
    ['steps that are not a list', { steps: 'create', changeSummary: { create: 1 } }, false],
    ['not an object', [{ urn: `${STACK}a:b:C::d` }], false],
  ])('%s → %s', (_name, value, expected) => {
    expect(isPulumiPreview(value)).toBe(expected);
  });

  it('turns a non-preview into one issue, not resources', () => {
    expect(readPulumiPreview({ apiVersion: 'v1', kind: 'Service' }, FILE).issues).toEqual([{ file: FILE, side: 'head', message: expect.stringContaining('not a Pulumi preview') }]);
  });
});

describe('stepLines', () => {
  it('finds each entry of the top-level steps array, whatever it holds', () => {
    const written = ['{', '  "config": {"steps": [1]},', '  "steps": [', '    {"op": "a", "s": "]\\"{"},', '    7, "x",', '    {', '      "nested": [{}]', '    }', '  ]', '}'].join('\n');
    expect(stepLines(written)).toEqual([
      { line: 4, endLine: 4 },
      { line: 5, endLine: 5 },
      { line: 5, endLine: 5 },
      { line: 6, endLine: 8 },
    ]);
  });

  it('reads the fixture’s eight steps at their lines', () => {
    expect(stepLines(text).map((span) => span.line)).toEqual([7, 26, 44, 111, 199, 265, 290, 352]);
  });
});

describe('the gate on a Pulumi preview an earlier step wrote', () => {
  const report = runGate({ config: plainConfig(), changes: changeSet([{ path: 'index.ts', status: 'modified', size: 900 }]), pipeline: [{ kind: 'pulumi-preview', path: 'preview.json', text }] });

  it('diffs, prices and judges the stack from the preview, and says where it came from', () => {
    expect(report.roots).toEqual([{ kind: 'pulumi-preview', scope: 'shop/prod', file: 'preview.json' }]);
    const change = (name: string) => report.resources.find((resource) => resource.address.endsWith(`::${name}`));
    expect(change('api')).toMatchObject({ change: 'added', actions: ['create'], file: 'preview.json' });
    expect(change('worker')).toMatchObject({ change: 'replaced', actions: ['replace'] });
    expect(change('legacy-nat')).toMatchObject({ change: 'removed' });
    expect(report.cost.lines.map((line) => line.address)).toContain('aws:ec2/instance:Instance::api');
    // Reached the database pricer as the Terraform type it wraps (the snapshot has no eu-west-1 storage price); the random password costs nothing.
    expect(report.cost.unpriced.map((item) => [item.address, item.type])).toEqual(expect.arrayContaining([['aws:rds/instance:Instance::orders-db', 'aws_db_instance']]));
    expect(report.cost.unpriced.map((item) => item.address)).not.toContain('random:index/randomPassword:RandomPassword::session-key');
    // The Deployment is judged as a manifest: the deployment rules see it.
    expect(report.findings.some((finding) => finding.category === 'deploy' && finding.resource?.includes('Deployment'))).toBe(true);
  });
});
