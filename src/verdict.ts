import type { Finding } from './checks/model.js';
import type { FailOn } from './config/model.js';
import type { Verdict } from './report/model.js';

/**
 * `fail` blocks the merge; `warn` means something needs a look but the policy lets it through.
 * Suppressed findings never count.
 */
export function decideVerdict(findings: readonly Finding[], failOn: FailOn): Verdict {
  const active = findings.filter((finding) => !finding.suppressed);
  const errors = active.some((finding) => finding.severity === 'error');
  const warnings = active.some((finding) => finding.severity === 'warning');
  if ((failOn === 'error' && errors) || (failOn === 'warning' && (errors || warnings))) return 'fail';
  return errors || warnings ? 'warn' : 'pass';
}

export function exitCodeFor(verdict: Verdict): number {
  return verdict === 'fail' ? 1 : 0;
}
