import { describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../test/e2e/fake-github.js';
import { fakeGitHubPerTest, settle } from '../../test/support/fake-clock.js';
import type { ChangedFile } from '../changes/model.js';
import { runGate } from '../gate.js';
import { toCheckAnnotations } from '../report/annotations.js';
import type { Report } from '../report/model.js';
import { changeSet, plainConfig } from '../test-support.js';
import { unescapeCommandValue } from '../report/annotations.js';
import { CHECK_OUTPUT_MAX_CHARS, checkRunTitle, conclusionFor, publishCheckRun, toWorkflowCommand, truncateOutput, type PublishCheckRunOptions } from './checks.js';
import { createClient } from './client.js';

const HEAD_SHA = 'c'.repeat(40);
const CREATE = 'POST /repos/:o/:r/check-runs';
const UPDATE = 'PATCH /repos/:o/:r/check-runs/:id';
const INVALID = { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'CheckRun', code: 'invalid', field: 'annotations' }] } };
// The throttling plugin spaces writes a second apart: on the fake clock.
const setup = fakeGitHubPerTest({ owner: 'o', repo: 'r', pullNumber: 1, baseSha: 'a'.repeat(40), headSha: HEAD_SHA, base: {}, head: {} });

function stateFiles(count: number): ChangedFile[] {
  return Array.from({ length: count }, (_, index) => ({ path: `env${index}/terraform.tfstate`, status: 'added', after: '{}' }));
}

function reportWith(files: ChangedFile[]): Report {
  return runGate({ config: plainConfig(), changes: changeSet(files) });
}

function publishFor(github: FakeGitHub, report: Report): ReturnType<typeof publishCheckRun> {
  const options: PublishCheckRunOptions = { owner: 'o', repo: 'r', headSha: HEAD_SHA, report, summary: '## summary', annotations: toCheckAnnotations(report) };
  return settle(publishCheckRun(createClient('t', { baseUrl: github.url }), options));
}

describe('check-run output', () => {
  it('maps each verdict to a conclusion', () => {
    expect([conclusionFor('pass'), conclusionFor('warn'), conclusionFor('fail')]).toEqual(['success', 'neutral', 'failure']);
  });

  it('keeps text within the limit and says where the rest is', () => {
    const long = 'x'.repeat(CHECK_OUTPUT_MAX_CHARS + 10);
    const cut = truncateOutput(long);
    expect(cut.length).toBe(CHECK_OUTPUT_MAX_CHARS);
    expect(cut.endsWith('the full report is in the job summary.')).toBe(true);
    expect(truncateOutput('short')).toBe('short');
  });

  it('titles a run with its verdict, counts and cost', () => {
    const title = checkRunTitle(reportWith(stateFiles(2)));
    expect(title).toMatch(/^Failed: 2 new \(2 errors\); cost \$0\.00\/month \(estimate\)$/);
    expect(checkRunTitle(reportWith([]))).toMatch(/^Passed: nothing new; cost/);
  });
});

describe('publishCheckRun against a fake GitHub', () => {
  it('creates a completed run on the head commit and appends annotations 50 at a time', async () => {
    const github = await setup();
    const report = reportWith(stateFiles(120));
    const annotations = toCheckAnnotations(report);
    expect(annotations).toHaveLength(120);

    const outcome = await settle(
      publishCheckRun(createClient('t', { baseUrl: github.url }), {
        owner: 'o',
        repo: 'r',
        headSha: HEAD_SHA,
        report,
        summary: '## summary',
        annotations,
      }),
    );

    expect(outcome).toMatchObject({ outcome: 'created', annotations: 120, requests: 3 });
    const [run] = github.checkRuns;
    expect(run).toMatchObject({ name: 'tollgate', head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure', updates: 2 });
    expect(run?.output.annotations).toEqual(annotations);
    const sizes = github.requests.map((request) => (request.body as { output: { annotations: unknown[] } }).output.annotations.length);
    expect(sizes).toEqual([50, 50, 20]);
  });

  it('keeps the run when GitHub rejects a later batch of annotations, and hands back the ones not sent', async () => {
    const github = await setup();
    github.fault(UPDATE, [INVALID]);
    const report = reportWith(stateFiles(120));
    const outcome = await publishFor(github, report);

    const annotations = toCheckAnnotations(report);
    expect(outcome).toMatchObject({ outcome: 'created', annotations: 50, requests: 2 });
    expect(outcome).toMatchObject({ unsent: { annotations: annotations.slice(50), reason: expect.stringContaining('HTTP 422: Validation Failed') } });
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'failure', output: { annotations: annotations.slice(0, 50) } });
    expect(github.requestsTo(UPDATE)).toHaveLength(1);
  });

  it('creates the run without annotations when GitHub rejects the first batch, so the verdict still lands', async () => {
    const github = await setup();
    github.fault(CREATE, [INVALID]);
    const report = reportWith(stateFiles(3));
    const outcome = await publishFor(github, report);

    expect(outcome).toMatchObject({ outcome: 'created', annotations: 0, requests: 2, unsent: { annotations: toCheckAnnotations(report) } });
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'failure', output: { annotations: [] } });
  });

  it('does not retry a rejected run that had no annotations to blame', async () => {
    const github = await setup();
    github.fault(CREATE, [INVALID]);
    const outcome = await publishFor(github, reportWith([]));
    expect(outcome).toMatchObject({ outcome: 'failed', readOnly: false, reason: expect.stringContaining('HTTP 422') });
    expect(github.requestsTo(CREATE)).toHaveLength(1);
  });

  it('returns a read-only failure with the permission to grant instead of throwing', async () => {
    const github = await setup();
    github.readOnly = true;
    const outcome = await settle(
      publishCheckRun(createClient('t', { baseUrl: github.url }), {
        owner: 'o',
        repo: 'r',
        headSha: HEAD_SHA,
        report: reportWith([]),
        summary: 's',
        annotations: [],
      }),
    );
    expect(outcome).toMatchObject({ outcome: 'failed', readOnly: true, reason: expect.stringContaining('checks: write') });
  });
});

describe('toWorkflowCommand', () => {
  it('gives the runner the same file, lines, level, title and message, escaped', () => {
    const command = toWorkflowCommand({
      path: 'a,b:c.tf',
      start_line: 3,
      end_line: 5,
      annotation_level: 'failure',
      title: 'rule:id',
      message: 'line one\nline two 100%',
    });
    expect(command).toBe('::error file=a%2Cb%3Ac.tf,line=3,endLine=5,title=rule%3Aid::line one%0Aline two 100%25');
    const [, properties = '', message = ''] = /^::error ([^:]*)::(.*)$/.exec(command) ?? [];
    expect(unescapeCommandValue(message)).toBe('line one\nline two 100%');
    expect(properties.split(',').map(unescapeCommandValue)).toEqual(['file=a,b:c.tf', 'line=3', 'endLine=5', 'title=rule:id']);
  });

  it.each([
    ['warning', '::warning '],
    ['notice', '::notice '],
  ] as const)('maps %s to its command', (level, prefix) => {
    expect(toWorkflowCommand({ path: 'x', start_line: 1, end_line: 1, annotation_level: level, message: 'm' })).toMatch(new RegExp(`^${prefix}`));
  });
});
