import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { asWorkload, describe, findingAt, isRecord, judgedObjects, valueAt } from './kubernetes.js';

const JOB_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);
const VALID_RESTART_POLICIES = new Set(['OnFailure', 'Never']);
/** Hook annotations whose delete policy already cleans the Job up, so it needs no TTL of its own. */
const HOOK_DELETE_POLICIES = ['helm.sh/hook-delete-policy', 'argocd.argoproj.io/hook-delete-policy'];

function restartPolicyFindings(resource: Resource): RuleFinding[] {
  const workload = asWorkload(resource);
  if (!workload) return [];
  const path = `${workload.template.specPath}.restartPolicy`;
  const policy = workload.template.spec.restartPolicy;
  if (policy === undefined) {
    return [findingAt(resource, workload.template.specPath, `${describe(resource)}: its pod template sets no restartPolicy; the Pod default Always is not allowed for Jobs and the API server rejects the object.`, `Set ${path}: OnFailure (retry in place) or Never (a new pod per retry).`)];
  }
  if (typeof policy === 'string' && !VALID_RESTART_POLICIES.has(policy)) {
    return [findingAt(resource, path, `${describe(resource)}: restartPolicy ${policy} is not allowed for Jobs (only OnFailure or Never); the API server rejects the object.`, `Set ${path}: OnFailure or Never.`)];
  }
  return [];
}

function cronJobFindings(cronJob: Resource): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const what = describe(cronJob);
  if (valueAt(cronJob.attributes, 'spec.startingDeadlineSeconds') === undefined) {
    findings.push(findingAt(cronJob, 'spec.startingDeadlineSeconds', `${what} sets no startingDeadlineSeconds; a run missed while the controller was down starts whenever it can, and after 100 missed schedules the CronJob stops scheduling.`, 'Set spec.startingDeadlineSeconds to how late a run may still start (for example 200).'));
  }
  if (valueAt(cronJob.attributes, 'spec.concurrencyPolicy') === undefined) {
    findings.push(findingAt(cronJob, 'spec.concurrencyPolicy', `${what} sets no concurrencyPolicy, so it is Allow; a run that outlasts its schedule overlaps the next one.`, 'Set spec.concurrencyPolicy: Forbid (or Replace); write Allow only when runs may overlap.'));
  }
  return findings;
}

function hookManaged(job: Resource): boolean {
  const annotations = valueAt(job.attributes, 'metadata.annotations');
  return isRecord(annotations) && HOOK_DELETE_POLICIES.some((key) => key in annotations);
}

function jobFindings(job: Resource): RuleFinding[] {
  if (valueAt(job.attributes, 'spec.ttlSecondsAfterFinished') !== undefined || hookManaged(job)) return [];
  return [findingAt(job, 'spec.ttlSecondsAfterFinished', `${describe(job)} sets no ttlSecondsAfterFinished; the finished Job and its pods stay in the cluster until someone deletes them, and applying a changed Job under the same name fails (its template is immutable).`, 'Set spec.ttlSecondsAfterFinished (for example 86400) so the Job is cleaned up after it finishes.')];
}

export const k8sCronjob: Rule = {
  id: 'k8s-cronjob',
  title: 'CronJobs and Jobs are bounded and cleaned up',
  category: 'deploy',
  severity: 'notice',
  docs: 'docs/rules/k8s-cronjob.md',
  run: ({ resources }) =>
    judgedObjects(resources, JOB_KINDS).flatMap((resource) => [...(resource.type === 'CronJob' ? cronJobFindings(resource) : jobFindings(resource)), ...restartPolicyFindings(resource)]),
};
