/**
 * Terraform `moved` blocks (1.1+): `moved { from = aws_instance.a  to = aws_instance.b }` tells
 * Terraform that the object it knew as `a` is now `b`, so it is neither destroyed nor created.
 * The evaluator lists each block's addresses (`AddressMove`) so the diff can pair the base
 * resource at the old address with the head resource at the new one.
 */
import type { HclExpression } from './hcl/types.js';

const NAME = '[A-Za-z_][\\w-]*';
const KEY = '(?:\\[(?:\\d+|"(?:[^"\\\\]|\\\\.)*")\\])';
const MODULE_STEP = `module\\.${NAME}${KEY}?`;
const RESOURCE = `(?:data\\.)?${NAME}\\.${NAME}${KEY}?`;
/** `module.a["x"].aws_instance.web[0]`, `module.a`, `data.aws_ami.x`: what `from` and `to` may name. */
const ADDRESS = new RegExp(`^(?!(?:var|local|each|count|path|terraform|self)\\.)(?:${MODULE_STEP}\\.)*(?:${RESOURCE}|${MODULE_STEP})$`);

/**
 * The address a `from`/`to` argument names. HCL gives it as a reference (`aws_instance.a`,
 * `module.m["k"]`), Terraform's JSON syntax as a string.
 */
export function addressOf(expr: HclExpression | undefined): string | undefined {
  if (!expr) return undefined;
  const text = (expr.kind === 'literal' && typeof expr.value === 'string' ? expr.value : expr.text).replace(/\s+/g, '');
  return ADDRESS.test(text) ? text : undefined;
}
