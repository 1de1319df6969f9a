import type { ChangedFile } from './model.js';

/**
 * Files above this size keep their size but no text: parsers and rules are not built for them.
 * The default of `limits.max-file-bytes` (2 MiB); infrastructure files are rarely a tenth of it.
 */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Same window git uses to call a blob binary (a NUL byte in its first 8,000 bytes; we take 8 KiB). */
export const BINARY_SNIFF_BYTES = 8 * 1024;

export const SYMLINK_NOTE = 'symbolic link; not followed';
export const BINARY_NOTE = 'binary file; contents not read';

export type WantContent = (path: string) => boolean;

export const wantEverything: WantContent = () => true;

export function looksBinary(bytes: Uint8Array): boolean {
  const window = bytes.subarray(0, BINARY_SNIFF_BYTES);
  return window.includes(0);
}

const utf8 = new TextDecoder('utf-8');

/** UTF-8 with a leading byte-order mark removed (TextDecoder drops it by default). */
export function decodeText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024 * 1024, 'GiB'],
    [1024 * 1024, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

export function tooLargeNote(maxFileBytes: number): string {
  return `larger than the ${formatBytes(maxFileBytes)} size limit; raise \`limits.max-file-bytes\` in the tollgate config to analyse it`;
}

/** Code-unit order, not locale order: the same on every runner. */
export function sortByPath(files: ChangedFile[]): ChangedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface SideBytes {
  before?: Uint8Array;
  after?: Uint8Array;
}

export type ContentFields = Pick<ChangedFile, 'before' | 'after' | 'binary'> & { notes: string[] };

/**
 * Turns the bytes read for each side into text, or into `binary: true` without text when either
 * side is binary (a rule must not compare text on one side with nothing on the other).
 */
export function textFields(sides: SideBytes): ContentFields {
  const binary = [sides.before, sides.after].some((bytes) => bytes !== undefined && looksBinary(bytes));
  if (binary) return { binary: true, notes: [BINARY_NOTE] };
  const fields: ContentFields = { notes: [] };
  if (sides.before !== undefined) fields.before = decodeText(sides.before);
  if (sides.after !== undefined) fields.after = decodeText(sides.after);
  return fields;
}

export function joinNotes(notes: readonly string[]): string | undefined {
  const distinct = [...new Set(notes)];
  return distinct.length > 0 ? distinct.join('; ') : undefined;
}
