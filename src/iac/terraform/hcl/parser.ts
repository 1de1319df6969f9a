/**
 * A structural parser for the HCL native syntax (Terraform `.tf` files), written by hand because
 * the npm HCL parsers give no source lines, need WASM or are slow (see TOOLCHAIN-NOTES, "HCL").
 * It reads blocks and attributes with their lines and classifies expressions into the forms rules
 * need; everything else is kept as source text with the traversals it references. It never
 * throws: errors are collected with line and column, and parsing resumes at the next line.
 */
import { lexHcl, MAX_ERRORS } from './lexer.js';
import type { Token, TokenType } from './lexer.js';
import { appendAll, referencesOf } from './references.js';
import { flushHeredocIndent, stripMarkers } from './template.js';
import type { TemplateSegment } from './template.js';
import type { HclBlock, HclBody, HclError, HclExpression, HclFile, HclObjectItem, HclOpaqueExpression } from './types.js';

/** Deeper nesting is not real Terraform; the cap keeps recursion far from the call-stack limit. */
export const MAX_NESTING = 128;

const OPENERS = new Set<TokenType>(['lbrace', 'lbrack', 'lparen', 'oquote', 'oheredoc', 'interp', 'control']);
const CLOSERS = new Set<TokenType>(['rbrace', 'rbrack', 'rparen', 'cquote', 'cheredoc', 'templateEnd']);
const BINARY_OPERATORS = new Set<TokenType>(['operator', 'minus', 'star']);
const DIRECTIVE_KEYWORDS = new Set(['for', 'in', 'if', 'else', 'endif', 'endfor']);

/** Parses HCL source. `_file` is accepted for symmetry with the other parsers; errors carry no file. */
export function parseHcl(text: string, _file?: string): HclFile {
  const lexed = lexHcl(text);
  const parser = new Parser(text, lexed.tokens);
  const body = parser.parseFile();
  const errors = [...lexed.errors, ...parser.errors].sort((a, b) => a.line - b.line || a.column - b.column);
  if (errors.length > MAX_ERRORS) {
    const last = errors[MAX_ERRORS - 1] as HclError;
    errors.length = MAX_ERRORS;
    errors.push({ message: `too many errors: only the first ${MAX_ERRORS} are shown`, line: last.line, column: last.column });
  }
  return { body, errors };
}

interface BodyEnd {
  closedBy?: Token;
}

class Parser {
  readonly errors: HclError[] = [];
  private pos = 0;
  private last: Token;
  private readonly ignoreNewlines: boolean[] = [false];
  private depth = 0;
  private reportedTooDeep = false;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {
    this.last = tokens[0] as Token;
  }

  parseFile(): HclBody {
    const body: HclBody = { attributes: [], blocks: [] };
    this.parseBodyItems(body, false);
    return body;
  }

  // ---- token access ----------------------------------------------------------------------

  private peek(): Token {
    if (this.ignoreNewlines[this.ignoreNewlines.length - 1]) {
      while (this.tokenAt(this.pos).type === 'newline') this.pos += 1;
    }
    return this.tokenAt(this.pos);
  }

  /** The token after the next one, skipping newlines (used only where newlines are ignored). */
  private peekSecond(): Token {
    this.peek();
    let i = this.pos + 1;
    while (this.tokenAt(i).type === 'newline') i += 1;
    return this.tokenAt(i);
  }

  private tokenAt(index: number): Token {
    return (this.tokens[index] ?? this.tokens[this.tokens.length - 1]) as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.pos += 1;
    this.last = token;
    return token;
  }

  private accept(type: TokenType): Token | undefined {
    return this.peek().type === type ? this.next() : undefined;
  }

  private withNewlines<T>(ignored: boolean, parse: () => T): T {
    this.ignoreNewlines.push(ignored);
    try {
      return parse();
    } finally {
      this.ignoreNewlines.pop();
    }
  }

  private source(from: Token, to: Token): string {
    return to.end >= from.start ? this.text.slice(from.start, to.end) : '';
  }

  private error(message: string, at: Token): void {
    // The lexer has already reported unreadable characters.
    if (at.type === 'invalid' || this.errors.length > MAX_ERRORS) return;
    this.errors.push({ message, line: at.line, column: at.column });
  }

  private describe(token: Token): string {
    switch (token.type) {
      case 'newline':
        return 'a new line';
      case 'eof':
        return 'the end of the file';
      case 'oquote':
        return 'a string';
      case 'oheredoc':
        return 'a heredoc';
      default:
        return `\`${this.text.slice(token.start, Math.min(token.end, token.start + 40))}\``;
    }
  }

  // ---- bodies ----------------------------------------------------------------------------

  private parseBodyItems(body: HclBody, inBlock: boolean): BodyEnd {
    for (;;) {
      const token = this.tokenAt(this.pos);
      switch (token.type) {
        case 'newline':
          this.pos += 1;
          continue;
        case 'eof':
          return {};
        case 'rbrace':
          this.next();
          if (inBlock) return { closedBy: token };
          this.error('unexpected `}`: no block is open here; remove it', token);
          continue;
        case 'ident':
          this.parseBodyItem(body, inBlock);
          continue;
        default:
          this.error(`expected an attribute name or a block type, found ${this.describe(token)}`, token);
          this.skipLine(inBlock);
      }
    }
  }

  private parseBodyItem(body: HclBody, inBlock: boolean): void {
    const nameToken = this.next();
    const name = this.source(nameToken, nameToken);
    const after = this.peek();
    if (after.type === 'equals') {
      this.next();
      this.parseAttribute(body, nameToken, name, inBlock);
      return;
    }
    const labels = this.parseLabels();
    if (labels === undefined) {
      this.skipLine(inBlock);
      return;
    }
    if (!this.accept('lbrace')) {
      const found = this.peek();
      if (found.type === 'newline' && this.nextNonNewline().type === 'lbrace') {
        this.error(`the \`{\` of block \`${blockTitle(name, labels)}\` must be on the same line as \`${name}\``, found);
        this.peekPastNewlines();
        this.next();
      } else {
        const valueWithoutEquals = labels.length === 0 ? found.type !== 'newline' : labels.length === 1 && (found.type === 'newline' || found.type === 'eof');
        const hint = valueWithoutEquals ? ` (missing \`=\` after \`${name}\`?)` : '';
        this.error(`expected \`=\` or \`{\` after \`${blockTitle(name, labels)}\`, found ${this.describe(found)}${hint}`, found);
        this.skipLine(inBlock);
        return;
      }
    }
    body.blocks.push(this.parseBlock(nameToken, name, labels));
  }

  private parseAttribute(body: HclBody, nameToken: Token, name: string, inBlock: boolean): void {
    const errorsBefore = this.errors.length;
    const expr = this.parseExpression();
    body.attributes.push({ name, expr, line: nameToken.line, endLine: Math.max(nameToken.line, this.last.line) });
    const end = this.tokenAt(this.pos);
    if (end.type === 'newline' || end.type === 'eof' || (end.type === 'rbrace' && inBlock)) return;
    const failed = this.errors.length > errorsBefore;
    if (failed && end.line > this.last.line) return;
    if (!failed) {
      this.error(`unexpected ${this.describe(end)} after the value of \`${name}\`: put each attribute on its own line`, end);
    }
    this.skipLine(inBlock);
  }

  private parseLabels(): string[] | undefined {
    const labels: string[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === 'ident') {
        this.next();
        labels.push(this.source(token, token));
      } else if (token.type === 'oquote') {
        const expr = this.parseTemplate();
        if (expr.kind !== 'literal') {
          this.error('a block label must be a plain string, without `${` or `%{`', token);
          return undefined;
        }
        labels.push(String(expr.value));
      } else {
        return labels;
      }
    }
  }

  private nextNonNewline(): Token {
    let i = this.pos;
    while (this.tokenAt(i).type === 'newline') i += 1;
    return this.tokenAt(i);
  }

  private peekPastNewlines(): void {
    while (this.tokenAt(this.pos).type === 'newline') this.pos += 1;
  }

  private parseBlock(typeToken: Token, type: string, labels: string[]): HclBlock {
    const body: HclBody = { attributes: [], blocks: [] };
    const title = blockTitle(type, labels);
    if (this.depth >= MAX_NESTING) {
      this.reportTooDeep(typeToken);
      this.pos -= 1;
      this.skipBalanced();
      return { type, labels, body, line: typeToken.line, endLine: this.last.line };
    }
    this.depth += 1;
    let end: BodyEnd;
    try {
      end = this.withNewlines(false, () => this.parseBodyItems(body, true));
    } finally {
      this.depth -= 1;
    }
    if (!end.closedBy) {
      this.errors.push({
        message: `unclosed block \`${title}\` opened at line ${typeToken.line}: add the closing \`}\``,
        line: typeToken.line,
        column: typeToken.column,
      });
    }
    return { type, labels, body, line: typeToken.line, endLine: (end.closedBy ?? this.last).line };
  }

  /** Recovery: drop the rest of the line, keeping a `}` that closes the enclosing block. */
  private skipLine(inBlock: boolean): void {
    let depth = 0;
    for (;;) {
      const token = this.tokenAt(this.pos);
      if (token.type === 'eof') return;
      if (depth === 0 && token.type === 'newline') {
        this.pos += 1;
        return;
      }
      if (depth === 0 && token.type === 'rbrace' && inBlock) return;
      this.pos += 1;
      this.last = token;
      if (OPENERS.has(token.type)) depth += 1;
      else if (CLOSERS.has(token.type) && depth > 0) depth -= 1;
    }
  }

  /** Skips one token, or a whole bracketed group when it starts one. */
  private skipBalanced(): void {
    let depth = 0;
    do {
      const token = this.tokenAt(this.pos);
      if (token.type === 'eof') return;
      this.pos += 1;
      this.last = token;
      if (OPENERS.has(token.type)) depth += 1;
      else if (CLOSERS.has(token.type)) depth -= 1;
    } while (depth > 0);
  }

  /**
   * Recovery inside brackets: skip to the matching closer and consume it. Stops without consuming
   * at a closer of an enclosing group, so a missing `]` cannot swallow the enclosing block.
   */
  private skipToCloser(closer: TokenType): void {
    let depth = 0;
    for (;;) {
      const token = this.tokenAt(this.pos);
      if (token.type === 'eof') return;
      if (depth === 0 && CLOSERS.has(token.type)) {
        if (token.type === closer) this.next();
        return;
      }
      this.pos += 1;
      this.last = token;
      if (OPENERS.has(token.type)) depth += 1;
      else if (CLOSERS.has(token.type)) depth -= 1;
    }
  }

  private reportTooDeep(at: Token): void {
    if (this.reportedTooDeep) return;
    this.reportedTooDeep = true;
    this.error(`nested more than ${MAX_NESTING} levels deep: the contents here are not read`, at);
  }

  // ---- expressions -----------------------------------------------------------------------

  private parseExpression(): HclExpression {
    const first = this.peek();
    if (this.depth >= MAX_NESTING) {
      this.reportTooDeep(first);
      this.skipBalanced();
      return this.opaque(first, []);
    }
    this.depth += 1;
    try {
      return this.parseConditional();
    } finally {
      this.depth -= 1;
    }
  }

  private parseConditional(): HclExpression {
    const first = this.peek();
    const condition = this.parseBinary();
    if (this.peek().type !== 'question') return condition;
    const references = referencesOf(condition);
    // `a ? b : c ? d : e` is read as a loop rather than by recursion on the false branch.
    while (this.accept('question')) {
      appendAll(references, referencesOf(this.parseExpression()));
      if (!this.accept('colon')) {
        this.error(`expected \`:\` in the conditional expression, found ${this.describe(this.peek())}`, this.peek());
        break;
      }
      appendAll(references, referencesOf(this.parseBinary()));
    }
    return this.opaque(first, references);
  }

  private parseBinary(): HclExpression {
    const first = this.peek();
    const left = this.parseUnary();
    if (!BINARY_OPERATORS.has(this.peek().type)) return left;
    const references = referencesOf(left);
    while (BINARY_OPERATORS.has(this.peek().type)) {
      this.next();
      appendAll(references, referencesOf(this.parseUnary()));
    }
    return this.opaque(first, references);
  }

  private parseUnary(): HclExpression {
    const first = this.peek();
    let operators = 0;
    while (this.peek().type === 'minus' || this.peek().type === 'bang') {
      this.next();
      operators += 1;
    }
    const operand = this.parsePostfix();
    if (operators === 0) return operand;
    if (operators === 1 && first.type === 'minus' && operand.kind === 'literal' && typeof operand.value === 'number') {
      return { kind: 'literal', value: -operand.value, text: this.source(first, this.last), line: first.line };
    }
    return this.opaque(first, referencesOf(operand));
  }

  private parsePostfix(): HclExpression {
    const first = this.peek();
    const primary = this.parsePrimary();
    const path = primary.kind === 'traversal' ? [...primary.path] : undefined;
    let onlyAttributes = true;
    let steps = 0;
    const indexReferences: string[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === 'dot') {
        const step = this.tokenAt(this.pos + 1);
        if (step.type === 'ident') {
          if (path && onlyAttributes) path.push(this.source(step, step));
        } else if (step.type === 'number' || step.type === 'star') {
          onlyAttributes = false;
        } else {
          this.next();
          this.error(`expected an attribute name after \`.\`, found ${this.describe(step)}`, step);
          break;
        }
        this.next();
        this.next();
        steps += 1;
      } else if (token.type === 'lbrack') {
        this.parseIndex(indexReferences);
        onlyAttributes = false;
        steps += 1;
      } else {
        break;
      }
    }
    if (steps === 0) return primary;
    if (path && onlyAttributes) {
      return { kind: 'traversal', path, text: this.source(first, this.last), line: first.line };
    }
    const references = path ? [path.join('.')] : referencesOf(primary);
    return this.opaque(first, [...references, ...indexReferences]);
  }

  private parseIndex(references: string[]): void {
    const open = this.next();
    this.withNewlines(true, () => {
      if (this.peek().type === 'star' && this.peekSecond().type === 'rbrack') {
        this.next();
        this.next();
        return;
      }
      appendAll(references, referencesOf(this.parseExpression()));
      if (!this.accept('rbrack')) {
        this.error(`expected \`]\` to close the index opened at line ${open.line}, found ${this.describe(this.peek())}`, this.peek());
        this.skipToCloser('rbrack');
      }
    });
  }

  private parsePrimary(): HclExpression {
    const token = this.peek();
    switch (token.type) {
      case 'number':
        this.next();
        return { kind: 'literal', value: Number(this.source(token, token)), text: this.source(token, token), line: token.line };
      case 'ident':
        return this.parseIdentifier();
      case 'oquote':
      case 'oheredoc':
        return this.parseTemplate();
      case 'lparen':
        return this.parseParentheses();
      case 'lbrack':
        return this.parseTupleOrFor();
      case 'lbrace':
        return this.parseObjectOrFor();
      default:
        this.error(`expected a value, found ${this.describe(token)}`, token);
        if (token.type === 'invalid') this.next();
        return { kind: 'expression', text: '', line: token.line, references: [] };
    }
  }

  private parseIdentifier(): HclExpression {
    const token = this.next();
    const name = this.source(token, token);
    const following = this.peek().type;
    if (following === 'lparen' || following === 'doubleColon') return this.parseCall(token, name);
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', text: name, line: token.line };
    if (name === 'null') return { kind: 'literal', value: null, text: name, line: token.line };
    return { kind: 'traversal', path: [name], text: name, line: token.line };
  }

  private parseCall(nameToken: Token, firstName: string): HclExpression {
    let name = firstName;
    while (this.accept('doubleColon')) {
      const part = this.accept('ident');
      if (!part) {
        this.error(`expected a function name after \`${name}::\`, found ${this.describe(this.peek())}`, this.peek());
        return this.opaque(nameToken, []);
      }
      name += `::${this.source(part, part)}`;
    }
    const open = this.accept('lparen');
    if (!open) {
      this.error(`expected \`(\` after the function name \`${name}\`, found ${this.describe(this.peek())}`, this.peek());
      return this.opaque(nameToken, []);
    }
    const args = this.withNewlines(true, () => this.parseList('rparen', `the arguments of \`${name}(\` opened at line ${open.line}`, true));
    return { kind: 'call', name, args, text: this.source(nameToken, this.last), line: nameToken.line };
  }

  /** Comma-separated expressions up to `closer`, allowing a trailing comma (and `...` in calls). */
  private parseList(closer: TokenType, what: string, allowEllipsis: boolean): HclExpression[] {
    const items: HclExpression[] = [];
    for (;;) {
      if (this.accept(closer)) return items;
      const start = this.peek();
      if (start.type === 'eof') {
        this.error(`unclosed ${what}`, start);
        return items;
      }
      items.push(this.parseExpression());
      if (allowEllipsis) this.accept('ellipsis');
      if (this.accept('comma')) continue;
      if (this.accept(closer)) return items;
      const found = this.peek();
      this.error(`expected \`,\` or \`${closerText(closer)}\` in ${what}, found ${this.describe(found)}`, found);
      // A list left open at the end of a line: resume at the next line rather than skip the file.
      if (found.line === this.last.line) this.skipToCloser(closer);
      return items;
    }
  }

  private parseParentheses(): HclExpression {
    const open = this.next();
    const inner = this.withNewlines(true, () => {
      const expr = this.parseExpression();
      if (!this.accept('rparen')) {
        this.error(`expected \`)\` to close the \`(\` opened at line ${open.line}, found ${this.describe(this.peek())}`, this.peek());
        this.skipToCloser('rparen');
      }
      return expr;
    });
    return this.opaque(open, referencesOf(inner));
  }

  private parseTupleOrFor(): HclExpression {
    const open = this.next();
    return this.withNewlines(true, () => {
      if (this.startsFor()) return this.parseFor(open, 'rbrack');
      const items = this.parseList('rbrack', `the list opened at line ${open.line}`, false);
      return { kind: 'tuple', items, text: this.source(open, this.last), line: open.line };
    });
  }

  private startsFor(): boolean {
    const token = this.peek();
    return token.type === 'ident' && this.source(token, token) === 'for' && this.peekSecond().type === 'ident';
  }

  private parseObjectOrFor(): HclExpression {
    const open = this.next();
    const isFor = this.withNewlines(true, () => this.startsFor());
    if (isFor) return this.withNewlines(true, () => this.parseFor(open, 'rbrace'));
    const items = this.withNewlines(false, () => this.parseObjectItems(open));
    return { kind: 'object', items, text: this.source(open, this.last), line: open.line };
  }

  private parseObjectItems(open: Token): HclObjectItem[] {
    const items: HclObjectItem[] = [];
    for (;;) {
      this.peekPastNewlines();
      const start = this.peek();
      if (this.accept('rbrace')) return items;
      if (start.type === 'eof') {
        this.error(`unclosed object \`{\` opened at line ${open.line}: add the closing \`}\``, open);
        return items;
      }
      const key = this.parseExpression();
      if (!this.accept('equals') && !this.accept('colon')) {
        const found = this.peek();
        this.error(`expected \`=\` or \`:\` after the object key, found ${this.describe(found)}`, found);
        this.skipToCloser('rbrace');
        return items;
      }
      const value = this.parseExpression();
      items.push({ key: objectKey(key), value, line: start.line });
      if (this.accept('comma') || this.accept('newline')) continue;
      if (this.accept('rbrace')) return items;
      const found = this.peek();
      this.error(`expected \`,\`, a new line or \`}\` after the object item, found ${this.describe(found)}`, found);
      this.skipToCloser('rbrace');
      return items;
    }
  }

  /** `[for x in xs : f(x) if g(x)]` and `{for k, v in m : k => v...}`; newlines are ignored inside. */
  private parseFor(open: Token, closer: TokenType): HclExpression {
    this.next();
    const firstName = this.next();
    const loopNames = [this.source(firstName, firstName)];
    if (this.accept('comma')) {
      const second = this.accept('ident');
      if (second) loopNames.push(this.source(second, second));
    }
    const inKeyword = this.peek();
    if (inKeyword.type !== 'ident' || this.source(inKeyword, inKeyword) !== 'in') {
      this.error(`expected \`in\` in the for expression, found ${this.describe(inKeyword)}`, inKeyword);
      this.skipToCloser(closer);
      return this.opaque(open, []);
    }
    this.next();
    const references = referencesOf(this.parseExpression());
    const ownReferences: string[] = [];
    if (!this.accept('colon')) {
      this.error(`expected \`:\` after the collection of the for expression, found ${this.describe(this.peek())}`, this.peek());
      this.skipToCloser(closer);
      return this.opaque(open, references);
    }
    appendAll(ownReferences, referencesOf(this.parseExpression()));
    if (closer === 'rbrace' && this.accept('fatArrow')) {
      appendAll(ownReferences, referencesOf(this.parseExpression()));
      this.accept('ellipsis');
    }
    const ifKeyword = this.peek();
    if (ifKeyword.type === 'ident' && this.source(ifKeyword, ifKeyword) === 'if') {
      this.next();
      appendAll(ownReferences, referencesOf(this.parseExpression()));
    }
    if (!this.accept(closer)) {
      this.error(`expected \`${closerText(closer)}\` to end the for expression opened at line ${open.line}, found ${this.describe(this.peek())}`, this.peek());
      this.skipToCloser(closer);
    }
    const local = new Set(loopNames);
    const outside = ownReferences.filter((reference) => !local.has(rootOf(reference)));
    return this.opaque(open, [...references, ...outside]);
  }

  // ---- templates -------------------------------------------------------------------------

  private parseTemplate(): HclExpression {
    const open = this.next();
    const heredoc = open.type === 'oheredoc';
    const segments: TemplateSegment[] = [];
    this.withNewlines(true, () => {
      for (;;) {
        const token = this.tokenAt(this.pos);
        if (token.type === 'cquote' || token.type === 'cheredoc' || token.type === 'eof') {
          this.next();
          return;
        }
        if (token.type === 'literal') {
          this.next();
          segments.push({ literal: token.value ?? '' });
        } else if (token.type === 'interp') {
          segments.push(this.parseInterpolation());
        } else if (token.type === 'control') {
          segments.push(this.parseDirective());
        } else {
          this.next();
        }
      }
    });
    if (heredoc && open.value?.startsWith('-')) flushHeredocIndent(segments);
    const parts = stripMarkers(segments);
    const text = this.source(open, this.last);
    if (!heredoc && parts.every((part) => typeof part === 'string')) {
      return { kind: 'literal', value: parts.join(''), text, line: open.line };
    }
    return { kind: 'template', parts, text, line: open.line };
  }

  private parseInterpolation(): TemplateSegment {
    const open = this.next();
    const expr = this.parseExpression();
    const close = this.accept('templateEnd');
    if (!close) {
      this.error(`expected \`}\` to close the \`\${\` opened at line ${open.line}, found ${this.describe(this.peek())}`, this.peek());
      this.skipToCloser('templateEnd');
    }
    return { expr, stripBefore: open.value === '~', stripAfter: close?.value === '~' };
  }

  /** `%{ if … }`, `%{ for … }`, `%{ endif }`: kept as text, with the traversals they read. */
  private parseDirective(): TemplateSegment {
    const open = this.next();
    const startIndex = this.pos;
    this.pos -= 1;
    this.skipBalanced();
    const tokens = this.tokens.slice(startIndex, this.pos - 1);
    const close = this.last;
    const expr: HclOpaqueExpression = {
      kind: 'expression',
      text: this.source(open, close),
      line: open.line,
      references: this.directiveReferences(tokens),
    };
    return { expr, stripBefore: open.value === '~', stripAfter: close.value === '~' };
  }

  private directiveReferences(tokens: Token[]): string[] {
    const inIndex = tokens.findIndex((token) => token.type === 'ident' && this.source(token, token) === 'in');
    const loopNames = new Set<string>();
    if (inIndex > 0) {
      for (const token of tokens.slice(0, inIndex)) if (token.type === 'ident') loopNames.add(this.source(token, token));
    }
    const references: string[] = [];
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i] as Token;
      const previous = tokens[i - 1];
      if (token.type !== 'ident' || previous?.type === 'dot') continue;
      const name = this.source(token, token);
      if (DIRECTIVE_KEYWORDS.has(name) || loopNames.has(name) || tokens[i + 1]?.type === 'lparen') continue;
      if (name === 'true' || name === 'false' || name === 'null') continue;
      const path = [name];
      while (tokens[i + 1]?.type === 'dot' && tokens[i + 2]?.type === 'ident') {
        path.push(this.source(tokens[i + 2] as Token, tokens[i + 2] as Token));
        i += 2;
      }
      references.push(path.join('.'));
    }
    return references;
  }

  private opaque(first: Token, references: string[]): HclOpaqueExpression {
    return { kind: 'expression', text: this.source(first, this.last), line: first.line, references: [...new Set(references)] };
  }
}

function blockTitle(type: string, labels: string[]): string {
  return [type, ...labels.map((label) => JSON.stringify(label))].join(' ');
}

function closerText(closer: TokenType): string {
  return closer === 'rbrack' ? ']' : closer === 'rparen' ? ')' : '}';
}

function rootOf(reference: string): string {
  const dot = reference.indexOf('.');
  return dot === -1 ? reference : reference.slice(0, dot);
}

/** HCL reads a bare name or a plain string as an object key's literal text. */
function objectKey(key: HclExpression): string | HclExpression {
  if (key.kind === 'traversal' && key.path.length === 1) return key.path[0] as string;
  if (key.kind === 'literal') return String(key.value);
  return key;
}
