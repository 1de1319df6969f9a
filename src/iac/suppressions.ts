import type { InlineSuppression } from './model.js';

/** `# tollgate:ignore <rule-id> <reason>` (or `//` in HCL). The reason is everything after the id. */
const SUPPRESSION = /(?:#|\/\/)\s*tollgate:ignore\s+([a-z0-9-]+)(?:[ \t]+([^\r\n]*?))?\s*$/;

export function findSuppressions(text: string, file: string): InlineSuppression[] {
  if (!text.includes('tollgate:ignore')) return [];
  const found: InlineSuppression[] = [];
  text.split('\n').forEach((content, index) => {
    const match = SUPPRESSION.exec(content);
    if (!match?.[1]) return;
    const reason = match[2]?.trim();
    found.push({ file, line: index + 1, ruleId: match[1], ...(reason ? { reason } : {}) });
  });
  return found;
}
