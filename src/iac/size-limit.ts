import { DEFAULT_MAX_FILE_BYTES, tooLargeNote } from '../changes/content.js';
import type { ChangedFile } from '../changes/model.js';
import type { ParseIssue } from './model.js';

/**
 * The collectors already keep text over this size out of a change set; the iac stage enforces it
 * again because a change set can be built by any caller, and parsing time grows with the text.
 * Counted in UTF-16 units, which never exceed the UTF-8 byte count the collectors measure.
 */
export const MAX_PARSE_CHARS = DEFAULT_MAX_FILE_BYTES;

/** Files with a side over the limit keep their entry but lose their text, and get a parse issue saying why. */
export function withoutOversizedText(files: readonly ChangedFile[], maxChars: number = MAX_PARSE_CHARS): { files: ChangedFile[]; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  const kept = files.map((file) => {
    if ((file.before?.length ?? 0) <= maxChars && (file.after?.length ?? 0) <= maxChars) return file;
    issues.push({ file: file.path, side: 'head', message: tooLargeNote(maxChars) });
    const { before: _before, after: _after, ...rest } = file;
    return rest;
  });
  return { files: kept, issues };
}
