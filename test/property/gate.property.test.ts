import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../src/changes/model.js';
import { runGate } from '../../src/gate.js';
import { renderComment } from '../../src/report/markdown.js';
import { changeSet, plainConfig } from '../../src/test-support.js';
import { SEEDS } from '../corpus/pull-request.js';
import { untrusted } from './arbitraries.js';

/** Runs of the whole pipeline; each run carries up to 6 files, so this is about 1,200 parsed files. */
const RUNS = 200;

const seed = fc.constantFrom(...Object.values(SEEDS));

/** A valid fixture cut, spliced with hostile text, or with a slice of it repeated: the texts real editors and attackers produce. */
const text: fc.Arbitrary<string> = fc.oneof(
  seed,
  fc.tuple(seed, fc.double({ min: 0, max: 1, noNaN: true })).map(([valid, at]) => valid.slice(0, Math.floor(valid.length * at))),
  fc.tuple(seed, fc.double({ min: 0, max: 1, noNaN: true }), untrusted).map(([valid, at, inserted]) => {
    const cut = Math.floor(valid.length * at);
    return valid.slice(0, cut) + inserted + valid.slice(cut);
  }),
  fc.tuple(seed, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 2, max: 20 })).map(([valid, at, times]) => {
    const cut = Math.floor(valid.length * at);
    return valid.slice(0, cut) + valid.slice(cut, cut + 200).repeat(times) + valid.slice(cut);
  }),
  untrusted,
);

const extension = fc.constantFrom('.tf', '.tf.json', '.tfvars', '.yaml', '.yml', '.json', '.template', '.plan.json', '.md', '');
const path = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom('infra', 'k8s', 'envs', 'templates', '..', '.'), untrusted), { minLength: 0, maxLength: 3 }), untrusted, extension)
  .map(([directories, name, ext]) => [...directories, `${name || 'file'}${ext}`].join('/'));

const file: fc.Arbitrary<ChangedFile> = fc
  .record({ path, previousPath: path, status: fc.constantFrom('added' as const, 'modified' as const, 'removed' as const, 'renamed' as const), before: text, after: text })
  .map(({ path, previousPath, status, before, after }) => ({
    path,
    status,
    ...(status === 'renamed' ? { previousPath } : {}),
    ...(status !== 'added' ? { before } : {}),
    ...(status !== 'removed' ? { after } : {}),
  }));

describe(`runGate over random change sets (${RUNS} runs)`, () => {
  it('never throws, and its report always renders within the comment budget', () => {
    fc.assert(
      fc.property(fc.array(file, { maxLength: 6 }), (files) => {
        const report = runGate({ config: plainConfig(), changes: changeSet(files) });
        expect(['pass', 'warn', 'fail']).toContain(report.verdict);
        expect(Number.isFinite(report.cost.delta)).toBe(true);
        expect(renderComment(report).length).toBeLessThanOrEqual(65_536);
      }),
      { numRuns: RUNS },
    );
  });
});
