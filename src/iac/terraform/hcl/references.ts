import type { HclExpression } from './types.js';

/** Appends in a loop: spreading a huge list into `push(...)` overflows the argument stack. */
export function appendAll(target: string[], source: readonly string[]): void {
  for (const item of source) target.push(item);
}

/**
 * The traversals an expression reads, as dotted paths (`var.region`, `aws_vpc.main.id`).
 * Opaque expressions already carry theirs, so the walk stops there.
 */
export function referencesOf(expr: HclExpression): string[] {
  switch (expr.kind) {
    case 'literal':
      return [];
    case 'traversal':
      return [expr.path.join('.')];
    case 'expression':
      return [...expr.references];
    case 'call':
      return collect(expr.args);
    case 'tuple':
      return collect(expr.items);
    case 'object': {
      const found: string[] = [];
      for (const item of expr.items) {
        if (typeof item.key !== 'string') appendAll(found, referencesOf(item.key));
        appendAll(found, referencesOf(item.value));
      }
      return found;
    }
    case 'template':
      return collect(expr.parts.filter((part): part is HclExpression => typeof part !== 'string'));
  }
}

function collect(exprs: readonly HclExpression[]): string[] {
  const found: string[] = [];
  for (const expr of exprs) appendAll(found, referencesOf(expr));
  return found;
}
