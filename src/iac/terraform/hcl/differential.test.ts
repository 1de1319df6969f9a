import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { parseHcl } from './parser.js';
import { toJsonLike } from './evaluate.js';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/terraform/hcl');

/**
 * How the two outputs are compared: literal values (numbers, booleans, null, strings without
 * `${`/`%{`) must be equal exactly; strings carrying an expression or template are compared with
 * all whitespace removed, because hcl2json re-prints expressions (it trims `${ x }` to `${x}`,
 * `%{ if c }` to `%{if c}`) while we keep source text. Object keys are sorted the same way.
 */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'string') return /[$%]\{/.test(value) ? value.replace(/\s+/g, '') : value;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => [normalise(key), normalise(item)] as const);
    return Object.fromEntries(entries.sort(([a], [b]) => String(a).localeCompare(String(b))));
  }
  return value;
}

const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.tf'));

describe('differential: toJsonLike(parseHcl) against @cdktf/hcl2json', () => {
  it('has the realistic fixtures the brief asks for', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
    for (const name of fixtures) {
      expect(readFileSync(join(FIXTURES, name), 'utf8').split('\n').length, name).toBeGreaterThanOrEqual(40);
    }
  });

  it.each(fixtures)('%s parses without errors and matches hcl2json', async (name) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    const ours = parseHcl(text, name);
    expect(ours.errors).toEqual([]);
    const reference = await parse(name, text);
    expect(normalise(toJsonLike(ours.body))).toEqual(normalise(reference));
  });

  it('the comparison notices a changed literal', async () => {
    const text = readFileSync(join(FIXTURES, 'compute.tf'), 'utf8');
    const reference = await parse('compute.tf', text);
    const altered = parseHcl(text.replace('"m5.24xlarge"', '"m5.large"'));
    expect(normalise(toJsonLike(altered.body))).not.toEqual(normalise(reference));
  });

  it.each([
    ['numbers', 'a = 1.0\nb = 1e3\nc = -1.5e-2\nd = 007\ne = 12345678901234567890\n'],
    ['escapes', 'a = "tab\\t \\"q\\" \\\\ \\u00e9 \\U0001F600 $${x} %%{y}"\n'],
    ['heredocs', 'a = <<EOT\nx\\ny\n  EOT\nb = <<-EOT\n    one\n\n      \n    two\n    EOT\nc = <<-EOT\n    ${var.x}\n  z\n  EOT\n'],
    ['strip markers', 'a = "${~ "  a  " ~}  b"\nb = "x  ${~ var.y}  z"\n'],
    ['folded interpolation of a literal', 'a = "a ${"}"} b"\n'],
    ['repeated and labelled blocks', 'r "a" "b" {}\nr "a" "c" { x = 1 }\nr "a" "b" { y = [] }\nt {}\nt {}\n'],
    ['object keys', 'a = { (var.x) = 1, "k.l" = 2, m-n = 3, 4 = 5 }\n'],
  ])('matches hcl2json on %s', async (_name, text) => {
    const ours = parseHcl(text);
    expect(ours.errors).toEqual([]);
    expect(normalise(toJsonLike(ours.body))).toEqual(normalise(await parse('case.tf', text)));
  });
});
