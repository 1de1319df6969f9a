import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, isRecord, judgedObjects, valueAt } from './kubernetes.js';

/** Argo Rollouts' own default; shorter leaves no time to switch back before the old pods are gone. */
const MIN_SCALE_DOWN_DELAY = 30;

function judge(rollout: Resource): RuleFinding[] {
  const blueGreen = valueAt(rollout.attributes, 'spec.strategy.blueGreen');
  if (!isRecord(blueGreen)) return [];
  const what = describe(rollout);
  const findings: RuleFinding[] = [];
  // autoPromotionEnabled defaults to true: the new version takes all traffic as soon as it is ready.
  // A failing postPromotionAnalysis aborts and switches traffic back to the old pods, so it watches too.
  const analysed = isRecord(blueGreen.prePromotionAnalysis) || isRecord(blueGreen.postPromotionAnalysis);
  if (blueGreen.autoPromotionEnabled !== false && !analysed) {
    findings.push(
      findingAt(rollout, blueGreen.autoPromotionEnabled === undefined ? 'spec.strategy.blueGreen' : 'spec.strategy.blueGreen.autoPromotionEnabled', `${what} promotes blue-green automatically${blueGreen.autoPromotionEnabled === undefined ? ' (autoPromotionEnabled defaults to true)' : ''} with neither prePromotionAnalysis nor postPromotionAnalysis; a broken version takes all traffic as soon as its pods are ready and nothing switches it back.`, 'Add spec.strategy.blueGreen.prePromotionAnalysis (or postPromotionAnalysis), or set autoPromotionEnabled: false and promote by hand.'),
    );
  }
  const delay = blueGreen.scaleDownDelaySeconds;
  if (typeof delay === 'number' && delay < MIN_SCALE_DOWN_DELAY) {
    findings.push(findingAt(rollout, 'spec.strategy.blueGreen.scaleDownDelaySeconds', `${what} scales the old version down after ${delay}s; there is no time to switch back before it is gone.`, `Set scaleDownDelaySeconds to at least ${MIN_SCALE_DOWN_DELAY} (longer for services with slow-draining connections).`));
  }
  return findings;
}

export const rolloutBluegreenPromotion: Rule = {
  id: 'rollout-bluegreen-promotion',
  title: 'Blue-green rollouts verify before promotion',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/rollout-bluegreen-promotion.md',
  run: ({ resources }) => judgedObjects(resources, new Set(['Rollout'])).flatMap(judge),
};
