import type { HclError } from './types.js';

/**
 * Tokens of the HCL native syntax. Templates (quoted strings and heredocs) are split the way
 * HCL's own scanner splits them: an opening token, literal pieces, `${`/`%{` openers whose
 * contents are ordinary tokens, `}` closers, and a closing token. Comments are dropped; newlines
 * are kept because they end attributes.
 */
export type TokenType =
  | 'ident'
  | 'number'
  | 'newline'
  | 'eof'
  | 'oquote'
  | 'cquote'
  | 'oheredoc'
  | 'cheredoc'
  | 'literal'
  | 'interp'
  | 'control'
  | 'templateEnd'
  | 'lbrace'
  | 'rbrace'
  | 'lbrack'
  | 'rbrack'
  | 'lparen'
  | 'rparen'
  | 'equals'
  | 'colon'
  | 'doubleColon'
  | 'comma'
  | 'dot'
  | 'ellipsis'
  | 'question'
  | 'fatArrow'
  | 'operator'
  | 'bang'
  | 'minus'
  | 'star'
  | 'invalid';

export interface Token {
  type: TokenType;
  /** Offsets into the source: `text.slice(start, end)` is the token's source. */
  start: number;
  end: number;
  line: number;
  column: number;
  /**
   * `literal`: the decoded text. `oheredoc`: the marker, prefixed with `-` for `<<-`.
   * `interp`/`templateEnd`: `~` when it carries a strip marker.
   */
  value?: string;
}

export interface LexResult {
  tokens: Token[];
  errors: HclError[];
}

interface CodeMode {
  kind: 'code';
  braces: number;
  /** Opened by `${` or `%{`: an unmatched `}` closes the template sequence. */
  inTemplate: boolean;
}

interface StringMode {
  kind: 'string';
}

interface HeredocMode {
  kind: 'heredoc';
  marker: string;
  line: number;
  column: number;
  atLineStart: boolean;
}

type Mode = CodeMode | StringMode | HeredocMode;

/** Errors kept per file: garbage input would otherwise produce one per line. */
export const MAX_ERRORS = 100;

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_QUOTE = 34;
const CH_HASH = 35;
const CH_DOLLAR = 36;
const CH_PERCENT = 37;
const CH_SLASH = 47;
const CH_BACKSLASH = 92;
const CH_LBRACE = 123;
const CH_RBRACE = 125;
const CH_TILDE = 126;

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

const PUNCTUATION: ReadonlyArray<[string, TokenType]> = [
  ['...', 'ellipsis'],
  ['=>', 'fatArrow'],
  ['==', 'operator'],
  ['!=', 'operator'],
  ['<=', 'operator'],
  ['>=', 'operator'],
  ['&&', 'operator'],
  ['||', 'operator'],
  ['::', 'doubleColon'],
  ['{', 'lbrace'],
  ['}', 'rbrace'],
  ['[', 'lbrack'],
  [']', 'rbrack'],
  ['(', 'lparen'],
  [')', 'rparen'],
  ['=', 'equals'],
  [':', 'colon'],
  [',', 'comma'],
  ['.', 'dot'],
  ['?', 'question'],
  ['!', 'bang'],
  ['-', 'minus'],
  ['*', 'star'],
  ['+', 'operator'],
  ['/', 'operator'],
  ['%', 'operator'],
  ['<', 'operator'],
  ['>', 'operator'],
];

/** Candidates indexed by the first character's code, longest first, for a cheap lookup per token. */
const PUNCTUATION_BY_CODE = groupByFirstCode(PUNCTUATION);

function groupByFirstCode(entries: ReadonlyArray<[string, TokenType]>): Array<Array<[string, TokenType]> | undefined> {
  const grouped: Array<Array<[string, TokenType]> | undefined> = [];
  for (const entry of entries) {
    const code = entry[0].charCodeAt(0);
    const list = grouped[code] ?? [];
    list.push(entry);
    grouped[code] = list;
  }
  return grouped;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const UNICODE_LETTER = /\p{L}/u;

function isIdentStart(text: string, c: number, i: number): boolean {
  if (isAsciiLetter(c) || c === 95) return true;
  return c > 127 && UNICODE_LETTER.test(text.charAt(i));
}

function isIdentPart(text: string, c: number, i: number): boolean {
  return isIdentStart(text, c, i) || isDigit(c) || c === 45;
}

/** How a character the lexer cannot read is shown in a message: visible, never raw control bytes. */
function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 32 || code === 127 || (code >= 0x80 && code < 0xa0) || code === 0xfffd) {
    return `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return ch;
}

/**
 * Splits HCL source into tokens in one pass. Never throws: unreadable input becomes `invalid`
 * tokens and errors. Nesting of templates inside code inside templates is tracked with an explicit
 * stack, so deeply nested input cannot overflow the call stack.
 */
export function lexHcl(text: string): LexResult {
  const tokens: Token[] = [];
  const errors: HclError[] = [];
  const modes: Mode[] = [{ kind: 'code', braces: 0, inTemplate: false }];
  const length = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0;

  const push = (type: TokenType, start: number, end: number, value?: string): void => {
    tokens.push({ type, start, end, line, column: start - lineStart + 1, value });
  };
  const error = (message: string, at: number): void => {
    if (errors.length <= MAX_ERRORS) errors.push({ message, line, column: at - lineStart + 1 });
  };
  const newline = (afterLf: number): void => {
    line += 1;
    lineStart = afterLf;
  };

  while (pos < length) {
    const mode = modes[modes.length - 1] as Mode;
    if (mode.kind === 'code') pos = lexCode(mode);
    else if (mode.kind === 'string') pos = lexString();
    else pos = lexHeredoc(mode);
  }
  closeOpenModes();
  push('eof', length, length);
  return { tokens, errors };

  function lexCode(mode: CodeMode): number {
    let c = text.charCodeAt(pos);
    if (c === CH_SPACE || c === CH_TAB || c === CH_CR) {
      let end = pos + 1;
      c = text.charCodeAt(end);
      while (c === CH_SPACE || c === CH_TAB || c === CH_CR) c = text.charCodeAt(++end);
      return end;
    }
    if (c === CH_LF) {
      push('newline', pos, pos + 1);
      newline(pos + 1);
      return pos + 1;
    }
    if (c === CH_HASH || (c === CH_SLASH && text.charCodeAt(pos + 1) === CH_SLASH)) return skipLineComment();
    if (c === CH_SLASH && text.charCodeAt(pos + 1) === 42) return skipBlockComment();
    if (isDigit(c)) return lexNumber();
    if (isIdentStart(text, c, pos)) {
      let end = pos + 1;
      while (end < length && isIdentPart(text, text.charCodeAt(end), end)) end += 1;
      push('ident', pos, end);
      return end;
    }
    if (c === CH_QUOTE) {
      push('oquote', pos, pos + 1);
      modes.push({ kind: 'string' });
      return pos + 1;
    }
    if (c === 60 && text.charCodeAt(pos + 1) === 60) {
      const heredocEnd = lexHeredocStart();
      if (heredocEnd !== undefined) return heredocEnd;
    }
    if (c === CH_LBRACE) {
      mode.braces += 1;
      push('lbrace', pos, pos + 1);
      return pos + 1;
    }
    if (mode.inTemplate && mode.braces === 0) {
      if (c === CH_RBRACE) {
        push('templateEnd', pos, pos + 1);
        modes.pop();
        return pos + 1;
      }
      if (c === CH_TILDE && text.charCodeAt(pos + 1) === CH_RBRACE) {
        push('templateEnd', pos, pos + 2, '~');
        modes.pop();
        return pos + 2;
      }
    }
    if (c === CH_RBRACE) {
      if (mode.braces > 0) mode.braces -= 1;
      push('rbrace', pos, pos + 1);
      return pos + 1;
    }
    const candidates = PUNCTUATION_BY_CODE[c];
    if (candidates) {
      for (const [symbol, type] of candidates) {
        if (text.startsWith(symbol, pos)) {
          push(type, pos, pos + symbol.length);
          return pos + symbol.length;
        }
      }
    }
    return lexInvalid();
  }

  function lexInvalid(): number {
    let end = pos;
    // One error for a run of unreadable characters, so binary garbage cannot flood the report.
    while (end < length) {
      const c = text.charCodeAt(end);
      if (c === CH_LF || c === CH_SPACE || c === CH_TAB || c === CH_CR) break;
      if (isIdentStart(text, c, end) || isDigit(c) || c === CH_QUOTE || c === CH_HASH) break;
      if (end > pos && PUNCTUATION_BY_CODE[c] !== undefined) break;
      end += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    const shown = describeChar(String.fromCodePoint(text.codePointAt(pos) ?? 0));
    error(`unexpected character \`${shown}\``, pos);
    push('invalid', pos, end);
    return end;
  }

  function skipLineComment(): number {
    const lf = text.indexOf('\n', pos);
    return lf === -1 ? length : lf;
  }

  function skipBlockComment(): number {
    const close = text.indexOf('*/', pos + 2);
    const end = close === -1 ? length : close + 2;
    if (close === -1) error('unclosed comment `/*`: add `*/` to end it', pos);
    let lf = text.indexOf('\n', pos);
    while (lf !== -1 && lf < end) {
      newline(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
    return end;
  }

  function lexNumber(): number {
    let end = pos;
    while (isDigit(text.charCodeAt(end))) end += 1;
    if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
      end += 1;
      while (isDigit(text.charCodeAt(end))) end += 1;
    }
    const e = text.charCodeAt(end);
    if (e === 101 || e === 69) {
      let exp = end + 1;
      const sign = text.charCodeAt(exp);
      if (sign === 43 || sign === 45) exp += 1;
      if (isDigit(text.charCodeAt(exp))) {
        while (isDigit(text.charCodeAt(exp))) exp += 1;
        end = exp;
      }
    }
    push('number', pos, end);
    return end;
  }

  /** `<<EOT` or `<<-EOT` followed by a newline; anything else is not a heredoc. */
  function lexHeredocStart(): number | undefined {
    let i = pos + 2;
    const flush = text.charCodeAt(i) === 45;
    if (flush) i += 1;
    const markerStart = i;
    if (!isIdentStart(text, text.charCodeAt(i), i)) return undefined;
    while (i < length && isIdentPart(text, text.charCodeAt(i), i)) i += 1;
    const marker = text.slice(markerStart, i);
    let lineEnd = i;
    while (text.charCodeAt(lineEnd) === CH_SPACE || text.charCodeAt(lineEnd) === CH_TAB || text.charCodeAt(lineEnd) === CH_CR) lineEnd += 1;
    if (lineEnd < length && text.charCodeAt(lineEnd) !== CH_LF) {
      error(`heredoc \`<<${flush ? '-' : ''}${marker}\` must end its line: start the text on the next line`, pos);
    }
    push('oheredoc', pos, i, (flush ? '-' : '') + marker);
    const startLine = line;
    const startColumn = pos - lineStart + 1;
    const lf = text.indexOf('\n', i);
    if (lf === -1) {
      modes.push({ kind: 'heredoc', marker, line: startLine, column: startColumn, atLineStart: true });
      return length;
    }
    newline(lf + 1);
    modes.push({ kind: 'heredoc', marker, line: startLine, column: startColumn, atLineStart: true });
    return lf + 1;
  }

  function lexString(): number {
    const start = pos;
    // Decoded text is built from slices of undecoded runs, not character by character.
    let decoded = '';
    let run = pos;
    let i = pos;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === CH_QUOTE) {
        pushLiteral(start, i, decoded + text.slice(run, i));
        push('cquote', i, i + 1);
        modes.pop();
        return i + 1;
      }
      if (c === CH_LF || (c === CH_CR && text.charCodeAt(i + 1) === CH_LF)) {
        pushLiteral(start, i, decoded + text.slice(run, i));
        error('unclosed string: a quoted string must end on the line it starts (use `\\n` or a heredoc for several lines)', i);
        push('cquote', i, i);
        modes.pop();
        return i;
      }
      if (c === CH_BACKSLASH) {
        const [value, next] = readEscape(i);
        decoded += text.slice(run, i) + value;
        i = next;
        run = i;
        continue;
      }
      if (c === CH_DOLLAR || c === CH_PERCENT) {
        const opener = templateOpener(i, start, decoded + text.slice(run, i));
        if (typeof opener === 'string') {
          decoded += text.slice(run, i) + opener;
          i += 3;
          run = i;
          continue;
        }
        if (opener !== undefined) return opener.next;
      }
      i += 1;
    }
    pushLiteral(start, i, decoded + text.slice(run, i));
    error('unclosed string: add the closing `"`', i);
    push('cquote', i, i);
    modes.pop();
    return i;
  }

  /**
   * At `$${`/`%%{` returns the escaped text; at `${`/`%{` emits the literal so far and the opener
   * and returns where code resumes; otherwise undefined.
   */
  function templateOpener(i: number, literalStart: number, decoded: string): string | { next: number } | undefined {
    const c = text.charCodeAt(i);
    if (c !== CH_DOLLAR && c !== CH_PERCENT) return undefined;
    const next = text.charCodeAt(i + 1);
    if (next === c && text.charCodeAt(i + 2) === CH_LBRACE) return c === CH_DOLLAR ? '${' : '%{';
    if (next !== CH_LBRACE) return undefined;
    pushLiteral(literalStart, i, decoded);
    const strip = text.charCodeAt(i + 2) === CH_TILDE;
    const end = i + (strip ? 3 : 2);
    push(c === CH_DOLLAR ? 'interp' : 'control', i, end, strip ? '~' : undefined);
    modes.push({ kind: 'code', braces: 0, inTemplate: true });
    return { next: end };
  }

  function readEscape(i: number): [string, number] {
    const ch = text.charAt(i + 1);
    const simple = ESCAPES[ch];
    if (simple !== undefined) return [simple, i + 2];
    if (ch === 'u' || ch === 'U') {
      const digits = ch === 'u' ? 4 : 8;
      const hex = text.slice(i + 2, i + 2 + digits);
      const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? Number.parseInt(hex, 16) : NaN;
      if (code <= 0x10ffff) return [String.fromCodePoint(code), i + 2 + digits];
      error(`invalid escape \`\\${ch}${hex}\`: expected ${digits} hex digits naming a Unicode character`, i);
      return [text.slice(i, i + 2), i + 2];
    }
    if (ch === '' || ch === '\n') return ['\\', i + 1];
    error(`invalid escape \`\\${describeChar(ch)}\` in a string: use \`\\\\\` for a backslash`, i);
    return [ch, i + 2];
  }

  function pushLiteral(start: number, end: number, decoded: string): void {
    if (end > start) push('literal', start, end, decoded);
  }

  function lexHeredoc(mode: HeredocMode): number {
    if (mode.atLineStart) {
      const closeEnd = heredocCloseAt(mode.marker);
      if (closeEnd !== undefined) {
        push('cheredoc', pos, closeEnd);
        modes.pop();
        return closeEnd;
      }
    }
    const start = pos;
    let decoded = '';
    let run = pos;
    let i = pos;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === CH_LF) {
        pushLiteral(start, i + 1, decoded + text.slice(run, i + 1));
        newline(i + 1);
        mode.atLineStart = true;
        return i + 1;
      }
      if (c === CH_DOLLAR || c === CH_PERCENT) {
        const opener = templateOpener(i, start, decoded + text.slice(run, i));
        if (typeof opener === 'string') {
          decoded += text.slice(run, i) + opener;
          i += 3;
          run = i;
          continue;
        }
        if (opener !== undefined) {
          mode.atLineStart = false;
          return opener.next;
        }
      }
      i += 1;
    }
    pushLiteral(start, i, decoded + text.slice(run, i));
    mode.atLineStart = false;
    return i;
  }

  /** The closing marker: optional indentation, the marker, then only whitespace to the line end. */
  function heredocCloseAt(marker: string): number | undefined {
    let i = pos;
    while (text.charCodeAt(i) === CH_SPACE || text.charCodeAt(i) === CH_TAB) i += 1;
    if (!text.startsWith(marker, i)) return undefined;
    let end = i + marker.length;
    if (end < length && isIdentPart(text, text.charCodeAt(end), end)) return undefined;
    while (text.charCodeAt(end) === CH_SPACE || text.charCodeAt(end) === CH_TAB || text.charCodeAt(end) === CH_CR) end += 1;
    if (end < length && text.charCodeAt(end) !== CH_LF) return undefined;
    return i + marker.length;
  }

  function closeOpenModes(): void {
    while (modes.length > 1) {
      const mode = modes.pop() as Mode;
      if (mode.kind === 'heredoc') {
        if (errors.length <= MAX_ERRORS) errors.push({
          message: `unclosed heredoc \`<<${mode.marker}\` opened at line ${mode.line}: end it with a line containing only \`${mode.marker}\``,
          line: mode.line,
          column: mode.column,
        });
        push('cheredoc', length, length);
      } else if (mode.kind === 'string') {
        error('unclosed string: add the closing `"`', length);
        push('cquote', length, length);
      } else {
        error('unclosed `${`: add the closing `}`', length);
        push('templateEnd', length, length);
      }
    }
  }
}
