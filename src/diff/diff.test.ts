import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../iac/model.js';
import { changedPaths, diffResources } from './diff.js';

function resource(address: string, attributes: Record<string, unknown> = {}): Resource {
  return { kind: 'kubernetes', type: 'Deployment', address, attributes, file: 'a.yaml', line: 1, endLine: 1, meta: {} };
}

function terraform(scope: string, address: string, attributes: Record<string, unknown> = {}): Resource {
  return { kind: 'terraform', type: 'aws_instance', address, scope, attributes, file: `${scope}/main.tf`, line: 1, endLine: 1, meta: {} };
}

const summary = (changes: ReturnType<typeof diffResources>) => changes.map((c) => [c.scope, c.address, c.change, c.previousAddress]);

describe('diffResources', () => {
  it('pairs base and head by address into added, removed, changed and unchanged', () => {
    const base = [resource('a', { replicas: 1 }), resource('b'), resource('c', { x: [1, 2] })];
    const head = [resource('a', { replicas: 3 }), resource('c', { x: [1, 2] }), resource('d')];
    expect(diffResources(base, head).map((c) => [c.address, c.change, c.changedAttributes])).toEqual([
      ['a', 'changed', ['replicas']],
      ['b', 'removed', undefined],
      ['c', 'unchanged', undefined],
      ['d', 'added', undefined],
    ]);
  });

  it('keeps the first declaration of a duplicated address', () => {
    const head = [resource('a', { n: 1 }), resource('a', { n: 2 })];
    expect(diffResources([], head)).toEqual([expect.objectContaining({ address: 'a', change: 'added', after: head[0] })]);
  });

  it('is symmetric: swapping sides swaps added and removed, scope by scope', () => {
    const scoped = fc.tuple(fc.constantFrom(undefined, 'envs/prod', 'envs/staging'), fc.constantFrom('a', 'b', 'c', 'd'));
    const sets = fc.uniqueArray(scoped, { selector: ([scope, address]) => `${scope ?? ''}/${address}` });
    const build = (set: [string | undefined, string][]) => set.map(([scope, address]) => ({ ...resource(address), ...(scope !== undefined ? { scope } : {}) }));
    fc.assert(
      fc.property(sets, sets, (left, right) => {
        const forward = diffResources(build(left), build(right));
        const backward = diffResources(build(right), build(left));
        const flip = { added: 'removed', removed: 'added', changed: 'changed', unchanged: 'unchanged' } as const;
        expect(backward.map((c) => [c.scope, c.address, c.change])).toEqual(forward.map((c) => [c.scope, c.address, flip[c.change]]));
        expect(forward).toHaveLength(new Set([...left, ...right].map(([scope, address]) => `${scope ?? ''}/${address}`)).size);
      }),
    );
  });
});

describe('diffResources with a count known only at apply', () => {
  const placeholder = (address: string, attributes: Record<string, unknown> = {}): Resource => ({ ...terraform('db', address, attributes), meta: { instancesUnknown: `count of ${address} is not known before apply` } });

  it('pairs the instances of one side with the placeholder of the other instead of removing and adding them', () => {
    const base = [terraform('db', 'aws_db_instance.main[0]'), terraform('db', 'aws_db_instance.main[1]'), terraform('db', 'aws_db_instance.main[10]'), terraform('db', 'aws_db_instance.other[0]')];
    const head = [placeholder('aws_db_instance.main', { instance_class: 'db.r6g.large' })];
    expect(summary(diffResources(base, head))).toEqual([
      ['db', 'aws_db_instance.main', 'changed', 'aws_db_instance.main[0]'],
      ['db', 'aws_db_instance.main[1]', 'unchanged', undefined],
      ['db', 'aws_db_instance.main[10]', 'unchanged', undefined],
      ['db', 'aws_db_instance.other[0]', 'removed', undefined],
    ]);
    expect(summary(diffResources(head, base))).toEqual([
      ['db', 'aws_db_instance.main[0]', 'changed', 'aws_db_instance.main'],
      ['db', 'aws_db_instance.main[1]', 'unchanged', undefined],
      ['db', 'aws_db_instance.main[10]', 'unchanged', undefined],
      ['db', 'aws_db_instance.other[0]', 'added', undefined],
    ]);
  });

  it('leaves a block with a known count on both sides, or another scope, to the plain pairing', () => {
    const elsewhere = { ...placeholder('aws_db_instance.main'), scope: 'other' };
    expect(summary(diffResources([terraform('db', 'aws_db_instance.main[0]')], [elsewhere]))).toEqual([
      ['other', 'aws_db_instance.main', 'added', undefined],
      ['db', 'aws_db_instance.main[0]', 'removed', undefined],
    ]);
    expect(summary(diffResources([terraform('db', 'aws_db_instance.main[0]')], [terraform('db', 'aws_db_instance.main')]))).toEqual([
      ['db', 'aws_db_instance.main', 'added', undefined],
      ['db', 'aws_db_instance.main[0]', 'removed', undefined],
    ]);
  });
});

describe('diffResources with scopes', () => {
  it('keeps the same address in two scopes apart, and reports each with its scope', () => {
    const head = [terraform('envs/prod', 'aws_instance.web', { size: 'l' }), terraform('envs/staging', 'aws_instance.web', { size: 's' })];
    expect(summary(diffResources([], head))).toEqual([
      ['envs/prod', 'aws_instance.web', 'added', undefined],
      ['envs/staging', 'aws_instance.web', 'added', undefined],
    ]);
  });

  it('pairs within a scope only: a change in one root leaves its twin in another alone', () => {
    const base = [terraform('envs/prod', 'aws_instance.web', { size: 'l' }), terraform('envs/staging', 'aws_instance.web', { size: 's' })];
    const head = [terraform('envs/prod', 'aws_instance.web', { size: 'xl' }), terraform('envs/staging', 'aws_instance.web', { size: 's' })];
    expect(summary(diffResources(base, head))).toEqual([
      ['envs/prod', 'aws_instance.web', 'changed', undefined],
      ['envs/staging', 'aws_instance.web', 'unchanged', undefined],
    ]);
  });

  it('does not pair an address across scopes', () => {
    expect(summary(diffResources([terraform('a', 'aws_instance.web')], [terraform('b', 'aws_instance.web')]))).toEqual([
      ['a', 'aws_instance.web', 'removed', undefined],
      ['b', 'aws_instance.web', 'added', undefined],
    ]);
  });

  it('pairs an unscoped Kubernetes object that moved to another file', () => {
    const moved = { ...resource('apps/v1/Deployment/shop/web'), file: 'b.yaml' };
    expect(diffResources([resource('apps/v1/Deployment/shop/web')], [moved]).map((c) => [c.change, c.before?.file, c.after?.file])).toEqual([['unchanged', 'a.yaml', 'b.yaml']]);
  });
});

describe('diffResources with address moves', () => {
  it('pairs a moved resource as one, changed or not, and names its old address', () => {
    const base = [terraform('r', 'aws_instance.old', { size: 's' }), terraform('r', 'aws_instance.same')];
    const head = [terraform('r', 'aws_instance.new', { size: 'm' }), terraform('r', 'aws_instance.renamed')];
    const moves = [
      { scope: 'r', from: 'aws_instance.old', to: 'aws_instance.new' },
      { scope: 'r', from: 'aws_instance.same', to: 'aws_instance.renamed' },
    ];
    expect(summary(diffResources(base, head, moves))).toEqual([
      ['r', 'aws_instance.new', 'changed', 'aws_instance.old'],
      ['r', 'aws_instance.renamed', 'unchanged', 'aws_instance.same'],
    ]);
  });

  it('moves the instances of a resource and the resources inside a module, not a longer name that shares the prefix', () => {
    const base = [terraform('r', 'aws_instance.web[0]'), terraform('r', 'module.app.aws_instance.x'), terraform('r', 'aws_instance.webserver')];
    const head = [terraform('r', 'aws_instance.api[0]'), terraform('r', 'module.svc.aws_instance.x'), terraform('r', 'aws_instance.webserver')];
    const moves = [
      { scope: 'r', from: 'aws_instance.web', to: 'aws_instance.api' },
      { scope: 'r', from: 'module.app', to: 'module.svc' },
    ];
    expect(summary(diffResources(base, head, moves))).toEqual([
      ['r', 'aws_instance.api[0]', 'unchanged', 'aws_instance.web[0]'],
      ['r', 'aws_instance.webserver', 'unchanged', undefined],
      ['r', 'module.svc.aws_instance.x', 'unchanged', 'module.app.aws_instance.x'],
    ]);
  });

  it('follows chained moves, and ignores moves of another scope or onto an address the base still declares', () => {
    const chained = diffResources([terraform('r', 'aws_instance.a')], [terraform('r', 'aws_instance.c')], [
      { scope: 'r', from: 'aws_instance.a', to: 'aws_instance.b' },
      { scope: 'r', from: 'aws_instance.b', to: 'aws_instance.c' },
    ]);
    expect(summary(chained)).toEqual([['r', 'aws_instance.c', 'unchanged', 'aws_instance.a']]);
    const listedBackwards = diffResources([terraform('r', 'aws_instance.a')], [terraform('r', 'aws_instance.c')], [
      { scope: 'r', from: 'aws_instance.b', to: 'aws_instance.c' },
      { scope: 'r', from: 'aws_instance.a', to: 'aws_instance.b' },
    ]);
    expect(summary(listedBackwards)).toEqual([['r', 'aws_instance.c', 'unchanged', 'aws_instance.a']]);
    const cycle = diffResources([terraform('r', 'aws_instance.a')], [terraform('r', 'aws_instance.a')], [
      { scope: 'r', from: 'aws_instance.a', to: 'aws_instance.b' },
      { scope: 'r', from: 'aws_instance.b', to: 'aws_instance.a' },
    ]);
    // Terraform rejects cyclic moves; the diff only has to end, with each side counted once.
    expect(cycle.filter((change) => change.before).length).toBe(1);
    expect(cycle.filter((change) => change.after).length).toBe(1);
    const otherScope = diffResources([terraform('r', 'aws_instance.a')], [terraform('r', 'aws_instance.b')], [{ scope: 'other', from: 'aws_instance.a', to: 'aws_instance.b' }]);
    expect(otherScope.map((c) => c.change)).toEqual(['removed', 'added']);
    const occupied = diffResources([terraform('r', 'aws_instance.a'), terraform('r', 'aws_instance.b')], [terraform('r', 'aws_instance.b')], [{ scope: 'r', from: 'aws_instance.a', to: 'aws_instance.b' }]);
    expect(summary(occupied)).toEqual([
      ['r', 'aws_instance.a', 'removed', undefined],
      ['r', 'aws_instance.b', 'unchanged', undefined],
    ]);
  });
});

describe('changedPaths', () => {
  it('lists nested and array paths that differ', () => {
    const before = { spec: { replicas: 1, containers: [{ image: 'a:1' }, { image: 'b:1' }] }, keep: true };
    const after = { spec: { replicas: 1, containers: [{ image: 'a:2' }] }, keep: true, added: 'x' };
    expect(changedPaths(before, after)).toEqual(['added', 'spec.containers.0.image', 'spec.containers.1']);
  });
});
