import { LineCounter, Pair, Scalar, YAMLMap, isMap, isPair, isScalar, isSeq, parseAllDocuments, type CollectionTag, type Node, type ScalarTag } from 'yaml';
import type { ParseIssue, Side } from '../model.js';
import { lineAt } from '../text-lines.js';

/** One YAML document of a template file, as plain data with the source line of every key. */
export interface TemplateDocument {
  value: unknown;
  /** Line of each map key by dotted path from the document root (`Resources.Web.Properties.ImageId`). */
  lines: Record<string, number>;
  /** Last line of the value under each map key, same paths as `lines`. */
  endLines: Record<string, number>;
  /** Problems inside this document that did not stop it being read (unknown tags). */
  issues: ParseIssue[];
}

export interface TemplateSource {
  documents: TemplateDocument[];
  issues: ParseIssue[];
}

/**
 * CloudFormation accepts templates up to 1 MB (from S3); anything several times that size is not a
 * template we should spend a runner's memory on.
 */
export const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

/** Deep enough for any real template (Resources.X.Properties plus a dozen levels); bounds hostile input. */
const MAX_LINE_DEPTH = 24;

/** Same budget as the other YAML readers: more aliases than this in one document is an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/** The short-form intrinsic functions CloudFormation's YAML dialect defines, without their `!`. */
const SHORT_FORM_FUNCTIONS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'And',
  'Or',
  'Not',
  'FindInMap',
  'Base64',
  'Cidr',
  'GetAZs',
  'ImportValue',
  'Transform',
  'Length',
  'ToJsonString',
] as const;

function longFormName(shortName: string): string {
  return shortName === 'Ref' || shortName === 'Condition' ? shortName : `Fn::${shortName}`;
}

/** `!GetAtt Db.Endpoint.Address` names the resource before the first dot and the attribute after it. */
function splitGetAtt(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function scalarTag(shortName: string): ScalarTag {
  const name = longFormName(shortName);
  return { tag: `!${shortName}`, resolve: (text) => ({ [name]: shortName === 'GetAtt' ? splitGetAtt(text) : text }) };
}

/**
 * A tagged sequence or mapping becomes a one-key mapping around the original node, so the nested
 * nodes keep their source ranges and the document's alias budget still applies when it is read.
 */
function collectionTag(shortName: string, collection: 'map' | 'seq'): CollectionTag {
  const name = longFormName(shortName);
  return {
    tag: `!${shortName}`,
    collection,
    resolve: (node) => {
      const wrapper = new YAMLMap();
      wrapper.items.push(new Pair(new Scalar(name), node));
      return wrapper;
    },
  };
}

const CLOUDFORMATION_TAGS = SHORT_FORM_FUNCTIONS.flatMap((name) => [scalarTag(name), collectionTag(name, 'seq'), collectionTag(name, 'map')]);

/**
 * Inside an intrinsic function call the paths would name function arguments, not properties (and
 * short forms like `!Ref X` have none), so lines stop at the property the call stands for.
 */
function isFunctionCall(node: unknown): boolean {
  if (!isMap(node) || node.items.length !== 1) return false;
  const key = node.items[0]?.key;
  const name = isScalar(key) ? String(key.value) : '';
  return name === 'Ref' || name.startsWith('Fn::');
}

function recordLines(node: unknown, prefix: string, depth: number, lineOf: (offset: number) => number, document: TemplateDocument): void {
  if (depth > MAX_LINE_DEPTH || isFunctionCall(node)) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const value = pair.value as Node | null;
      // The key of a short-form wrapper has no source of its own; the tagged node stands in for it.
      const start = pair.key.range?.[0] ?? value?.range?.[0];
      if (start === undefined) continue;
      const path = prefix ? `${prefix}.${String(pair.key.value)}` : String(pair.key.value);
      document.lines[path] = lineOf(start);
      const end = value?.range ? Math.max(start, value.range[1] - 1) : start;
      document.endLines[path] = lineOf(end);
      recordLines(value, path, depth + 1, lineOf, document);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const path = `${prefix}.${index}`;
      const range = (item as Node | null)?.range;
      if (range) {
        document.lines[path] = lineOf(range[0]);
        document.endLines[path] = lineOf(Math.max(range[0], range[1] - 1));
      }
      recordLines(item, path, depth + 1, lineOf, document);
    });
  }
}

/**
 * JSON templates are checked by the strict JSON parser first (YAML would accept a trailing comma or
 * `tru`), then read by the YAML parser, which knows every key's line.
 */
function jsonSyntaxIssue(text: string, file: string, side: Side): ParseIssue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    // V8 quotes the offending text in some messages; it may be long or secret, so keep only the kind.
    const kind = message.split(/,? "/)[0]?.replace(/ in JSON at position \d+.*/, '') ?? 'invalid JSON';
    return { file, side, message: `invalid JSON: ${kind}`, ...(position ? { line: lineAt(text, Number(position[1])) } : {}) };
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof ReferenceError && /alias/i.test(error.message)) {
    return 'YAML aliases expand beyond the safety limit (possible alias bomb); not analysed';
  }
  if (error instanceof RangeError) return 'nesting is too deep to analyse';
  return `could not be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}

/**
 * CloudFormation itself reads any body that is not JSON as YAML, and flow-style YAML also starts
 * with `{`; so only a `.json` file is held to strict JSON, where the author meant JSON.
 */
function isJsonFile(file: string): boolean {
  return file.toLowerCase().endsWith('.json');
}

/**
 * Reads a template file (YAML with CloudFormation's short-form tags, or JSON) into plain data with
 * source lines. Short forms come out in their long form (`!GetAtt A.B` → `{"Fn::GetAtt":["A","B"]}`)
 * so everything downstream handles one shape. Never throws.
 */
export function readTemplateSource(text: string, file: string, side: Side): TemplateSource {
  const issues: ParseIssue[] = [];
  if (text.length > MAX_TEMPLATE_BYTES) {
    issues.push({ file, side, message: `template is larger than ${MAX_TEMPLATE_BYTES / 1024 / 1024} MiB (CloudFormation's own limit is 1 MB); not analysed` });
    return { documents: [], issues };
  }
  if (isJsonFile(file)) {
    const issue = jsonSyntaxIssue(text, file, side);
    if (issue) return { documents: [], issues: [issue] };
  }
  const lineCounter = new LineCounter();
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;
  const documents: TemplateDocument[] = [];
  try {
    for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, customTags: CLOUDFORMATION_TAGS, logLevel: 'error' })) {
      const error = doc.errors[0];
      if (error) {
        const position = lineCounter.linePos(error.pos[0]);
        // The parser reports its own stack overflow as a syntax error; the user needs to hear why.
        const reason = /call stack/i.test(error.message) ? 'nesting is too deep to analyse' : `invalid YAML: ${error.message.split('\n')[0]}`;
        issues.push({ file, side, message: reason, line: position.line, column: position.col });
        continue;
      }
      if (doc.contents === null) continue;
      const document: TemplateDocument = { value: undefined, lines: {}, endLines: {}, issues: [] };
      for (const warning of doc.warnings) {
        if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
        const position = lineCounter.linePos(warning.pos[0]);
        const tag = /Unresolved tag: (\S+)/.exec(warning.message)?.[1] ?? 'tag';
        document.issues.push({
          file,
          side,
          message: tag.startsWith('!Rain::')
            ? `${tag} is a tag of the rain preprocessor, which \`rain pkg\` expands; the value was read as plain data (gate the packaged template to analyse it)`
            : `unknown YAML tag ${tag}: CloudFormation only defines the short forms !${SHORT_FORM_FUNCTIONS.join(', !')}; the value was read as plain data`,
          line: position.line,
          column: position.col,
        });
      }
      try {
        document.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (failure) {
        issues.push({ file, side, message: describeFailure(failure), line: lineOf(doc.contents.range[0]) });
        continue;
      }
      recordLines(doc.contents, '', 0, lineOf, document);
      documents.push(document);
    }
  } catch (failure) {
    issues.push({ file, side, message: describeFailure(failure) });
  }
  return { documents, issues };
}
