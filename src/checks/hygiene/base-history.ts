import type { JsonSchema } from '../model.js';
import { booleanOption } from './options.js';

/** Fewer base commits than this say nothing about a repository's habits. */
const MIN_HISTORY = 10;

/** A process rule's switch between judging only where the team keeps the habit and judging always. */
export function onlyIfKeptOption(habit: string, share: string): JsonSchema {
  return {
    title: 'Only where the habit is kept',
    description: `Judge only when at least ${share} of the base branch's latest commits by people (${MIN_HISTORY} or more, where its history is at hand) ${habit}. Set false for a repository taking the habit up. Default: true.`,
    type: 'boolean',
  };
}

export interface Habit {
  /** What a commit that keeps it does, for the reason: "follow Conventional Commits". */
  what: string;
  keptBy: (message: string) => boolean;
  /** The least share of commits that keep it for the rule to judge. */
  share: number;
  /** What `only-if-kept: false` then does, for the reason: "hold titles to them anyway". */
  otherwise: string;
}

/**
 * Why a process rule stands aside: the base branch's history shows the team does not keep the
 * habit it asks for, and the rule was left to judge only where they do. A team that does not
 * would otherwise hear it on every pull request. Undefined (judge) without enough history.
 */
export function habitNotKept(history: readonly string[] | undefined, options: Record<string, unknown>, habit: Habit): string | undefined {
  if (!booleanOption(options, 'only-if-kept', true) || history === undefined || history.length < MIN_HISTORY) return undefined;
  const kept = history.filter(habit.keptBy).length;
  if (kept >= habit.share * history.length) return undefined;
  return `the base branch's commits do not ${habit.what} (${kept} of its last ${history.length} do); set only-if-kept: false to ${habit.otherwise}`;
}
