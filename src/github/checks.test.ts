import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../test/e2e/fake-github.js';
import type { ChangedFile } from '../changes/model.js';
import { runGate } from '../gate.js';
import { toCheckAnnotations } from '../report/annotations.js';
import type { Report } from '../report/model.js';
import { changeSet, plainConfig } from '../test-support.js';
import { CHECK_OUTPUT_MAX_CHARS, checkRunTitle, conclusionFor, publishCheckRun, truncateOutput } from './checks.js';
import { createClient } from './client.js';

const HEAD_SHA = 'c'.repeat(40);
let fake: FakeGitHub | undefined;

async function setup(): Promise<FakeGitHub> {
  fake = await startFakeGitHub({ owner: 'o', repo: 'r', pullNumber: 1, baseSha: 'a'.repeat(40), headSha: HEAD_SHA, base: {}, head: {} });
  return fake;
}

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function stateFiles(count: number): ChangedFile[] {
  return Array.from({ length: count }, (_, index) => ({ path: `env${index}/terraform.tfstate`, status: 'added', after: '{}' }));
}

function reportWith(files: ChangedFile[]): Report {
  return runGate({ config: plainConfig(), changes: changeSet(files) });
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
    expect(title).toMatch(/^Failed: 2 errors, 0 warnings, 0 notices; cost \$0\.00\/month \(estimate\)$/);
    expect(checkRunTitle(reportWith([]))).toMatch(/^Passed: 0 errors/);
  });
});

describe('publishCheckRun against a fake GitHub', () => {
  it('creates a completed run on the head commit and appends annotations 50 at a time', async () => {
    const github = await setup();
    const report = reportWith(stateFiles(120));
    const annotations = toCheckAnnotations(report);
    expect(annotations).toHaveLength(120);

    const outcome = await publishCheckRun(createClient('t', { baseUrl: github.url }), {
      owner: 'o',
      repo: 'r',
      headSha: HEAD_SHA,
      report,
      summary: '## summary',
      annotations,
    });

    expect(outcome).toMatchObject({ outcome: 'created', annotations: 120, requests: 3 });
    const [run] = github.checkRuns;
    expect(run).toMatchObject({ name: 'tollgate', head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure', updates: 2 });
    expect(run?.output.annotations).toEqual(annotations);
    const sizes = github.requests.map((request) => (request.body as { output: { annotations: unknown[] } }).output.annotations.length);
    expect(sizes).toEqual([50, 50, 20]);
  });

  it('returns a read-only failure with the permission to grant instead of throwing', async () => {
    const github = await setup();
    github.readOnly = true;
    const outcome = await publishCheckRun(createClient('t', { baseUrl: github.url }), {
      owner: 'o',
      repo: 'r',
      headSha: HEAD_SHA,
      report: reportWith([]),
      summary: 's',
      annotations: [],
    });
    expect(outcome).toMatchObject({ outcome: 'failed', readOnly: true, reason: expect.stringContaining('checks: write') });
  });
});
