import { LineCounter, parseAllDocuments, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ParseIssue, Side } from './model.js';

export interface SourceDocument {
  value: unknown;
  line: number;
  endLine: number;
  /** Line of each map key by dotted path (`spec.replicas`, `spec.template.spec.containers.0.image`). */
  lines: Record<string, number>;
}

export interface ParsedDocuments {
  documents: SourceDocument[];
  issues: ParseIssue[];
}

/** Deep enough for any real manifest; bounds the work a hostile file can cause. */
const MAX_LINE_DEPTH = 16;

function recordLines(node: unknown, prefix: string, depth: number, lineOf: (offset: number) => number, into: Record<string, number>): void {
  if (depth > MAX_LINE_DEPTH) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const path = prefix ? `${prefix}.${String(pair.key.value)}` : String(pair.key.value);
      into[path] = lineOf(pair.key.range[0]);
      recordLines(pair.value, path, depth + 1, lineOf, into);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const path = `${prefix}.${index}`;
      const range = (item as Node | null)?.range;
      if (range) into[path] = lineOf(range[0]);
      recordLines(item, path, depth + 1, lineOf, into);
    });
  }
}

/**
 * Parses every document of a YAML (or JSON, a YAML subset for our purpose) text, keeping source
 * lines. Never throws: syntax errors, alias bombs (the parser's alias budget) and pathological
 * nesting become ParseIssues.
 */
export function parseYamlDocuments(text: string, file: string, side: Side): ParsedDocuments {
  const lineCounter = new LineCounter();
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;
  const documents: SourceDocument[] = [];
  const issues: ParseIssue[] = [];
  try {
    for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true })) {
      const error = doc.errors[0];
      if (error) {
        const position = lineCounter.linePos(error.pos[0]);
        issues.push({ file, side, message: `invalid YAML: ${error.message.split('\n')[0]}`, line: position.line, column: position.col });
        continue;
      }
      if (doc.contents === null) continue;
      const range = doc.contents.range;
      const lines: Record<string, number> = {};
      recordLines(doc.contents, '', 0, lineOf, lines);
      documents.push({ value: doc.toJS({ maxAliasCount: 100 }), line: lineOf(range[0]), endLine: lineOf(Math.max(range[0], range[1] - 1)), lines });
    }
  } catch (error) {
    issues.push({ file, side, message: describeFailure(error) });
  }
  return { documents, issues };
}

function describeFailure(error: unknown): string {
  if (error instanceof ReferenceError && /alias/i.test(error.message)) {
    return 'YAML aliases expand beyond the safety limit (possible alias bomb); not analysed';
  }
  if (error instanceof RangeError) return 'nesting is too deep to analyse';
  return `could not be parsed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}
