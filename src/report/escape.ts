/**
 * Escaping for strings that come from the pull request (file names, resource addresses,
 * titles, messages quoting PR content) before they are placed into markdown, terminal text
 * or workflow commands. Everything here is pure and total: any string in, safe string out.
 */

export const ELLIPSIS = '…';

/**
 * Inserted after every `@` so that `@user` and `@org/team` render unchanged but never ping.
 * A zero-width space is invisible, survives markdown rendering as a plain character in the
 * text node GitHub's mention filter scans, and breaks the `@name` pattern there. We chose it
 * over wrapping in a code span because a code span would need its own backtick escaping and
 * would change how the surrounding text looks. Dependabot and Renovate use the same character.
 */
export const MENTION_BREAKER = '\u200B';

// C0 and C1 controls except tab and newline; DEL; Unicode bidi overrides and isolates, which
// can make a file name display as something it is not ("Trojan Source").
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const ANY_NEWLINE = /\r\n|[\r\n\u2028\u2029\u0085]/g;

/** Removes control and bidi-override characters; keeps `\t` and `\n` (see `singleLine`). */
export function stripControl(text: string): string {
  return text.replace(CONTROL_CHARS, '');
}

/** Collapses every kind of line break (and the spaces around it) into one space. */
export function singleLine(text: string): string {
  return text.replace(ANY_NEWLINE, '\n').replace(/[ \t]*\n[ \t\n]*/g, ' ').replace(/\t/g, ' ');
}

const HTML_AND_MARKDOWN = /[&<>\\`*_[\]|~@]/g;
const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '@': '@' + MENTION_BREAKER,
};

function escapeChar(char: string): string {
  return REPLACEMENTS[char] ?? '\\' + char;
}

/**
 * Escapes characters that would start a block at the beginning of a line: headings, lists,
 * ordered lists, setext underlines, thematic breaks. Inline specials are handled elsewhere.
 */
function escapeLineStart(line: string): string {
  // A marker only starts a block when whitespace or the end of the line follows it.
  const leading = /^(\s*)(#{1,6}|\+|-+|=+|\d{1,9}[.)])(?=\s|$)/.exec(line);
  if (!leading) {
    return line;
  }
  const [whole, indent = '', marker = ''] = leading;
  const escapedMarker = /^\d/.test(marker) ? marker.slice(0, -1) + '\\' + marker.slice(-1) : '\\' + marker;
  return indent + escapedMarker + line.slice(whole.length);
}

/**
 * Makes untrusted text render literally in GitHub markdown: HTML is entity-encoded, markdown
 * specials are backslash-escaped (including `|` so a table row keeps its columns), block markers
 * at line start are escaped, mentions are broken, control characters removed. Line breaks are
 * kept; use `escapeInline` where the text must stay on one line. `#123` in the middle of text is
 * left as it is: GitHub may link it to an issue, which is harmless and is what authors expect.
 */
export function escapeMarkdown(text: string): string {
  return stripControl(text)
    .replace(ANY_NEWLINE, '\n')
    .split('\n')
    .map((line) => escapeLineStart(line.replace(HTML_AND_MARKDOWN, escapeChar)))
    .join('\n');
}

/** `escapeMarkdown` for a spot that must stay one line: a list item, a table cell, a summary. */
export function escapeInline(text: string): string {
  return escapeMarkdown(singleLine(text));
}

/** Untrusted text for a terminal: one line, no escape sequences (ANSI injection via file names). */
export function sanitizeTerminal(text: string): string {
  return singleLine(stripControl(text.replace(ANY_NEWLINE, '\n')));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The first `count` UTF-16 units, one fewer if that would split a surrogate pair. */
function safeHead(text: string, count: number): string {
  const end = count > 0 && isHighSurrogate(text.charCodeAt(count - 1)) ? count - 1 : count;
  return text.slice(0, Math.max(0, end));
}

/** The last `count` UTF-16 units, one fewer if that would split a surrogate pair. */
function safeTail(text: string, count: number): string {
  if (count <= 0) {
    return '';
  }
  const start = text.length - count;
  return text.slice(isLowSurrogate(text.charCodeAt(start)) ? start + 1 : start);
}

/** Cuts `text` to at most `max` UTF-16 units, ending with an ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  if (max < ELLIPSIS.length) {
    return '';
  }
  return safeHead(text, max - ELLIPSIS.length) + ELLIPSIS;
}

/** Cuts `text` to at most `max` UTF-16 units by removing its middle, so both ends stay readable (paths). */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  if (max < ELLIPSIS.length) {
    return '';
  }
  const keep = max - ELLIPSIS.length;
  const headLength = Math.ceil(keep / 2);
  return safeHead(text, headLength) + ELLIPSIS + safeTail(text, keep - headLength);
}

/** Cuts `text` so that its UTF-8 encoding is at most `maxBytes` (GitHub limits some fields in bytes). */
export function clipUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  const fits = (candidate: string): boolean => encoder.encode(candidate).length <= maxBytes;
  if (fits(text)) {
    return text;
  }
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(clip(text, middle))) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return clip(text, low);
}
