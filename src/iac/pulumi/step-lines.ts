import { newlinesBetween } from '../text-lines.js';

/** Where one entry of a preview's `steps` array starts and ends in the file. */
export interface StepSpan {
  line: number;
  endLine: number;
}

/** The index of the quote closing the string that opens at `start` (the last index when it never closes). */
function closingQuote(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

const SCALAR_END = new Set([',', ']', '}', ' ', '\t', '\r', '\n']);

/**
 * The lines of each entry of the top-level `steps` array, by index. One pass over the text with a
 * bracket count: parsing the whole preview again through a line-keeping parser would cost as much
 * as the read itself, for the one line per step that a finding needs. Like JSON.parse, a repeated
 * `steps` key counts only the last time.
 */
export function stepLines(text: string): StepSpan[] {
  let spans: StepSpan[] = [];
  let line = 1;
  let depth = 0;
  let inSteps = false;
  let lastTopString: string | undefined;
  let itemStart: number | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (char === '\n') {
      line += 1;
    } else if (char === '"') {
      const end = closingQuote(text, i);
      if (depth === 1) lastTopString = text.slice(i + 1, end);
      const endLine = line + newlinesBetween(text, i, end + 1);
      if (inSteps && depth === 2) spans.push({ line, endLine });
      line = endLine;
      i = end;
    } else if (char === '{' || char === '[') {
      if (inSteps && depth === 2) itemStart = line;
      if (depth === 1 && char === '[' && lastTopString === 'steps') {
        inSteps = true;
        spans = [];
      }
      depth += 1;
    } else if (char === '}' || char === ']') {
      depth -= 1;
      if (inSteps && depth === 2 && itemStart !== undefined) {
        spans.push({ line: itemStart, endLine: line });
        itemStart = undefined;
      }
      if (inSteps && depth === 1) inSteps = false;
    } else if (inSteps && depth === 2 && char !== ',' && !SCALAR_END.has(char)) {
      // A number, true, false or null in the array still takes an index.
      spans.push({ line, endLine: line });
      while (i + 1 < text.length && !SCALAR_END.has(text[i + 1] as string)) i += 1;
    }
  }
  return spans;
}
