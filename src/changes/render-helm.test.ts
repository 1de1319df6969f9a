import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releaseName, splitHelmOutput } from './render-helm.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/render/helm-output/${name}`, import.meta.url), 'utf8');

describe('splitHelmOutput', () => {
  it('splits real helm output into one entry per template, keyed by the path inside the chart', () => {
    const templates = splitHelmOutput(fixture('head.txt'));
    expect([...templates.keys()]).toEqual(['templates/service.yaml', 'templates/deployment.yaml', 'templates/hpa.yaml']);
    const deployment = templates.get('templates/deployment.yaml') ?? '';
    expect(deployment.startsWith('# Source: web/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
    expect(deployment).toContain('readinessProbe:');
    expect(deployment).not.toContain('kind: Service');
    expect(deployment.endsWith('averageUtilization: 65\n')).toBe(false);
  });

  it.each([
    ['two documents from one template are joined', '---\n# Source: app/templates/rbac.yaml\nkind: Role\n---\n# Source: app/templates/rbac.yaml\nkind: RoleBinding\n', { 'templates/rbac.yaml': '# Source: app/templates/rbac.yaml\nkind: Role\n---\n# Source: app/templates/rbac.yaml\nkind: RoleBinding\n' }],
    ['subchart templates keep their charts/ path', '---\n# Source: app/charts/redis/templates/sts.yaml\nkind: StatefulSet\n', { 'charts/redis/templates/sts.yaml': '# Source: app/charts/redis/templates/sts.yaml\nkind: StatefulSet\n' }],
    ['a document without a source line is dropped', '---\nkind: ConfigMap\n---\n# Source: app/templates/cm.yaml\nkind: ConfigMap\n', { 'templates/cm.yaml': '# Source: app/templates/cm.yaml\nkind: ConfigMap\n' }],
    ['a "---" inside a block scalar line is not a separator', '---\n# Source: app/templates/cm.yaml\ndata:\n  x: |\n    a --- b\n', { 'templates/cm.yaml': '# Source: app/templates/cm.yaml\ndata:\n  x: |\n    a --- b\n' }],
    ['a source line that climbs out of the chart is dropped', '---\n# Source: app/../../.github/workflows/ci.yaml\nkind: ConfigMap\n---\n# Source: app//etc/x.yaml\nkind: X\n', {}],
    ['empty output', '', {}],
  ])('%s', (_name, output, expected) => {
    expect(Object.fromEntries(splitHelmOutput(output))).toEqual(expected);
  });

  it('never throws, and every key is a path inside the chart', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('---', '\n', '# Source: ', 'a/', '../', '/', 'templates/x.yaml', 'kind: X', ' ') }), (output) => {
        for (const key of splitHelmOutput(output).keys()) expect(key.split('/')).not.toContain('..');
      }),
    );
  });
});

describe('releaseName', () => {
  it.each([
    ['the chart name', 'apiVersion: v2\nname: web\nversion: 1.0.0\n', 'web'],
    ['a name that would read as a flag', 'name: "--post-renderer=/bin/sh"\n', 'release'],
    ['upper case (helm rejects it)', 'name: Web\n', 'release'],
    ['too long', `name: ${'a'.repeat(54)}\n`, 'release'],
    ['not YAML', 'name: [unclosed\n', 'release'],
    ['no name', 'apiVersion: v2\n', 'release'],
    ['no Chart.yaml text', undefined, 'release'],
  ])('%s', (_name, text, expected) => {
    expect(releaseName(text)).toBe(expected);
  });
});
