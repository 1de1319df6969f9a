import type { Notice } from '../changes/model.js';
import type { CheckResult, Finding } from '../checks/model.js';
import type { CostComponent, CostLine, CostReport, UnpricedResource } from '../cost/model.js';
import { resourceKey } from '../iac/model.js';
import type { Report, ReportPullRequest, ReportResource } from './model.js';

/**
 * The JSON report (`docs/report.md` documents it). Keys come out in a fixed order, the order of
 * the model, whatever order the report object was built in, so two runs diff cleanly and
 * fields a later stage attached by accident do not leak into a published format.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function pick<T extends object>(value: T, keys: readonly (keyof T & string)[]): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const key of keys) {
    const field = value[key];
    if (field !== undefined) {
      out[key] = field as Json;
    }
  }
  return out;
}

const FINDING_KEYS = [
  'ruleId',
  'category',
  'severity',
  'message',
  'fix',
  'file',
  'line',
  'endLine',
  'resource',
  'scope',
  'suppressed',
  'suppressionReason',
  'status',
  'fingerprint',
] as const satisfies readonly (keyof Finding)[];
const CHECK_KEYS = ['ruleId', 'title', 'category', 'severity', 'status', 'docs', 'skippedReason'] as const satisfies readonly (keyof CheckResult)[];
const COUNT_KEYS = ['new', 'existing', 'fixed'] as const;
const RESOURCE_KEYS = ['address', 'scope', 'type', 'kind', 'file', 'line', 'change', 'actions'] as const satisfies readonly (keyof ReportResource)[];
const PULL_REQUEST_KEYS = ['number', 'title', 'url', 'repository', 'headSha'] as const satisfies readonly (keyof ReportPullRequest)[];
const NOTICE_KEYS = ['kind', 'message', 'file', 'line'] as const satisfies readonly (keyof Notice)[];
const COMPONENT_KEYS = ['name', 'unit', 'quantity', 'unitPrice', 'monthly', 'usageBased'] as const satisfies readonly (keyof CostComponent)[];
const UNPRICED_KEYS = ['address', 'scope', 'type', 'reason'] as const satisfies readonly (keyof UnpricedResource)[];

function rangeJson(range: { low: number; high: number }): { [key: string]: Json } {
  return pick(range, ['low', 'high']);
}

function costLineJson(line: CostLine): { [key: string]: Json } {
  const out = pick(line, ['address', 'scope', 'type', 'file', 'line', 'before', 'after', 'delta']);
  if (line.range) {
    out.range = rangeJson(line.range);
  }
  out.components = line.components.map((component) => pick(component, COMPONENT_KEYS));
  return { ...out, ...pick(line, ['approximate', 'region', 'note']) };
}

/**
 * `cost.resources[]`: one entry per changed resource the cost stage looked at, priced or not, with
 * `null` for a side the resource is absent from (added: no `before`; removed: no `after`) and for
 * every figure of an unpriced resource, so a reader never mistakes "not there" or "unknown" for $0.
 * Sorted by |delta|, largest first, then by address; unpriced resources last.
 */
function costResourcesJson(cost: CostReport, resources: readonly ReportResource[]): { [key: string]: Json }[] {
  const declared = new Map(resources.map((resource) => [resourceKey(resource.scope, resource.address), resource]));
  const priced = [...cost.lines]
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.address.localeCompare(b.address))
    .map((line) => {
      const change = declared.get(resourceKey(line.scope, line.address))?.change;
      const out: { [key: string]: Json } = {
        ...pick(line, ['address', 'scope', 'type', 'file', 'line']),
        before: change === 'added' ? null : line.before,
        after: change === 'removed' ? null : line.after,
        delta: line.delta,
      };
      if (line.range) {
        out.range = rangeJson(line.range);
      }
      out.components = line.components.map((component) => pick(component, COMPONENT_KEYS));
      return { ...out, ...pick(line, ['approximate', 'region', 'note']) };
    });
  const unpriced = cost.unpriced.map((item) => {
    const resource = declared.get(resourceKey(item.scope, item.address));
    return {
      ...pick(item, ['address', 'scope', 'type']),
      ...(resource ? pick(resource, ['file', 'line']) : {}),
      before: null,
      after: null,
      delta: null,
      components: [],
      unpriced: item.reason,
    };
  });
  return [...priced, ...unpriced];
}

function costJson(cost: CostReport, resources: readonly ReportResource[]): { [key: string]: Json } {
  const out = pick(cost, ['currency', 'catalogDate', 'before', 'after', 'delta']);
  if (cost.range) {
    out.range = rangeJson(cost.range);
  }
  if (cost.regions) {
    out.regions = [...cost.regions];
  }
  return {
    ...out,
    lines: cost.lines.map(costLineJson),
    unpriced: cost.unpriced.map((item) => pick(item, UNPRICED_KEYS)),
    resources: costResourcesJson(cost, resources),
  };
}

function policyJson(report: Report): { [key: string]: Json } {
  const out = pick(report.policy, ['from', 'fallback']);
  const change = report.policy.change;
  if (change) out.change = pick(change, ['path', 'verdict', 'invalid', 'loosens', 'tightens']);
  return out;
}

/** The report as plain JSON values in the documented key order. */
export function toJsonReport(report: Report): { [key: string]: Json } {
  const out: { [key: string]: Json } = {
    version: report.version,
    tool: pick(report.tool, ['name', 'version']),
    verdict: report.verdict,
    failOn: report.failOn,
    judge: report.judge,
    counts: pick(report.counts, COUNT_KEYS),
    source: pick(report.source, ['kind', 'baseRef', 'headRef', 'baseSha', 'headSha']),
  };
  if (report.pullRequest) {
    out.pullRequest = pick(report.pullRequest, PULL_REQUEST_KEYS);
  }
  return {
    ...out,
    config: report.config,
    policy: policyJson(report),
    files: pick(report.files, ['changed', 'analyzed', 'truncated']),
    resources: report.resources.map((resource) => pick(resource, RESOURCE_KEYS)),
    roots: report.roots.map((root) => pick(root, ['kind', 'scope', 'file'])),
    cost: costJson(report.cost, report.resources),
    checks: report.checks.map((check) => ({ ...pick(check, CHECK_KEYS), ...(check.counts ? { counts: pick(check.counts, COUNT_KEYS) } : {}) })),
    findings: report.findings.map((finding) => pick(finding, FINDING_KEYS)),
    fixed: report.fixed.map((finding) => pick(finding, FINDING_KEYS)),
    suppressionsAdded: report.suppressionsAdded.map((suppression) => pick(suppression, ['file', 'line', 'endLine', 'ruleId', 'reason'])),
    notices: report.notices.map((notice) => pick(notice, NOTICE_KEYS)),
  };
}

/** Pretty JSON (two spaces), fixed key order, trailing newline. */
export function renderJson(report: Report): string {
  return JSON.stringify(toJsonReport(report), null, 2) + '\n';
}
