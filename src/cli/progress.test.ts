import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../changes/render-command.js';
import { createProgress, progressLine, renderProgress, showsProgress, SHOW_AFTER_MS, type Progress } from './progress.js';

describe('showsProgress', () => {
  it.each([
    { case: 'a terminal', isTTY: true, env: {}, shows: true },
    { case: 'a terminal with CI=false', isTTY: true, env: { CI: 'false' }, shows: true },
    { case: 'a terminal with CI empty', isTTY: true, env: { CI: '' }, shows: true },
    { case: 'a pipe or file', isTTY: false, env: {}, shows: false },
    { case: 'a stream that does not say', isTTY: undefined, env: {}, shows: false },
    { case: 'a CI log on a terminal (CI=true)', isTTY: true, env: { CI: 'true' }, shows: false },
    { case: 'a CI service that sets CI=1', isTTY: true, env: { CI: '1' }, shows: false },
    { case: 'a dumb terminal', isTTY: true, env: { TERM: 'dumb' }, shows: false },
  ])('$case: $shows', ({ isTTY, env, shows }) => {
    expect(showsProgress(isTTY === undefined ? {} : { isTTY }, env)).toBe(shows);
  });
});

describe('progressLine', () => {
  it.each([
    { stage: 'parsing 505 files', done: 0, columns: 80, line: 'tollgate: parsing 505 files…' },
    { stage: 'rendering Helm charts and Kustomize overlays', done: 7, columns: 80, line: 'tollgate: rendering Helm charts and Kustomize overlays: 7 done…' },
    { stage: 'pricing 3214 resources', done: 0, columns: 21, line: 'tollgate: pricing 3…' },
  ])('$line', ({ stage, done, columns, line }) => {
    expect(progressLine(stage, done, columns)).toBe(line);
    expect(progressLine(stage, done, columns).length).toBeLessThan(columns);
  });
});

/** A progress line on a fake terminal whose clock the test moves. */
function fakeTerminal(): { progress: Progress; written: string[]; tick(ms: number): void } {
  let now = 0;
  let timer: { at: number; callback: () => void } | undefined;
  const written: string[] = [];
  const progress = createProgress({
    write: (text) => written.push(text),
    columns: () => 80,
    now: () => now,
    later: (callback, ms) => {
      timer = { at: now + ms, callback };
      return () => (timer = undefined);
    },
  });
  const tick = (ms: number) => {
    now += ms;
    if (timer && timer.at <= now) {
      const due = timer;
      timer = undefined;
      due.callback();
    }
  };
  return { progress, written, tick };
}

describe('createProgress', () => {
  it('draws nothing in a short run, not even a clearing sequence', () => {
    const { progress, written, tick } = fakeTerminal();
    progress.stage('parsing 3 files');
    tick(300);
    progress.stage('running 67 rules');
    progress.stop();
    tick(SHOW_AFTER_MS);
    expect(written).toEqual([]);
  });

  it('draws the stage once the run is long, overwrites it in place and clears it at the end', () => {
    const { progress, written, tick } = fakeTerminal();
    progress.stage('rendering Helm charts and Kustomize overlays');
    tick(SHOW_AFTER_MS);
    tick(150);
    progress.advance();
    tick(150);
    progress.advance();
    progress.stage('parsing 505 files');
    progress.stop();
    expect(written).toEqual([
      '\r\u001b[Ktollgate: rendering Helm charts and Kustomize overlays…',
      '\r\u001b[Ktollgate: rendering Helm charts and Kustomize overlays: 1 done…',
      '\r\u001b[Ktollgate: rendering Helm charts and Kustomize overlays: 2 done…',
      '\r\u001b[Ktollgate: parsing 505 files…',
      '\r\u001b[K',
    ]);
  });

  it('redraws counts at most every 100 ms, but a new stage at once', () => {
    const { progress, written, tick } = fakeTerminal();
    tick(SHOW_AFTER_MS);
    progress.stage('rendering Helm charts and Kustomize overlays');
    for (let i = 0; i < 50; i++) progress.advance();
    progress.stage('pricing 3214 resources');
    expect(written).toEqual(['\r\u001b[Ktollgate: rendering Helm charts and Kustomize overlays…', '\r\u001b[Ktollgate: pricing 3214 resources…']);
  });

  it('a stage that began before the first second is drawn by the timer', () => {
    const { progress, written, tick } = fakeTerminal();
    progress.stage('rendering Helm charts and Kustomize overlays');
    tick(SHOW_AFTER_MS - 1);
    expect(written).toEqual([]);
    tick(1);
    expect(written).toEqual(['\r\u001b[Ktollgate: rendering Helm charts and Kustomize overlays…']);
  });
});

describe('renderProgress', () => {
  it('begins the rendering stage at the first render and counts each one finished', async () => {
    const calls: string[] = [];
    const progress: Progress = { stage: (text) => calls.push(`stage ${text}`), advance: () => calls.push('advance'), stop: () => calls.push('stop') };
    const run: CommandRunner = async (command) => ({ exitCode: 0, stdout: command, stderr: '' });
    const counted = renderProgress(run, progress);
    const results = await Promise.all([counted('helm', [], { cwd: '.' }), counted('kustomize', [], { cwd: '.' })]);
    expect(results.map((result) => result.stdout)).toEqual(['helm', 'kustomize']);
    expect(calls).toEqual(['stage rendering Helm charts and Kustomize overlays', 'advance', 'advance']);
  });
});
