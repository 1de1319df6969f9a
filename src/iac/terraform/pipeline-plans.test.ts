import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import { parseIac } from '../parse.js';
import type { PipelineFile, Resource } from '../model.js';

const fixture = (path: string) => readFileSync(new URL(`../../../test/fixtures/terraform/plan/${path}`, import.meta.url), 'utf8');
/** The AWS plan fixture (`terraform show -json` shape) as an earlier workflow step would leave it. */
const planText = fixture('aws-shop.plan.json');
const prettyPlan = `${JSON.stringify(JSON.parse(planText), null, 2)}\n`;
/** The root it was made from, at both commits: the base also has the Elastic IP the plan deletes. */
const HEAD = fixture('shop-root/head/main.tf');
const BASE = fixture('shop-root/base/main.tf');

const change = (head = HEAD): ChangedFile[] => [{ path: 'shop/main.tf', status: 'modified', before: BASE, after: head }];
const plan = (path: string, text = planText): PipelineFile => ({ kind: 'terraform-plan', path, text });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
const byAddress = (resources: readonly Resource[], address: string) => resources.find((resource) => resource.address === address);

describe('parseIac with a plan an earlier step wrote', () => {
  const result = parseIac(change(), { pipeline: [plan('plans/shop.json')] });

  it('takes the root the plan describes from the plan, on both sides, scoped to the root its blocks match', () => {
    expect(result.head.every((resource) => resource.meta.source === 'plan' && resource.scope === 'shop')).toBe(true);
    expect(result.head.map((resource) => resource.address).sort()).toEqual(['aws_db_instance.main', 'aws_instance.api[0]', 'aws_instance.api[1]', 'aws_launch_template.workers', 'aws_s3_bucket.logs', 'data.aws_ami.ubuntu', 'module.vpc.aws_nat_gateway.this[0]']);
    expect(result.base.map((resource) => resource.address)).toContain('aws_eip.legacy');
    expect(result.sources).toEqual([{ kind: 'terraform-plan', scope: 'shop', file: 'plans/shop.json' }]);
  });

  it('shows each planned resource at its block in the checkout, a remote module’s at its module block', () => {
    expect(byAddress(result.head, 'aws_instance.api[1]')).toMatchObject({ file: 'shop/main.tf', line: lineOf(HEAD, 'resource "aws_instance" "api"') });
    expect(byAddress(result.head, 'module.vpc.aws_nat_gateway.this[0]')).toMatchObject({ file: 'shop/main.tf', line: lineOf(HEAD, 'module "vpc"'), meta: expect.objectContaining({ planFile: 'plans/shop.json' }) });
    expect(byAddress(result.base, 'aws_eip.legacy')).toMatchObject({ file: 'shop/main.tf', line: lineOf(BASE, 'resource "aws_eip" "legacy"') });
  });

  it('drops what the source could not know and the plan does: the remote module and the unknown count', () => {
    expect(result.notices).toEqual([]);
    expect(parseIac(change()).notices.map((notice) => notice.kind).sort()).toEqual(['remote-module', 'unknown-expansion']);
  });

  it('says when the plan was made from another configuration than the head’s', () => {
    const stale = parseIac(change(`${HEAD}\nresource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n`), { pipeline: [plan('shop/plan.json')] });
    expect(stale.notices.map((notice) => notice.message)).toEqual([
      "the plan shop/plan.json was not made from this pull request's head: shop declares aws_sqs_queue.jobs, which the plan does not. Its figures may be stale; run terraform plan on the head commit in the same workflow.",
    ]);
  });

  it('keeps a plan that matches no root this change touches under its own directory, and says so', () => {
    const other = parseIac([{ path: 'network/main.tf', status: 'added', after: 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n' }], { pipeline: [plan('plans/shop.json')] });
    expect(other.head.filter((resource) => resource.meta.source === 'plan').every((resource) => resource.scope === 'plans')).toBe(true);
    expect(other.sources).toEqual([{ kind: 'terraform-source', scope: 'network' }, { kind: 'terraform-plan', scope: 'plans', file: 'plans/shop.json' }]);
    expect(other.notices.map((notice) => notice.message)).toEqual([expect.stringMatching(/^the plan plans\/shop\.json matches none of the Terraform roots this change touches \(network\)/)]);
  });

  it('points a resource no source knows at its entry in a pretty-printed plan', () => {
    const alone = parseIac([], { pipeline: [plan('plans/shop.json', prettyPlan)] });
    const nat = byAddress(alone.head, 'module.vpc.aws_nat_gateway.this[0]');
    expect(nat?.file).toBe('plans/shop.json');
    expect(prettyPlan.split('\n')[(nat?.line ?? 0) - 1]).toContain('"address": "module.vpc.aws_nat_gateway.this[0]"');
  });

  it('reports a file that is not a plan, instead of skipping it', () => {
    expect(parseIac([], { pipeline: [plan('plan.out', 'TFPLAN\u0000binary')] }).parseIssues).toEqual([
      { file: 'plan.out', side: 'head', message: 'the Terraform plan is not valid JSON; give the output of `terraform show -json plan.out`, not the binary plan' },
    ]);
    expect(parseIac([], { pipeline: [plan('state.json', '{"version":4,"resources":[]}')] }).parseIssues[0]?.message).toMatch(/^not a Terraform plan/);
  });
});
