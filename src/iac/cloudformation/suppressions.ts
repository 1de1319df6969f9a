import type { InlineSuppression, Resource } from '../model.js';
import { isRecord } from '../values.js';


/** The rule an entry names: `id` (as the docs write it) or `rule`. */
function ruleIdOf(entry: Record<string, unknown>): string | undefined {
  const id = typeof entry.id === 'string' ? entry.id : typeof entry.rule === 'string' ? entry.rule : undefined;
  return id?.trim() || undefined;
}

/**
 * Suppressions declared in a resource's Metadata:
 * `Metadata: { tollgate: { ignore: [ { id: <rule-id>, reason: <text> } ] } }` (`rule:` works too).
 * They cover the whole resource, whose findings point at its property lines. An entry without a
 * reason is still a suppression (the gate flags it); an entry without a rule id is not one.
 */
export function cloudFormationSuppressions(resources: readonly Resource[]): InlineSuppression[] {
  const suppressions: InlineSuppression[] = [];
  for (const resource of resources) {
    if (resource.kind !== 'cloudformation') continue;
    const metadata = resource.attributes.Metadata;
    const tollgate = isRecord(metadata) ? metadata.tollgate : undefined;
    const ignore = isRecord(tollgate) ? tollgate.ignore : undefined;
    if (!Array.isArray(ignore)) continue;
    for (const entry of ignore) {
      const ruleId = isRecord(entry) ? ruleIdOf(entry) : undefined;
      if (!isRecord(entry) || ruleId === undefined) continue;
      const reason = typeof entry.reason === 'string' ? entry.reason.trim() : '';
      suppressions.push({ file: resource.file, line: resource.line, endLine: resource.endLine, ruleId, ...(reason ? { reason } : {}) });
    }
  }
  return suppressions;
}
