import { describe, expect, it } from 'vitest';
import { isAnalysed, matchesAnyGlob, ruleAppliesTo } from './paths.js';

describe('matchesAnyGlob', () => {
  it.each([
    ['infra/main.tf', ['infra/**'], true],
    ['infra/modules/vpc/main.tf', ['infra/**'], true],
    ['k8s/app.yaml', ['infra/**'], false],
    ['.github/workflows/ci.yml', ['**'], true],
    ['a/.terraform/x', ['**/.terraform/**'], true],
    ['Infra/main.tf', ['infra/**'], false],
    ['main.tf', [], false],
  ])('%s in %j → %s', (path, globs, expected) => {
    expect(matchesAnyGlob(path, globs)).toBe(expected);
  });
});

describe('isAnalysed', () => {
  const config = { paths: ['infra/**', 'k8s/**'], ignore: ['**/testdata/**'] };
  it.each([
    ['infra/main.tf', true],
    ['k8s/deploy.yaml', true],
    ['infra/testdata/bad.tf', false],
    ['docs/readme.md', false],
  ])('%s → %s', (path, expected) => {
    expect(isAnalysed(config, path)).toBe(expected);
  });
});

describe('ruleAppliesTo', () => {
  it.each([
    ['an off rule never applies', { level: 'off' as const }, 'x.tf', false],
    ['an unscoped rule applies everywhere', { level: 'error' as const }, 'any/where.tf', true],
    ['a finding without a file applies when the rule is on', { level: 'warning' as const, paths: ['infra/**'] }, undefined, true],
    ['inside paths', { level: 'error' as const, paths: ['infra/**'] }, 'infra/a.tf', true],
    ['outside paths', { level: 'error' as const, paths: ['infra/**'] }, 'app/a.tf', false],
    ['inside paths but ignored', { level: 'error' as const, paths: ['**'], ignore: ['fixtures/**'] }, 'fixtures/a.tfstate', false],
  ])('%s', (_name, settings, path, expected) => {
    expect(ruleAppliesTo(settings, path)).toBe(expected);
  });
});
