import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import { diffResources } from '../../diff/diff.js';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { parseIac } from '../parse.js';
import { evaluateTerraformChange, rootsOf } from './change.js';

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

  it('passes remote-module notices to the report', () => {
    const files: ChangedFile[] = [{ path: 'main.tf', status: 'added', after: 'module "eks" {\n  source = "git::https://example.com/eks.git"\n}\n' }];
    const report = runGate({ config: plainConfig(), changes: changeSet(files) });
    expect(report.notices).toEqual([{ message: 'module.eks (source git::https://example.com/eks.git) is not analysed: remote modules are not fetched' }]);
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
