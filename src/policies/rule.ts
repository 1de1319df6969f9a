import { findingAt } from '../checks/locate.js';
import type { Rule, RuleFinding } from '../checks/model.js';
import { describe } from '../checks/deploy/kubernetes.js';
import type { Resource } from '../iac/model.js';
import type { CostReport } from '../cost/model.js';
import type { ResourceChange } from '../diff/model.js';
import { evaluateAssertion, someLeaf } from './assert.js';
import { runBounded } from './bounded.js';
import type { CustomPolicy } from './file.js';
import { matches } from './match.js';
import { PolicyPathError } from './path.js';

/** `Deployment shop/web`, `aws_db_instance.main`, `stack.yaml#Db`: the object as findings name it. */
function subjectName(resource: Resource): string {
  return resource.kind === 'kubernetes' ? describe(resource) : resource.address;
}

/** Wall-clock time one policy may take over one side of a change before it is stopped and reported. */
export const POLICY_TIME_LIMIT_MS = 2_000;


function judge(policy: CustomPolicy, resources: readonly ResourceChange[], cost: CostReport): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const change of resources) {
    if (!policy.match.change.has(change.change)) continue;
    const resource = change.change === 'removed' ? change.before : change.after;
    if (!resource || !matches(policy.match, resource)) continue;
    const outcome = evaluateAssertion(policy.assertion, { resource, cost, ...(change.change === 'changed' && change.before ? { before: change.before } : {}) });
    if (outcome.ok) continue;
    const evidence = outcome.evidence.length > 0 ? outcome.evidence : [{ path: '', detail: '' }];
    const seen = new Set<string>();
    for (const { path, detail } of evidence) {
      if (seen.has(path)) continue;
      seen.add(path);
      findings.push(findingAt(resource, path, `${subjectName(resource)}: ${policy.message}${detail === '' ? '' : ` (${detail})`}`, policy.fix));
    }
  }
  return findings;
}

/**
 * A custom policy as a rule: the same findings, severities, new/existing status, suppressions
 * and annotations as a built-in one. Each place the assertion failed is one finding on the line of
 * the value that failed (the image, not the Deployment), saying what was there. A policy with a
 * CEL expression runs under a time limit; patterns already run in linear time.
 */
export function policyRule(policy: CustomPolicy, timeLimitMs = POLICY_TIME_LIMIT_MS): Rule {
  const bounded = someLeaf(policy.assertion, (leaf) => leaf.kind === 'expression');
  return {
    id: policy.id,
    title: policy.title,
    category: 'policy',
    severity: policy.severity,
    docs: policy.docs ?? `${policy.file}#L${policy.line}`,
    ...(policy.judgesChange ? { judgesChange: true } : {}),
    run: ({ resources, cost }) => {
      try {
        if (!bounded) return judge(policy, resources, cost);
        const outcome = runBounded(() => judge(policy, resources, cost), timeLimitMs);
        if ('value' in outcome) return outcome.value;
        return { skip: `${policy.file}:${policy.line}: the policy took over ${timeLimitMs / 1000} s on this change and was stopped; simplify its expression (comprehensions nested over long lists)` };
      } catch (error) {
        if (!(error instanceof PolicyPathError)) throw error;
        return { skip: `${policy.file}:${policy.line}: ${error.message}` };
      }
    },
  };
}
