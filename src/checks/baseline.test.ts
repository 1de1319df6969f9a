import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finding } from '../test-support.js';
import { compareSides, type SideFinding } from './baseline.js';
import type { Finding } from './model.js';

function entry(fingerprint: string, overrides: Partial<Finding> = {}, identity = `object:${fingerprint}`): SideFinding {
  const made = finding({ fingerprint: fingerprint.padEnd(32, '0'), message: `message ${fingerprint}`, ...overrides });
  return { finding: made, identity, ...(made.file !== undefined ? { headFile: made.file } : {}) };
}

const everywhere = (): boolean => true;

describe('compareSides', () => {
  it('calls a head finding with a base twin existing, one without new, and a base finding without a head twin fixed', () => {
    const { findings, fixed } = compareSides([entry('a'), entry('b')], [entry('a'), entry('c')], everywhere);
    expect(findings.map((item) => [item.message, item.status])).toEqual([
      ['message a', 'existing'],
      ['message b', 'new'],
    ]);
    expect(fixed.map((item) => [item.message, item.status])).toEqual([['message c', 'fixed']]);
  });

  it('pairs by fingerprint, never by message or line: a message that carries a value still pairs', () => {
    const { findings } = compareSides([entry('a', { message: 'runs 1 replica', line: 40 })], [entry('a', { message: 'runs 0 replicas', line: 12 })], everywhere);
    expect(findings[0]?.status).toBe('existing');
  });

  it('counts twins: two identical findings on one object at the head, one at the base, make one existing and one new', () => {
    const { findings, fixed } = compareSides([entry('a'), entry('a')], [entry('a')], everywhere);
    expect(findings.map((item) => item.status).sort()).toEqual(['existing', 'new']);
    expect(fixed).toEqual([]);
  });

  it('pairs the copy in the same file first, so a copy added in another file is the new one', () => {
    const raw = entry('a', { file: 'k8s/web.yaml' });
    const overlay = entry('a', { file: 'deploy/overlays/prod/kustomization.yaml' });
    const { findings } = compareSides([overlay, raw], [entry('a', { file: 'k8s/web.yaml' })], everywhere);
    expect(findings.map((item) => [item.file, item.status])).toEqual([
      ['deploy/overlays/prod/kustomization.yaml', 'new'],
      ['k8s/web.yaml', 'existing'],
    ]);
  });

  it('calls a finding new when the change lifts the suppression its base twin had', () => {
    const { findings, fixed } = compareSides([entry('a')], [entry('a', { suppressed: true })], everywhere);
    expect(findings[0]?.status).toBe('new');
    expect(fixed).toEqual([]);
  });

  it('does not call a finding fixed because the change suppressed it', () => {
    const { findings, fixed } = compareSides([entry('a', { suppressed: true })], [entry('a')], everywhere);
    expect(findings[0]).toMatchObject({ status: 'existing', suppressed: true });
    expect(fixed).toEqual([]);
  });

  it('lets the findings of an object that is gone go with it: not fixed', () => {
    const { fixed } = compareSides([], [entry('a', {}, 'object:gone'), entry('b', {}, 'object:kept')], (identity) => identity === 'object:kept');
    expect(fixed.map((item) => item.message)).toEqual(['message b']);
  });

  it('keeps every head finding, each exactly once, and fixes only base findings nothing paired (property)', () => {
    const side = fc.array(fc.record({ print: fc.constantFrom('a', 'b', 'c'), suppressed: fc.boolean() }), { maxLength: 12 });
    fc.assert(
      fc.property(side, side, (head, base) => {
        const toEntries = (items: typeof head): SideFinding[] => items.map((item) => entry(item.print, { suppressed: item.suppressed }));
        const { findings, fixed } = compareSides(toEntries(head), toEntries(base), everywhere);
        expect(findings).toHaveLength(head.length);
        for (const print of ['a', 'b', 'c']) {
          const heads = head.filter((item) => item.print === print).length;
          const bases = base.filter((item) => item.print === print).length;
          const existing = findings.filter((item) => item.message === `message ${print}` && item.status === 'existing').length;
          expect(existing).toBeLessThanOrEqual(Math.min(heads, bases));
          // Active base findings pair first, so the unpaired active ones are what is left of them.
          const activeBase = base.filter((item) => item.print === print && !item.suppressed).length;
          const fixedHere = fixed.filter((item) => item.message === `message ${print}`).length;
          expect(fixedHere).toBe(Math.max(0, activeBase - Math.min(heads, bases)));
          expect(fixed.every((item) => !item.suppressed)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
