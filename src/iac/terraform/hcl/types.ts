/**
 * The structure of an HCL native-syntax file as far as tollgate needs it: blocks and attributes
 * with their source lines, and expressions classified into the simple forms rules read
 * (literals, strings, tuples, objects, references, calls) or kept as source text otherwise.
 * Lines and columns are 1-based.
 */
export interface HclFile {
  body: HclBody;
  errors: HclError[];
}

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

export interface HclAttribute {
  name: string;
  expr: HclExpression;
  line: number;
  endLine: number;
}

export interface HclBlock {
  type: string;
  labels: string[];
  body: HclBody;
  line: number;
  endLine: number;
}

export interface HclError {
  message: string;
  line: number;
  column: number;
}

export type HclLiteralValue = string | number | boolean | null;

export interface HclLiteral {
  kind: 'literal';
  value: HclLiteralValue;
  text: string;
  line: number;
}

/**
 * A quoted string with interpolations or directives, or any heredoc. String parts are decoded
 * (escapes resolved, `$${` read as `${`, heredoc indentation stripped); a `%{ }` directive is an
 * `expression` part whose text is the directive's source.
 */
export interface HclTemplate {
  kind: 'template';
  parts: Array<string | HclExpression>;
  text: string;
  line: number;
}

export interface HclTuple {
  kind: 'tuple';
  items: HclExpression[];
  text: string;
  line: number;
}

export interface HclObjectItem {
  /** A bare identifier or a string key is a plain string; `(expr)` and other keys stay expressions. */
  key: string | HclExpression;
  value: HclExpression;
  line: number;
}

export interface HclObject {
  kind: 'object';
  items: HclObjectItem[];
  text: string;
  line: number;
}

/** `var.region`, `aws_vpc.main.id`, `each.key`, `count.index`, or a bare name such as `foo`. */
export interface HclTraversal {
  kind: 'traversal';
  path: string[];
  text: string;
  line: number;
}

export interface HclCall {
  kind: 'call';
  /** Provider-defined functions keep their namespace: `provider::aws::arn_parse`. */
  name: string;
  args: HclExpression[];
  text: string;
  line: number;
}

/**
 * Operators, conditionals, for-expressions, splats, indexes, parentheses and template directives:
 * kept as source text. `references` lists the traversals it reads (`var.x`, `aws_instance.a`),
 * cut at the first index or splat, without the for-expression's own iteration variables.
 */
export interface HclOpaqueExpression {
  kind: 'expression';
  text: string;
  line: number;
  references: string[];
}

export type HclExpression =
  | HclLiteral
  | HclTemplate
  | HclTuple
  | HclObject
  | HclTraversal
  | HclCall
  | HclOpaqueExpression;
