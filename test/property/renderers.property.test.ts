import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCheckAnnotations, toWorkflowCommands } from '../../src/report/annotations.js';
import { renderJson } from '../../src/report/json.js';
import { COMMENT_MARKER, COMMENT_MAX_CHARS, renderComment, renderJobSummary, SUMMARY_MAX_CHARS } from '../../src/report/markdown.js';
import type { LinkTarget } from '../../src/report/model.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { brokenSectionLinks, checksTable, listedInSection } from '../support/comment-structure.js';
import { report } from './arbitraries.js';
import { sarifValidator } from './sarif-schema.js';

/** Runs per property: 8 properties × 150 runs keep this file around 10 s. */
const RUNS = 150;

const LINK: LinkTarget = { serverUrl: 'https://github.example.com', repository: 'acme/infra', sha: 'b'.repeat(40) };

/** The only HTML the renderer writes itself; any other `<` or `>` came from input unescaped. */
const OWN_TAGS = /<!-- tollgate:comment -->|<\/?details>|<\/?summary>|<\/?sub>|<br>|^> ⚠️/gm;

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Cell separators as GFM sees them: a `|` not escaped by a backslash. */
function cells(line: string): number {
  let pipes = 0;
  for (let index = 0; index < line.length; index += 1) {
    if (line[index] === '\\') index += 1;
    else if (line[index] === '|') pipes += 1;
  }
  return pipes;
}

/** Every table keeps one column count from header to last row: no input broke out of a cell. */
function tablesKeepTheirShape(body: string): boolean {
  let columns: number | undefined;
  for (const line of body.split('\n')) {
    if (!line.startsWith('|')) {
      columns = undefined;
      continue;
    }
    columns ??= cells(line);
    if (cells(line) !== columns) return false;
  }
  return true;
}

/** Markdown a reader sees: safe from pings, raw HTML, broken folds, broken tables and open fences. */
function expectSafeMarkdown(body: string): void {
  expect(body).not.toMatch(/@[\w-]/);
  expect(body.replace(OWN_TAGS, '')).not.toMatch(/[<>]/);
  expect(count(body, '<details>')).toBe(count(body, '</details>'));
  expect(count(body, '```') % 2).toBe(0);
  expect(tablesKeepTheirShape(body)).toBe(true);
}

const validateSarif = sarifValidator();

describe(`renderers over random hostile reports (${RUNS} runs each)`, () => {
  it('renderComment: within 65,536 characters, one marker, no ping, no raw HTML, folds and tables intact', () => {
    fc.assert(
      fc.property(report, fc.boolean(), (input, linked) => {
        const body = renderComment(input, linked ? { link: LINK } : {});
        expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
        expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
        expect(count(body, COMMENT_MARKER)).toBe(1);
        expectSafeMarkdown(body);
      }),
      { numRuns: RUNS },
    );
  });

  it('renderComment: the checks table counts what each area lists, and each row links to a section of the comment', () => {
    fc.assert(
      fc.property(report, fc.boolean(), (input, linked) => {
        const body = renderComment(input, linked ? { link: LINK } : {});
        expect(brokenSectionLinks(body)).toEqual([]);
        const rows = checksTable(body);
        const active = input.findings.filter((finding) => !finding.suppressed);
        // The rows add up to the report's own counts, whatever the body had room for.
        expect(rows.reduce((sum, row) => sum + row.new, 0)).toBe(active.filter((finding) => finding.status === 'new').length);
        expect(rows.reduce((sum, row) => sum + row.existing, 0)).toBe(active.filter((finding) => finding.status === 'existing').length);
        expect(rows.reduce((sum, row) => sum + row.fixed, 0)).toBe(input.fixed.length);
        if (body.includes('**Report truncated:**')) return;
        for (const row of rows) {
          const listed = listedInSection(body, row.area);
          const judged = input.judge === 'all';
          expect(listed).toEqual({ deciding: row.new + (judged ? row.existing : 0), existing: judged ? 0 : row.existing, fixed: row.fixed });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('renderJobSummary: within its budget, no marker, no ping, no raw HTML, folds and tables intact', () => {
    fc.assert(
      fc.property(report, (input) => {
        const body = renderJobSummary(input, { link: LINK });
        expect(body.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
        expect(body).not.toContain(COMMENT_MARKER);
        expectSafeMarkdown(body);
      }),
      { numRuns: RUNS },
    );
  });

  it('renderText: no escape sequence or carriage return from input reaches the terminal', () => {
    fc.assert(
      fc.property(report, (input) => {
        const text = renderText(input, { color: false });
        // eslint-disable-next-line no-control-regex -- asserting that no control characters survive
        expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u202E]/);
      }),
      { numRuns: RUNS },
    );
  });

  it('renderJson: always parses, and keeps every finding', () => {
    fc.assert(
      fc.property(report, (input) => {
        const parsed = JSON.parse(renderJson(input)) as { findings: unknown[] };
        expect(parsed.findings).toHaveLength(input.findings.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('renderSarif: always parses and is schema-valid SARIF 2.1.0', () => {
    fc.assert(
      fc.property(report, (input) => {
        expect(validateSarif(JSON.parse(renderSarif(input)))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('toCheckAnnotations: a path, ordered lines and a message within 64 KB for every annotation', () => {
    fc.assert(
      fc.property(report, (input) => {
        for (const annotation of toCheckAnnotations(input)) {
          expect(annotation.path).not.toBe('');
          expect(annotation.start_line).toBeLessThanOrEqual(annotation.end_line);
          expect(Buffer.byteLength(annotation.message)).toBeLessThan(64 * 1024);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('toWorkflowCommands: one line each, so no input can start a second command', () => {
    fc.assert(
      fc.property(report, (input) => {
        for (const command of toWorkflowCommands(input)) {
          expect(command).not.toMatch(/[\r\n]/);
          // The runner reads a command only at the start of a line, so one line means one command.
          expect(command).toMatch(/^::(error|warning|notice)( [^:\r\n]*)?::/);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
