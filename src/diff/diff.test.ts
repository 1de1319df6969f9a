import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../iac/model.js';
import { changedPaths, diffResources } from './diff.js';

function resource(address: string, attributes: Record<string, unknown> = {}): Resource {
  return { kind: 'kubernetes', type: 'Deployment', address, attributes, file: 'a.yaml', line: 1, endLine: 1, meta: {} };
}

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

  it('is symmetric: swapping sides swaps added and removed', () => {
    const sets = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'));
    fc.assert(
      fc.property(sets, sets, (left, right) => {
        const forward = diffResources(left.map((a) => resource(a)), right.map((a) => resource(a)));
        const backward = diffResources(right.map((a) => resource(a)), left.map((a) => resource(a)));
        const flip = { added: 'removed', removed: 'added', changed: 'changed', unchanged: 'unchanged' } as const;
        expect(backward.map((c) => [c.address, c.change])).toEqual(forward.map((c) => [c.address, flip[c.change]]));
      }),
    );
  });
});

describe('changedPaths', () => {
  it('lists nested and array paths that differ', () => {
    const before = { spec: { replicas: 1, containers: [{ image: 'a:1' }, { image: 'b:1' }] }, keep: true };
    const after = { spec: { replicas: 1, containers: [{ image: 'a:2' }] }, keep: true, added: 'x' };
    expect(changedPaths(before, after)).toEqual(['added', 'spec.containers.0.image', 'spec.containers.1']);
  });
});
