import { writeFile } from 'node:fs/promises';
import { EOL, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionSettings } from '../action-inputs.js';
import type { ChangedLines } from '../changes/added-lines.js';
import { toCheckAnnotations, toWorkflowCommands } from '../report/annotations.js';
import { jsonReportChunks } from '../report/json.js';
import { COMMENT_MARKER, renderComment, renderJobSummary } from '../report/markdown.js';
import { plural } from '../report/format.js';
import type { LinkTarget, Report } from '../report/model.js';
import { renderReview } from '../report/review.js';
import * as runner from './runner.js';
import { publishCheckRun, toWorkflowCommand, type CheckRunOutcome } from './checks.js';
import type { GitHubClient } from './client.js';
import { upsertComment, type CommentOutcome } from './comment.js';
import type { PullRequestContext } from './context.js';
import { postReview, retiredSummary, retireEarlierReviews, type RetiredReviews, type ReviewOutcome } from './review.js';

export const REPORT_FILE_NAME = 'tollgate-report.json';
export const SKIPPED_VERDICT = 'skipped';

/** Every output the action sets, in one place. */
export interface ActionOutputs {
  verdict: Report['verdict'] | typeof SKIPPED_VERDICT;
  'cost-delta': string;
  findings: string;
  'new-findings': string;
  'existing-findings': string;
  'fixed-findings': string;
  'report-json': string;
}

export function outputsFor(report: Report, reportPath: string): ActionOutputs {
  return {
    verdict: report.verdict,
    'cost-delta': report.cost.delta.toFixed(2),
    findings: String(report.findings.filter((finding) => !finding.suppressed).length),
    'new-findings': String(report.counts.new),
    'existing-findings': String(report.counts.existing),
    'fixed-findings': String(report.counts.fixed),
    'report-json': reportPath,
  };
}

export function skippedOutputs(): ActionOutputs {
  return { verdict: SKIPPED_VERDICT, 'cost-delta': '0.00', findings: '0', 'new-findings': '0', 'existing-findings': '0', 'fixed-findings': '0', 'report-json': '' };
}

export function setOutputs(outputs: ActionOutputs, env: runner.Environment = process.env): void {
  runner.setOutputs({ ...outputs }, env);
}

export function linkTarget(context: PullRequestContext): LinkTarget {
  return { serverUrl: context.serverUrl, repository: `${context.owner}/${context.repo}`, sha: context.headSha, baseSha: context.baseSha };
}

/** The path written, or '' when the directory refused it: the other channels still carry the verdict. */
async function writeReportFile(report: Report, directory: string): Promise<string> {
  const path = join(directory, REPORT_FILE_NAME);
  try {
    await writeFile(path, jsonReportChunks(report), 'utf8');
    return path;
  } catch (error) {
    runner.warning(`Could not write the JSON report to ${path}: ${(error as Error).message}`);
    return '';
  }
}

function writeJobSummary(markdown: string, env: runner.Environment): void {
  try {
    runner.appendSummary(markdown, env);
  } catch (error) {
    runner.warning(`Could not write the job summary: ${(error as Error).message}`);
  }
}


function logComment(outcome: CommentOutcome): void {
  switch (outcome.outcome) {
    case 'created':
    case 'updated':
      runner.info(`Pull request comment ${outcome.outcome}: ${outcome.url ?? `#${outcome.commentId}`}`);
      return;
    case 'unchanged':
      runner.info('Pull request comment unchanged; no update sent.');
      return;
    case 'deleted':
      runner.info('Removed the earlier pull request comment: the gate no longer fails.');
      return;
    case 'skipped':
      runner.info(`No pull request comment: ${outcome.reason}.`);
      return;
    case 'failed':
      runner.warning(`No pull request comment: ${outcome.reason}.`);
  }
}

function logReview(outcome: ReviewOutcome): void {
  switch (outcome.outcome) {
    case 'posted': {
      for (const warning of outcome.warnings) runner.warning(`Pull request review: ${warning}.`);
      const event = outcome.event === 'REQUEST_CHANGES' ? 'requesting changes' : 'as a comment';
      runner.info(`Pull request review posted ${event} with ${plural(outcome.inline, 'inline comment')}: ${outcome.url ?? `#${outcome.reviewId}`}`);
      return;
    }
    case 'skipped':
      runner.info(`No pull request review: ${outcome.reason}.`);
      return;
    case 'failed':
      runner.warning(`No pull request review: ${outcome.reason}.`);
  }
}

function logRetired(retired: RetiredReviews): void {
  for (const warning of retired.warnings) runner.warning(`Pull request review: ${warning}.`);
  const summary = retiredSummary(retired);
  if (summary !== undefined) runner.info(summary);
}

function logCheckRun(outcome: CheckRunOutcome): void {
  switch (outcome.outcome) {
    case 'created':
      runner.info(`Check run created with ${plural(outcome.annotations, 'annotation')}: ${outcome.url ?? `#${outcome.checkRunId}`}`);
      if (outcome.unsent) {
        runner.warning(`${plural(outcome.unsent.annotations.length, 'annotation')} did not reach the check run (${outcome.unsent.reason}).`);
      }
      return;
    case 'skipped':
      runner.info(`No check run: ${outcome.reason}.`);
      return;
    case 'failed':
      runner.warning(`No check run: ${outcome.reason}.`);
  }
}

/** The runner turns these lines into annotations; they need no token, so they work on forks. */
function emitWorkflowAnnotations(commands: readonly string[]): void {
  for (const command of commands) process.stdout.write(command + EOL);
  if (commands.length > 0) runner.info(`Reported ${plural(commands.length, 'finding')} as workflow annotations instead.`);
}

/** Workflow commands for whatever the check run does not show. */
function fallbackAnnotations(report: Report, checkRun: CheckRunOutcome): string[] {
  if (checkRun.outcome !== 'created') return toWorkflowCommands(report);
  return (checkRun.unsent?.annotations ?? []).map(toWorkflowCommand);
}

const NO_TOKEN_REASON = 'the `github-token` input is empty, so tollgate calls no GitHub API';

export interface PublishOptions {
  /** Absent when the run has no token: only the channels that need none are written. */
  client: GitHubClient | undefined;
  context: PullRequestContext;
  settings: ActionSettings;
  report: Report;
  /** The lines each file's diff adds: the only places a review's inline comments can go. */
  changedLines: ChangedLines;
  env?: NodeJS.ProcessEnv;
}

export interface PublishResult {
  outputs: ActionOutputs;
  /** The comment, or with `comment: review` the review, that carries the summary on the pull request. */
  conversation: CommentOutcome | ReviewOutcome;
  checkRun: CheckRunOutcome;
  /** With `comment: review`, the earlier reviews the posted one replaced. */
  retired?: RetiredReviews;
}

/** The summary on the pull request: the sticky comment, or with `comment: review` a pull request review. */
async function publishConversation(options: PublishOptions, link: LinkTarget): Promise<CommentOutcome | ReviewOutcome> {
  const { client, context, settings, report } = options;
  const target = { owner: context.owner, repo: context.repo };
  if (settings.comment === 'review') {
    const outcome: ReviewOutcome = client
      ? await postReview(client, { ...target, pullNumber: context.number, headSha: context.headSha, plan: renderReview(report, options.changedLines, { link }) })
      : { outcome: 'skipped', reason: NO_TOKEN_REASON };
    logReview(outcome);
    return outcome;
  }
  const outcome: CommentOutcome = client
    ? await upsertComment(client, {
        ...target,
        issueNumber: context.number,
        body: renderComment(report, { link }),
        marker: COMMENT_MARKER,
        mode: settings.comment,
        verdict: report.verdict,
      })
    : { outcome: 'skipped', reason: NO_TOKEN_REASON };
  logComment(outcome);
  return outcome;
}

/**
 * Channels that need no write access go first (summary, JSON report, outputs), so a refused
 * comment or check run never loses the verdict; each refusal is logged with its reason.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const { client, context, settings, report } = options;
  const env = options.env ?? process.env;
  const link = linkTarget(context);
  const summary = renderJobSummary(report, { link });
  writeJobSummary(summary, env);
  const reportPath = await writeReportFile(report, env['RUNNER_TEMP'] || tmpdir());
  const outputs = outputsFor(report, reportPath);
  setOutputs(outputs, env);

  const conversation = await publishConversation(options, link);

  const target = { owner: context.owner, repo: context.repo };
  const checkRun: CheckRunOutcome = client
    ? await publishCheckRun(client, {
        ...target,
        headSha: context.headSha,
        report,
        summary,
        annotations: settings.annotations ? toCheckAnnotations(report) : [],
      })
    : { outcome: 'skipped', reason: NO_TOKEN_REASON };
  logCheckRun(checkRun);
  if (settings.annotations) emitWorkflowAnnotations(fallbackAnnotations(report, checkRun));
  // Last: retiring a review costs a request per inline comment, and the check run carries the verdict.
  if (client === undefined || conversation.outcome !== 'posted') return { outputs, conversation, checkRun };
  const retired = await retireEarlierReviews(client, { ...target, pullNumber: context.number, headSha: context.headSha }, conversation);
  logRetired(retired);
  return { outputs, conversation, checkRun, retired };
}
