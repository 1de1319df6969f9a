import type { Severity } from '../checks/model.js';
import type { ConfigError } from '../config/model.js';
import type { PolicyChange, PolicyDifference, PolicyEffect } from '../config/policy.js';
import type { CustomPolicy } from './file.js';

/**
 * What a pull request does to the custom policies that judge it. The base branch's policies judge
 * (as its configuration does), so a pull request that deletes or loosens a policy is still held
 * to it; this says what changes once merged, one entry per policy file, for config-change to show.
 */

const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warning: 2, error: 3 };

function difference(effect: PolicyEffect, message: string, policy: CustomPolicy, line?: number): PolicyDifference {
  return { effect, message, key: ['policies', policy.id], ...(line !== undefined ? { line } : {}) };
}

function changed(before: CustomPolicy, after: CustomPolicy): PolicyDifference[] {
  const differences: PolicyDifference[] = [];
  if (before.severity !== after.severity) {
    const lowers = SEVERITY_RANK[after.severity] < SEVERITY_RANK[before.severity];
    differences.push(difference(lowers ? 'weaker' : 'stricter', `${lowers ? 'lowers' : 'raises'} custom policy ${after.id} from ${before.severity} to ${after.severity}`, after, after.line));
  }
  // Whether a new pattern or assertion lets more through cannot be told in general: the reviewer reads it.
  if (before.definition !== after.definition) differences.push(difference('changed', `changes what custom policy ${after.id} matches or asserts`, after, after.line));
  return differences;
}

function byFile(entries: ReadonlyArray<{ file: string; difference: PolicyDifference }>): PolicyChange[] {
  const files = new Map<string, PolicyDifference[]>();
  for (const { file, difference: entry } of entries) files.set(file, [...(files.get(file) ?? []), entry]);
  return [...files].map(([path, differences]) => ({ path, differences }));
}

/** Each policy the head removes, adds or changes, by file; a head whose policy files do not load is one invalid change per file. */
export function comparePolicies(before: readonly CustomPolicy[], after: { policies: readonly CustomPolicy[] } | { errors: readonly ConfigError[] }): PolicyChange[] {
  if ('errors' in after) {
    const files = new Map<string, ConfigError[]>();
    for (const error of after.errors) files.set(error.file, [...(files.get(error.file) ?? []), error]);
    return [...files].map(([path, errors]) => {
      const [first] = errors;
      const where = first?.line !== undefined ? `line ${first.line}: ` : '';
      return { path, errors, differences: [{ effect: 'weaker', message: `makes ${path} fail to load (${where}${first?.message ?? 'it does not load'}); once merged, every run stops on it`, key: [], ...(first?.line !== undefined ? { line: first.line } : {}) }] };
    });
  }
  const heads = new Map(after.policies.map((policy) => [policy.id, policy]));
  const bases = new Map(before.map((policy) => [policy.id, policy]));
  const entries: Array<{ file: string; difference: PolicyDifference }> = [];
  for (const policy of before) {
    const head = heads.get(policy.id);
    if (head === undefined) entries.push({ file: policy.file, difference: difference('weaker', `removes custom policy ${policy.id}`, policy) });
    else entries.push(...changed(policy, head).map((entry) => ({ file: head.file, difference: entry })));
  }
  for (const policy of after.policies) {
    if (!bases.has(policy.id)) entries.push({ file: policy.file, difference: difference('stricter', `adds custom policy ${policy.id}`, policy, policy.line) });
  }
  return byFile(entries);
}
