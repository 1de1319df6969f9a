import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateLiteral, toJsonLike } from './evaluate.js';
import { parseHcl } from './parser.js';
import type { HclBody } from './types.js';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/terraform/hcl');
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.tf'))
  .map((name) => readFileSync(join(FIXTURES, name), 'utf8'));

/** Characters that matter to the lexer, so random input reaches strings, heredocs and brackets. */
const HCL_PIECES = ['"', '${', '%{', '}', '{', '[', ']', '(', ')', '<<EOT\n', '<<-EOT\n', 'EOT', '\n', '#', '//', '/*', '*/', '=', ':', ',', '.', '*', '~', '\\', 'a', 'for', 'in', 'if', ' ', '1', '-', '?', '=>', '...', '\u0000'];

function checkWellFormed(text: string, body: HclBody): void {
  const lineCount = text.split('\n').length;
  for (const attribute of body.attributes) {
    expect(attribute.line).toBeGreaterThanOrEqual(1);
    expect(attribute.endLine).toBeGreaterThanOrEqual(attribute.line);
    expect(attribute.endLine).toBeLessThanOrEqual(lineCount);
    evaluateLiteral(attribute.expr);
  }
  for (const block of body.blocks) {
    expect(block.endLine).toBeGreaterThanOrEqual(block.line);
    checkWellFormed(text, block.body);
  }
}

function parsesSafely(text: string): void {
  const result = parseHcl(text);
  for (const error of result.errors) {
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.message).not.toBe('');
  }
  checkWellFormed(text, result.body);
  toJsonLike(result.body);
}

describe('parseHcl never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), parsesSafely), { numRuns: 500 });
  });

  it('on strings made of HCL punctuation', () => {
    const piece = fc.constantFrom(...HCL_PIECES);
    fc.assert(fc.property(fc.array(piece, { maxLength: 200 }).map((pieces) => pieces.join('')), parsesSafely), { numRuns: 1000 });
  });

  it('on mutated fixtures (deletions, insertions and truncations)', () => {
    const mutation = fc.record({
      fixture: fc.integer({ min: 0, max: fixtures.length - 1 }),
      at: fc.nat(),
      deleteCount: fc.nat({ max: 20 }),
      insert: fc.array(fc.constantFrom(...HCL_PIECES), { maxLength: 5 }).map((pieces) => pieces.join('')),
      truncate: fc.boolean(),
    });
    fc.assert(
      fc.property(mutation, ({ fixture, at, deleteCount, insert, truncate }) => {
        const text = fixtures[fixture] ?? '';
        const offset = at % (text.length + 1);
        const mutated = truncate ? text.slice(0, offset) : text.slice(0, offset) + insert + text.slice(offset + deleteCount);
        parsesSafely(mutated);
      }),
      { numRuns: 1000 },
    );
  });
});
