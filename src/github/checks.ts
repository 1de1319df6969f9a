import { CHECK_NAME } from '../meta.js';
import { ANNOTATIONS_PER_REQUEST, batch } from '../report/annotations.js';
import { countFindings, describeCounts, formatDelta } from '../report/format.js';
import type { Report, Verdict } from '../report/model.js';
import type { GitHubClient } from './client.js';
import { explainApiFailure } from './errors.js';

type CreateCheckParams = NonNullable<Parameters<GitHubClient['rest']['checks']['create']>[0]>;
export type CheckAnnotation = NonNullable<NonNullable<CreateCheckParams['output']>['annotations']>[number];
export type CheckConclusion = 'success' | 'neutral' | 'failure';

/** Check-run output `summary` and `text` are each capped at 65,535 characters. */
export const CHECK_OUTPUT_MAX_CHARS = 65_535;
const CHECKS_PERMISSION = 'checks: write';
const TRUNCATION_NOTE = '\n\n… truncated: the full report is in the job summary.';

const CONCLUSIONS: Record<Verdict, CheckConclusion> = { pass: 'success', warn: 'neutral', fail: 'failure' };

export function conclusionFor(verdict: Verdict): CheckConclusion {
  return CONCLUSIONS[verdict];
}

export function truncateOutput(text: string, max = CHECK_OUTPUT_MAX_CHARS): string {
  if (text.length <= max) return text;
  return text.slice(0, max - TRUNCATION_NOTE.length) + TRUNCATION_NOTE;
}


const VERDICT_WORDS: Record<Verdict, string> = { pass: 'Passed', warn: 'Passed with warnings', fail: 'Failed' };

/** One line for the checks list: the verdict, the counts and the cost delta; no PR text, so nothing to escape. */
export function checkRunTitle(report: Report): string {
  const counts = describeCounts(countFindings(report.findings));
  return `${VERDICT_WORDS[report.verdict]}: ${counts}; cost ${formatDelta(report.cost.delta)}/month (estimate)`;
}

export interface PublishCheckRunOptions {
  owner: string;
  repo: string;
  /** The pull request's head commit: on `pull_request` events GITHUB_SHA is a merge commit no one sees. */
  headSha: string;
  report: Report;
  /** Markdown shown on the check's page. */
  summary: string;
  annotations: readonly CheckAnnotation[];
  detailsUrl?: string;
}

export type CheckRunOutcome =
  | { outcome: 'created'; checkRunId: number; url?: string; annotations: number; requests: number }
  | { outcome: 'failed'; reason: string; readOnly: boolean };

/**
 * Creates the `tollgate` check run, completed, on the head commit, then appends annotations in
 * batches of 50. Never throws: an API failure comes back as `failed`, so the caller can fall back
 * to workflow-command annotations.
 */
export async function publishCheckRun(client: GitHubClient, options: PublishCheckRunOptions): Promise<CheckRunOutcome> {
  const [first = [], ...rest] = batch(options.annotations, ANNOTATIONS_PER_REQUEST);
  const output = { title: checkRunTitle(options.report), summary: truncateOutput(options.summary) };
  try {
    const { data } = await client.rest.checks.create({
      owner: options.owner,
      repo: options.repo,
      name: CHECK_NAME,
      head_sha: options.headSha,
      status: 'completed',
      conclusion: conclusionFor(options.report.verdict),
      completed_at: new Date().toISOString(),
      ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
      output: { ...output, annotations: first },
    });
    for (const annotations of rest) {
      await client.rest.checks.update({
        owner: options.owner,
        repo: options.repo,
        check_run_id: data.id,
        output: { ...output, annotations },
      });
    }
    return {
      outcome: 'created',
      checkRunId: data.id,
      url: data.html_url ?? undefined,
      annotations: options.annotations.length,
      requests: 1 + rest.length,
    };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    return {
      outcome: 'failed',
      reason: explainApiFailure(error, 'create the check run', CHECKS_PERMISSION),
      readOnly: status === 403,
    };
  }
}
