import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, isRecord, judgedObjects, valueAt } from './kubernetes.js';

/** An inline `analysis` step, or an `experiment` step that runs analyses: the rollout waits for its verdict. */
function judgingStep(step: Record<string, unknown>): boolean {
  return isRecord(step.analysis) || (isRecord(step.experiment) && Array.isArray(step.experiment.analyses) && step.experiment.analyses.length > 0);
}

/** A step the rollout waits on before the next weight: a pause, an inline analysis or an experiment. */
function holdingStep(step: Record<string, unknown>): boolean {
  return step.pause !== undefined || isRecord(step.analysis) || isRecord(step.experiment);
}

function argoCanaryFindings(rollout: Resource): RuleFinding[] {
  const canary = valueAt(rollout.attributes, 'spec.strategy.canary');
  if (!isRecord(canary)) return [];
  const what = describe(rollout);
  const steps = Array.isArray(canary.steps) ? canary.steps.filter(isRecord) : [];
  const background = isRecord(canary.analysis);
  const findings: RuleFinding[] = [];
  if (!steps.some(holdingStep)) {
    // Background analysis does not hold a step: Argo stops it once the last step is done.
    const unwatched = background ? 'its background analysis is stopped when the last step completes, before it has measured anything' : 'nobody (nothing) watches the canary before full traffic';
    findings.push(findingAt(rollout, steps.length > 0 ? 'spec.strategy.canary.steps' : 'spec.strategy.canary', `${what}: its canary has no pause, analysis or experiment step, so each weight is passed at once and ${unwatched}.`, 'Add pause steps between setWeight steps (for example setWeight: 20, pause: {duration: 5m}), or an analysis step the rollout waits on.'));
  }
  if (!background && !steps.some(judgingStep)) {
    findings.push(findingAt(rollout, 'spec.strategy.canary.analysis', `${what}: its canary runs no analysis; a failing version is promoted unless someone aborts it by hand.`, 'Add an analysis step or background analysis (spec.strategy.canary.analysis.templates) with an AnalysisTemplate on error rate or latency.'));
  }
  return findings;
}

function flaggerFindings(canary: Resource): RuleFinding[] {
  const what = describe(canary);
  const analysis = valueAt(canary.attributes, 'spec.analysis') ?? valueAt(canary.attributes, 'spec.canaryAnalysis');
  const analysisPath = valueAt(canary.attributes, 'spec.analysis') !== undefined ? 'spec.analysis' : 'spec.canaryAnalysis';
  if (!isRecord(analysis)) return [findingAt(canary, 'spec.analysis', `${what} has no analysis; Flagger has nothing to judge the canary by.`, 'Add spec.analysis with interval, threshold, maxWeight, stepWeight and metrics with thresholdRange.')];
  const findings: RuleFinding[] = [];
  const metrics = Array.isArray(analysis.metrics) ? analysis.metrics : [];
  if (metrics.length === 0) {
    findings.push(findingAt(canary, `${analysisPath}.metrics`, `${what}: its analysis checks no metrics; a canary that errors is promoted on schedule.`, 'Add metrics (request-success-rate, request-duration) with thresholdRange to spec.analysis.'));
  }
  metrics.forEach((metric: unknown, index) => {
    if (isRecord(metric) && isRecord(metric.thresholdRange)) return;
    const name = isRecord(metric) && typeof metric.name === 'string' ? metric.name : `#${index + 1}`;
    findings.push(findingAt(canary, `${analysisPath}.metrics.${index}`, `${what}: metric "${name}" has no thresholdRange, so it can never fail the canary.`, `Give metric "${name}" a thresholdRange (min or max).`));
  });
  // Blue/green (iterations) and explicit stepWeights do not use maxWeight/stepWeight.
  const progressive = analysis.iterations === undefined && analysis.stepWeights === undefined;
  if (progressive && (analysis.maxWeight === undefined || analysis.stepWeight === undefined)) {
    findings.push(findingAt(canary, `${analysisPath}.${analysis.maxWeight === undefined ? 'maxWeight' : 'stepWeight'}`, `${what}: its analysis sets no ${analysis.maxWeight === undefined ? 'maxWeight' : 'stepWeight'}; traffic is not shifted in steps.`, 'Set spec.analysis.stepWeight (for example 10) and maxWeight (for example 50).'));
  }
  return findings;
}

export const rolloutCanaryAnalysis: Rule = {
  id: 'rollout-canary-analysis',
  title: 'Canary rollouts pause and analyse before promotion',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/rollout-canary-analysis.md',
  run: ({ resources }) => [
    ...judgedObjects(resources, new Set(['Rollout'])).flatMap(argoCanaryFindings),
    ...judgedObjects(resources, new Set(['Canary'])).filter((canary) => String(canary.meta.apiVersion).startsWith('flagger.app/')).flatMap(flaggerFindings),
  ],
};
