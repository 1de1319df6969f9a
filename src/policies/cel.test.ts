import { describe, expect, it } from 'vitest';
import { emptyCost } from '../cost/model.js';
import type { Resource } from '../iac/model.js';
import { AssertionError, compileAssertion, evaluateAssertion } from './assert.js';
import { runBounded } from './bounded.js';
import { compileExpression } from './cel.js';

const NO_COST = emptyCost();

const web: Resource = {
  kind: 'kubernetes',
  type: 'Deployment',
  address: 'apps/v1/Deployment/shop/web',
  file: 'web.yaml',
  line: 1,
  endLine: 20,
  meta: { name: 'web', namespace: 'shop' },
  attributes: {
    metadata: { name: 'web', labels: { team: 'shop', 'app.kubernetes.io/name': 'web' } },
    spec: {
      replicas: 3,
      template: { spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/web:1.4', resources: { limits: { memory: '1Gi' } } }, { name: 'proxy', image: 'docker.io/envoy:1.30' }] } },
    },
  },
};

function check(raw: unknown, before?: Resource) {
  return evaluateAssertion(compileAssertion(raw), { resource: web, cost: NO_COST, ...(before ? { before } : {}) });
}

describe('CEL expressions', () => {
  it.each<[string, boolean]>([
    ['object.spec.replicas >= 2', true],
    ['object.spec.template.spec.containers.all(c, c.image.startsWith("ghcr.io/"))', false],
    ['object.spec.template.spec.containers.exists(c, c.name == "proxy")', true],
    ['has(object.metadata.labels.team) && object.metadata.labels["app.kubernetes.io/name"] == object.metadata.name', true],
    ['object.spec.template.spec.containers.filter(c, !has(c.resources)).size() == 0', false],
    ['object.?spec.?strategy.?type.orValue("RollingUpdate") == "RollingUpdate"', true],
    ['oldObject == null', true],
    ['cost == null || cost.after <= 100.0', true],
  ])('%s is %s', (expression, ok) => {
    expect(check({ expression }).ok).toBe(ok);
  });

  it('reads the base version as oldObject, so a policy can judge what the change does', () => {
    const before = { ...web, attributes: { ...web.attributes, spec: { ...(web.attributes['spec'] as object), replicas: 5 } } };
    expect(check({ expression: 'oldObject == null || object.spec.replicas >= oldObject.spec.replicas' }, before)).toEqual({
      ok: false,
      evidence: [{ path: '', detail: 'oldObject == null || object.spec.replicas >= oldObject.spec.replicas is false' }],
    });
  });

  it('with a path, judges each value on its own and points at the ones that fail', () => {
    expect(check({ path: 'spec.template.spec.containers[*]', expression: 'has(value.resources) && has(value.resources.limits)' })).toEqual({
      ok: false,
      evidence: [{ path: 'spec.template.spec.containers.1', detail: 'has(value.resources) && has(value.resources.limits) is false for spec.template.spec.containers[1]' }],
    });
  });

  it('fails, saying why, when an expression errs on this object (a key read without has())', () => {
    expect(check({ expression: 'object.spec.paused == false' }).evidence[0]?.detail).toMatch(/^object\.spec\.paused == false failed: /);
  });

  it.each([
    ['a syntax error', 'object.spec.replicas >=', /does not compile/],
    ['an unknown variable', 'objct.spec.replicas > 1', /does not compile: .*objct/],
    ['a value that is not true or false', 'object.spec.replicas + 1', /must give true or false/],
    ['an expression too long to be a condition', `${'true && '.repeat(300)}true`, /at most 2000 are allowed/],
  ])('refuses %s at load, naming the key', (_name, expression, message) => {
    let thrown: unknown;
    try {
      compileAssertion({ all: [{ expression }] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AssertionError);
    expect((thrown as AssertionError).message).toMatch(message);
    expect((thrown as AssertionError).at).toEqual(['all', 0, 'expression']);
  });
});

describe('runBounded', () => {
  it('stops work that runs past its time and says so, and returns what finished', () => {
    const program = compileExpression('object.all(a, object.all(b, object.all(c, a + b + c >= 0)))');
    if ('error' in program) throw new Error(program.error);
    const wide = Array.from({ length: 1_000 }, (_, index) => index);
    expect(runBounded(() => program.run({ object: wide }), 50)).toEqual({ timedOut: true });
    expect(runBounded(() => program.run({ object: [1, 2] }), 1_000)).toEqual({ value: true });
  });
});
