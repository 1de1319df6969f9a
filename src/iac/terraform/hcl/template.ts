import type { HclExpression } from './types.js';

/** A piece of a template before assembly: literal text, or an interpolation/directive with its `~` strip markers. */
export type TemplateSegment = { literal: string } | { expr: HclExpression; stripBefore: boolean; stripAfter: boolean };

const LEADING_SPACE = /^\s+/u;

/**
 * `<<-EOT` removes the indentation common to all lines, as HCL does: the heredoc's literal
 * pieces are split per line; a line that starts with an interpolation counts as unindented;
 * whitespace-only lines are left alone and do not count.
 */
export function flushHeredocIndent(segments: TemplateSegment[]): void {
  let minIndent = Number.POSITIVE_INFINITY;
  let atLineStart = true;
  const indented: Array<{ segment: { literal: string }; indent: number }> = [];
  for (const segment of segments) {
    if (atLineStart) {
      atLineStart = false;
      if ('literal' in segment) {
        const leading = LEADING_SPACE.exec(segment.literal)?.[0] ?? '';
        const blank = leading.length === segment.literal.length && segment.literal.endsWith('\n');
        if (!blank) {
          const indent = [...leading].length;
          indented.push({ segment, indent });
          minIndent = Math.min(minIndent, indent);
        }
      } else {
        minIndent = 0;
      }
    }
    if ('literal' in segment && segment.literal.endsWith('\n')) atLineStart = true;
  }
  if (!Number.isFinite(minIndent) || minIndent === 0) return;
  for (const { segment } of indented) {
    segment.literal = [...segment.literal].slice(minIndent).join('');
  }
}

/**
 * Assembles the parts: `${~`/`%{~` trim the whitespace before them, `~}` the whitespace after,
 * and adjacent literal pieces merge into one string.
 */
export function stripMarkers(segments: readonly TemplateSegment[]): Array<string | HclExpression> {
  const parts: Array<string | HclExpression> = [];
  let trimNext = false;
  for (const segment of segments) {
    if ('literal' in segment) {
      const text = trimNext ? segment.literal.replace(LEADING_SPACE, '') : segment.literal;
      trimNext = false;
      const previous = parts[parts.length - 1];
      if (typeof previous === 'string') parts[parts.length - 1] = previous + text;
      else if (text !== '') parts.push(text);
      continue;
    }
    const previous = parts[parts.length - 1];
    if (segment.stripBefore && typeof previous === 'string') {
      const trimmed = previous.trimEnd();
      if (trimmed === '') parts.pop();
      else parts[parts.length - 1] = trimmed;
    }
    parts.push(segment.expr);
    trimNext = segment.stripAfter;
  }
  return parts;
}
