import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSensitive, isUnknown } from '../values.js';
import { isTerraformPlan, readTerraformPlan } from './plan.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/terraform/plan/${name}`, import.meta.url), 'utf8'));

describe('readTerraformPlan on a real `terraform show -json` plan', () => {
  const result = readTerraformPlan(fixture('terraform-data.plan.json'), 'plan.json');

  it('puts each resource on the sides its actions say', () => {
    expect(result.issues).toEqual([]);
    expect(result.base.map((r) => r.address).sort()).toEqual([
      'module.child.terraform_data.inner',
      'terraform_data.change',
      'terraform_data.gone',
      'terraform_data.keep',
      'terraform_data.many[0]',
      'terraform_data.many[1]',
      'terraform_data.swap',
    ]);
    expect(result.head.map((r) => r.address).sort()).toEqual([
      'module.child.terraform_data.inner',
      'terraform_data.change',
      'terraform_data.fresh',
      'terraform_data.keep',
      'terraform_data.many[0]',
      'terraform_data.many[1]',
      'terraform_data.many[2]',
      'terraform_data.swap',
    ]);
  });

  it('marks replacements and keeps the module address', () => {
    const swap = result.head.find((r) => r.address === 'terraform_data.swap');
    expect(swap?.meta).toMatchObject({ actions: ['delete', 'create'], replace: true, actionReason: 'replace_because_cannot_update' });
    expect(result.head.find((r) => r.address.startsWith('module.'))?.module).toBe('module.child');
  });

  it('keeps the previous address of a resource a moved block renamed', () => {
    const plan = { format_version: '1.2', resource_changes: [{ address: 'aws_eip.b', previous_address: 'aws_eip.a', mode: 'managed', type: 'aws_eip', name: 'b', change: { actions: ['no-op'], before: {}, after: {} } }] };
    const moved = readTerraformPlan(plan, 'plan.json');
    expect(moved.head[0]?.meta.previousAddress).toBe('aws_eip.a');
    expect(readTerraformPlan({ ...plan, resource_changes: [{ ...plan.resource_changes[0], previous_address: 7 }] }, 'plan.json').issues).toHaveLength(1);
  });

  it('turns values known only after apply into unknown markers', () => {
    const fresh = result.head.find((r) => r.address === 'terraform_data.fresh');
    expect(isUnknown(fresh?.attributes.input)).toBe(true);
    expect(isUnknown(fresh?.attributes.id)).toBe(true);
  });
});

describe('readTerraformPlan on an AWS plan', () => {
  const result = readTerraformPlan(fixture('aws-shop.plan.json'), 'plans/shop.json');
  const head = (address: string) => result.head.find((r) => r.address === address);

  it('reads before and after values of an update', () => {
    expect(result.base.find((r) => r.address === 'aws_db_instance.main')?.attributes.instance_class).toBe('db.r6g.large');
    expect(head('aws_db_instance.main')?.attributes.instance_class).toBe('db.r6g.xlarge');
  });

  it('never copies a sensitive value into the model', () => {
    expect(isSensitive(head('aws_db_instance.main')?.attributes.password)).toBe(true);
    expect(JSON.stringify([result.base, result.head])).not.toContain('correct-horse');
  });

  it('resolves the provider region from a variable, an alias and inside a module', () => {
    expect(head('aws_instance.api[0]')?.region).toBe('eu-west-1');
    expect(head('aws_launch_template.workers')?.region).toBe('us-east-1');
    expect(head('module.vpc.aws_nat_gateway.this[0]')?.region).toBe('us-east-1');
  });

  it('keeps data sources as data, and nested unknowns inside blocks', () => {
    expect(head('data.aws_ami.ubuntu')?.meta.mode).toBe('data');
    const root = (head('aws_instance.api[1]')?.attributes.root_block_device as Array<Record<string, unknown>>)[0];
    expect(root?.volume_size).toBe(50);
    expect(isUnknown(root?.iops)).toBe(true);
  });
});

describe('readTerraformPlan on other input', () => {
  it('recognises plans by shape', () => {
    expect(isTerraformPlan({ format_version: '1.2', resource_changes: [] })).toBe(true);
    expect(isTerraformPlan({ format_version: '1.0', values: {} })).toBe(false);
  });

  it('refuses a future major version with a clear issue', () => {
    expect(readTerraformPlan({ format_version: '2.0', resource_changes: [] }, 'p.json').issues).toEqual([
      { file: 'p.json', side: 'head', message: expect.stringContaining('format_version 2.0 is not supported'), line: 1 },
    ]);
  });

  it('skips a malformed resource change with an issue and reads the rest', () => {
    const valid = { address: 'aws_eip.a', mode: 'managed', type: 'aws_eip', name: 'a', change: { actions: ['create'], before: null, after: {} } };
    const result = readTerraformPlan({ format_version: '1.2', resource_changes: [{ address: 3 }, valid] }, 'p.json');
    expect(result.head.map((r) => r.address)).toEqual(['aws_eip.a']);
    expect(result.issues).toEqual([expect.objectContaining({ message: expect.stringContaining('resource_changes[0]') })]);
  });

  it('never throws on malformed plans', () => {
    const anything = fc.anything({ maxDepth: 4 });
    // Random objects rarely hit the fields that matter, so also mutate a well-formed change field by field.
    const change = fc.record({
      address: fc.oneof(fc.string(), anything),
      module_address: fc.oneof(fc.constant('module.a[0].module.b'), anything),
      mode: fc.constantFrom('managed', 'data', 7),
      type: fc.string(),
      name: fc.string(),
      provider_name: fc.oneof(fc.constant('registry.terraform.io/hashicorp/aws'), anything),
      change: fc.record({ actions: fc.oneof(fc.array(fc.constantFrom('create', 'delete', 'update', 'no-op', 'read')), anything), before: anything, after: anything, after_unknown: anything, after_sensitive: anything }),
    });
    const configuration = fc.oneof(anything, fc.record({ provider_config: fc.oneof(anything, fc.record({ aws: anything })), root_module: anything }));
    fc.assert(
      fc.property(fc.array(fc.oneof(change, anything), { maxLength: 5 }), configuration, anything, (changes, config, variables) => {
        readTerraformPlan({ format_version: '1.2', resource_changes: changes, configuration: config, variables }, 'p.json');
      }),
      { numRuns: 500 },
    );
  });
});
