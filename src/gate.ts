import { matchesAnyGlob } from './globs.js';
import type { ChangedFile, ChangeSet, Notice } from './changes/model.js';
import { groupBy } from './collections.js';
import { baseSideContext } from './checks/base-side.js';
import { RULES } from './checks/registry.js';
import { decidesVerdict } from './checks/model.js';
import { runChecks, statusCounts } from './checks/run.js';
import type { ConfigError, FailOn, JudgeScope, ResolvedConfig } from './config/model.js';
import type { Policy } from './config/policy.js';
import { priceChangeSides } from './cost/price.js';
import type { UsageFile } from './cost/usage.js';
import { diffResources } from './diff/diff.js';
import type { ResourceChange } from './diff/model.js';
import { fileFormat } from './iac/file-kinds.js';
import type { InlineSuppression, PipelineFile } from './iac/model.js';
import { parseIac } from './iac/parse.js';
import type { CustomPolicy } from './policies/file.js';
import { comparePolicies } from './policies/compare.js';
import { policyRule } from './policies/rule.js';
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
  /** The `judge` input or flag; overrides the config file's `judge`. */
  judge?: JudgeScope;
  /** Monthly usage for usage-based resources (`--usage FILE`, read with parseUsage); without it they show unit prices only. */
  usage?: UsageFile;
  /** Whose configuration `config` is and what the change does to it (resolvePolicy); absent: the config is simply given. */
  policy?: Omit<Policy, 'config'>;
  /** The day of the run (ISO date), for prices that depend on it (extended support); the callers pass today. */
  today?: string;
  /** The repository's custom policies (parsePolicyFiles), read from the side whose configuration judges. */
  policies?: readonly CustomPolicy[];
  /** The custom policies as the change proposes them (the head's files), when it touches them and the base's judge. */
  proposedPolicies?: { policies: readonly CustomPolicy[] } | { errors: readonly ConfigError[] };
  /** Files earlier workflow steps produced (saved plans, synthesised templates, previews), read by the caller. */
  pipeline?: readonly PipelineFile[];
  /** Told as each stage begins (`parsing 505 files`), for the CLI's progress line; the report does not depend on it. */
  onStage?: (stage: string) => void;
}

/** A planned replacement is a change of its own kind to the reader: the object is destroyed and created again. */
function reportedChange(change: ResourceChange): ReportResource['change'] {
  const resource = change.after ?? change.before;
  return change.change === 'changed' && resource?.meta.replace === true ? 'replaced' : change.change;
}

function plannedActions(change: ResourceChange): string[] | undefined {
  const actions = (change.after ?? change.before)?.meta.actions;
  return Array.isArray(actions) && actions.every((action) => typeof action === 'string') ? actions : undefined;
}

/** The changes stage reads text only for files a later stage parses; the rest need status and size alone. */
export function wantContent(path: string): boolean {
  return fileFormat(path) !== undefined;
}

export function selectFiles(files: readonly ChangedFile[], config: ResolvedConfig): ChangedFile[] {
  return files.filter((file) => {
    if (config.paths.length > 0 && !matchesAnyGlob(file.path, config.paths)) return false;
    return !matchesAnyGlob(file.path, config.ignore);
  });
}

/**
 * Notices about what the iac stage could not analyse, kept for the files the change touches: a
 * Terraform root is evaluated whole, and a five-line change to one file must not list every remote
 * module and unknown count of the root (or of every caller of a changed module). The rest are
 * counted in one notice.
 */
function relevantNotices(notices: readonly Notice[], files: readonly ChangedFile[]): Notice[] {
  const changed = new Set(files.map((file) => file.path));
  const kept = onePerBlock(notices.filter((notice) => notice.file === undefined || changed.has(notice.file)));
  const left = notices.filter((notice) => notice.file !== undefined && !changed.has(notice.file)).length;
  if (left === 0) return kept;
  const message = `${left} more notice${left === 1 ? '' : 's'} (remote modules, values known only after apply) concern files this change does not touch, in the Terraform roots and module callers it evaluates; not listed`;
  return [...kept, { kind: 'unchanged-files', message }];
}

/**
 * One notice per block: a module called by twelve roots, or with a `for_each` of twelve keys, has
 * its blocks evaluated twelve times, and each says the same about the same line.
 */
function onePerBlock(notices: readonly Notice[]): Notice[] {
  const blocks = groupBy(notices, (notice) => (notice.file !== undefined && notice.line !== undefined ? `${notice.kind ?? ''}\0${notice.file}\0${notice.line}` : `\0${notice.message}`));
  return [...blocks.values()].flatMap(([notice, ...more]) => {
    if (notice === undefined) return [];
    return more.length === 0 ? [notice] : [{ ...notice, message: `${notice.message} (and ${more.length} more instance${more.length === 1 ? '' : 's'} of this block)` }];
  });
}

/** A file whose base version could not be read has no base findings to compare with: say so once per file. */
function unreadBaseNotices(changes: { parseIssues: ReadonlyArray<{ file: string; side: string; message: string }> }): Notice[] {
  const seen = new Set<string>();
  const notices: Notice[] = [];
  for (const issue of changes.parseIssues) {
    if (issue.side !== 'base' || seen.has(issue.file)) continue;
    seen.add(issue.file);
    notices.push({ file: issue.file, message: `the base version of ${issue.file} could not be analysed (${issue.message}), so every finding in it counts as new` });
  }
  return notices;
}

/** The settings that only the rules read: a proposed configuration that differs in nothing else reuses everything before the rules. */
function differsBeforeRules(current: ResolvedConfig, proposed: ResolvedConfig): boolean {
  const { rules: _a, failOn: _b, judge: _c, preset: _d, policyFrom: _e, source: _f, policies: _m, customRuleIds: _o, ...rest } = current;
  const { rules: _g, failOn: _h, judge: _i, preset: _j, policyFrom: _k, source: _l, policies: _n, customRuleIds: _p, ...proposedRest } = proposed;
  return JSON.stringify(rest) !== JSON.stringify(proposedRest);
}

/** Suppressions written at the head that the base does not have (by file, rule and reason): the ones the change adds. */
function addedSuppressions(head: readonly InlineSuppression[], base: readonly InlineSuppression[], files: readonly ChangedFile[]): InlineSuppression[] {
  const renamed = new Map(files.flatMap((file) => (file.previousPath !== undefined ? [[file.previousPath, file.path] as const] : [])));
  const key = (suppression: InlineSuppression, file: string) => `${file}\0${suppression.ruleId}\0${suppression.reason ?? ''}`;
  const remaining = new Map<string, number>();
  for (const suppression of base) {
    const id = key(suppression, renamed.get(suppression.file) ?? suppression.file);
    remaining.set(id, (remaining.get(id) ?? 0) + 1);
  }
  return head.filter((suppression) => {
    const id = key(suppression, suppression.file);
    const left = remaining.get(id) ?? 0;
    if (left > 0) remaining.set(id, left - 1);
    return left === 0;
  });
}

/** The whole pipeline after the changes stage: pure, so the action and the CLI share it and tests call it directly. */
export function runGate(input: GateInput): Report {
  const { config, changes, pr, codeowners, failOn, judge, usage, policy, today } = input;
  const rules = [...RULES, ...(input.policies ?? []).map(policyRule)];
  const files = selectFiles(changes.files, config);
  input.onStage?.(`parsing ${files.length} ${files.length === 1 ? 'file' : 'files'}`);
  const iac = parseIac(files, {
    ...(changes.context ? { context: changes.context } : {}),
    varFiles: config.terraform.varFiles,
    region: config.cost.region,
    ruleIds: rules.map((rule) => rule.id),
    maxFileBytes: config.limits.maxFileBytes,
    ...(input.pipeline ? { pipeline: input.pipeline } : {}),
  });
  const resources = diffResources(iac.base, iac.head, iac.moves);
  input.onStage?.(`pricing ${resources.length} ${resources.length === 1 ? 'resource' : 'resources'}`);
  const prices = priceChangeSides(resources, config.cost, { ...(usage ? { usage } : {}), ...(today ? { today } : {}) });
  const cost = prices.head;
  const head = {
    files,
    ...(changes.context ? { context: changes.context } : {}),
    resources,
    parseIssues: iac.parseIssues,
    suppressions: iac.suppressions,
    cost,
    config,
    ...(pr ? { pr } : {}),
    ...(codeowners ? { codeowners } : {}),
    ...(policy?.change ? { policyChange: policy.change } : {}),
    ...(input.proposedPolicies ? { customPolicyChanges: comparePolicies(input.policies ?? [], input.proposedPolicies) } : {}),
  };
  const effectiveJudge = judge ?? config.judge;
  const base = baseSideContext({ head, suppressions: iac.baseSuppressions, cost: prices.base });
  input.onStage?.(`running ${rules.length} rules`);
  const { checks, findings, fixed } = runChecks(rules, head, { base, judge: effectiveJudge });
  const effectiveFailOn = failOn ?? config.failOn;
  const verdict = decideVerdict(findings.filter((finding) => decidesVerdict(finding, effectiveJudge)), effectiveFailOn);
  /**
   * The verdict under the configuration the change proposes: only the rules whose settings differ
   * run again, on what was already parsed and priced; a proposal that changes what is read or
   * priced runs the whole gate again.
   */
  const proposedVerdict = (proposed: ResolvedConfig): Report['verdict'] => {
    if (differsBeforeRules(config, proposed)) return runGate({ ...input, config: proposed, policy: { from: 'head' } }).verdict;
    const changed = new Set(rules.filter((rule) => JSON.stringify(config.rules[rule.id]) !== JSON.stringify(proposed.rules[rule.id])).map((rule) => rule.id));
    const proposedJudge = judge ?? proposed.judge;
    const rerun = changed.size === 0 ? [] : runChecks(rules.filter((rule) => changed.has(rule.id)), { ...head, config: proposed }, { base: { ...base, config: proposed }, judge: proposedJudge }).findings;
    const all = [...findings.filter((finding) => !changed.has(finding.ruleId)), ...rerun];
    return decideVerdict(all.filter((finding) => decidesVerdict(finding, proposedJudge)), failOn ?? proposed.failOn);
  };
  const change = policy?.change;
  const reportResources: ReportResource[] = resources
    .filter((change) => change.change !== 'unchanged')
    .map((change) => {
      const resource = change.after ?? change.before;
      const actions = plannedActions(change);
      return {
        address: change.address,
        ...(change.scope !== undefined ? { scope: change.scope } : {}),
        type: change.type,
        kind: change.kind,
        file: resource?.file ?? '',
        line: resource?.line ?? 1,
        change: reportedChange(change),
        ...(actions ? { actions } : {}),
      };
    });
  return {
    version: REPORT_SCHEMA_VERSION,
    tool: { name: 'tollgate', version: TOOL_VERSION },
    verdict,
    failOn: effectiveFailOn,
    judge: effectiveJudge,
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
    policy: {
      from: policy?.from ?? 'base',
      ...(policy?.fallback !== undefined ? { fallback: policy.fallback } : {}),
      ...(change
        ? {
            change: {
              path: change.path,
              ...(change.proposed ? { verdict: proposedVerdict(change.proposed) } : {}),
              ...(change.errors ? { invalid: true } : {}),
              loosens: change.differences.filter((difference) => difference.effect === 'weaker').length,
              tightens: change.differences.filter((difference) => difference.effect === 'stricter').length,
            },
          }
        : {}),
    },
    files: { changed: changes.files.length, analyzed: files.length, truncated: changes.truncated === true },
    resources: reportResources,
    roots: iac.sources,
    cost,
    checks,
    findings,
    fixed,
    counts: statusCounts(findings, fixed),
    suppressionsAdded: addedSuppressions(iac.suppressions, iac.baseSuppressions, files),
    notices: [...(policy?.fallback !== undefined ? [{ message: policy.fallback }] : []), ...changes.notices, ...unreadBaseNotices(iac), ...relevantNotices(iac.notices, files)],
  };
}
