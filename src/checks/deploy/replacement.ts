/** How the rules tell, from two versions of the source, that a change replaces a resource. */
import type { ResourceChange } from '../../diff/model.js';
import { containsUnknown, isSensitive } from '../../iac/values.js';
import { valueAt } from './kubernetes.js';

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Force-new attributes whose known value differs between the sides, as `engine (postgres → mysql)`. */
export function forcedChanges(change: ResourceChange, forceNew: readonly string[]): string[] {
  const changed = change.changedAttributes ?? [];
  const result: string[] = [];
  for (const path of forceNew) {
    if (!changed.some((attribute) => attribute === path || attribute.startsWith(`${path}.`))) continue;
    const before = valueAt(change.before?.attributes, path);
    const after = valueAt(change.after?.attributes, path);
    // Unset on one side, or unknown, or sensitive: whether it forces a replacement cannot be told from the source.
    if (before === undefined || after === undefined || containsUnknown(before) || containsUnknown(after) || isSensitive(before) || isSensitive(after)) continue;
    result.push(`${path.replace(/^Properties\./, '')} (${shown(before)} → ${shown(after)})`);
  }
  return result;
}

/** The force-new path a `forcedChanges` entry describes, for its line. */
export function forcedPath(forced: string, forceNew: readonly string[]): string | undefined {
  return forceNew.find((path) => forced.startsWith(`${path.replace(/^Properties\./, '')} (`));
}
