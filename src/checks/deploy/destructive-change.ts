import type { ChangedFile } from '../../changes/model.js';
import type { ResourceChange } from '../../diff/model.js';
import { isPlanned, type Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { localAddress } from '../../iac/references.js';
import { label } from './aws.js';
import { findingAt, isRecord, valueAt } from './kubernetes.js';
import { forcedChanges, forcedPath } from './replacement.js';
import { statefulType } from './stateful.js';

const FIX = 'Keep the resource (restore it, or declare a rename with a `moved` block), or back the data up first and suppress with `# tollgate:ignore destructive-change <reason>`.';
/** RDS takes a final snapshot on stack deletion unless told otherwise; every other type is deleted outright. */
const SNAPSHOT_BY_DEFAULT = new Set(['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The bodies of the `moved` and `removed` blocks in the head versions of the changed files, braces balanced. */
function refactoringBlocks(files: readonly ChangedFile[]): Array<{ kind: 'moved' | 'removed'; body: string }> {
  const blocks: Array<{ kind: 'moved' | 'removed'; body: string }> = [];
  for (const file of files) {
    if (file.after === undefined || !/\.tf$/i.test(file.path)) continue;
    for (const match of file.after.matchAll(/^\s*(moved|removed)\s*\{/gm)) {
      const start = (match.index ?? 0) + match[0].length;
      let depth = 1;
      let end = start;
      while (end < file.after.length && depth > 0) {
        if (file.after[end] === '{') depth += 1;
        else if (file.after[end] === '}') depth -= 1;
        end += 1;
      }
      blocks.push({ kind: match[1] === 'moved' ? 'moved' : 'removed', body: file.after.slice(start, end) });
    }
  }
  return blocks;
}

/**
 * Whether the change declares what happens to a Terraform address instead of destroying it: a
 * `moved { from = … }` (a rename) or a `removed { from = … lifecycle { destroy = false } }`.
 */
function declaredNotDestroyed(resource: Resource, files: readonly ChangedFile[]): boolean {
  const address = localAddress(resource);
  const from = new RegExp(`\\bfrom\\s*=\\s*${escapeRegExp(address)}(?![\\w-])`);
  return refactoringBlocks(files).some((block) => from.test(block.body) && (block.kind === 'moved' || /\bdestroy\s*=\s*false\b/.test(block.body)));
}

function policy(resource: Resource, name: 'DeletionPolicy' | 'UpdateReplacePolicy'): string {
  const value = resource.attributes[name];
  if (typeof value === 'string') return value;
  return name === 'DeletionPolicy' && SNAPSHOT_BY_DEFAULT.has(resource.type) ? 'Snapshot' : 'Delete';
}

/** What a CloudFormation policy leaves behind, or undefined when it keeps the resource itself. */
function cloudFormationLoss(resource: Resource, name: 'DeletionPolicy' | 'UpdateReplacePolicy', holds: string): string | undefined {
  const kept = policy(resource, name);
  if (kept === 'Retain' || kept === 'RetainExceptOnCreate') return undefined;
  return kept === 'Snapshot' ? `${holds} (a final snapshot is taken; the live resource and anything written since are gone)` : holds;
}

function removal(change: ResourceChange, files: readonly ChangedFile[]): RuleFinding[] {
  const before = change.before;
  const stateful = before ? statefulType(before) : undefined;
  if (!before || !stateful) return [];
  const what = label(before);
  if (before.kind === 'terraform') {
    if (isPlanned(before)) {
      const actions = Array.isArray(before.meta.actions) ? before.meta.actions : [];
      if (!actions.includes('delete')) return [];
      return [findingAt(before, '', `The plan deletes ${what}: ${stateful.holds} will be lost.`, FIX)];
    }
    if (declaredNotDestroyed(before, files)) return [];
    return [findingAt(before, '', `${what} is removed from the configuration; the next apply destroys ${stateful.holds}.`, FIX)];
  }
  if (before.kind === 'cloudformation') {
    // Deleting a template file does not delete its stack; removing a resource from a kept template does.
    if (!files.some((file) => file.path === before.file && file.after !== undefined)) return [];
    const loss = cloudFormationLoss(before, 'DeletionPolicy', stateful.holds);
    return loss ? [findingAt(before, '', `${what} is removed from the template; the next stack update deletes ${loss}.`, FIX)] : [];
  }
  if (before.type === 'StatefulSet' && valueAt(before.attributes, 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted') !== 'Delete') return [];
  return [findingAt(before, '', `${before.type} ${String(before.meta.namespace ?? '')}/${String(before.meta.name ?? '')} is removed; deleting it deletes ${stateful.holds}.`, FIX)];
}

function replacement(change: ResourceChange): RuleFinding[] {
  const after = change.after;
  const stateful = after ? statefulType(after) : undefined;
  if (!after || !change.before || !stateful || after.kind === 'kubernetes') return [];
  const what = label(after);
  if (isPlanned(after)) {
    if (after.meta.replace !== true) return [];
    const reason = typeof after.meta.actionReason === 'string' ? ` (${after.meta.actionReason.replaceAll('_', ' ')})` : '';
    return [findingAt(after, '', `The plan replaces ${what}${reason}: the new one starts empty, and ${stateful.holds} will be lost.`, FIX)];
  }
  if (change.change !== 'changed') return [];
  const forced = forcedChanges(change, stateful.forceNew);
  const [first] = forced;
  if (first === undefined) return [];
  const firstPath = forcedPath(first, stateful.forceNew);
  if (after.kind === 'cloudformation') {
    const loss = cloudFormationLoss(after, 'UpdateReplacePolicy', stateful.holds);
    if (!loss) return [];
    return [findingAt(after, firstPath ?? '', `Changing ${forced.join(', ')} makes CloudFormation replace ${what}; the old one is deleted with ${loss}.`, FIX)];
  }
  const lifecycle = after.meta.lifecycle;
  const guarded = isRecord(lifecycle) && lifecycle.prevent_destroy === true ? ' (lifecycle prevent_destroy will make the plan fail)' : '';
  return [findingAt(after, firstPath ?? '', `Changing ${forced.join(', ')} forces Terraform to replace ${what}${guarded}; the new one starts empty, and ${stateful.holds} will be lost.`, FIX)];
}

export const destructiveChange: Rule = {
  id: 'destructive-change',
  title: 'The change does not delete or replace a resource that holds data',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/destructive-change.md',
  judgesChange: true,
  run: ({ resources, files }) => resources.flatMap((change) => (change.change === 'removed' ? removal(change, files) : replacement(change))),
};
