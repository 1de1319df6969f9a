import { describe, expect, it } from 'vitest';
import { MAX_NESTING, parseHcl } from './parser.js';
import { MAX_ERRORS } from './lexer.js';

function resourceBlock(index: number): string {
  return [`resource "aws_instance" "web_${index}" {`, `  ami           = "ami-${index}"`, '  instance_type = var.type', '  count         = 1', '  tags = {', `    Name = "web-${index}"`, '  }', '}', ''].join('\n');
}

describe('parseHcl: errors with lines and recovery', () => {
  it.each([
    ['unclosed string', 'a = "abc\nb = 1\n', 1, 9, /unclosed string/],
    ['unclosed heredoc', 'x = 1\na = <<EOT\nhello\n', 2, 5, /unclosed heredoc `<<EOT` opened at line 2/],
    ['missing =', 'instance_type "m5.large"\nb = 1\n', 1, 25, /missing `=` after `instance_type`/],
    ['stray token', 'a = 1\n= 2\nb = 1\n', 2, 1, /expected an attribute name or a block type, found `=`/],
    ['stray closing brace', 'a = 1\n}\nb = 1\n', 2, 1, /no block is open here/],
    ['two attributes on one line', 'a = 1 c = 2\nb = 1\n', 1, 7, /after the value of `a`/],
    ['unclosed list', 'a = [1, 2\nb = 1\n', 2, 1, /expected `,` or `]` in the list opened at line 1/],
    ['missing value', 'a =\nb = 1\n', 1, 4, /expected a value, found a new line/],
    ['bad escape', 'a = "\\q"\nb = 1\n', 1, 6, /invalid escape `\\q`/],
    ['label with interpolation', 'r "${x}" {}\nb = 1\n', 1, 3, /block label must be a plain string/],
    ['unclosed comment', 'b = 1\n/* never closed\n', 2, 1, /unclosed comment/],
  ])('%s', (_name, text, line, column, message) => {
    const result = parseHcl(text);
    expect(result.errors[0]).toMatchObject({ line, column });
    expect(result.errors[0]?.message).toMatch(message);
    if (text.includes('b = 1')) expect(result.body.attributes.map((item) => item.name)).toContain('b');
  });

  it('reports an unclosed block where it was opened, deep in a long file, and keeps what came before', () => {
    const blocks = Array.from({ length: 200 }, (_, index) => resourceBlock(index));
    const broken = blocks[100]?.replace(/\}\n$/, '\n') ?? '';
    const text = [...blocks.slice(0, 100), broken, ...blocks.slice(101)].join('');
    const openedAt = text.split('\n').indexOf('resource "aws_instance" "web_100" {') + 1;
    expect(openedAt).toBe(801);
    const result = parseHcl(text);
    expect(result.errors).toEqual([
      { message: 'unclosed block `resource "aws_instance" "web_100"` opened at line 801: add the closing `}`', line: 801, column: 1 },
    ]);
    expect(result.body.blocks).toHaveLength(101);
    expect(result.body.blocks[99]).toMatchObject({ labels: ['aws_instance', 'web_99'], line: 793, endLine: 800 });
  });

  it('accepts a block brace on the next line with an error, and reads the block', () => {
    const result = parseHcl('locals\n{\n  a = 1\n}\n');
    expect(result.errors).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/must be on the same line/) })]);
    expect(result.body.blocks[0]?.body.attributes[0]).toMatchObject({ name: 'a', line: 3 });
  });

  it('recovers inside a block and still closes it', () => {
    const result = parseHcl('resource "a" "b" {\n  x = [1 2]\n  y = 2\n}\nz = 3\n');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 2, column: 10 });
    expect(result.body.blocks[0]).toMatchObject({ line: 1, endLine: 4 });
    expect(result.body.blocks[0]?.body.attributes.map((item) => item.name)).toEqual(['x', 'y']);
    expect(result.body.attributes.map((item) => item.name)).toEqual(['z']);
  });

  it('reports NUL bytes and garbage as unexpected characters, shown escaped', () => {
    const result = parseHcl('a = 1\nb\u0000 = 2\n\u0000\u0001\u0002\nc = 3\n');
    expect(result.errors.map((error) => [error.line, error.column, error.message])).toEqual([
      [2, 2, 'unexpected character `\\u0000`'],
      [3, 1, 'unexpected character `\\u0000`'],
    ]);
    expect(result.body.attributes.map((item) => item.name)).toEqual(['a', 'c']);
  });

  it('caps the number of errors for binary input', () => {
    const garbage = Array.from({ length: 100_000 }, (_, index) => String.fromCharCode((index * 7919) % 256)).join('');
    const result = parseHcl(garbage);
    expect(result.errors).toHaveLength(MAX_ERRORS + 1);
    expect(result.errors.at(-1)?.message).toMatch(/too many errors/);
  });

  it.each([
    ['brackets', `a = ${'['.repeat(10_000)}${']'.repeat(10_000)}\nb = 1\n`],
    ['parentheses', `a = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\nb = 1\n`],
    ['interpolations', `a = ${'"${'.repeat(10_000)}1${'}"'.repeat(10_000)}\nb = 1\n`],
    ['blocks', `${'x {\n'.repeat(10_000)}${'}\n'.repeat(10_000)}b = 1\n`],
    ['unary operators', `a = ${'!'.repeat(10_000)}true\nb = 1\n`],
    ['conditionals', `a = ${'x ? y : '.repeat(10_000)}z\nb = 1\n`],
  ])('survives 10,000 nested %s', (_name, text) => {
    const result = parseHcl(text);
    expect(result.body.attributes.map((item) => item.name)).toEqual(expect.arrayContaining(['b']));
    for (const error of result.errors) expect(error.message).toMatch(new RegExp(`nested more than ${MAX_NESTING} levels`));
  });

  it('survives an unclosed run of 10,000 braces', () => {
    const result = parseHcl(`a = ${'{'.repeat(10_000)}\n`);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('parses a 5 MB file', () => {
    let text = '';
    let count = 0;
    while (text.length < 5_000_000) text += resourceBlock(count++);
    const result = parseHcl(text);
    expect(result.errors).toEqual([]);
    expect(result.body.blocks).toHaveLength(count);
    expect(result.body.blocks.at(-1)).toMatchObject({ labels: ['aws_instance', `web_${count - 1}`], line: count * 8 - 7, endLine: count * 8 });
  });
});
