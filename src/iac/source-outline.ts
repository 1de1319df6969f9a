/**
 * The outline of a manifest as it is written: which line each key path starts on, read from the
 * indentation alone. It reads what a YAML parser cannot: a Helm template (`{{ … }}` directives,
 * conditionals, includes) as well as a plain manifest. A rendered object is pointed back at its
 * source with it; a path the outline does not know (a field a patch or a template helper added)
 * falls back to its nearest written ancestor, as for any other finding.
 */

export interface OutlineDocument {
  /** First and last written line of the document (1-based). */
  line: number;
  endLine: number;
  /** Line of each dotted key path (`spec.template.spec.containers.0.image`), list items by position. */
  lines: Record<string, number>;
  /** `kind` and `metadata.name` where they are written as plain values. */
  kind?: string;
  name?: string;
}

interface Frame {
  indent: number;
  path: string;
  item: boolean;
}

/** A key at the start of the content: plain, or quoted; a template expression is not a key. */
const KEY = /^("[^"]*"|'[^']*'|[^\s"'{}[\],#&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+(.*)|$)/;
const ITEM = /^-(?:\s+(.*)|$)/;
const BLOCK_SCALAR = /^[|>][-+0-9]*\s*(#.*)?$/;
const SEPARATOR = /^---(\s|$)/;

function unquote(value: string): string {
  return /^(".*"|'.*')$/.test(value) ? value.slice(1, -1) : value;
}

function plainValue(rest: string | undefined): string | undefined {
  const value = rest?.replace(/\s+#.*$/, '').trim();
  if (value === undefined || value === '' || value.includes('{{')) return undefined;
  return unquote(value);
}

class DocumentOutline {
  readonly lines: Record<string, number> = {};
  first?: number;
  last = 0;
  kind?: string;
  name?: string;
  private readonly stack: Frame[] = [];
  private readonly counters = new Map<string, number>();
  /** While set, lines indented deeper than this belong to a block scalar, not to the outline. */
  private blockIndent?: number;

  add(raw: string, lineNumber: number): void {
    const content = raw.trimStart();
    const indent = raw.length - content.length;
    if (content === '' || content.startsWith('#')) return;
    if (this.blockIndent !== undefined) {
      if (indent > this.blockIndent) return;
      this.blockIndent = undefined;
    }
    // A directive or include on its own line writes nothing the outline can name.
    if (content.startsWith('{{')) return;
    this.first ??= lineNumber;
    this.last = lineNumber;
    this.entry(indent, content, lineNumber);
  }

  private entry(indent: number, content: string, lineNumber: number): void {
    const item = ITEM.exec(content);
    if (item) {
      this.item(indent, lineNumber, item[1], content.length - (item[1]?.length ?? 0));
      return;
    }
    const key = KEY.exec(content);
    if (key?.[1]) this.key(indent, unquote(key[1]), lineNumber, key[2]);
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private key(indent: number, key: string, lineNumber: number, rest: string | undefined): void {
    while ((this.top()?.indent ?? -1) >= indent) this.stack.pop();
    const parent = this.top()?.path ?? '';
    const path = parent === '' ? key : `${parent}.${key}`;
    this.lines[path] ??= lineNumber;
    this.stack.push({ indent, path, item: false });
    if (rest !== undefined && BLOCK_SCALAR.test(rest.trim())) this.blockIndent = indent;
    if (path === 'kind') this.kind ??= plainValue(rest);
    if (path === 'metadata.name') this.name ??= plainValue(rest);
  }

  /** `- …` at `indent`: an item of the key above it (at the same indent, in the compact style) or of the nearest shallower frame. */
  private item(indent: number, lineNumber: number, rest: string | undefined, offset: number): void {
    for (let top = this.top(); top !== undefined && top.indent >= indent && !(top.indent === indent && !top.item); top = this.top()) this.stack.pop();
    const parent = this.top()?.path ?? '';
    const index = this.counters.get(parent) ?? 0;
    this.counters.set(parent, index + 1);
    const path = parent === '' ? String(index) : `${parent}.${index}`;
    this.lines[path] ??= lineNumber;
    this.stack.push({ indent, path, item: true });
    if (rest !== undefined && rest !== '' && !rest.startsWith('{{')) this.entry(indent + offset, rest, lineNumber);
  }

  done(): OutlineDocument | undefined {
    if (this.first === undefined) return undefined;
    return {
      line: this.first,
      endLine: this.last,
      lines: this.lines,
      ...(this.kind !== undefined ? { kind: this.kind } : {}),
      ...(this.name !== undefined ? { name: this.name } : {}),
    };
  }
}

/** The outline of every document of a manifest or template, in order; documents with nothing written are left out. */
export function outlineDocuments(text: string): OutlineDocument[] {
  const documents: OutlineDocument[] = [];
  let current = new DocumentOutline();
  text.split(/\r?\n/).forEach((raw, index) => {
    if (SEPARATOR.test(raw)) {
      const done = current.done();
      if (done) documents.push(done);
      current = new DocumentOutline();
      return;
    }
    current.add(raw, index + 1);
  });
  const done = current.done();
  if (done) documents.push(done);
  return documents;
}
