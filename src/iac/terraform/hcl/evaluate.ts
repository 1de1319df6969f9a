import type { HclBody, HclExpression } from './types.js';

export type HclValue = string | number | boolean | null | HclValue[] | { [key: string]: HclValue };

/**
 * The value of an expression that needs nothing from outside: literals, and tuples, objects and
 * templates made only of them. `undefined` when it depends on a variable, a function, an operator
 * or a directive.
 */
export function evaluateLiteral(expr: HclExpression): HclValue | undefined {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'tuple': {
      const values: HclValue[] = [];
      for (const item of expr.items) {
        const value = evaluateLiteral(item);
        if (value === undefined) return undefined;
        values.push(value);
      }
      return values;
    }
    case 'object': {
      const result: { [key: string]: HclValue } = {};
      for (const item of expr.items) {
        const key = typeof item.key === 'string' ? item.key : evaluateLiteral(item.key);
        if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') return undefined;
        const value = evaluateLiteral(item.value);
        if (value === undefined) return undefined;
        result[String(key)] = value;
      }
      return result;
    }
    case 'template':
      return evaluateTemplate(expr.parts);
    default:
      return undefined;
  }
}

function evaluateTemplate(parts: ReadonlyArray<string | HclExpression>): string | undefined {
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = evaluateLiteral(part);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
    text += String(value);
  }
  return text;
}

export type JsonLike = HclValue;

/**
 * The body in the shape `@cdktf/hcl2json` gives (and Terraform's JSON syntax uses): each block
 * type maps to its labels, nested one object per label, ending in an array of bodies; attributes
 * map to their values, or to `"${<source>}"` when they are not literal. Literal strings escape
 * `${`/`%{` as `$${`/`%%{`, since in this shape `${` would start an interpolation.
 */
export function toJsonLike(body: HclBody): { [key: string]: JsonLike } {
  const result: { [key: string]: JsonLike } = {};
  for (const attribute of body.attributes) result[attribute.name] = expressionToJson(attribute.expr);
  for (const block of body.blocks) {
    let container: { [key: string]: JsonLike } = result;
    let key = block.type;
    for (const label of block.labels) {
      const existing = container[key];
      const next = isPlainObject(existing) ? existing : {};
      container[key] = next;
      container = next;
      key = label;
    }
    const list = container[key];
    const bodies = Array.isArray(list) ? list : [];
    bodies.push(toJsonLike(block.body));
    container[key] = bodies;
  }
  return result;
}

function isPlainObject(value: JsonLike | undefined): value is { [key: string]: JsonLike } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expressionToJson(expr: HclExpression): JsonLike {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' ? escapeTemplate(expr.value) : expr.value;
    case 'tuple':
      return expr.items.map(expressionToJson);
    case 'object': {
      const result: { [key: string]: JsonLike } = {};
      for (const item of expr.items) {
        const key = typeof item.key === 'string' ? item.key : `\${${item.key.text}}`;
        result[key] = expressionToJson(item.value);
      }
      return result;
    }
    case 'template': {
      const folded = evaluateTemplate(expr.parts);
      if (folded !== undefined) return escapeTemplate(folded);
      return expr.parts.map(templatePartToJson).join('');
    }
    default:
      return `\${${expr.text}}`;
  }
}

function templatePartToJson(part: string | HclExpression): string {
  if (typeof part === 'string') return escapeTemplate(part);
  // A directive part is its `%{ }` source; an interpolation's source never starts with `%{`.
  if (part.text.startsWith('%{')) return `%{${trimDirective(part.text)}}`;
  return `\${${part.text}}`;
}

/** `%{~ if x ~}` → `if x`: hcl2json prints directives without padding or strip markers. */
function trimDirective(text: string): string {
  return text
    .slice(2, -1)
    .replace(/^~/, '')
    .replace(/~$/, '')
    .trim();
}

function escapeTemplate(text: string): string {
  return text.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');
}
