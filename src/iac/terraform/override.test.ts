import { describe, expect, it } from 'vitest';
import { parseHcl } from './hcl/parser.js';
import type { HclBlock } from './hcl/types.js';
import { isOverrideFile, mergeOverride } from './override.js';

function block(source: string): HclBlock {
  const [first] = parseHcl(source).body.blocks;
  if (!first) throw new Error('no block');
  return first;
}

function shape(merged: HclBlock): unknown {
  return {
    attributes: merged.body.attributes.map((attribute) => `${attribute.name}=${attribute.expr.text}@${attribute.line}`),
    blocks: merged.body.blocks.map((nested) => [nested.type, ...nested.labels, ...nested.body.attributes.map((attribute) => `${attribute.name}=${attribute.expr.text}`)].join(' ')),
  };
}

describe('isOverrideFile', () => {
  it.each<[string, boolean]>([
    ['infra/override.tf', true],
    ['infra/override.tf.json', true],
    ['infra/dev_override.tf', true],
    ['infra/dev_override.tf.json', true],
    ['infra/overrides.tf', false],
    ['infra/my-override.tf', false],
    ['infra/main.tf', false],
    ['override.tfvars', false],
  ])('%s → %s', (path, expected) => {
    expect(isOverrideFile(path)).toBe(expected);
  });
});

describe('mergeOverride', () => {
  const base = block(
    'resource "aws_security_group" "web" {\n  name = "web"\n  tags = { a = 1 }\n  ingress {\n    from_port = 80\n  }\n  dynamic "egress" {\n    for_each = [1]\n    content {}\n  }\n  lifecycle {\n    ignore_changes = [tags]\n  }\n}\n',
  );

  it('replaces attributes in place, adds new ones, and puts them on the overridden header line', () => {
    const merged = mergeOverride(base, block('resource "aws_security_group" "web" {\n\n\n  tags = { b = 2 }\n  description = "x"\n}\n'));
    expect(shape(merged)).toMatchObject({ attributes: ['name="web"@2', 'tags={ b = 2 }@1', 'description="x"@1'] });
  });

  it('replaces all nested blocks of a type, a dynamic block standing for its type, and keeps the other types', () => {
    const merged = mergeOverride(base, block('resource "aws_security_group" "web" {\n  ingress {\n    from_port = 443\n  }\n  egress {\n    to_port = 0\n  }\n}\n'));
    expect(shape(merged)).toMatchObject({ blocks: ['lifecycle ignore_changes=[tags]', 'ingress from_port=443', 'egress to_port=0'] });
  });

  it('merges a resource lifecycle argument by argument, but replaces nested blocks of other block types', () => {
    const merged = mergeOverride(base, block('resource "aws_security_group" "web" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n'));
    expect(shape(merged)).toMatchObject({ blocks: ['ingress from_port=80', 'dynamic egress for_each=[1]', 'lifecycle ignore_changes=[tags] prevent_destroy=true'] });
    const variable = mergeOverride(block('variable "x" {\n  validation {\n    condition = true\n  }\n}\n'), block('variable "x" {\n  validation {\n    error_message = "e"\n  }\n}\n'));
    expect(shape(variable)).toMatchObject({ blocks: ['validation error_message="e"'] });
  });
});
