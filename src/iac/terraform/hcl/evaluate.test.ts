import { describe, expect, it } from 'vitest';
import { evaluateLiteral, toJsonLike } from './evaluate.js';
import { parseHcl } from './parser.js';
import type { HclExpression } from './types.js';

function valueOf(source: string): HclExpression {
  const result = parseHcl(`v = ${source}\n`);
  expect(result.errors).toEqual([]);
  const attribute = result.body.attributes[0];
  if (!attribute) throw new Error('no attribute');
  return attribute.expr;
}

describe('evaluateLiteral', () => {
  it.each<[string, unknown]>([
    ['"m5.large"', 'm5.large'],
    ['-2.5', -2.5],
    ['false', false],
    ['null', null],
    ['["a", 1, [true]]', ['a', 1, [true]]],
    ['{ a = 1, "b" = { c = "d" } }', { a: 1, b: { c: 'd' } }],
    ['"n-${1}-${true}-${"s"}"', 'n-1-true-s'],
    ['<<-EOT\n    line one\n    line two\n  EOT', 'line one\nline two\n'],
    ['"$${literal}"', '${literal}'],
  ])('%s → %j', (source, expected) => {
    expect(evaluateLiteral(valueOf(source))).toEqual(expected);
  });

  it.each(['var.x', '"a-${var.x}"', '[1, var.x]', '{ a = local.b }', '{ (var.k) = 1 }', 'max(1, 2)', '1 + 1', '"%{ if true }x%{ endif }"', 'a[0]'])(
    '%s is unknown',
    (source) => {
      expect(evaluateLiteral(valueOf(source))).toBeUndefined();
    },
  );
});

describe('toJsonLike', () => {
  it('nests blocks by type and labels into arrays of bodies, and prints expressions as ${…}', () => {
    const result = parseHcl(
      [
        'resource "aws_instance" "a" {',
        '  count = 2',
        '  ami   = data.aws_ami.x.id',
        '  name  = "web-${count.index}"',
        '  root_block_device { size = 10 }',
        '  root_block_device { size = 20 }',
        '}',
        'resource "aws_instance" "b" {}',
        'terraform {}',
        'locals { s = "$${x}" }',
      ].join('\n'),
    );
    expect(toJsonLike(result.body)).toEqual({
      resource: {
        aws_instance: {
          a: [{ count: 2, ami: '${data.aws_ami.x.id}', name: 'web-${count.index}', root_block_device: [{ size: 10 }, { size: 20 }] }],
          b: [{}],
        },
      },
      terraform: [{}],
      locals: [{ s: '$${x}' }],
    });
  });
});
