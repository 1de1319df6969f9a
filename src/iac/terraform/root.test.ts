import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../model.js';
import type { TerraformFile } from './configuration.js';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { evaluateTerraformRoot } from './root.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/terraform');

function readTree(directory: string, files: TerraformFile[] = []): TerraformFile[] {
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) readTree(path, files);
    else files.push({ path: relative(FIXTURES, path), text: readFileSync(path, 'utf8') });
  }
  return files;
}

function byAddress(resources: Resource[], address: string): Resource {
  const found = resources.find((resource) => resource.address === address);
  if (!found) throw new Error(`no ${address} in ${resources.map((r) => r.address).join(', ')}`);
  return found;
}

const shop = readTree(join(FIXTURES, 'shop'));
const evaluated = evaluateTerraformRoot({ directory: 'shop', files: shop, region: 'eu-west-1' });

describe('evaluateTerraformRoot on a root with a local module', () => {
  it('expands count, for_each, data sources and module resources into addresses with lines', () => {
    expect(evaluated.resources.map((r) => [r.address, r.file, r.line, r.endLine])).toEqual([
      ['data.aws_ami.ubuntu', 'shop/main.tf', 1, 4],
      ['aws_instance.web[0]', 'shop/main.tf', 6, 17],
      ['aws_instance.web[1]', 'shop/main.tf', 6, 17],
      ['aws_security_group.web', 'shop/main.tf', 19, 31],
      ['aws_sqs_queue.jobs["orders"]', 'shop/main.tf', 33, 37],
      ['aws_sqs_queue.jobs["payments"]', 'shop/main.tf', 33, 37],
      ['aws_s3_bucket.backups', 'shop/main.tf', 39, 42],
      ['aws_db_instance.main', 'shop/main.tf', 44, 49],
      ['module.api.aws_launch_template.this', 'shop/modules/app/main.tf', 1, 5],
      ['module.api.aws_autoscaling_group.this', 'shop/modules/app/main.tf', 7, 17],
    ]);
    expect(evaluated.issues).toEqual([]);
  });

  it('applies terraform.tfvars over defaults, resolves locals in any order and keeps nested blocks as lists', () => {
    const web = byAddress(evaluated.resources, 'aws_instance.web[1]');
    expect(web.attributes).toEqual({
      ami: { __unknown: 'data.aws_ami.ubuntu.id' },
      instance_type: 'm5.large',
      root_block_device: [{ volume_size: 100, volume_type: 'gp3' }],
      tags: { Team: 'shop', Managed: 'terraform', Environment: 'prod', Name: 'shop-prod-web-1' },
    });
    expect(web.count).toBe(2);
    expect(web.meta).toEqual({ source: 'hcl', mode: 'managed', index: 1 });
    expect(web.attributeLines).toMatchObject({ instance_type: 9, 'root_block_device.0': 11, 'root_block_device.0.volume_size': 12, tags: 16 });
  });

  it('expands dynamic blocks with their content lines', () => {
    const group = byAddress(evaluated.resources, 'aws_security_group.web');
    expect(group.attributes.ingress).toEqual([
      { from_port: 80, to_port: 80, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] },
      { from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] },
    ]);
    expect(group.attributeLines?.['ingress.1.from_port']).toBe(25);
  });

  it('reads for_each over a map built by a for expression, with each.value', () => {
    expect(byAddress(evaluated.resources, 'aws_sqs_queue.jobs["payments"]').attributes.name).toBe('SHOP-PROD-PAYMENTS');
    expect(byAddress(evaluated.resources, 'aws_sqs_queue.jobs["orders"]').meta.index).toBe('orders');
  });

  it('takes the region from the default or the aliased provider, and the configured region when a module names none', () => {
    expect(byAddress(evaluated.resources, 'aws_instance.web[0]').region).toBe('us-east-1');
    expect(byAddress(evaluated.resources, 'aws_s3_bucket.backups').region).toBe('us-west-2');
    expect(byAddress(evaluated.resources, 'module.api.aws_launch_template.this').region).toBe('us-east-1');
    expect(byAddress(evaluated.resources, 'aws_s3_bucket.backups').provider).toBe('aws');
  });

  it('passes module inputs as variables and keeps data sources with their mode', () => {
    const group = byAddress(evaluated.resources, 'module.api.aws_autoscaling_group.this');
    expect(group.module).toBe('module.api');
    expect(group.attributes).toMatchObject({ name: 'shop-prod-api', min_size: 2, max_size: 4, launch_template: [{ version: '$Latest' }] });
    expect(group.attributeLines?.['launch_template.0.version']).toBe(15);
    expect(byAddress(evaluated.resources, 'data.aws_ami.ubuntu').meta.mode).toBe('data');
  });

  it('never copies a sensitive value and decides conditionals on known values', () => {
    const database = byAddress(evaluated.resources, 'aws_db_instance.main');
    expect(database.attributes.password).toEqual({ __sensitive: true });
    expect(JSON.stringify(evaluated)).not.toContain('db_password =');
    expect(database.attributes.instance_class).toBe('db.m5.large');
  });

  it('lists a remote module as a notice, not an error', () => {
    expect(evaluated.notices).toEqual([{ kind: 'remote-module', file: 'shop/main.tf', line: 59, message: 'module.vpc (source terraform-aws-modules/vpc/aws) is not analysed: remote modules are not fetched' }]);
  });
});

function root(files: Record<string, string>, options: { varFiles?: TerraformFile[]; region?: string } = {}): ReturnType<typeof evaluateTerraformRoot> {
  return evaluateTerraformRoot({ directory: 'infra', files: Object.entries(files).map(([path, text]) => ({ path: `infra/${path}`, text })), ...options });
}

describe('evaluateTerraformRoot edge cases', () => {
  it('takes a google provider\'s region from its zone when it sets only a zone, and its region over its zone', () => {
    const instance = 'resource "google_compute_instance" "api" {\n  machine_type = "n2-standard-2"\n}\n';
    const zoneOnly = root({ 'main.tf': `provider "google" {\n  project = "shop"\n  zone    = "europe-west1-b"\n}\n${instance}` });
    expect(zoneOnly.resources[0]?.region).toBe('europe-west1');
    const both = root({ 'main.tf': `provider "google" {\n  region = "us-central1"\n  zone   = "europe-west1-b"\n}\n${instance}` });
    expect(both.resources[0]?.region).toBe('us-central1');
  });

  it('reports a cycle between locals once and leaves the values unknown', () => {
    const result = root({ 'main.tf': 'locals {\n  a = local.b\n  b = "${local.a}-x"\n}\nresource "aws_instance" "x" {\n  instance_type = local.a\n}\n' });
    expect(result.issues.map((issue) => [issue.file, issue.message])).toEqual([['infra/main.tf', 'local values refer to each other in a cycle: local.a → local.b → local.a']]);
    expect(result.resources[0]?.attributes.instance_type).toMatchObject({ __unknown: expect.any(String) });
  });

  it('leaves unknown what needs apply-time values, with alternatives for an undecidable conditional', () => {
    const result = root({
      'main.tf': [
        'variable "big" { type = bool }',
        'resource "aws_instance" "x" {',
        '  instance_type = var.big ? "m5.large" : "t3.micro"',
        '  subnet_id     = aws_subnet.a.id',
        '  user_data     = file("init.sh")',
        '}',
      ].join('\n'),
    });
    expect(result.resources[0]?.attributes).toEqual({
      instance_type: { __unknown: 'var.big (no value given) ? … : …', alternatives: ['m5.large', 't3.micro'] },
      subnet_id: { __unknown: 'aws_subnet.a.id' },
      user_data: { __unknown: 'file(…) is not evaluated by tollgate' },
    });
  });

  it('expands for_each over another resource into its instances, and names the instance count.index picks', () => {
    const result = root({
      'main.tf': [
        'resource "azurerm_service_plan" "plan" {',
        '  for_each = toset(["EP1", "EP2"])',
        '  name     = "plan-${each.key}"',
        '  sku_name = each.key',
        '}',
        'resource "azurerm_linux_function_app" "app" {',
        '  for_each        = { for plan in azurerm_service_plan.plan : plan.name => plan }',
        '  name            = "app-${each.value.sku_name}"',
        '  service_plan_id = each.value.id',
        '}',
        'resource "aws_subnet" "private" {',
        '  count = 2',
        '}',
        'resource "aws_instance" "per_subnet" {',
        '  count     = length(aws_subnet.private)',
        '  subnet_id = aws_subnet.private[count.index].id',
        '}',
      ].join('\n'),
    });
    const apps = result.resources.filter((resource) => resource.type === 'azurerm_linux_function_app');
    expect(apps.map((app) => [app.address, app.attributes])).toEqual([
      ['azurerm_linux_function_app.app["plan-EP1"]', { name: 'app-EP1', service_plan_id: { __unknown: 'azurerm_service_plan.plan["EP1"].id' } }],
      ['azurerm_linux_function_app.app["plan-EP2"]', { name: 'app-EP2', service_plan_id: { __unknown: 'azurerm_service_plan.plan["EP2"].id' } }],
    ]);
    const instances = result.resources.filter((resource) => resource.type === 'aws_instance');
    expect(instances.map((instance) => [instance.address, instance.attributes['subnet_id']])).toEqual([
      ['aws_instance.per_subnet[0]', { __unknown: 'aws_subnet.private[0].id' }],
      ['aws_instance.per_subnet[1]', { __unknown: 'aws_subnet.private[1].id' }],
    ]);
    expect(result.notices).toEqual([]);
  });

  it('keeps a reference outside count and for_each an unknown naming the resource, and a for_each over itself unknown', () => {
    const result = root({
      'main.tf': [
        'resource "azurerm_resource_group" "main" {',
        '  name     = "shop"',
        '  location = "westeurope"',
        '}',
        'resource "azurerm_dns_zone" "zone" {',
        '  resource_group_name = azurerm_resource_group.main.name',
        '}',
        'resource "aws_sqs_queue" "loop" {',
        '  for_each = { for queue in aws_sqs_queue.loop : queue.name => queue }',
        '}',
      ].join('\n'),
    });
    expect(result.resources.find((resource) => resource.type === 'azurerm_dns_zone')?.attributes).toEqual({ resource_group_name: { __unknown: 'azurerm_resource_group.main.name' } });
    expect(result.resources.find((resource) => resource.type === 'aws_sqs_queue')?.meta.instancesUnknown).toMatch(/^for_each of aws_sqs_queue.loop is not known before apply/);
  });

  it('turns an unknown count into one resource marked as such, and count = 0 into none', () => {
    const result = root({
      'main.tf': 'variable "n" {}\nresource "aws_instance" "some" {\n  count = var.n\n}\nresource "aws_instance" "none" {\n  count = 0\n}\n',
    });
    expect(result.resources.map((r) => [r.address, r.meta.instancesUnknown])).toEqual([['aws_instance.some', 'count of aws_instance.some is not known before apply (var.n (no value given))']]);
    expect(result.notices).toEqual([{ kind: 'unknown-expansion', file: 'infra/main.tf', line: 2, message: 'count of aws_instance.some is not known before apply (var.n (no value given))' }]);
  });

  it('expands a count whose guard a known false or true decides, though its other operand is known only after apply', () => {
    const result = root({
      'network.tf': [
        'data "aws_availability_zones" "available" {}',
        'variable "enable_ipv6" {',
        '  default = false',
        '}',
        'variable "single_nat_gateway" {',
        '  default = true',
        '}',
        'resource "aws_egress_only_internet_gateway" "egress" {',
        '  count = var.enable_ipv6 && length(data.aws_availability_zones.available.names) > 0 ? 1 : 0',
        '}',
        'resource "aws_nat_gateway" "nat" {',
        '  count = var.single_nat_gateway || length(data.aws_availability_zones.available.names) == 1 ? 1 : 2',
        '}',
      ].join('\n'),
    });
    expect(result.resources.filter((r) => r.meta.mode === 'managed').map((r) => r.address)).toEqual(['aws_nat_gateway.nat[0]']);
    expect(result.notices).toEqual([]);
  });

  it('counts subnets and NAT gateways from a slice of the availability zones, which a data source lists only at plan time', () => {
    const result = root({
      'main.tf': [
        'data "aws_availability_zones" "available" {',
        '  state = "available"',
        '}',
        'locals {',
        '  azs             = slice(data.aws_availability_zones.available.names, 0, 2)',
        '  private_subnets = [for index, zone in local.azs : "10.20.${index}.0/24"]',
        '}',
        'resource "aws_subnet" "private" {',
        '  count             = length(local.private_subnets)',
        '  vpc_id            = "vpc-0a1b2c3d"',
        '  cidr_block        = local.private_subnets[count.index]',
        '  availability_zone = local.azs[count.index]',
        '}',
        'resource "aws_nat_gateway" "zonal" {',
        '  count     = length(local.azs)',
        '  subnet_id = aws_subnet.private[count.index].id',
        '}',
      ].join('\n'),
    });
    expect(result.resources.filter((r) => r.meta.mode === 'managed').map((r) => [r.address, r.attributes.cidr_block])).toEqual([
      ['aws_subnet.private[0]', '10.20.0.0/24'],
      ['aws_subnet.private[1]', '10.20.1.0/24'],
      ['aws_nat_gateway.zonal[0]', undefined],
      ['aws_nat_gateway.zonal[1]', undefined],
    ]);
    expect(result.resources[1]?.attributes.availability_zone).toEqual({ __unknown: 'data.aws_availability_zones.available.names[0]' });
    expect(result.notices).toEqual([]);
  });

  it('applies terraform.tfvars, then *.auto.tfvars alphabetically, then the configured var files', () => {
    const result = root(
      {
        'main.tf': 'variable "a" {}\nvariable "b" {}\nvariable "c" {}\nresource "null_resource" "x" {\n  triggers = { a = var.a, b = var.b, c = var.c }\n}\n',
        'terraform.tfvars': 'a = "tfvars"\nb = "tfvars"\nc = "tfvars"\n',
        'b.auto.tfvars': 'b = "b-auto"\nc = "b-auto"\n',
        'a.auto.tfvars': 'b = "a-auto"\nc = "a-auto"\n',
      },
      { varFiles: [{ path: 'envs/prod.tfvars', text: 'c = "prod"\n' }] },
    );
    expect(result.resources[0]?.attributes.triggers).toEqual({ a: 'tfvars', b: 'b-auto', c: 'prod' });
  });

  it('expands modules with count and for_each, nested modules, and reads module outputs', () => {
    const result = evaluateTerraformRoot({
      directory: 'live',
      files: [
        { path: 'live/main.tf', text: 'module "svc" {\n  source = "../modules/svc"\n  for_each = toset(["a", "b"])\n  name = each.key\n}\nmodule "one" {\n  source = "../modules/svc"\n  count = 1\n  name = "solo"\n}\nresource "aws_sns_topic" "t" {\n  name = module.svc["a"].queue\n}\n' },
        { path: 'modules/svc/main.tf', text: 'variable "name" {}\nmodule "queue" {\n  source = "./queue"\n  name = "${var.name}-q"\n}\noutput "queue" {\n  value = module.queue.name\n}\n' },
        { path: 'modules/svc/queue/main.tf', text: 'variable "name" {}\nresource "aws_sqs_queue" "q" {\n  name = var.name\n}\noutput "name" {\n  value = var.name\n}\n' },
      ],
    });
    expect(result.resources.map((r) => [r.address, r.attributes.name, r.module])).toEqual([
      ['module.svc["a"].module.queue.aws_sqs_queue.q', 'a-q', 'module.svc["a"].module.queue'],
      ['module.svc["b"].module.queue.aws_sqs_queue.q', 'b-q', 'module.svc["b"].module.queue'],
      ['aws_sns_topic.t', 'a-q', undefined],
      ['module.one[0].module.queue.aws_sqs_queue.q', 'solo-q', 'module.one[0].module.queue'],
    ]);
  });

  it('stops a module that calls itself', () => {
    const result = root({ 'main.tf': 'module "self" {\n  source = "./"\n}\nresource "aws_eip" "x" {}\n' });
    expect(result.resources.map((r) => r.address)).toEqual(['aws_eip.x']);
    expect(result.issues[0]?.message).toContain('calls a module already being evaluated');
  });

  it('reads Terraform JSON syntax: variables, locals, providers and resources with lines', () => {
    const json = JSON.stringify(
      {
        variable: { size: { default: 'm5.xlarge' } },
        locals: { name: 'api-${var.size}' },
        provider: { aws: [{ region: 'ap-south-1' }] },
        resource: { aws_instance: { api: { instance_type: '${var.size}', tags: { Name: '${local.name}' }, root_block_device: [{ volume_size: 30 }] } } },
      },
      null,
      2,
    );
    const result = root({ 'main.tf.json': json });
    const [api] = result.resources;
    expect(api).toMatchObject({
      address: 'aws_instance.api',
      region: 'ap-south-1',
      attributes: { instance_type: 'm5.xlarge', tags: { Name: 'api-m5.xlarge' }, root_block_device: [{ volume_size: 30 }] },
    });
    expect(api?.line).toBe(json.split('\n').findIndex((line) => line.includes('"api"')) + 1);
    expect(api?.attributeLines?.instance_type).toBe(json.split('\n').findIndex((line) => line.includes('"instance_type"')) + 1);
  });

  it('reports HCL syntax errors with file and line and still reads the rest', () => {
    const result = root({ 'broken.tf': 'resource "aws_instance" "x" {\n  ami = \n}\n', 'ok.tf': 'resource "aws_eip" "y" {}\n' });
    expect(result.issues.map((issue) => [issue.file, issue.line])).toEqual([['infra/broken.tf', 2]]);
    expect(result.resources.map((r) => r.address)).toContain('aws_eip.y');
  });
});

describe('evaluateTerraformRoot on a root with override files, tfvars.json, directives and refactoring blocks', () => {
  const platform = evaluateTerraformRoot({ directory: 'platform', files: readTree(join(FIXTURES, 'platform')) });
  const app = byAddress(platform.resources, 'aws_instance.app[0]');
  const archive = byAddress(platform.resources, 'aws_s3_bucket.archive');

  it('reads moved, import, removed and check blocks without an error, and data only from resources', () => {
    expect(platform.issues).toEqual([]);
    expect(platform.resources.map((r) => r.address)).toEqual(['aws_instance.app[0]', 'aws_instance.app[1]', 'aws_instance.app[2]', 'aws_s3_bucket.archive']);
  });

  it('applies terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in name order', () => {
    // env: tfvars "staging" < tfvars.json "prod"; replicas: a.auto.tfvars 2 < b.auto.tfvars.json 3.
    expect(archive.attributes.bucket).toBe('acme-archive-prod');
    expect(app.count).toBe(3);
  });

  it('merges override files in name order: attributes replaced, nested blocks replaced, lifecycle merged per argument', () => {
    expect(app.attributes).toMatchObject({ instance_type: 'c6i.large', monitoring: true, root_block_device: [{ volume_size: 50 }], tags: { Name: 'app-0', owner: 'team-b' } });
    expect(app.meta.lifecycle).toMatchObject({ create_before_destroy: true, prevent_destroy: true });
    expect(app.meta.overrideFiles).toEqual(['platform/override.tf', 'platform/z_override.tf.json']);
  });

  it('puts what an override brings on the overridden block header, never on a line of the other file', () => {
    expect(app.file).toBe('platform/main.tf');
    expect(app.attributeLines).toMatchObject({ instance_type: 1, monitoring: 1, 'root_block_device.0.volume_size': 1, tags: 4 });
  });

  it('evaluates %{ for } and %{ if } directives in a heredoc', () => {
    expect(app.attributes.user_data).toBe('#!/bin/sh\nopen 80\nopen 443\ntune --production\n');
  });

  it('gives each resource the evaluated default_tags of its provider, aliased ones included', () => {
    expect(app.meta.providerDefaultTags).toEqual({ environment: 'prod', owner: 'platform' });
    expect(archive.meta.providerDefaultTags).toEqual({ environment: 'dr', project: 'platform' });
  });

  it('lists the address moves of moved blocks', () => {
    expect(platform.moves).toEqual([{ from: 'aws_s3_bucket.logs', to: 'aws_s3_bucket.archive' }]);
  });
});

describe('override files and moved blocks, edge cases', () => {
  it('reports an override of a block no normal file declares, with its file and line', () => {
    const result = root({
      'main.tf': 'locals {\n  a = 1\n}\nresource "aws_eip" "x" {}\n',
      'override.tf': 'resource "aws_eip" "y" {\n  domain = "vpc"\n}\nlocals {\n  b = 2\n}\n',
    });
    expect(result.issues.map((issue) => [issue.file, issue.line, issue.message])).toEqual([
      ['infra/override.tf', 1, 'resource "aws_eip" "y" in override file infra/override.tf overrides nothing: no other file of infra declares it; declare it in a normal .tf file or remove it'],
      ['infra/override.tf', 5, 'local.b in override file infra/override.tf overrides nothing: no other file of infra declares it; declare it in a normal .tf file or remove it'],
    ]);
    expect(result.resources.map((r) => [r.address, r.attributes])).toEqual([['aws_eip.x', {}]]);
  });

  it('overrides variables, module inputs and the aliased provider that matches, leaving the others', () => {
    const result = evaluateTerraformRoot({
      directory: 'live',
      files: [
        { path: 'live/main.tf', text: 'variable "size" {\n  default = "small"\n}\nprovider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "eu"\n  region = "eu-west-1"\n}\nmodule "app" {\n  source = "../modules/app"\n  size   = var.size\n}\nresource "aws_eip" "eu" {\n  provider = aws.eu\n}\n' },
        { path: 'live/dev_override.tf', text: 'variable "size" {\n  default = "large"\n}\nprovider "aws" {\n  alias  = "eu"\n  region = "eu-central-1"\n}\n' },
        { path: 'live/module_override.tf', text: 'module "app" {\n  size = "${var.size}-x"\n}\n' },
        { path: 'modules/app/main.tf', text: 'variable "size" {}\nresource "aws_instance" "a" {\n  instance_type = var.size\n}\n' },
      ],
    });
    expect(result.resources.map((r) => [r.address, r.region, r.attributes])).toEqual([
      ['aws_eip.eu', 'eu-central-1', {}],
      ['module.app.aws_instance.a', 'us-east-1', { instance_type: 'large-x' }],
    ]);
  });

  it('lists moved blocks of module instances with their full addresses', () => {
    const result = evaluateTerraformRoot({
      directory: 'live',
      files: [
        { path: 'live/main.tf', text: 'module "web" {\n  source = "../modules/web"\n  count  = 2\n}\nmoved {\n  from = module.site\n  to   = module.web\n}\nresource "aws_eip" "c" {}\nmoved {\n  from = aws_eip.a\n  to   = aws_eip.b\n}\nmoved {\n  from = aws_eip.b\n  to   = aws_eip.c\n}\n' },
        { path: 'modules/web/main.tf', text: 'resource "aws_instance" "new" {}\nmoved {\n  from = aws_instance.old[0]\n  to   = aws_instance.new\n}\n' },
      ],
    });
    expect(result.moves).toEqual([
      { from: 'module.site', to: 'module.web' },
      { from: 'aws_eip.a', to: 'aws_eip.b' },
      { from: 'aws_eip.b', to: 'aws_eip.c' },
      { from: 'module.web[0].aws_instance.old[0]', to: 'module.web[0].aws_instance.new' },
      { from: 'module.web[1].aws_instance.old[0]', to: 'module.web[1].aws_instance.new' },
    ]);
  });

  it('reports a moved block whose addresses are not addresses', () => {
    const result = root({ 'main.tf': 'moved {\n  from = "aws_eip.a"\n  to   = var.x\n}\n' });
    expect(result.issues.map((issue) => [issue.line, issue.message])).toEqual([[1, expect.stringContaining('a moved block needs `from` and `to`')]]);
  });

  it('reads moved, import, removed and check blocks and tfvars.json in JSON syntax', () => {
    const result = root({
      'main.tf.json': JSON.stringify({
        variable: { n: {} },
        resource: { aws_eip: { b: { count: '${var.n}' } } },
        moved: [{ from: 'aws_eip.a', to: 'aws_eip.b' }],
        import: [{ to: 'aws_eip.b[0]', id: 'eipalloc-1' }],
        removed: [{ from: 'aws_eip.gone', lifecycle: { destroy: false } }],
        check: { up: { assert: [{ condition: true, error_message: 'down' }] } },
      }),
      'terraform.tfvars.json': '{ "n": 1, "unused": "${not a template}" }',
    });
    expect(result.issues).toEqual([]);
    expect(result.resources.map((r) => r.address)).toEqual(['aws_eip.b[0]']);
    expect(result.moves).toEqual([{ from: 'aws_eip.a', to: 'aws_eip.b' }]);
  });

  it('reports a .tfvars.json that is not one JSON object', () => {
    const result = root({ 'main.tf': 'variable "n" {\n  default = 1\n}\n', 'terraform.tfvars.json': '[1, 2]' });
    expect(result.issues.map((issue) => [issue.file, issue.message])).toEqual([['infra/terraform.tfvars.json', 'a .tfvars.json file must hold one JSON object']]);
  });
});

describe('references through count.index, priced', () => {
  it('links each autoscaling group to the launch template its count.index picks', () => {
    const main = [
      'resource "aws_launch_template" "lt" {',
      '  count         = 2',
      '  instance_type = ["t3.micro", "m5.large"][count.index]',
      '}',
      'resource "aws_autoscaling_group" "asg" {',
      '  count            = 2',
      '  min_size         = 1',
      '  max_size         = 1',
      '  desired_capacity = 1',
      '  launch_template {',
      '    id = aws_launch_template.lt[count.index].id',
      '  }',
      '}',
    ].join('\n');
    const report = runGate({ config: plainConfig(), changes: changeSet([{ path: 'infra/main.tf', status: 'added', after: main }]) });
    expect(report.cost.unpriced).toEqual([]);
    const groups = report.cost.lines.filter((line) => line.type === 'aws_autoscaling_group').map((line) => [line.address, line.components[0]?.name]);
    expect(groups).toEqual([
      ['aws_autoscaling_group.asg[0]', expect.stringContaining('t3.micro')],
      ['aws_autoscaling_group.asg[1]', expect.stringContaining('m5.large')],
    ]);
  });
});
