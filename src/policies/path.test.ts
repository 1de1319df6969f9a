import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, parsePath, PolicyPathError, select, type PathSegment } from './path.js';

describe('parsePath', () => {
  it.each<[string, PathSegment[]]>([
    ['spec.replicas', [{ kind: 'key', name: 'spec' }, { kind: 'key', name: 'replicas' }]],
    ['spec.containers[*].image', [{ kind: 'key', name: 'spec' }, { kind: 'key', name: 'containers' }, { kind: 'each' }, { kind: 'key', name: 'image' }]],
    ['ingress[0].from_port', [{ kind: 'key', name: 'ingress' }, { kind: 'index', index: 0 }, { kind: 'key', name: 'from_port' }]],
    ['metadata.labels["app.kubernetes.io/name"]', [{ kind: 'key', name: 'metadata' }, { kind: 'key', name: 'labels' }, { kind: 'key', name: 'app.kubernetes.io/name' }]],
    ['Properties.Tags[*].Key', [{ kind: 'key', name: 'Properties' }, { kind: 'key', name: 'Tags' }, { kind: 'each' }, { kind: 'key', name: 'Key' }]],
  ])('%s', (text, segments) => {
    expect(parsePath(text)).toEqual(segments);
  });

  it.each([
    ['', /expected a field name at character 1/],
    ['spec..replicas', /expected a field name, \[\*\], \[N\] or \["key"\] at character 6/],
    ['spec.containers[x]', /at character 16/],
    ['spec replicas', /expected "\." or "\[" at character 5/],
  ])('refuses %j, saying where', (text, message) => {
    expect(() => parsePath(text)).toThrow(PolicyPathError);
    expect(() => parsePath(text)).toThrow(message);
  });

  it('prints back what it parsed', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/);
    const segment: fc.Arbitrary<PathSegment> = fc.oneof(
      name.map((text) => ({ kind: 'key' as const, name: text })),
      fc.string({ maxLength: 6 }).map((text) => ({ kind: 'key' as const, name: text })),
      fc.constant({ kind: 'each' as const }),
      fc.nat(20).map((index) => ({ kind: 'index' as const, index })),
    );
    fc.assert(
      fc.property(name, fc.array(segment, { maxLength: 6 }), (first, rest) => {
        const segments: PathSegment[] = [{ kind: 'key', name: first }, ...rest];
        expect(parsePath(formatPath(segments))).toEqual(segments);
      }),
    );
  });
});

describe('select', () => {
  const deployment = {
    metadata: { labels: { team: 'shop' } },
    spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: null }] } } },
  };

  it('reaches every element of a [*] list, naming each by its position', () => {
    expect(select(deployment, parsePath('spec.template.spec.containers[*].image'), '')).toEqual([
      { path: 'spec.template.spec.containers.0.image', display: 'spec.template.spec.containers[0].image', present: true, value: 'nginx:1.27' },
      { path: 'spec.template.spec.containers.1.image', display: 'spec.template.spec.containers[1].image', present: false },
    ]);
  });

  it('reports a missing field at its own path, so its parent carries the line', () => {
    expect(select(deployment, parsePath('metadata.annotations.owner'), '')).toEqual([{ path: 'metadata.annotations', display: 'metadata.annotations', present: false }]);
    expect(select(deployment, parsePath('metadata.labels["app.kubernetes.io/name"]'), '')).toEqual([{ path: 'metadata.labels.app.kubernetes.io/name', display: 'metadata.labels["app.kubernetes.io/name"]', present: false }]);
  });

  it('finds no elements in a list that is not there', () => {
    expect(select(deployment, parsePath('spec.template.spec.initContainers[*].image'), '')).toEqual([]);
  });

  it('refuses a field name that meets a list, with the fix', () => {
    const written = 'spec.template.spec.containers.image';
    expect(() => select(deployment, parsePath(written), written)).toThrow(
      'path "spec.template.spec.containers.image" reaches a list at "spec.template.spec.containers"; write spec.template.spec.containers[*] for every element or spec.template.spec.containers[0] for one',
    );
  });
});
