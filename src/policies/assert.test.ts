import { describe, expect, it } from 'vitest';
import { emptyCost, type CostReport } from '../cost/model.js';
import type { Resource } from '../iac/model.js';
import { AssertionError, compileAssertion, evaluateAssertion } from './assert.js';

const NO_COST = emptyCost();

function workload(attributes: Record<string, unknown>): Resource {
  return { kind: 'kubernetes', type: 'Deployment', address: 'apps/v1/Deployment/shop/web', attributes, file: 'web.yaml', line: 1, endLine: 30, meta: { name: 'web', namespace: 'shop' } };
}

const web = workload({
  metadata: { name: 'web', labels: { team: 'shop', tier: 'frontend' } },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'registry.example.com/web:1.4', resources: { requests: { cpu: '250m', memory: '512Mi' } } },
          { name: 'proxy', image: 'docker.io/envoy:1.30', resources: { requests: { cpu: '1', memory: '2Gi' } } },
        ],
      },
    },
  },
});

function check(raw: unknown, resource: Resource = web, cost: CostReport = NO_COST) {
  return evaluateAssertion(compileAssertion(raw), { resource, cost });
}

describe('value operators', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['exists on a set label', { path: 'metadata.labels.team', exists: true }, true],
    ['exists on a missing label', { path: 'metadata.labels.owner', exists: true }, false],
    ['exists: false on a missing label', { path: 'metadata.labels.owner', exists: false }, true],
    ['absent on a set field', { path: 'spec.replicas', absent: true }, false],
    ['equals a number', { path: 'spec.replicas', equals: 3 }, true],
    ['equals is exact: "3" is not 3', { path: 'spec.replicas', equals: '3' }, false],
    ['equals a mapping', { path: 'metadata.labels', equals: { team: 'shop', tier: 'frontend' } }, true],
    ['in', { path: 'metadata.labels.tier', in: ['frontend', 'backend'] }, true],
    ['notIn passes on a missing value', { path: 'metadata.labels.env', notIn: ['prod'] }, true],
    ['in fails on a missing value', { path: 'metadata.labels.env', in: ['prod'] }, false],
    ['matches every image', { path: 'spec.template.spec.containers[*].image', matches: '^registry\\.example\\.com/' }, false],
    ['matches one image', { path: 'spec.template.spec.containers[0].image', matches: '^registry\\.example\\.com/' }, true],
    ['gte on a quantity', { path: 'spec.template.spec.containers[*].resources.requests.memory', gte: '512Mi' }, true],
    ['lte on a quantity across units', { path: 'spec.template.spec.containers[*].resources.requests.cpu', lte: '1000m' }, true],
    ['lte fails above the bound', { path: 'spec.template.spec.containers[*].resources.requests.memory', lte: '1Gi' }, false],
    ['gte and lte together bound a range', { path: 'spec.replicas', gte: 2, lte: 10 }, true],
    ['a non-number fails a comparison', { path: 'metadata.name', gte: 1 }, false],
    ['a comparison fails on a value that is not set', { path: 'spec.template.spec.containers[*].resources.limits.cpu', lte: 4 }, false],
    ['ifSet judges only the values that are set', { path: 'spec.template.spec.containers[*].resources.limits.cpu', lte: 4, ifSet: true }, true],
    ['ifSet still judges a value that is set', { path: 'spec.template.spec.containers[*].resources.requests.memory', lte: '1Gi', ifSet: true }, false],
  ])('%s', (_name, raw, ok) => {
    expect(check(raw).ok).toBe(ok);
  });

  it('names each failing element, by position, with its value', () => {
    expect(check({ path: 'spec.template.spec.containers[*].image', matches: '^registry\\.example\\.com/' })).toEqual({
      ok: false,
      evidence: [{ path: 'spec.template.spec.containers.1.image', detail: 'spec.template.spec.containers[1].image is "docker.io/envoy:1.30"' }],
    });
    expect(check({ path: 'metadata.labels.owner', exists: true }).evidence).toEqual([{ path: 'metadata.labels.owner', detail: 'metadata.labels.owner is not set', missing: true }]);
  });
});

describe('all, any and not', () => {
  it('all fails with the evidence of each failing part', () => {
    const outcome = check({ all: [{ path: 'metadata.labels.team', exists: true }, { path: 'metadata.labels.owner', exists: true }, { path: 'spec.replicas', gte: 5 }] });
    expect(outcome.ok).toBe(false);
    expect(outcome.evidence.map((item) => item.detail)).toEqual(['metadata.labels.owner is not set', 'spec.replicas is 3']);
  });

  it('any holds when one part holds, and fails once when none does, at the first value that is set', () => {
    expect(check({ any: [{ path: 'metadata.labels.owner', exists: true }, { path: 'metadata.labels.team', exists: true }] }).ok).toBe(true);
    expect(check({ any: [{ path: 'metadata.labels.owner', exists: true }, { path: 'spec.replicas', gte: 5 }, { path: 'metadata.labels.tier', equals: 'backend' }] }).evidence).toEqual([
      { path: 'spec.replicas', detail: 'spec.replicas is 3; metadata.labels.tier is "frontend"' },
    ]);
    expect(check({ any: [{ path: 'metadata.labels.owner', exists: true }, { path: 'Properties.Engine', exists: true }] }).evidence).toEqual([
      { path: 'metadata.labels.owner', detail: 'metadata.labels.owner is not set; Properties is not set' },
    ]);
  });

  it('not fails where its part held, pointing there', () => {
    expect(check({ not: { path: 'spec.template.spec.containers[*].image', matches: ':latest$' } }).ok).toBe(true);
    const outcome = check({ not: { path: 'metadata.labels.tier', equals: 'frontend' } });
    expect(outcome).toEqual({ ok: false, evidence: [{ path: 'metadata.labels.tier', detail: 'metadata.labels.tier is "frontend"' }] });
  });
});

describe('cost conditions', () => {
  const instance: Resource = { kind: 'terraform', type: 'aws_instance', address: 'aws_instance.big', attributes: { instance_type: 'm5.24xlarge' }, file: 'main.tf', line: 1, endLine: 4, meta: {} };
  const priced = { ...NO_COST, lines: [{ address: 'aws_instance.big', type: 'aws_instance', before: 100, after: 3363.84, delta: 3263.84, components: [] }] } as CostReport;

  it('compares the object’s monthly cost after the change, or what the change adds', () => {
    expect(check({ cost: 'after', lte: 1000 }, instance, priced)).toEqual({ ok: false, evidence: [{ path: '', detail: 'its monthly cost after the change is $3363.84' }] });
    expect(check({ cost: 'delta', gte: 3000 }, instance, priced).ok).toBe(true);
  });

  it('treats a free resource as $0, and an unpriced one as not known, with the reason', () => {
    expect(check({ cost: 'after', lte: 10 }, instance).ok).toBe(true);
    const unpriced = { ...NO_COST, unpriced: [{ address: 'aws_instance.big', type: 'aws_instance', reason: 'no price for EC2 instance type z9.mega in us-east-1' }] } as CostReport;
    expect(check({ cost: 'after', lte: 10 }, instance, unpriced).evidence).toEqual([{ path: '', detail: 'its monthly cost is not known (no price for EC2 instance type z9.mega in us-east-1)' }]);
  });
});

describe('compileAssertion refuses mistakes, saying where', () => {
  it.each<[string, unknown, string, Array<string | number>]>([
    ['a misspelt operator', { path: 'spec.replicas', gte: 2, exist: true }, 'unknown key "exist" (did you mean "exists"?)', ['exist']],
    ['a path without an operator', { path: 'spec.replicas' }, 'path spec.replicas needs an operator', []],
    ['a bad path', { all: [{ path: 'spec..replicas', exists: true }] }, 'path "spec..replicas": expected', ['all', 0, 'path']],
    ['an invalid regex', { path: 'metadata.name', matches: '([a-z' }, 'is not a valid regular expression', ['matches']],
    ['a backreference', { path: 'metadata.name', matches: '(a)\\1' }, 'uses the backreference \\1', ['matches']],
    ['a lookahead', { not: { path: 'metadata.name', matches: 'web(?=-)' } }, 'uses the lookaround (?=…)', ['not', 'matches']],
    ['a bound that is no quantity', { path: 'spec.replicas', gte: 'lots' }, 'gte takes a number or a Kubernetes quantity', ['gte']],
    ['an empty any', { any: [] }, 'any takes a non-empty list', ['any']],
    ['a cost without a bound', { cost: 'after' }, 'a cost assertion needs gte or lte', []],
    ['an unknown cost measure', { cost: 'total', lte: 1 }, 'cost is after', ['cost']],
  ])('%s', (_name, raw, message, at) => {
    let thrown: unknown;
    try {
      compileAssertion(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AssertionError);
    expect((thrown as AssertionError).message).toContain(message);
    expect((thrown as AssertionError).at).toEqual(at);
  });
});

describe('patterns run in linear time', () => {
  it('answers a pattern that backtracks exponentially on a crafted value at once, instead of hanging the run', () => {
    const nested = evaluateAssertion(compileAssertion({ path: 'metadata.name', matches: '^(a|a)*b$' }), { resource: workload({ metadata: { name: 'a'.repeat(5000) } }), cost: NO_COST });
    expect(nested.ok).toBe(false);
  });
});
