import type { Side } from './model.js';
import { lineAt } from './text-lines.js';
import { parseYamlDocuments, type ParsedDocuments } from './yaml-documents.js';

/**
 * JSON is validated with the strict JSON parser (YAML would accept `tru` or a trailing comma), then
 * read through the YAML parser, which keeps the source line of every key.
 */
export function parseJsonDocument(text: string, file: string, side: Side): ParsedDocuments {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    // V8 quotes the offending text in some messages; it may be long or secret, so keep only the kind.
    const kind = message.split(/,? "/)[0]?.replace(/ in JSON at position \d+.*/, '') ?? 'invalid JSON';
    const line = position ? lineAt(text, Number(position[1])) : text.trim() === '' ? 1 : undefined;
    return { documents: [], issues: [{ file, side, message: `invalid JSON: ${kind}`, ...(line !== undefined ? { line } : {}) }] };
  }
  return parseYamlDocuments(text, file, side);
}
