import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MENTION_BREAKER,
  clip,
  clipUtf8,
  escapeInline,
  escapeMarkdown,
  sanitizeTerminal,
  singleLine,
  stripControl,
  truncateMiddle,
} from './escape.js';

describe('escapeMarkdown', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['</details>', '&lt;/details&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt;', '&amp;lt;'],
    ['a | b', 'a \\| b'],
    ['`code` ```', '\\`code\\` \\`\\`\\`'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['*bold* _em_ ~strike~', '\\*bold\\* \\_em\\_ \\~strike\\~'],
    ['back\\slash', 'back\\\\slash'],
    ['# heading', '\\# heading'],
    ['see #123', 'see #123'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['@octocat', `@${MENTION_BREAKER}octocat`],
    ['@org/team', `@${MENTION_BREAKER}org/team`],
  ])('escapes %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('escapes block markers on every line and keeps the line breaks', () => {
    expect(escapeMarkdown('one\r\n# two\n> three')).toBe('one\n\\# two\n&gt; three');
  });

  it('removes control and bidi-override characters', () => {
    expect(escapeMarkdown('a\u0000b\u001B[31mc\u202Ed')).toBe('ab\\[31mcd');
  });
});

describe('escapeInline', () => {
  it('collapses line breaks into single spaces', () => {
    expect(escapeInline('one\n\n  # two\r\nthree\u2028four')).toBe('one # two three four');
  });

  it('never leaves a mention, a tag or a line break for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (input) => {
        const out = escapeInline(input);
        expect(out).not.toMatch(/@\w/);
        expect(out).not.toMatch(/[<>\n\r]/);
      }),
    );
  });
});

describe('singleLine and stripControl', () => {
  it('joins lines with one space', () => {
    expect(singleLine('a \n\t b\n\nc')).toBe('a b c');
  });

  it('keeps tab and newline but drops other controls', () => {
    expect(stripControl('a\tb\nc\u0007\u009Bd')).toBe('a\tb\ncd');
  });

  it('sanitizeTerminal removes ANSI escapes and line breaks', () => {
    expect(sanitizeTerminal('\u001B[2Jname\r\nnext\u001B]8;;http://x\u0007')).toBe('[2Jname next]8;;http://x');
  });
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('clip and truncateMiddle', () => {
  it('leaves short text alone', () => {
    expect(clip('short', 10)).toBe('short');
    expect(truncateMiddle('short', 5)).toBe('short');
  });

  it('cuts with an ellipsis to exactly the limit', () => {
    expect(clip('abcdefghij', 5)).toBe('abcd…');
    expect(truncateMiddle('abcdefghij', 5)).toBe('ab…ij');
  });

  it('cuts a 100 kB title to the limit', () => {
    expect(clip('x'.repeat(100_000), 256)).toHaveLength(256);
  });

  it('never splits a surrogate pair and never exceeds the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 0, max: 40 }), (input, max) => {
        for (const out of [clip(input, max), truncateMiddle(input, max)]) {
          expect(out.length).toBeLessThanOrEqual(max);
          expect(out).not.toMatch(LONE_SURROGATE);
        }
      }),
    );
  });
});

describe('clipUtf8', () => {
  it('keeps text within the byte limit', () => {
    const text = '€'.repeat(1000);
    const out = clipUtf8(text, 100);
    expect(new TextEncoder().encode(out).length).toBeLessThanOrEqual(100);
    expect(out.endsWith('…')).toBe(true);
    expect(out.length).toBe(33);
  });

  it('leaves text that fits unchanged', () => {
    expect(clipUtf8('hello', 5)).toBe('hello');
  });
});

describe('escapeMarkdown block markers', () => {
  it.each([
    ['---', '\\---'],
    ['===', '\\==='],
    ['+ item', '\\+ item'],
    ['###### six', '\\###### six'],
    ['#hashtag', '#hashtag'],
    ['0.1.0', '0.1.0'],
    ['12) item', '12\\) item'],
  ])('escapes %j only where it would start a block', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});
