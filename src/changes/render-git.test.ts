import { describe, expect, it } from 'vitest';
import { touchesRenderable } from './render-git.js';

describe('touchesRenderable', () => {
  const directories = new Set(['charts/web', 'deploy/overlays/prod', '']);
  it.each([
    ['a template of a chart', 'charts/web/templates/deployment.yaml', true],
    ['the values of a chart', 'charts/web/values.yaml', true],
    ['a file next to nothing renderable', 'src/app.ts', true],
    ['a file of an overlay', 'deploy/overlays/prod/patch.yaml', true],
  ])('%s', (_name, path, expected) => {
    expect(touchesRenderable([{ path, status: 'modified' }], directories)).toBe(expected);
  });

  it('is false without any chart or kustomization, or outside them', () => {
    expect(touchesRenderable([{ path: 'charts/web/values.yaml', status: 'modified' }], new Set())).toBe(false);
    expect(touchesRenderable([{ path: 'infra/main.tf', status: 'modified' }], new Set(['charts/web']))).toBe(false);
  });

  it('looks at the previous path of a renamed file', () => {
    expect(touchesRenderable([{ path: 'old/x.yaml', previousPath: 'charts/web/templates/x.yaml', status: 'renamed' }], new Set(['charts/web']))).toBe(true);
  });
});
