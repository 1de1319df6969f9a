/**
 * Full expression trees for evaluation. The structural HCL parser keeps operators, conditionals,
 * for-expressions, indexes and splats as source text (rules only need their references); the
 * evaluator needs their shape, so this module parses that text again with the same lexer. Only
 * expressions that are not literals, templates, tuples, objects, traversals or calls come here,
 * which keeps the second pass small.
 */
import { lexHcl } from './hcl/lexer.js';
import type { Token, TokenType } from './hcl/lexer.js';
import { parseHcl } from './hcl/parser.js';
import type { HclExpression } from './hcl/types.js';

export type Node =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: Array<string | Node> }
  | { kind: 'tuple'; items: Node[] }
  | { kind: 'object'; items: Array<{ key: string | Node; value: Node }> }
  | { kind: 'variable'; name: string }
  | { kind: 'attribute'; target: Node; name: string }
  | { kind: 'index'; target: Node; key: Node }
  /** `list[*].id`: `each` is applied to every element, reading it through the `splat-item` node. */
  | { kind: 'splat'; target: Node; each: Node }
  | { kind: 'splat-item' }
  | { kind: 'call'; name: string; args: Node[]; expandLast: boolean }
  | { kind: 'unary'; operator: '!' | '-'; operand: Node }
  | { kind: 'binary'; operator: string; left: Node; right: Node }
  | { kind: 'conditional'; condition: Node; then: Node; otherwise: Node }
  | {
      kind: 'for';
      keyName?: string;
      valueName: string;
      collection: Node;
      keyExpr?: Node;
      valueExpr: Node;
      condition?: Node;
      grouping: boolean;
      object: boolean;
    }
  /** `%{ for }…%{ endfor }`: the for-expression over the body template, its strings joined. */
  | { kind: 'template-for'; loop: Extract<Node, { kind: 'for' }> }
  /** Source the evaluator cannot read (an unbalanced template directive, a syntax error): always unknown. */
  | { kind: 'opaque'; text: string };

const cache = new WeakMap<HclExpression, Node>();

/** The evaluation tree of a parsed HCL expression; opaque parts are parsed again from their text. */
export function toNode(expr: HclExpression): Node {
  const cached = cache.get(expr);
  if (cached) return cached;
  const node = convert(expr);
  cache.set(expr, node);
  return node;
}

function convert(expr: HclExpression): Node {
  switch (expr.kind) {
    case 'literal':
      return { kind: 'literal', value: expr.value };
    case 'template':
      return templateNode(expr.parts) ?? { kind: 'opaque', text: expr.text };
    case 'tuple':
      return { kind: 'tuple', items: expr.items.map(toNode) };
    case 'object':
      return { kind: 'object', items: expr.items.map((item) => ({ key: typeof item.key === 'string' ? item.key : toNode(item.key), value: toNode(item.value) })) };
    case 'traversal': {
      let node: Node = { kind: 'variable', name: expr.path[0] ?? '' };
      for (const name of expr.path.slice(1)) node = { kind: 'attribute', target: node, name };
      return node;
    }
    case 'call':
      return { kind: 'call', name: expr.name, args: expr.args.map(toNode), expandLast: /\.\.\.\s*\)\s*$/.test(expr.text) };
    case 'expression':
      return parseExpressionText(expr.text);
  }
}

type TemplatePart = string | HclExpression;

/** A `%{ … }` directive as the structural parser keeps it: its source text, `~` markers included. */
type Directive =
  | { kind: 'if'; condition: Node }
  | { kind: 'for'; keyName?: string; valueName: string; collection: Node }
  | { kind: 'else' | 'endif' | 'endfor' };

const IF_DIRECTIVE = /^if\s+([\s\S]+)$/;
const FOR_DIRECTIVE = /^for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\s+([\s\S]+)$/;

function readDirective(text: string): Directive | undefined {
  const inner = text.replace(/^%\{~?/, '').replace(/~?\}$/, '').trim();
  if (inner === 'else' || inner === 'endif' || inner === 'endfor') return { kind: inner };
  const condition = IF_DIRECTIVE.exec(inner)?.[1];
  if (condition !== undefined) return { kind: 'if', condition: parseExpressionText(condition) };
  const loop = FOR_DIRECTIVE.exec(inner);
  if (!loop) return undefined;
  const [, first = '', second, collection = ''] = loop;
  return { kind: 'for', ...(second !== undefined ? { keyName: first } : {}), valueName: second ?? first, collection: parseExpressionText(collection) };
}

/** An open `%{ if }` or `%{ for }` while its body is read; `else` switches an `if` to its second branch. */
interface OpenDirective {
  directive: Extract<Directive, { kind: 'if' | 'for' }>;
  then: Array<string | Node>;
  otherwise?: Array<string | Node>;
}

/**
 * `%{ if }…%{ else }…%{ endif }` becomes a conditional over two templates and `%{ for }…%{ endfor }`
 * a for-expression whose strings are joined, so directives follow the same evaluation and
 * unknown-value rules as the expressions they mirror. Strip markers were already applied to the
 * literal text by the structural parser. Unbalanced or unreadable directives: undefined.
 */
function templateNode(parts: readonly TemplatePart[]): Node | undefined {
  const top: Array<string | Node> = [];
  const open: OpenDirective[] = [];
  const target = (): Array<string | Node> => {
    const innermost = open[open.length - 1];
    return innermost ? (innermost.otherwise ?? innermost.then) : top;
  };
  for (const part of parts) {
    if (typeof part === 'string') {
      target().push(part);
      continue;
    }
    if (part.kind !== 'expression' || !part.text.startsWith('%{')) {
      target().push(toNode(part));
      continue;
    }
    const directive = readDirective(part.text);
    if (directive === undefined) return undefined;
    const innermost = open[open.length - 1];
    if (directive.kind === 'if' || directive.kind === 'for') {
      open.push({ directive, then: [] });
    } else if (directive.kind === 'else') {
      if (innermost?.directive.kind !== 'if' || innermost.otherwise) return undefined;
      innermost.otherwise = [];
    } else {
      if (innermost?.directive.kind !== (directive.kind === 'endif' ? 'if' : 'for')) return undefined;
      open.pop();
      target().push(closedDirective(innermost));
    }
  }
  return open.length === 0 ? { kind: 'template', parts: top } : undefined;
}

function closedDirective({ directive, then, otherwise }: OpenDirective): Node {
  if (directive.kind === 'if') {
    return { kind: 'conditional', condition: directive.condition, then: { kind: 'template', parts: then }, otherwise: { kind: 'template', parts: otherwise ?? [] } };
  }
  const loop: Extract<Node, { kind: 'for' }> = {
    kind: 'for',
    ...(directive.keyName !== undefined ? { keyName: directive.keyName } : {}),
    valueName: directive.valueName,
    collection: directive.collection,
    valueExpr: { kind: 'template', parts: then },
    grouping: false,
    object: false,
  };
  return { kind: 'template-for', loop };
}

/** Parses one expression's source; anything it cannot read becomes an opaque node, never an exception. */
export function parseExpressionText(text: string): Node {
  const lexed = lexHcl(text);
  if (lexed.errors.length > 0) return { kind: 'opaque', text };
  const tokens = lexed.tokens.filter((token) => token.type !== 'newline');
  const parser = new ExpressionParser(text, tokens);
  try {
    const node = parser.parseExpression();
    return parser.peek().type === 'eof' ? node : { kind: 'opaque', text };
  } catch (error) {
    if (error instanceof SyntaxProblem || error instanceof RangeError) return { kind: 'opaque', text };
    throw error;
  }
}

class SyntaxProblem extends Error {}

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/** Deeper than this is not real Terraform; the cap keeps recursion far from the stack limit. */
const MAX_DEPTH = 100;

class ExpressionParser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  peek(offset = 0): Token {
    return (this.tokens[this.pos + offset] ?? this.tokens[this.tokens.length - 1]) as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.pos += 1;
    return token;
  }

  private textOf(token: Token): string {
    return this.text.slice(token.start, token.end);
  }

  private expect(type: TokenType): Token {
    const token = this.next();
    if (token.type !== type) throw new SyntaxProblem(`expected ${type}`);
    return token;
  }

  private isKeyword(token: Token, word: string): boolean {
    return token.type === 'ident' && this.textOf(token) === word;
  }

  parseExpression(): Node {
    if (++this.depth > MAX_DEPTH) throw new SyntaxProblem('too deep');
    try {
      const condition = this.parseBinary(1);
      if (this.peek().type !== 'question') return condition;
      this.next();
      const then = this.parseExpression();
      this.expect('colon');
      const otherwise = this.parseExpression();
      return { kind: 'conditional', condition, then, otherwise };
    } finally {
      this.depth -= 1;
    }
  }

  private binaryOperator(): string | undefined {
    const token = this.peek();
    if (token.type === 'operator') return this.textOf(token);
    if (token.type === 'minus') return '-';
    if (token.type === 'star') return '*';
    return undefined;
  }

  private parseBinary(minPrecedence: number): Node {
    let left = this.parseUnary();
    for (;;) {
      const operator = this.binaryOperator();
      const precedence = operator === undefined ? undefined : BINARY_PRECEDENCE[operator];
      if (operator === undefined || precedence === undefined || precedence < minPrecedence) return left;
      this.next();
      const right = this.parseBinary(precedence + 1);
      left = { kind: 'binary', operator, left, right };
    }
  }

  private parseUnary(): Node {
    const token = this.peek();
    if (token.type === 'bang' || token.type === 'minus') {
      this.next();
      const operand = this.parseUnary();
      if (token.type === 'minus' && operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value };
      return { kind: 'unary', operator: token.type === 'bang' ? '!' : '-', operand };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(primary: Node): Node {
    let node = primary;
    for (;;) {
      const token = this.peek();
      if (token.type === 'dot') {
        const step = this.peek(1);
        if (step.type === 'star') {
          this.pos += 2;
          return { kind: 'splat', target: node, each: this.parseSplatSteps({ kind: 'splat-item' }, true) };
        }
        this.pos += 2;
        if (step.type === 'ident') node = { kind: 'attribute', target: node, name: this.textOf(step) };
        else if (step.type === 'number') for (const part of this.textOf(step).split('.')) node = { kind: 'index', target: node, key: { kind: 'literal', value: Number(part) } };
        else throw new SyntaxProblem('bad attribute');
      } else if (token.type === 'lbrack') {
        if (this.peek(1).type === 'star' && this.peek(2).type === 'rbrack') {
          this.pos += 3;
          return { kind: 'splat', target: node, each: this.parseSplatSteps({ kind: 'splat-item' }, false) };
        }
        node = this.parseIndex(node);
      } else {
        return node;
      }
    }
  }

  /** `[key]` after `target`, the opening bracket next. */
  private parseIndex(target: Node): Node {
    this.next();
    const key = this.parseExpression();
    this.expect('rbrack');
    return { kind: 'index', target, key };
  }

  /** The steps after a splat; the legacy `.*` form takes attribute steps only. */
  private parseSplatSteps(item: Node, attributesOnly: boolean): Node {
    let node = item;
    for (;;) {
      const token = this.peek();
      if (token.type === 'dot' && this.peek(1).type === 'ident') {
        node = { kind: 'attribute', target: node, name: this.textOf(this.peek(1)) };
        this.pos += 2;
      } else if (!attributesOnly && token.type === 'lbrack' && !(this.peek(1).type === 'star')) {
        node = this.parseIndex(node);
      } else {
        return node;
      }
    }
  }

  private parsePrimary(): Node {
    const token = this.peek();
    switch (token.type) {
      case 'number':
        this.next();
        return { kind: 'literal', value: Number(this.textOf(token)) };
      case 'ident':
        return this.parseIdentifier();
      case 'oquote':
      case 'oheredoc':
        return this.parseTemplate();
      case 'lparen': {
        this.next();
        const inner = this.parseExpression();
        this.expect('rparen');
        return inner;
      }
      case 'lbrack':
        return this.parseTuple();
      case 'lbrace':
        return this.parseObject();
      default:
        throw new SyntaxProblem('expected a value');
    }
  }

  private parseIdentifier(): Node {
    const token = this.next();
    let name = this.textOf(token);
    if (this.peek().type === 'doubleColon' || this.peek().type === 'lparen') {
      while (this.peek().type === 'doubleColon') {
        this.next();
        name += `::${this.textOf(this.expect('ident'))}`;
      }
      this.expect('lparen');
      const args: Node[] = [];
      let expandLast = false;
      while (this.peek().type !== 'rparen') {
        args.push(this.parseExpression());
        if (this.peek().type === 'ellipsis') {
          this.next();
          expandLast = true;
        }
        if (this.peek().type !== 'comma') break;
        this.next();
      }
      this.expect('rparen');
      return { kind: 'call', name, args, expandLast };
    }
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    return { kind: 'variable', name };
  }

  /** Templates are handed to the structural parser, which already decodes escapes, heredocs and strip markers. */
  private parseTemplate(): Node {
    const open = this.next();
    const closer: TokenType = open.type === 'oquote' ? 'cquote' : 'cheredoc';
    let depth = 0;
    for (;;) {
      const token = this.next();
      if (token.type === 'eof') throw new SyntaxProblem('unclosed template');
      if (token.type === open.type) depth += 1;
      else if (token.type === closer) {
        if (depth === 0) {
          const source = this.text.slice(open.start, token.end);
          const parsed = parseHcl(`v = ${source}\n`);
          const attribute = parsed.body.attributes[0];
          if (parsed.errors.length > 0 || !attribute) throw new SyntaxProblem('bad template');
          return toNode(attribute.expr);
        }
        depth -= 1;
      }
    }
  }

  private startsFor(): boolean {
    return this.isKeyword(this.peek(), 'for') && this.peek(1).type === 'ident';
  }

  private parseTuple(): Node {
    this.next();
    if (this.startsFor()) return this.parseFor('rbrack');
    const items: Node[] = [];
    while (this.peek().type !== 'rbrack') {
      items.push(this.parseExpression());
      if (this.peek().type !== 'comma') break;
      this.next();
    }
    this.expect('rbrack');
    return { kind: 'tuple', items };
  }

  private parseObject(): Node {
    this.next();
    if (this.startsFor()) return this.parseFor('rbrace');
    const items: Array<{ key: string | Node; value: Node }> = [];
    while (this.peek().type !== 'rbrace') {
      const keyToken = this.peek();
      const keyNode = this.parseExpression();
      const key = keyNode.kind === 'variable' && keyToken.type === 'ident' ? keyNode.name : keyNode.kind === 'literal' ? String(keyNode.value) : keyNode;
      if (this.peek().type !== 'equals' && this.peek().type !== 'colon') throw new SyntaxProblem('expected = in object');
      this.next();
      items.push({ key, value: this.parseExpression() });
      if (this.peek().type === 'comma') this.next();
    }
    this.expect('rbrace');
    return { kind: 'object', items };
  }

  private parseFor(closer: 'rbrack' | 'rbrace'): Node {
    this.next();
    const first = this.textOf(this.expect('ident'));
    let keyName: string | undefined;
    let valueName = first;
    if (this.peek().type === 'comma') {
      this.next();
      keyName = first;
      valueName = this.textOf(this.expect('ident'));
    }
    if (!this.isKeyword(this.next(), 'in')) throw new SyntaxProblem('expected in');
    const collection = this.parseExpression();
    this.expect('colon');
    const object = closer === 'rbrace';
    let keyExpr: Node | undefined;
    let valueExpr = this.parseExpression();
    let grouping = false;
    if (object) {
      this.expect('fatArrow');
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
      if (this.peek().type === 'ellipsis') {
        this.next();
        grouping = true;
      }
    }
    let condition: Node | undefined;
    if (this.isKeyword(this.peek(), 'if')) {
      this.next();
      condition = this.parseExpression();
    }
    this.expect(closer);
    return {
      kind: 'for',
      ...(keyName !== undefined ? { keyName } : {}),
      valueName,
      collection,
      ...(keyExpr ? { keyExpr } : {}),
      valueExpr,
      ...(condition ? { condition } : {}),
      grouping,
      object,
    };
  }
}
