import { minimatch } from 'minimatch';
import type { ChangedFile, ChangeSet } from './changes/model.js';
import { RULES } from './checks/registry.js';
import { runChecks } from './checks/run.js';
import type { FailOn, ResolvedConfig } from './config/model.js';
import { priceChanges } from './cost/price.js';
import type { UsageFile } from './cost/usage.js';
import { diffResources } from './diff/diff.js';
import { fileFormat } from './iac/file-kinds.js';
import { parseIac } from './iac/parse.js';
import { TOOL_VERSION } from './meta.js';
import type { PullRequestInfo } from './pull-request.js';
import { REPORT_SCHEMA_VERSION, type Report, type ReportResource } from './report/model.js';
import { decideVerdict } from './verdict.js';

export interface GateInput {
  config: ResolvedConfig;
  changes: ChangeSet;
  pr?: PullRequestInfo;
  /** The CODEOWNERS file at the head, read by the caller (codeowners-coverage needs it). */
  codeowners?: { path: string; text: string };
  /** The `fail-on` input or flag; overrides the config file's `fail-on`. */
  failOn?: FailOn;
  /** Monthly usage for usage-based resources (`--usage FILE`, read with parseUsage); without it they show unit prices only. */
  usage?: UsageFile;
}

/** The changes stage reads text only for files a later stage parses; the rest need status and size alone. */
export function wantContent(path: string): boolean {
  return fileFormat(path) !== undefined;
}

export function selectFiles(files: readonly ChangedFile[], config: ResolvedConfig): ChangedFile[] {
  const options = { dot: true };
  return files.filter((file) => {
    if (config.paths.length > 0 && !config.paths.some((glob) => minimatch(file.path, glob, options))) return false;
    return !config.ignore.some((glob) => minimatch(file.path, glob, options));
  });
}

/** The whole pipeline after the changes stage: pure, so the action and the CLI share it and tests call it directly. */
export function runGate({ config, changes, pr, codeowners, failOn, usage }: GateInput): Report {
  const files = selectFiles(changes.files, config);
  const iac = parseIac(files, {
    ...(changes.context ? { context: changes.context } : {}),
    varFiles: config.terraform.varFiles,
    region: config.cost.region,
    ruleIds: RULES.map((rule) => rule.id),
    maxFileBytes: config.limits.maxFileBytes,
  });
  const resources = diffResources(iac.base, iac.head, iac.moves);
  const cost = priceChanges(resources, config.cost, usage ? { usage } : {});
  const { checks, findings } = runChecks(RULES, {
    files,
    ...(changes.context ? { context: changes.context } : {}),
    resources,
    parseIssues: iac.parseIssues,
    suppressions: iac.suppressions,
    cost,
    config,
    ...(pr ? { pr } : {}),
    ...(codeowners ? { codeowners } : {}),
  });
  const effectiveFailOn = failOn ?? config.failOn;
  const reportResources: ReportResource[] = resources
    .filter((change) => change.change !== 'unchanged')
    .map((change) => {
      const resource = change.after ?? change.before;
      return {
        address: change.address,
        ...(change.scope !== undefined ? { scope: change.scope } : {}),
        type: change.type,
        kind: change.kind,
        file: resource?.file ?? '',
        line: resource?.line ?? 1,
        change: change.change,
      };
    });
  return {
    version: REPORT_SCHEMA_VERSION,
    tool: { name: 'tollgate', version: TOOL_VERSION },
    verdict: decideVerdict(findings, effectiveFailOn),
    failOn: effectiveFailOn,
    source: {
      kind: changes.source,
      baseRef: changes.baseRef,
      headRef: changes.headRef,
      ...(changes.baseSha ? { baseSha: changes.baseSha } : {}),
      ...(changes.headSha ? { headSha: changes.headSha } : {}),
    },
    ...(pr
      ? {
          pullRequest: {
            title: pr.title,
            ...(pr.number !== undefined ? { number: pr.number } : {}),
            ...(pr.url ? { url: pr.url } : {}),
            ...(pr.repository ? { repository: pr.repository } : {}),
            ...(pr.headSha ? { headSha: pr.headSha } : {}),
          },
        }
      : {}),
    config: config.source,
    files: { changed: changes.files.length, analyzed: files.length, truncated: changes.truncated === true },
    resources: reportResources,
    cost,
    checks,
    findings,
    notices: [...changes.notices, ...iac.notices.map((message) => ({ message }))],
  };
}
