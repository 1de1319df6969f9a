import { describe, expect, it } from 'vitest';
import { hostileReport, manyFindingsReport } from '../../test/fixtures/report/reports.js';
import type { ChangedLines } from '../changes/added-lines.js';
import type { Finding } from '../checks/model.js';
import { finding } from '../test-support.js';
import { COMMENT_MARKER, COMMENT_MAX_CHARS } from './markdown.js';
import type { Report } from './model.js';
import { commentLine, inlineCommentBody, MAX_INLINE_COMMENTS, placeFindings, placementNote, renderReview, reviewEvent } from './review.js';

const CHANGED: ChangedLines = new Map([
  ['k8s/app.yaml', new Set([5, 6, 7, 20])],
  ['main.tf', new Set([12])],
]);

describe('commentLine', () => {
  it.each<[string, Pick<Finding, 'file' | 'line' | 'endLine'>, number | undefined]>([
    ['its own line when the pull request adds it', { file: 'k8s/app.yaml', line: 6 }, 6],
    ['the first added line of its range', { file: 'k8s/app.yaml', line: 1, endLine: 30 }, 5],
    ['none when its range misses every added line', { file: 'k8s/app.yaml', line: 8, endLine: 19 }, undefined],
    ['none on a line the pull request keeps', { file: 'main.tf', line: 11 }, undefined],
    ['a range ending before it starts counts as its line alone', { file: 'k8s/app.yaml', line: 4, endLine: 2 }, undefined],
    ['a finding about the whole file goes on its first added line', { file: 'k8s/app.yaml' }, 5],
    ['none in a file the diff does not add lines to', { file: 'other.tf', line: 12 }, undefined],
    ['none for a finding about the whole change', {}, undefined],
  ])('%s', (_name, located, expected) => {
    expect(commentLine(located, CHANGED)).toBe(expected);
  });
});

describe('reviewEvent', () => {
  it.each([
    ['fail', 'REQUEST_CHANGES'],
    ['warn', 'COMMENT'],
    ['pass', 'COMMENT'],
  ] as const)('%s → %s, never APPROVE', (verdict, event) => {
    expect(reviewEvent(verdict)).toBe(event);
  });
});

function report(findings: Finding[]): Pick<Report, 'findings'> {
  return { findings };
}

describe('placeFindings', () => {
  it('inlines new findings on added lines only; existing, suppressed and whole-change findings get none', () => {
    const placement = placeFindings(
      report([
        finding({ file: 'k8s/app.yaml', line: 6, ruleId: 'k8s-probes', severity: 'warning', fingerprint: 'a' }),
        finding({ file: 'k8s/app.yaml', line: 7, status: 'existing', fingerprint: 'b' }),
        finding({ file: 'k8s/app.yaml', line: 20, suppressed: true, fingerprint: 'c' }),
        finding({ file: 'main.tf', line: 3, fingerprint: 'd' }),
        finding({ ruleId: 'pr-title', fingerprint: 'e' }),
        finding({ file: 'main.tf', line: 12, fingerprint: 'f' }),
      ]),
      CHANGED,
    );
    // Errors before warnings, so the cap keeps the errors.
    expect(placement.inline.map(({ entry, path, line }) => [entry.finding.fingerprint, path, line])).toEqual([
      ['f', 'main.tf', 12],
      ['a', 'k8s/app.yaml', 6],
    ]);
    expect(placement.offDiff.map((entry) => entry.finding.fingerprint)).toEqual(['d']);
    expect(placement.overCap).toEqual([]);
  });

  it('puts the findings beyond the cap in the body only, and copies of one finding in one comment', () => {
    const copy = { file: 'k8s/app.yaml', line: 5, fingerprint: 'x', message: 'same' };
    const placement = placeFindings(
      report([finding({ ...copy, scope: 'overlays/a' }), finding({ ...copy, scope: 'overlays/b' }), finding({ file: 'k8s/app.yaml', line: 6, fingerprint: 'y' }), finding({ file: 'k8s/app.yaml', line: 7, fingerprint: 'z' })]),
      CHANGED,
      2,
    );
    expect(placement.inline.map(({ entry }) => [entry.finding.fingerprint, entry.count])).toEqual([
      ['x', 2],
      ['y', 1],
    ]);
    expect(placement.overCap.map((entry) => entry.finding.fingerprint)).toEqual(['z']);
  });
});

describe('placementNote', () => {
  const entry = { finding: finding(), count: 1, scopes: [] };
  it.each([
    ['nothing to say without new findings in files', { inline: [], offDiff: [], overCap: [] }, undefined],
    ['one finding, inline', { inline: [{ entry, path: 'a', line: 1 }], offDiff: [], overCap: [] }, '_An inline comment marks the new finding, on a line this pull request adds._'],
    ['several, all inline', { inline: [{ entry, path: 'a', line: 1 }, { entry, path: 'b', line: 2 }], offDiff: [], overCap: [] }, '_Inline comments mark all 2 new findings in files, on lines this pull request adds._'],
    [
      'why the others are not inline',
      { inline: [{ entry, path: 'a', line: 1 }], offDiff: [entry, entry], overCap: [entry] },
      '_Inline comments mark 1 of the 4 new findings in files; 2 are on lines this pull request does not add and 1 is over the limit of 50 inline comments: the findings above list them._',
    ],
  ])('%s', (_name, placement, expected) => {
    expect(placementNote(placement)).toBe(expected);
  });
});

describe('inlineCommentBody', () => {
  it('names the severity in words, links the rule, and escapes what the pull request wrote', () => {
    const hostile = finding({ ruleId: 'k8s-probes', severity: 'warning', message: 'Deployment <img src=x> @octocat has no probe', fix: 'Add a `readinessProbe`', resource: 'Deployment/*web*' });
    expect(inlineCommentBody({ finding: hostile, count: 3, scopes: ['overlays/a'] }, [])).toBe(
      [
        '**⚠️ warning** [k8s-probes](https://github.com/tollgate-dev/tollgate/blob/main/docs/rules/k8s-probes.md): Deployment &lt;img src=x&gt; @\u200Boctocat has no probe (×3, rendered by overlays/a)',
        '',
        'Fix: Add a \\`readinessProbe\\`',
        '',
        'Resource: Deployment/\\*web\\*',
      ].join('\n'),
    );
  });
});

describe('renderReview', () => {
  it('opens the body with the comment marker and ends it with the placement note', () => {
    const hostile = hostileReport();
    const file = hostile.findings.find((candidate) => candidate.status === 'new' && !candidate.suppressed && candidate.file !== undefined);
    const changed: ChangedLines = new Map([[file?.file ?? '', new Set([file?.line ?? 1])]]);
    const plan = renderReview(hostile, changed);
    expect(plan.event).toBe('REQUEST_CHANGES');
    expect(plan.body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(plan.body).toMatch(/\n\n_Inline comments mark 1 of the \d+ new findings in files; .*_\n$/);
    expect(plan.comments).toEqual([{ path: file?.file, line: file?.line, side: 'RIGHT', body: expect.stringContaining('**❌ error**') as unknown }]);
  });

  it('stays under the comment limit and caps the inline comments', () => {
    const many = manyFindingsReport(400);
    const changed: ChangedLines = new Map(many.findings.map((item) => [item.file ?? '', new Set([item.line ?? 1])]));
    const plan = renderReview(many, changed);
    expect(plan.comments).toHaveLength(MAX_INLINE_COMMENTS);
    expect(plan.body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(plan.body).toContain(`are over the limit of ${MAX_INLINE_COMMENTS} inline comments`);
  });
});
