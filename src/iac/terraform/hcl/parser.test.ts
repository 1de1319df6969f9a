import { describe, expect, it } from 'vitest';
import { parseHcl } from './parser.js';
import type { HclAttribute, HclBlock, HclBody, HclExpression } from './types.js';

function parsed(text: string): HclBody {
  const result = parseHcl(text, 'case.tf');
  expect(result.errors).toEqual([]);
  return result.body;
}

function attribute(body: HclBody, name: string): HclAttribute {
  const found = body.attributes.find((item) => item.name === name);
  if (!found) throw new Error(`no attribute ${name}`);
  return found;
}

function block(body: HclBody, type: string, index = 0): HclBlock {
  const found = body.blocks.filter((item) => item.type === type)[index];
  if (!found) throw new Error(`no block ${type}`);
  return found;
}

function expr(source: string): HclExpression {
  return attribute(parsed(`value = ${source}\n`), 'value').expr;
}

describe('parseHcl: blocks and attributes with lines', () => {
  const text = [
    '# header comment',
    'resource "aws_instance" "web" {',
    '  ami           = "ami-123"',
    '  instance_type = "m5.24xlarge" // inline comment',
    '',
    '  root_block_device {',
    '    volume_size = 100',
    '  }',
    '  /* a block comment',
    '     over two lines */',
    '  tags = {',
    '    Name = "web"',
    '  }',
    '}',
    'terraform {}',
    'locals { a = 1 }',
  ].join('\n');
  const body = parsed(text);

  it.each([
    ['resource', ['aws_instance', 'web'], 2, 14],
    ['terraform', [], 15, 15],
    ['locals', [], 16, 16],
  ])('block %s %j spans lines %i-%i', (type, labels, line, endLine) => {
    const found = block(body, type);
    expect(found.labels).toEqual(labels);
    expect([found.line, found.endLine]).toEqual([line, endLine]);
  });

  it.each([
    ['ami', 3, 3],
    ['instance_type', 4, 4],
    ['tags', 11, 13],
  ])('attribute %s spans lines %i-%i', (name, line, endLine) => {
    const found = attribute(block(body, 'resource').body, name);
    expect([found.line, found.endLine]).toEqual([line, endLine]);
  });

  it('reads nested blocks and one-line blocks', () => {
    const nested = block(block(body, 'resource').body, 'root_block_device');
    expect([nested.line, nested.endLine]).toEqual([6, 8]);
    expect(attribute(nested.body, 'volume_size')).toMatchObject({ line: 7, expr: { kind: 'literal', value: 100 } });
    expect(attribute(block(body, 'locals').body, 'a').expr).toMatchObject({ kind: 'literal', value: 1 });
  });

  it('keeps dynamic blocks with their content block', () => {
    const dynamicBody = parsed(
      ['resource "aws_security_group" "s" {', '  dynamic "ingress" {', '    for_each = var.ports', '    content {', '      from_port = ingress.value', '    }', '  }', '}', ''].join('\n'),
    );
    const dynamic = block(block(dynamicBody, 'resource').body, 'dynamic');
    expect(dynamic).toMatchObject({ labels: ['ingress'], line: 2, endLine: 7 });
    const content = block(dynamic.body, 'content');
    expect([content.line, content.endLine]).toEqual([4, 6]);
    expect(attribute(content.body, 'from_port')).toMatchObject({ line: 5, expr: { kind: 'traversal', path: ['ingress', 'value'] } });
  });

  it('accepts identifier labels, CRLF line ends, a byte-order mark and a file without a final newline', () => {
    const crlf = parsed('\uFEFFblock a "b" {\r\n  x = 1\r\n}\r\ny = 2');
    expect(crlf.blocks[0]).toMatchObject({ type: 'block', labels: ['a', 'b'], line: 1, endLine: 3 });
    expect(attribute(crlf, 'y')).toMatchObject({ line: 4, endLine: 4, expr: { value: 2 } });
  });
});

describe('parseHcl: expressions', () => {
  it.each<[string, string, Partial<HclExpression> & Record<string, unknown>]>([
    ['string', '"m5.large"', { kind: 'literal', value: 'm5.large', text: '"m5.large"' }],
    ['integer', '42', { kind: 'literal', value: 42 }],
    ['decimal', '0.5', { kind: 'literal', value: 0.5 }],
    ['exponent', '1e3', { kind: 'literal', value: 1000 }],
    ['negative', '-3', { kind: 'literal', value: -3, text: '-3' }],
    ['true', 'true', { kind: 'literal', value: true }],
    ['null', 'null', { kind: 'literal', value: null }],
    ['escapes', '"a\\n\\t\\"\\\\\\u0041"', { kind: 'literal', value: 'a\n\t"\\A' }],
    ['escaped interpolation', '"$${x} %%{y}"', { kind: 'literal', value: '${x} %{y}' }],
    ['traversal', 'var.region', { kind: 'traversal', path: ['var', 'region'], text: 'var.region' }],
    ['resource attribute', 'aws_vpc.main.id', { kind: 'traversal', path: ['aws_vpc', 'main', 'id'] }],
    ['bare name', 'foo', { kind: 'traversal', path: ['foo'] }],
    ['call', 'lookup(var.m, "k", 1)', { kind: 'call', name: 'lookup', text: 'lookup(var.m, "k", 1)' }],
    ['provider function', 'provider::aws::arn_parse(x)', { kind: 'call', name: 'provider::aws::arn_parse' }],
    ['conditional', 'var.a ? "x" : local.b', { kind: 'expression', references: ['var.a', 'local.b'] }],
    ['operators', 'var.n * 2 + local.m - 1', { kind: 'expression', references: ['var.n', 'local.m'] }],
    ['comparison', 'var.env == "prod" && !var.x', { kind: 'expression', references: ['var.env', 'var.x'] }],
    ['index', 'aws_subnet.private[count.index].id', { kind: 'expression', references: ['aws_subnet.private', 'count.index'] }],
    ['string index', 'var.m["key"]', { kind: 'expression', references: ['var.m'] }],
    ['splat', 'aws_instance.a[*].id', { kind: 'expression', references: ['aws_instance.a'], text: 'aws_instance.a[*].id' }],
    ['legacy splat', 'aws_instance.a.*.id', { kind: 'expression', references: ['aws_instance.a'] }],
    ['parentheses', '(var.x)', { kind: 'expression', references: ['var.x'] }],
    ['tuple for', '[for s in var.list : upper(s) if s != local.skip]', { kind: 'expression', references: ['var.list', 'local.skip'] }],
    ['object for', '{ for k, v in var.m : k => v.id... }', { kind: 'expression', references: ['var.m'] }],
    ['interpolation', '"a-${var.x}-b"', { kind: 'template', parts: ['a-', { kind: 'traversal', path: ['var', 'x'], text: 'var.x', line: 1 }, '-b'] }],
  ])('%s: %s', (_name, source, expected) => {
    expect(expr(source)).toMatchObject({ text: source, line: 1, ...expected });
  });

  it('reads tuples and objects across lines, with commas, newlines and both separators', () => {
    const body = parsed(['list = [', '  "a",', '  2,', ']', 'map = {', '  a = 1', '  "b" = var.x,', '  c: [true]', '  (var.k) = "v"', '}', ''].join('\n'));
    expect(attribute(body, 'list')).toMatchObject({ line: 1, endLine: 4, expr: { kind: 'tuple', items: [{ value: 'a', line: 2 }, { value: 2, line: 3 }] } });
    const map = attribute(body, 'map');
    expect([map.line, map.endLine]).toEqual([5, 10]);
    if (map.expr.kind !== 'object') throw new Error('expected an object');
    expect(map.expr.items.map((item) => [typeof item.key === 'string' ? item.key : item.key.text, item.line])).toEqual([
      ['a', 6],
      ['b', 7],
      ['c', 8],
      ['(var.k)', 9],
    ]);
  });

  it('reads a template with a directive and keeps the directive as text', () => {
    const template = expr('"Hi %{ if var.name != "" }${var.name}%{ endif }"');
    expect(template).toMatchObject({ kind: 'template' });
    if (template.kind !== 'template') throw new Error('expected a template');
    expect(template.parts[0]).toBe('Hi ');
    expect(template.parts[1]).toMatchObject({ kind: 'expression', text: '%{ if var.name != "" }', references: ['var.name'] });
    expect(template.parts[3]).toMatchObject({ kind: 'expression', text: '%{ endif }' });
  });

  it('does not count a for-directive variable as a reference', () => {
    const template = expr('"%{ for ip in var.ips }${ip} %{ endfor }"');
    if (template.kind !== 'template') throw new Error('expected a template');
    expect(template.parts[0]).toMatchObject({ references: ['var.ips'] });
  });

  it('reads nested interpolations with strings and braces inside', () => {
    const template = expr('"x-${lookup({ a = "}" }, "a", "${var.d}")}"');
    expect(template).toMatchObject({ kind: 'template', parts: ['x-', { kind: 'call', name: 'lookup' }] });
  });

  it.each<[string, string[], string, [number, number]]>([
    ['heredoc', ['h = <<EOT', 'hello', '  world', 'EOT', 'n = 1'], 'hello\n  world\n', [1, 4]],
    ['indented heredoc', ['h = <<-EOT', '    hello', '      world', '    EOT', 'n = 1'], 'hello\n  world\n', [1, 4]],
    ['indented heredoc with tabs', ['h = <<-EOT', '  \ttabbed', '      spaced', '  EOT', 'n = 1'], 'tabbed\n   spaced\n', [1, 4]],
    ['empty heredoc', ['h = <<EOT', 'EOT', 'n = 1'], '', [1, 2]],
    ['heredoc with a fake marker', ['h = <<EOT', 'EOTX', ' EOT is not alone', 'EOT', 'n = 1'], 'EOTX\n EOT is not alone\n', [1, 4]],
  ])('%s', (_name, lines, value, span) => {
    const body = parsed(`${lines.join('\n')}\n`);
    const heredoc = attribute(body, 'h');
    expect(heredoc.expr).toMatchObject({ kind: 'template', parts: value === '' ? [] : [value] });
    expect([heredoc.line, heredoc.endLine]).toEqual(span);
    expect(attribute(body, 'n').line).toBe(span[1] + 1);
  });

  it('strips the common indentation of a <<- heredoc around interpolations', () => {
    const body = parsed(['h = <<-EOT', '    echo ${var.x}', '      done', '  EOT', ''].join('\n'));
    expect(attribute(body, 'h').expr).toMatchObject({ parts: ['echo ', { path: ['var', 'x'] }, '\n  done\n'] });
  });

  it('lists references without duplicates', () => {
    expect(expr('var.a + var.a * local.b')).toMatchObject({ references: ['var.a', 'local.b'] });
  });
});
