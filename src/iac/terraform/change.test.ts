import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import { diffResources } from '../../diff/diff.js';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { parseIac } from '../parse.js';
import type { Resource } from '../model.js';
import { evaluateTerraformChange, preferPlan, rootsOf } from './change.js';

const variables = 'variable "size" {\n  default = "t3.micro"\n}\n';
const main = (type: string, count: number): string =>
  `resource "aws_instance" "web" {\n  count         = ${count}\n  instance_type = ${type}\n}\n\nmodule "db" {\n  source = "../modules/db"\n}\n`;
const moduleFile = 'resource "aws_db_instance" "main" {\n  instance_class = "db.t3.micro"\n}\n';

const context = [
  { path: 'live/variables.tf', text: variables },
  { path: 'modules/db/main.tf', text: moduleFile },
];

describe('Terraform through the gate', () => {
  it('pairs base and head of a root: a changed instance_type is `changed`, count 2 → 3 adds one', () => {
    const changes = {
      ...changeSet([{ path: 'live/main.tf', status: 'modified', before: main('var.size', 2), after: main('"m5.large"', 3) } satisfies ChangedFile]),
      context,
    };
    const report = runGate({ config: plainConfig(), changes });
    const iac = parseIac(changes.files, { context });
    expect(iac.head.map((r) => r.address)).toEqual(['aws_instance.web[0]', 'aws_instance.web[1]', 'aws_instance.web[2]', 'module.db.aws_db_instance.main']);
    expect(report.resources.map((r) => [r.address, r.change, r.line])).toEqual([
      ['aws_instance.web[0]', 'changed', 1],
      ['aws_instance.web[1]', 'changed', 1],
      ['aws_instance.web[2]', 'added', 1],
    ]);
  });

  it('reports which attributes changed', () => {
    const files: ChangedFile[] = [{ path: 'live/main.tf', status: 'modified', before: main('var.size', 1), after: main('"m5.large"', 1) }];
    const { base, head } = parseIac(files, { context });
    expect(base[0]?.attributes.instance_type).toBe('t3.micro');
    expect(head[0]?.attributes.instance_type).toBe('m5.large');
    expect(head[0]?.attributeLines?.instance_type).toBe(3);
    expect(diffResources(base, head).find((change) => change.address === 'aws_instance.web[0]')?.changedAttributes).toEqual(['instance_type']);
  });

  it('evaluates a changed module through the roots that call it', () => {
    const files: ChangedFile[] = [{ path: 'modules/db/main.tf', status: 'modified', before: moduleFile, after: moduleFile.replace('db.t3.micro', 'db.r6g.large') }];
    const result = evaluateTerraformChange(files, { context: [{ path: 'live/main.tf', text: main('var.size', 1) }, context[0] as { path: string; text: string }] });
    expect(result.head.find((r) => r.type === 'aws_db_instance')).toMatchObject({ address: 'module.db.aws_db_instance.main', attributes: { instance_class: 'db.r6g.large' } });
    expect(result.base.find((r) => r.type === 'aws_db_instance')?.attributes.instance_class).toBe('db.t3.micro');
  });

  it('lets a plan in the change win for the same address, keeping the HCL lines', () => {
    const plan = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        { address: 'aws_instance.web[0]', mode: 'managed', type: 'aws_instance', name: 'web', index: 0, change: { actions: ['update'], before: { instance_type: 't3.micro' }, after: { instance_type: 'm5.2xlarge' } } },
      ],
    });
    const files: ChangedFile[] = [
      { path: 'live/main.tf', status: 'modified', before: main('var.size', 1), after: main('"m5.large"', 1) },
      { path: 'live/plan.json', status: 'added', after: plan },
    ];
    const { head } = parseIac(files, { context });
    const web = head.filter((r) => r.address === 'aws_instance.web[0]');
    expect(web).toHaveLength(1);
    expect(web[0]).toMatchObject({ file: 'live/main.tf', line: 1, attributes: { instance_type: 'm5.2xlarge' }, meta: { source: 'plan', planFile: 'live/plan.json' } });
    expect(web[0]?.attributeLines?.instance_type).toBe(3);
  });

  it('keeps the HCL lifecycle on a resource the plan replaces, and finds a moved resource by its previous address', () => {
    const bucket = (name: string): string => `resource "aws_s3_bucket" "${name}" {\n  bucket = "acme"\n\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n`;
    const plan = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        { address: 'aws_s3_bucket.archive', previous_address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', name: 'archive', change: { actions: ['no-op'], before: { bucket: 'acme' }, after: { bucket: 'acme' } } },
      ],
    });
    const files: ChangedFile[] = [
      { path: 'live/main.tf', status: 'modified', before: bucket('logs'), after: `${bucket('archive')}moved {\n  from = aws_s3_bucket.logs\n  to   = aws_s3_bucket.archive\n}\n` },
      { path: 'live/plan.json', status: 'added', after: plan },
    ];
    const { base, head, moves } = parseIac(files);
    for (const side of [base, head]) {
      expect(side).toHaveLength(1);
      expect(side[0]).toMatchObject({ address: 'aws_s3_bucket.archive', scope: 'live', file: 'live/main.tf', line: 1, meta: { source: 'plan', lifecycle: { prevent_destroy: true } } });
    }
    expect(moves).toEqual([{ scope: 'live', from: 'aws_s3_bucket.logs', to: 'aws_s3_bucket.archive' }]);
  });

  it('pairs a resource a moved block renamed, HCL only', () => {
    const files: ChangedFile[] = [
      { path: 'live/main.tf', status: 'modified', before: 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n', after: 'resource "aws_sqs_queue" "work" {\n  name = "jobs"\n}\nmoved {\n  from = aws_sqs_queue.jobs\n  to   = aws_sqs_queue.work\n}\n' },
    ];
    const { base, head, moves } = parseIac(files);
    expect(diffResources(base, head, moves).map((r) => [r.address, r.change, r.previousAddress])).toEqual([['aws_sqs_queue.work', 'unchanged', 'aws_sqs_queue.jobs']]);
    expect(runGate({ config: plainConfig(), changes: changeSet(files) }).resources).toEqual([]);
  });

  it('passes remote-module notices to the report', () => {
    const files: ChangedFile[] = [{ path: 'main.tf', status: 'added', after: 'module "eks" {\n  source = "git::https://example.com/eks.git"\n}\n' }];
    const report = runGate({ config: plainConfig(), changes: changeSet(files) });
    expect(report.notices).toEqual([{ kind: 'remote-module', file: 'main.tf', line: 1, message: 'module.eks (source git::https://example.com/eks.git) is not analysed: remote modules are not fetched' }]);
  });

  it('reads a reference rewritten through a splat as the same value, in a root and in a module it calls', () => {
    const network = (routeTable: string): string =>
      [
        'variable "multiple" {\n  default = false\n}',
        'resource "aws_subnet" "public" {\n  count      = 3\n  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)\n}',
        'resource "aws_route_table" "public" {\n  count = var.multiple ? 3 : 1\n}',
        `resource "aws_route_table_association" "public" {\n  count          = 3\n  subnet_id      = element(aws_subnet.public[*].id, count.index)\n  route_table_id = ${routeTable}\n}`,
      ].join('\n');
    const files: ChangedFile[] = [
      { path: 'modules/network/main.tf', status: 'modified', before: network('aws_route_table.public[0].id'), after: network('element(aws_route_table.public[*].id, var.multiple ? count.index : 0)') },
    ];
    const context = [{ path: 'live/main.tf', text: 'module "network" {\n  source = "../modules/network"\n}\n' }];
    const { base, head } = parseIac(files, { context });
    const associations = head.filter((resource) => resource.type === 'aws_route_table_association');
    expect(associations.map((resource) => resource.attributes)).toEqual([0, 1, 2].map((index) => ({ subnet_id: { __unknown: `aws_subnet.public[${index}].id` }, route_table_id: { __unknown: 'aws_route_table.public[0].id' } })));
    expect(diffResources(base, head).filter((change) => change.change !== 'unchanged')).toEqual([]);
  });

  it('reads the first element of a splat over instances of unknown count as the first instance', () => {
    const routes = (routeTable: string): string =>
      `data "aws_availability_zones" "a" {}\nresource "aws_route_table" "public" {\n  count = length(data.aws_availability_zones.a.names)\n}\nresource "aws_route_table_association" "public" {\n  count          = length(data.aws_availability_zones.a.names)\n  route_table_id = ${routeTable}\n}\n`;
    const association = (routeTable: string) => parseIac([{ path: 'net/main.tf', status: 'added', after: routes(routeTable) }]).head.find((resource) => resource.type === 'aws_route_table_association')?.attributes;
    expect(association('element(aws_route_table.public[*].id, 0)')).toEqual({ route_table_id: { __unknown: 'aws_route_table.public[0].id' } });
    expect(association('aws_route_table.public[0].id')).toEqual({ route_table_id: { __unknown: 'aws_route_table.public[0].id' } });
    // Another index wraps around a length known only at apply.
    expect(association('element(aws_route_table.public[*].id, 1)')).toEqual({ route_table_id: { __unknown: 'element(…) of aws_route_table.public[*].id' } });
  });

  it('does not report a database destroyed when its count becomes known only at apply', () => {
    const database = (count: string): string =>
      `resource "aws_db_instance" "main" {\n  count                   = ${count}\n  engine                  = "postgres"\n  instance_class          = "db.t4g.large"\n  allocated_storage       = 20\n  multi_az                = true\n  deletion_protection     = true\n  backup_retention_period = 7\n}\n`;
    const files: ChangedFile[] = [
      { path: 'db/main.tf', status: 'modified', before: database('2'), after: `data "aws_availability_zones" "available" {}\n${database('length(data.aws_availability_zones.available.names)')}` },
    ];
    const report = runGate({ config: plainConfig(), changes: changeSet(files) });
    expect(report.findings.filter((finding) => finding.status === 'new').map((finding) => finding.ruleId)).toEqual([]);
    expect(report.verdict).toBe('pass');
    expect(report.resources.map((resource) => [resource.address, resource.change])).toEqual([['data.aws_availability_zones.available', 'added']]);
    expect(report.cost.delta).toBe(0);
    expect(report.notices.map((notice) => notice.message)).toContain('count of aws_db_instance.main is not known before apply (length(…) of data.aws_availability_zones.available.names)');
  });

  it('never throws out of parseIac, whatever the Terraform text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: fc.constantFrom('resource "a_b" "c" {', '}', 'count = ', 'for_each = ', '${', 'var.x', 'local.y', 'locals {', 'module "m" {', 'source = "./"', '\n', ' ? ', '[for x in', ']', '"', 'dynamic "d" {', 'content {') }), (noise, hcl) => {
        const files: ChangedFile[] = [
          { path: 'r/a.tf', status: 'modified', before: noise, after: hcl },
          { path: 'r/b.tf.json', status: 'added', after: noise },
          { path: 'r/terraform.tfvars', status: 'added', after: hcl },
        ];
        const result = parseIac(files);
        expect(Array.isArray(result.head)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('preferPlan', () => {
  const hcl = (address: string, scope: string): Resource => ({ kind: 'terraform', type: 'aws_eip', address, scope, attributes: {}, file: `${scope}/main.tf`, line: 3, endLine: 4, meta: { source: 'hcl', lifecycle: { create_before_destroy: true } } });
  const planned = (address: string, scope: string): Resource => ({ kind: 'terraform', type: 'aws_eip', address, scope, attributes: { domain: 'vpc' }, file: `${scope}/plan.json`, line: 1, endLine: 1, meta: { source: 'plan' } });

  it('takes the twin in the plan scope, or the only one with the address when the plan lies elsewhere', () => {
    const merged = preferPlan([hcl('aws_eip.a', 'prod'), hcl('aws_eip.a', 'dev'), hcl('aws_eip.b', 'dev')], [planned('aws_eip.a', 'prod'), planned('aws_eip.b', '.')]);
    expect(merged.map((r) => [r.scope, r.address, r.file, r.meta.source, r.meta.lifecycle])).toEqual([
      ['dev', 'aws_eip.a', 'dev/main.tf', 'hcl', { create_before_destroy: true }],
      ['prod', 'aws_eip.a', 'prod/main.tf', 'plan', { create_before_destroy: true }],
      ['dev', 'aws_eip.b', 'dev/main.tf', 'plan', { create_before_destroy: true }],
    ]);
  });

  it('leaves an ambiguous plan resource on its own rather than guess its root', () => {
    const merged = preferPlan([hcl('aws_eip.a', 'prod'), hcl('aws_eip.a', 'dev')], [planned('aws_eip.a', '.')]);
    expect(merged.map((r) => [r.scope, r.meta.source])).toEqual([
      ['prod', 'hcl'],
      ['dev', 'hcl'],
      ['.', 'plan'],
    ]);
  });
});

describe('rootsOf', () => {
  it('replaces a called module with its top callers and keeps other directories', () => {
    const callers = new Map([
      ['modules/db', new Set(['live/prod', 'live/dev'])],
      ['modules/db/sub', new Set(['modules/db'])],
    ]);
    expect(rootsOf(['modules/db/sub', 'standalone'], callers)).toEqual(['live/dev', 'live/prod', 'standalone']);
    expect(rootsOf(['a'], new Map([['a', new Set(['b'])], ['b', new Set(['a'])]]))).toEqual(['a']);
  });
});
