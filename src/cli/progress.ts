import type { CommandRunner } from '../changes/render-command.js';

/** A one-line account of what a long run is doing, for the person watching the terminal. */
export interface Progress {
  /** A stage begins (`parsing 505 files`); shown at once when the run is already long. */
  stage(text: string): void;
  /** One more item of the stage is done; the count follows the stage's text. */
  advance(): void;
  /** Clears the line, so what is written next starts at the left margin. */
  stop(): void;
}

const NO_PROGRESS: Progress = { stage: () => undefined, advance: () => undefined, stop: () => undefined };

/** A run shorter than this shows no progress at all: a line that flickers past tells nothing. */
export const SHOW_AFTER_MS = 1000;
/** Counts move at most this often: a redraw per item would cost more than the items on a big change. */
const REDRAW_EVERY_MS = 100;

/**
 * Whether to draw progress: only on a terminal, where a line can be overwritten in place; never
 * into a pipe or file, a dumb terminal, or a CI log (CI set, as every CI service sets it), where
 * each redraw would be a line of noise.
 */
export function showsProgress(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (stream.isTTY !== true || env.TERM === 'dumb') return false;
  return env.CI === undefined || env.CI === '' || env.CI === 'false' || env.CI === '0';
}

/** The line drawn: the stage and its count, cut to the terminal's width so it never wraps (a wrapped line cannot be overwritten). */
export function progressLine(stage: string, done: number, columns: number): string {
  const line = `tollgate: ${stage}${done > 0 ? `: ${done} done` : ''}…`;
  return line.length < columns ? line : `${line.slice(0, Math.max(0, columns - 2))}…`;
}

/** Return to the line's start, and erase from there to its end. */
const CLEAR_LINE = '\r\u001b[K';

export interface ProgressOutput {
  write(text: string): void;
  columns(): number;
  now(): number;
  /** Runs `callback` once after `ms` unless the returned function cancels it. */
  later(callback: () => void, ms: number): () => void;
}

/**
 * Draws the current stage once the run has taken SHOW_AFTER_MS: from a timer while the event loop
 * is free (a render process runs), else at the next stage or count, since parsing and pricing
 * hold the loop.
 */
export function createProgress(output: ProgressOutput): Progress {
  const start = output.now();
  let stage: string | undefined;
  let done = 0;
  let shown = false;
  let drawnAt = Number.NEGATIVE_INFINITY;
  const draw = () => {
    if (stage === undefined) return;
    output.write(`${CLEAR_LINE}${progressLine(stage, done, output.columns())}`);
    shown = true;
    drawnAt = output.now();
  };
  const cancel = output.later(draw, SHOW_AFTER_MS);
  const update = (now: number, force: boolean) => {
    if (now - start >= SHOW_AFTER_MS && (force || now - drawnAt >= REDRAW_EVERY_MS)) draw();
  };
  return {
    stage(text) {
      stage = text;
      done = 0;
      update(output.now(), true);
    },
    advance() {
      if (stage === undefined) return;
      done++;
      update(output.now(), false);
    },
    stop() {
      cancel();
      if (shown) output.write(CLEAR_LINE);
      shown = false;
      stage = undefined;
    },
  };
}

/** Progress on standard error when showsProgress allows it, else none. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Progress {
  if (!showsProgress(stream, env)) return NO_PROGRESS;
  return createProgress({
    write: (text) => stream.write(text),
    columns: () => stream.columns || 80,
    now: () => performance.now(),
    later: (callback, ms) => {
      // Unreferenced: a run that ends sooner must not wait for the timer.
      const timer = setTimeout(callback, ms).unref();
      return () => clearTimeout(timer);
    },
  });
}

/** A render runner that shows each finished helm or kustomize run as progress. */
export function renderProgress(run: CommandRunner, progress: Progress): CommandRunner {
  let started = false;
  return async (command, args, options) => {
    if (!started) {
      started = true;
      progress.stage('rendering Helm charts and Kustomize overlays');
    }
    const result = await run(command, args, options);
    progress.advance();
    return result;
  };
}
