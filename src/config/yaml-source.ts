import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit } from 'yaml';
import type { Document, Node, Pair, YAMLError, YAMLMap } from 'yaml';
import type { ConfigError } from './model.js';

/** A config file is a few dozen lines; anything this big is a mistake or an attack. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Anchors and aliases are fine in a config; thousands of expansions are an alias bomb. */
const MAX_ALIAS_COUNT = 100;

export interface Position {
  line: number;
  column: number;
}

/** A parsed YAML document that can answer "where in the file is this value?". */
export interface YamlSource {
  data: unknown;
  /** Position of the value at `path`, or of its key when `at` is `key`. Falls back to the nearest parent found. */
  locate(path: readonly string[], at: 'key' | 'value'): Position;
}

export type ReadYamlResult = { source: YamlSource; errors: [] } | { source?: undefined; errors: ConfigError[] };

function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() ?? '';
}

function yamlErrorToConfigError(error: YAMLError, file: string, lineCounter: LineCounter): ConfigError {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  return { file, line, column: col, key: '', message: `invalid YAML: ${firstLine(error.message)}` };
}

export function tooLargeMessage(bytes: number): string {
  return `the file is ${bytes} bytes; a config file may be at most ${MAX_CONFIG_BYTES} bytes. Point tollgate at the right file.`;
}

function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function positionOf(node: Node | undefined, lineCounter: LineCounter): Position | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Pairs by key, built once per mapping: a file with thousands of bad keys must not cost keys² lookups. */
function pairIndex(): (map: YAMLMap) => Map<string, Pair> {
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  return (map) => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const key = keyName(pair.key);
        if (!index.has(key)) index.set(key, pair as Pair);
      }
      indexes.set(map, index);
    }
    return index;
  };
}

function makeLocator(doc: Document, lineCounter: LineCounter): YamlSource['locate'] {
  const pairsOf = pairIndex();
  return (path, at) => {
    let node: unknown = doc.contents;
    let found = positionOf(doc.contents ?? undefined, lineCounter) ?? { line: 1, column: 1 };
    for (const [index, segment] of path.entries()) {
      if (isAlias(node)) node = node.resolve(doc);
      let keyNode: Node | undefined;
      if (isMap(node)) {
        const pair = pairsOf(node).get(segment);
        if (!pair) break;
        keyNode = isScalar(pair.key) ? pair.key : undefined;
        node = pair.value;
      } else if (isSeq(node)) {
        node = node.items[Number(segment)];
      } else {
        break;
      }
      const isLast = index === path.length - 1;
      const valuePosition = positionOf(node as Node | undefined, lineCounter);
      const keyPosition = positionOf(keyNode, lineCounter);
      found = (isLast && at === 'key' ? keyPosition ?? valuePosition : valuePosition ?? keyPosition) ?? found;
    }
    return found;
  };
}

const MERGE_KEY = '<<';

/**
 * The YAML library's own duplicate-key check compares every key with every other one (seconds
 * for a large file), so keys are checked here with one set per mapping.
 */
function duplicateKeyErrors(doc: Document, file: string, lineCounter: LineCounter): ConfigError[] {
  const errors: ConfigError[] = [];
  visit(doc, {
    Map(_, map) {
      const first = new Map<string, Position | undefined>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = keyName(pair.key);
        // Several `<<` merge keys in one mapping are legal YAML.
        if (key === MERGE_KEY) continue;
        const at = positionOf(pair.key, lineCounter);
        if (!first.has(key)) {
          first.set(key, at);
          continue;
        }
        const earlier = first.get(key);
        errors.push({
          file,
          ...(at ? { line: at.line, column: at.column } : {}),
          key: '',
          message: `invalid YAML: the key ${JSON.stringify(key)} appears twice${earlier ? ` (first at line ${earlier.line})` : ''}; keep one`,
        });
      }
    },
  });
  return errors;
}

/** Turns a resource-exhaustion or recursion failure inside the YAML library into a message, never a throw. */
function toData(doc: Document, file: string): { data: unknown } | { error: ConfigError } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const reason = error instanceof Error ? firstLine(error.message) : String(error);
    return { error: { file, key: '', message: `the YAML could not be expanded (${reason}); use fewer aliases and less nesting` } };
  }
}

/**
 * Parses one YAML document with positions. An empty file (or only comments) is `data: undefined`.
 * Syntax errors, warnings (unknown tags, bad directives), several documents, a huge file
 * or an alias bomb all come back as errors with their line.
 */
export function readYaml(text: string, file: string): ReadYamlResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CONFIG_BYTES) return { errors: [{ file, key: '', message: tooLargeMessage(bytes) }] };
  const lineCounter = new LineCounter();
  let docs: Document[];
  // The parser reports errors rather than throwing; this guards against the stack, not the syntax.
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true }) as Document[];
  } catch (error) {
    const reason = error instanceof Error ? firstLine(error.message) : String(error);
    return { errors: [{ file, key: '', message: `invalid YAML: ${reason}` }] };
  }
  const syntaxErrors = docs.flatMap((doc) => [
    ...[...doc.errors, ...doc.warnings].map((e) => yamlErrorToConfigError(e, file, lineCounter)),
    ...duplicateKeyErrors(doc, file, lineCounter),
  ]);
  if (syntaxErrors.length > 0) return { errors: syntaxErrors };
  const [doc, second] = docs;
  if (second) {
    const at = positionOf(second.contents ?? undefined, lineCounter);
    return {
      errors: [
        {
          file,
          ...(at ? { line: at.line, column: at.column } : {}),
          key: '',
          message: `the file holds ${docs.length} YAML documents; a config file holds one. Remove the \`---\` separator and merge them.`,
        },
      ],
    };
  }
  if (!doc) return { source: { data: undefined, locate: () => ({ line: 1, column: 1 }) }, errors: [] };
  const expanded = toData(doc, file);
  if ('error' in expanded) return { errors: [expanded.error] };
  return { source: { data: expanded.data, locate: makeLocator(doc, lineCounter) }, errors: [] };
}
