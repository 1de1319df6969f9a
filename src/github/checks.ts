import { CHECK_NAME } from '../meta.js';
import { ANNOTATIONS_PER_REQUEST, batch, escapeCommandData, escapeCommandProperty } from '../report/annotations.js';
import { formatDelta, statusLine } from '../report/format.js';
import type { Report, Verdict } from '../report/model.js';
import type { GitHubClient } from './client.js';
import { asApiFailure, describeApiFailure, explainApiFailure } from './errors.js';

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

/** One line for the checks list: the verdict, new / existing / fixed counts and the cost delta; no PR text, so nothing to escape. */
export function checkRunTitle(report: Report): string {
  return `${VERDICT_WORDS[report.verdict]}: ${statusLine(report, ', ')}; cost ${formatDelta(report.cost.delta)}/month (estimate)`;
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

/** Annotations the check run did not take, and why; the caller reports them another way. */
export interface UnsentAnnotations {
  annotations: CheckAnnotation[];
  reason: string;
}

export type CheckRunOutcome =
  | { outcome: 'created'; checkRunId: number; url?: string; annotations: number; requests: number; unsent?: UnsentAnnotations }
  | { outcome: 'failed'; reason: string; readOnly: boolean }
  | { outcome: 'skipped'; reason: string };

type CheckRunOutput = { title: string; summary: string };

async function createRun(
  client: GitHubClient,
  options: PublishCheckRunOptions,
  output: CheckRunOutput,
  annotations: readonly CheckAnnotation[],
): Promise<{ id: number; url?: string }> {
  const { data } = await client.rest.checks.create({
    owner: options.owner,
    repo: options.repo,
    name: CHECK_NAME,
    head_sha: options.headSha,
    status: 'completed',
    conclusion: conclusionFor(options.report.verdict),
    completed_at: new Date().toISOString(),
    ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
    output: { ...output, annotations: [...annotations] },
  });
  return data.html_url ? { id: data.id, url: data.html_url } : { id: data.id };
}

function failedOutcome(error: unknown): CheckRunOutcome {
  return {
    outcome: 'failed',
    reason: explainApiFailure(error, 'create the check run', CHECKS_PERMISSION),
    readOnly: asApiFailure(error)?.status === 403,
  };
}

/** The run itself carries the verdict a branch rule requires: when GitHub rejects an annotation (422), it goes without them. */
async function createRunKeepingVerdict(
  client: GitHubClient,
  options: PublishCheckRunOptions,
  output: CheckRunOutput,
  first: readonly CheckAnnotation[],
): Promise<{ run: { id: number; url?: string }; requests: number; rejected?: string }> {
  try {
    return { run: await createRun(client, options, output, first), requests: 1 };
  } catch (error) {
    if (first.length === 0 || asApiFailure(error)?.status !== 422) throw error;
    return { run: await createRun(client, options, output, []), requests: 2, rejected: describeApiFailure(error) };
  }
}

/**
 * Creates the `tollgate` check run, completed, on the head commit, then appends annotations in
 * batches of 50. Never throws: an API failure comes back as `failed`, so the caller can fall back
 * to workflow-command annotations; annotations the run did not take come back as `unsent`.
 */
export async function publishCheckRun(client: GitHubClient, options: PublishCheckRunOptions): Promise<CheckRunOutcome> {
  const [first = [], ...rest] = batch(options.annotations, ANNOTATIONS_PER_REQUEST);
  const output = { title: checkRunTitle(options.report), summary: truncateOutput(options.summary) };
  let created: Awaited<ReturnType<typeof createRunKeepingVerdict>>;
  try {
    created = await createRunKeepingVerdict(client, options, output, first);
  } catch (error) {
    return failedOutcome(error);
  }
  const { run } = created;
  let requests = created.requests;
  let unsent: UnsentAnnotations | undefined =
    created.rejected === undefined ? undefined : { annotations: [...options.annotations], reason: created.rejected };
  for (const [index, annotations] of rest.entries()) {
    if (unsent !== undefined) break;
    try {
      requests += 1;
      await client.rest.checks.update({ owner: options.owner, repo: options.repo, check_run_id: run.id, output: { ...output, annotations } });
    } catch (error) {
      unsent = { annotations: rest.slice(index).flat(), reason: describeApiFailure(error) };
    }
  }
  return {
    outcome: 'created',
    checkRunId: run.id,
    ...(run.url !== undefined ? { url: run.url } : {}),
    annotations: options.annotations.length - (unsent?.annotations.length ?? 0),
    requests,
    ...(unsent !== undefined ? { unsent } : {}),
  };
}

const COMMAND_FOR_LEVEL: Record<CheckAnnotation['annotation_level'], string> = { failure: 'error', warning: 'warning', notice: 'notice' };

/** The workflow command the runner turns into the same annotation, for one the check run did not take. */
export function toWorkflowCommand(annotation: CheckAnnotation): string {
  const properties = [
    `file=${escapeCommandProperty(annotation.path)}`,
    `line=${annotation.start_line}`,
    `endLine=${annotation.end_line}`,
    `title=${escapeCommandProperty(annotation.title ?? '')}`,
  ];
  return `::${COMMAND_FOR_LEVEL[annotation.annotation_level]} ${properties.join(',')}::${escapeCommandData(annotation.message)}`;
}
