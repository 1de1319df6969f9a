import { findingAt } from '../checks/locate.js';
import type { Rule, RuleFinding } from '../checks/model.js';
import { describe } from '../checks/deploy/kubernetes.js';
import type { Resource } from '../iac/model.js';
import { evaluateAssertion } from './assert.js';
import type { CustomPolicy } from './file.js';
import { matches } from './match.js';
import { PolicyPathError } from './path.js';

/** `Deployment shop/web`, `aws_db_instance.main`, `stack.yaml#Db`: the object as findings name it. */
function subjectName(resource: Resource): string {
  return resource.kind === 'kubernetes' ? describe(resource) : resource.address;
}

/**
 * A custom policy as a rule: the same findings, severities, new/existing status, suppressions
 * and annotations as a built-in one. Each place the assertion failed is one finding on the line of
 * the value that failed (the image, not the Deployment), saying what was there.
 */
export function policyRule(policy: CustomPolicy): Rule {
  return {
    id: policy.id,
    title: policy.title,
    category: 'policy',
    severity: policy.severity,
    docs: policy.docs ?? `${policy.file}#L${policy.line}`,
    ...(policy.judgesChange ? { judgesChange: true } : {}),
    run: ({ resources, cost }) => {
      const findings: RuleFinding[] = [];
      try {
        for (const change of resources) {
          if (!policy.match.change.has(change.change)) continue;
          const resource = change.change === 'removed' ? change.before : change.after;
          if (!resource || !matches(policy.match, resource)) continue;
          const outcome = evaluateAssertion(policy.assertion, { resource, cost });
          if (outcome.ok) continue;
          const evidence = outcome.evidence.length > 0 ? outcome.evidence : [{ path: '', detail: '' }];
          const seen = new Set<string>();
          for (const { path, detail } of evidence) {
            if (seen.has(path)) continue;
            seen.add(path);
            findings.push(findingAt(resource, path, `${subjectName(resource)}: ${policy.message}${detail === '' ? '' : ` (${detail})`}`, policy.fix));
          }
        }
      } catch (error) {
        if (!(error instanceof PolicyPathError)) throw error;
        return { skip: `${policy.file}:${policy.line}: ${error.message}` };
      }
      return findings;
    },
  };
}
