/**
 * Terraform's JSON syntax (`.tf.json`) read into the same body shape as native HCL, so one
 * evaluator serves both. JSON carries no schema, so an object value is read as a map attribute and
 * a list of objects as repeated nested blocks (the shape `terraform show -json` uses too), except
 * under `dynamic`, `lifecycle`, `provisioner` and `content`, which are always blocks.
 * `JSON.parse` gives no positions, so lines are recovered in one forward scan: each key is looked
 * up after the position of its parent, which finds the right occurrence in machine-written files.
 */
import { parseHcl } from './hcl/parser.js';
import type { HclBlock, HclBody, HclExpression } from './hcl/types.js';

const BLOCK_KEYS = new Set(['dynamic', 'lifecycle', 'provisioner', 'content', 'connection']);

/** How many label levels each top-level block type has in the JSON nesting. */
const TOP_LEVEL_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  removed: 0,
  check: 1,
};

export interface JsonBodyResult {
  body: HclBody;
  error?: { message: string; line: number };
}

class LineFinder {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** The offset and line of `"key"` followed by `:` at or after `from`; the parent's position when not found. */
  find(key: string, from: number): { offset: number; line: number } {
    const needle = JSON.stringify(key);
    let at = this.text.indexOf(needle, from);
    while (at !== -1 && !/^\s*:/.test(this.text.slice(at + needle.length, at + needle.length + 20))) at = this.text.indexOf(needle, at + 1);
    const offset = at === -1 ? from : at;
    return { offset, line: this.lineOf(offset) };
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON string is a template in Terraform's JSON syntax: `"${var.x}-a"`. */
function stringExpression(value: string, line: number): HclExpression {
  if (!value.includes('${') && !value.includes('%{')) return { kind: 'literal', value, text: JSON.stringify(value), line };
  const parsed = parseHcl(`v = ${JSON.stringify(value)}\n`);
  const attribute = parsed.body.attributes[0];
  if (parsed.errors.length > 0 || !attribute) return { kind: 'expression', text: value, line, references: [] };
  return { ...attribute.expr, line };
}

function expressionOf(value: unknown, line: number, depth: number): HclExpression {
  if (depth > 64) return { kind: 'expression', text: '…', line, references: [] };
  if (typeof value === 'string') return stringExpression(value, line);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return { kind: 'literal', value, text: JSON.stringify(value), line };
  if (Array.isArray(value)) return { kind: 'tuple', items: value.map((item) => expressionOf(item, line, depth + 1)), text: '[…]', line };
  if (isObject(value)) {
    return {
      kind: 'object',
      items: Object.entries(value).map(([key, item]) => ({ key, value: expressionOf(item, line, depth + 1), line })),
      text: '{…}',
      line,
    };
  }
  return { kind: 'expression', text: String(value), line, references: [] };
}

function isBlockList(value: unknown): value is Array<Record<string, unknown>> {
  return Array.isArray(value) && value.length > 0 && value.every(isObject);
}

function readBody(value: Record<string, unknown>, finder: LineFinder, from: number, depth: number): HclBody {
  const body: HclBody = { attributes: [], blocks: [] };
  if (depth > 64) return body;
  for (const [key, item] of Object.entries(value)) {
    if (key === '//') continue;
    const { offset, line } = finder.find(key, from);
    if (key === 'dynamic' && isObject(item)) {
      for (const [name, content] of Object.entries(item)) {
        const position = finder.find(name, offset);
        for (const single of Array.isArray(content) ? content : [content]) {
          if (isObject(single)) body.blocks.push(block('dynamic', [name], readBody(single, finder, position.offset, depth + 1), position.line));
        }
      }
    } else if (BLOCK_KEYS.has(key) && isObject(item)) {
      body.blocks.push(block(key, [], readBody(item, finder, offset, depth + 1), line));
    } else if (isBlockList(item) && key !== 'tags' && !['depends_on'].includes(key)) {
      for (const single of item) body.blocks.push(block(key, [], readBody(single, finder, offset, depth + 1), line));
    } else {
      body.attributes.push({ name: key, expr: expressionOf(item, line, 0), line, endLine: line });
    }
  }
  return body;
}

function block(type: string, labels: string[], body: HclBody, line: number): HclBlock {
  return { type, labels, body, line, endLine: line };
}

/** Top-level blocks nest their labels as object keys: `{"resource": {"aws_instance": {"web": {…}}}}`. */
function readLabelled(type: string, value: unknown, labels: string[], levels: number, finder: LineFinder, from: number, into: HclBody): void {
  if (levels === 0) {
    for (const single of Array.isArray(value) ? value : [value]) {
      if (isObject(single)) into.blocks.push(block(type, labels, readBody(single, finder, from, 1), finder.lineOf(from)));
    }
    return;
  }
  for (const entry of Array.isArray(value) ? value : [value]) {
    if (!isObject(entry)) continue;
    for (const [label, inner] of Object.entries(entry)) {
      const { offset } = finder.find(label, from);
      readLabelled(type, inner, [...labels, label], levels - 1, finder, offset, into);
    }
  }
}

/** One JSON object, or why the text is not one. */
function parseObject(text: string, what: string): { value: Record<string, unknown> } | { error: { message: string; line: number } } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: { message: `invalid JSON: ${error instanceof Error ? error.message : 'unreadable'}`, line: 1 } };
  }
  return isObject(value) ? { value } : { error: { message: `a ${what} file must hold one JSON object`, line: 1 } };
}

/** A value of a `.tfvars.json` file: Terraform reads it without a context, so a string is never a template. */
function literalExpression(value: unknown, line: number, depth: number): HclExpression {
  if (depth > 64) return { kind: 'expression', text: '…', line, references: [] };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return { kind: 'literal', value, text: JSON.stringify(value), line };
  if (Array.isArray(value)) return { kind: 'tuple', items: value.map((item) => literalExpression(item, line, depth + 1)), text: '[…]', line };
  const entries = isObject(value) ? Object.entries(value) : [];
  return { kind: 'object', items: entries.map(([key, item]) => ({ key, value: literalExpression(item, line, depth + 1), line })), text: '{…}', line };
}

/** A `.tfvars.json` file: each member of its one object is a variable's value. */
export function readJsonVariableValues(text: string): JsonBodyResult {
  const body: HclBody = { attributes: [], blocks: [] };
  const parsed = parseObject(text, '.tfvars.json');
  if ('error' in parsed) return { body, error: parsed.error };
  const finder = new LineFinder(text);
  let from = 0;
  for (const [name, item] of Object.entries(parsed.value)) {
    const { offset, line } = finder.find(name, from);
    from = offset;
    body.attributes.push({ name, expr: literalExpression(item, line, 0), line, endLine: line });
  }
  return { body };
}

export function readJsonConfiguration(text: string): JsonBodyResult {
  const body: HclBody = { attributes: [], blocks: [] };
  const parsed = parseObject(text, '.tf.json');
  if ('error' in parsed) return { body, error: parsed.error };
  const { value } = parsed;
  const finder = new LineFinder(text);
  for (const [type, inner] of Object.entries(value)) {
    const levels = TOP_LEVEL_LABELS[type];
    if (levels === undefined) continue;
    const { offset } = finder.find(type, 0);
    readLabelled(type, inner, [], levels, finder, offset, body);
  }
  return { body };
}
