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
    // an object variable's optional(...) attribute left out reads as null, as Terraform's type conversion fills it
    ['var.sizes.qa', null],
    ['var.sizes.qa == null ? "ON_DEMAND" : var.sizes.qa', 'ON_DEMAND'],
    ['[{ id = 1 }, { id = 2 }][*].id', [1, 2]],
    ['var.zones.1', 'b'],
    ['path.module', 'infra'],
    ['<<-EOT\n  ${var.env}\n  EOT', 'prod\n'],
    ['"${var.zones}"', ['a', 'b', 'c']],
    ['"${var.n}"', 3],
    // one known operand decides `&&` and `||` whatever the other, as Terraform 1.12 and later do
    ['var.n > 5 && length(var.unset) > 0', false],
    ['var.unset == "x" && var.env == "dev"', false],
    ['var.env == "prod" || var.unset', true],
    ['upper(var.unset) == "A" || var.n == 3', true],
    // a slice with known bounds has that many elements, or the plan fails
    ['length(slice(var.unset, 0, var.n))', 3],
    ['[for i, zone in slice(var.unset, 1, 3) : "10.0.${i}.0/24"]', ['10.0.0.0/24', '10.0.1.0/24']],
  ])('%s → %j', (source, expected) => {
    expect(valueOf(source)).toEqual(expected);
  });

  it.each(['var.unset', '"x-${var.unset}"', 'upper(var.unset)', 'var.unset + 1', '[for z in var.unset : z]', 'aws_vpc.main.id', 'timestamp()', 'data.aws_region.current.name', 'var.n == 3 && var.unset', 'var.unset || var.env == "dev"', 'slice(var.zones, 0, var.unset)', 'slice(var.unset, 2, 1)', 'slice(var.unset, 0, 100000)'])(
    '%s stays unknown',
    (source) => {
      expect(valueOf(source)).toMatchObject({ __unknown: expect.any(String) });
    },
  );

  it('picks and joins unknown elements of lists whose length is known, as the values themselves', () => {
    expect(valueOf('element([aws_vpc.a.id, aws_vpc.b.id], 1)')).toEqual(valueOf('aws_vpc.b.id'));
    expect(valueOf('element([aws_vpc.a.id, aws_vpc.b.id], var.n == 3 ? 0 : 1)')).toEqual(valueOf('aws_vpc.a.id'));
    expect(valueOf('slice([aws_vpc.a.id, aws_vpc.b.id, "x"], 1, 3)')).toEqual([valueOf('aws_vpc.b.id'), 'x']);
    expect(valueOf('concat([aws_vpc.a.id], ["x"])')).toEqual([valueOf('aws_vpc.a.id'), 'x']);
    expect(valueOf('element(var.unset, 0)')).toMatchObject({ __unknown: expect.any(String) });
    expect(valueOf('concat(var.unset, ["x"])')).toMatchObject({ __unknown: expect.any(String) });
  });

  it('says what a function result waits for: the first value known only later among its arguments', () => {
    expect(valueOf('distinct([aws_vpc.a.id, "x"])')).toEqual({ __unknown: 'distinct(…) of aws_vpc.a.id' });
    expect(valueOf('max(1, length(var.unset))')).toMatchObject({ __unknown: expect.stringMatching(/^max\(…\) of .*var\.unset/) });
  });

  it('throws an EvalError, never another error, on a Terraform error', () => {
    for (const source of ['var.nope', 'var.zones[7]', 'lookup(var.sizes, "qa")', '1 / 0', '"a" + 1', 'local.missing']) {
      expect(() => valueOf(source), source).toThrow(EvalError);
    }
  });
});

describe('template directives', () => {
  it.each<[string, unknown]>([
    ['"%{ if var.env == "prod" }big%{ else }small%{ endif }"', 'big'],
    ['"%{ if var.n < 2 }few%{ endif }"', ''],
    ['"%{ for z in var.zones }${z},%{ endfor }"', 'a,b,c,'],
    ['"%{ for k, v in var.sizes }${k}=${v};%{ endfor }"', 'dev=t3.micro;prod=m5.large;'],
    ['"%{ for i, z in var.zones }%{ if i > 0 }-%{ endif }${z}%{ endfor }"', 'a-b-c'],
    ['"x %{~ if true ~} y %{~ endif ~} z"', 'xyz'],
    ['<<-EOT\n  %{~ for z in var.zones ~}\n  ${z}\n  %{~ endfor ~}\n  EOT', 'abc'],
    ['<<EOT\n%{ for z in var.zones ~}\nzone ${z}\n%{ endfor ~}\nEOT', 'zone a\nzone b\nzone c\n'],
    ['"%{ if var.unset == "x" }a%{ else }b%{ endif }-${var.env}"', { __unknown: expect.stringContaining('var.unset') }],
    ['"%{ for z in var.unset }${z}%{ endfor }"', { __unknown: expect.stringContaining('var.unset') }],
    ['"%{ for z in var.zones }${var.unset}%{ endfor }"', { __unknown: expect.stringContaining('var.unset') }],
  ])('%s → %j', (source, expected) => {
    expect(valueOf(source)).toEqual(expected);
  });

  it.each(['"%{ if true }a"', '"a%{ endif }"', '"%{ for x in var.zones }a%{ endif }"', '"%{ if true }a%{ else }b%{ else }c%{ endif }"', '"%{ while true }a%{ endwhile }"'])(
    'an unbalanced or unknown directive leaves %s unknown, never guessed',
    (source) => {
      const parsed = parseHcl(`v = ${source}\n`);
      const attribute = parsed.body.attributes[0];
      if (!attribute) throw new Error('no attribute');
      expect(evaluate(toNode(attribute.expr), scope)).toMatchObject({ __unknown: expect.any(String) });
    },
  );

  it('an if over a non-bool is a Terraform error', () => {
    expect(() => valueOf('"%{ if var.zones }a%{ endif }"')).toThrow(EvalError);
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
