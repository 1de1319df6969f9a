import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unknownValue } from '../values.js';
import { evaluate, type Scope } from './evaluator.js';
import { parseExpressionText, toNode } from './expression.js';
import { EvalError } from './functions.js';
import { parseHcl } from './hcl/parser.js';

const scope: Scope = {
  variables: { env: 'prod', sizes: { prod: 'm5.large', dev: 't3.micro' }, zones: ['a', 'b', 'c'], n: 3, unset: unknownValue('var.unset') },
  local: (name) => {
    if (name === 'prefix') return 'shop';
    throw new EvalError(`no local ${name}`);
  },
  module: () => unknownValue('module output'),
  path: { module: 'infra' },
  bindings: new Map(),
};

function valueOf(source: string): unknown {
  const parsed = parseHcl(`v = ${source}\n`);
  expect(parsed.errors).toEqual([]);
  const attribute = parsed.body.attributes[0];
  if (!attribute) throw new Error('no attribute');
  return evaluate(toNode(attribute.expr), scope);
}

describe('evaluate', () => {
  it.each<[string, unknown]>([
    ['var.sizes[var.env]', 'm5.large'],
    ['lookup(var.sizes, "qa", "t3.nano")', 't3.nano'],
    ['var.env == "prod" ? 3 : 1', 3],
    ['!(var.n > 2) || var.n % 2 == 0', false],
    ['var.n * 2 + 1 - 4 / 2', 5],
    ['"${local.prefix}-${var.env}"', 'shop-prod'],
    ['[for z in var.zones : upper(z) if z != "b"]', ['A', 'C']],
    ['{ for i, z in var.zones : z => i }', { a: 0, b: 1, c: 2 }],
    ['{ for z in concat(var.zones, ["a"]) : z => z... }', { a: ['a', 'a'], b: ['b'], c: ['c'] }],
    ['merge({ a = 1 }, { b = 2 }, { a = 3 })', { a: 3, b: 2 }],
    ['element(var.zones, 4)', 'b'],
    ['length(var.zones)', 3],
    ['join(",", split("-", "a-b-c"))', 'a,b,c'],
    ['format("%s-%03d", "web", 7)', 'web-007'],
    ['coalesce("", null, "x")', 'x'],
    ['min(3, 1, 2) + max([4, 5]...)', 6],
    ['tonumber("42") + 1', 43],
    ['toset(["b", "a", "b"])', ['a', 'b']],
    ['try(var.sizes.qa, "fallback")', 'fallback'],
    ['can(var.sizes.qa)', false],
    ['[{ id = 1 }, { id = 2 }][*].id', [1, 2]],
    ['var.zones.1', 'b'],
    ['path.module', 'infra'],
    ['<<-EOT\n  ${var.env}\n  EOT', 'prod\n'],
  ])('%s → %j', (source, expected) => {
    expect(valueOf(source)).toEqual(expected);
  });

  it.each(['var.unset', '"x-${var.unset}"', 'upper(var.unset)', 'var.unset + 1', '[for z in var.unset : z]', 'aws_vpc.main.id', 'timestamp()', 'data.aws_region.current.name'])(
    '%s stays unknown',
    (source) => {
      expect(valueOf(source)).toMatchObject({ __unknown: expect.any(String) });
    },
  );

  it('throws an EvalError, never another error, on a Terraform error', () => {
    for (const source of ['var.nope', 'var.zones[7]', 'lookup(var.sizes, "qa")', '1 / 0', '"a" + 1', 'local.missing']) {
      expect(() => valueOf(source), source).toThrow(EvalError);
    }
  });
});

describe('parseExpressionText', () => {
  it('keeps unreadable text as an opaque node', () => {
    expect(parseExpressionText('a ? b')).toEqual({ kind: 'opaque', text: 'a ? b' });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '1', ' ', '.', '[', ']', '(', ')', '{', '}', '?', ':', '"', '$', '*', '-', '!', '=', '>', ',', 'for', 'in', '...') }), (text) => {
        const node = parseExpressionText(text);
        try {
          evaluate(node, scope);
        } catch (error) {
          expect(error).toBeInstanceOf(EvalError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
