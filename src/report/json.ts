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

/**
 * Objects shallower than this are written key by key, arrays (`findings`, `cost.resources`) in
 * runs of ARRAY_RUN elements, each run one JSON.stringify; anything deeper is one JSON.stringify.
 */
const STREAMED_DEPTH = 3;
const ARRAY_RUN = 64;

/** Pieces are gathered up to this size before they are handed on: one write per piece, not per value. */
const CHUNK_CHARS = 64 * 1024;

/** What JSON.stringify writes as an object's property (it leaves out the rest). */
function writable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** JSON strings never hold a raw newline, so every newline in JSON.stringify's output is a line break to indent. */
function indented(text: string, depth: number): string {
  return depth === 0 ? text : text.replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

/** `JSON.stringify(value, null, 2)` of a value nested `depth` levels deep, in pieces whose concatenation is exactly that text. */
function* prettyPieces(value: unknown, depth: number): Generator<string> {
  if (depth >= STREAMED_DEPTH || value === null || typeof value !== 'object' || (value as { toJSON?: unknown }).toJSON !== undefined) {
    yield indented(JSON.stringify(value, null, 2) ?? 'null', depth);
    return;
  }
  const close = `\n${'  '.repeat(depth)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let start = 0; start < value.length; start += ARRAY_RUN) {
      // "[\n  a,\n  b\n]": the elements without the brackets, one level in.
      const run = JSON.stringify(value.slice(start, start + ARRAY_RUN), null, 2);
      yield `${start === 0 ? '[' : ','}${indented(run.slice(1, -2), depth)}`;
    }
    yield `${close}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, item]) => writable(item));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  const inner = '  '.repeat(depth + 1);
  for (const [index, [key, item]] of entries.entries()) {
    yield `${index === 0 ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* prettyPieces(item, depth + 1);
  }
  yield `${close}}`;
}

/** `JSON.stringify(value, null, 2)` in chunks of about CHUNK_CHARS: a large report is never one string in memory. */
export function* prettyJsonChunks(value: unknown): Generator<string> {
  let pending = '';
  for (const piece of prettyPieces(value, 0)) {
    pending += piece;
    if (pending.length >= CHUNK_CHARS) {
      yield pending;
      pending = '';
    }
  }
  if (pending !== '') yield pending;
}

/** Pretty JSON (two spaces), fixed key order, trailing newline, in chunks to write one after another. */
export function* jsonReportChunks(report: Report): Generator<string> {
  yield* prettyJsonChunks(toJsonReport(report));
  yield '\n';
}

/** Pretty JSON (two spaces), fixed key order, trailing newline. */
export function renderJson(report: Report): string {
  return [...jsonReportChunks(report)].join('');
}
