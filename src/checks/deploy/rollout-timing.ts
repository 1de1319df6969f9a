import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, headObjects, judgedWorkloads, progressiveController, valueAt } from './kubernetes.js';

const JUDGED = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout']);
/** Kinds whose controller reports a stalled rollout after progressDeadlineSeconds. */
const HAS_DEADLINE = new Set(['Deployment', 'Rollout']);

export const k8sRolloutTiming: Rule = {
  id: 'k8s-rollout-timing',
  title: 'Rollouts wait for pods to settle, time out, and can be rolled back',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-rollout-timing.md',
  run: ({ resources }) => {
    const heads = headObjects(resources);
    const findings: RuleFinding[] = [];
    for (const { resource } of judgedWorkloads(resources, JUDGED)) {
      // Flagger and an Argo Rollout's workloadRef take over the rollout; a Rollout itself keeps these fields.
      if (resource.type !== 'Rollout' && progressiveController(resource, heads) !== undefined) continue;
      const what = describe(resource);
      const minReady = valueAt(resource.attributes, 'spec.minReadySeconds');
      if (typeof minReady !== 'number' || minReady <= 0) {
        findings.push(findingAt(resource, 'spec.minReadySeconds', `${what} sets no minReadySeconds; a pod that passes one readiness check and then crashes still counts as available.`, 'Set spec.minReadySeconds (for example 10) so a new pod must stay ready before the rollout moves on.'));
      }
      if (HAS_DEADLINE.has(resource.type) && valueAt(resource.attributes, 'spec.progressDeadlineSeconds') === undefined) {
        findings.push(findingAt(resource, 'spec.progressDeadlineSeconds', `${what} sets no progressDeadlineSeconds; a stuck rollout is reported only by the controller's default, not a deadline chosen for this service.`, 'Set spec.progressDeadlineSeconds (for example 600) so a stuck rollout fails the deploy pipeline.'));
      }
      const history = valueAt(resource.attributes, 'spec.revisionHistoryLimit');
      if (history === 0) {
        findings.push(findingAt(resource, 'spec.revisionHistoryLimit', `${what} sets revisionHistoryLimit 0; no earlier revision is kept, so it cannot be rolled back.`, 'Set spec.revisionHistoryLimit to at least 2 (the default is 10).'));
      }
    }
    return findings;
  },
};
