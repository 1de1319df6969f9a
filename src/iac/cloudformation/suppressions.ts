import type { InlineSuppression, Resource } from '../model.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Suppressions declared in a resource's Metadata:
 * `Metadata: { tollgate: { ignore: [ { rule: <id>, reason: <text> } ] } }`. They apply at the
 * resource's line. An entry without a reason is still a suppression (the gate flags it); an entry
 * without a rule id is not one.
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
      if (!isRecord(entry) || typeof entry.rule !== 'string' || entry.rule.trim() === '') continue;
      const reason = typeof entry.reason === 'string' ? entry.reason.trim() : '';
      suppressions.push({ file: resource.file, line: resource.line, ruleId: entry.rule.trim(), ...(reason ? { reason } : {}) });
    }
  }
  return suppressions;
}
