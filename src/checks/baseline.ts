import { groupBy } from '../collections.js';
import type { Finding } from './model.js';

/** A finding with the identity of its object and the head path of its file, as the pairing needs them. */
export interface SideFinding {
  finding: Finding;
  identity: string;
  /** The file at the head: a base finding's file renamed by the change takes its new name. */
  headFile?: string;
}

export interface SidesCompared {
  /** The head findings, each with its status: new or existing. */
  findings: Finding[];
  /** Base findings the change removed from objects that are still there: fixed. */
  fixed: Finding[];
}

const byFingerprint = (findings: readonly SideFinding[]): Map<string, SideFinding[]> => groupBy(findings, (entry) => entry.finding.fingerprint);

/** Active findings first: an active head finding pairs with an active base twin before a suppressed one. */
const activeFirst = (a: SideFinding, b: SideFinding): number => Number(a.finding.suppressed) - Number(b.finding.suppressed);

/**
 * Pairs head findings with base findings of the same fingerprint, as many as both sides have (two
 * identical findings on one object stay two): same file first, so a copy of an object added in a
 * second file is the new one. A paired head finding is existing, unless the change lifted the
 * suppression its base twin had (then the change made it count: new). An unpaired head finding is
 * new; an unpaired active base finding is fixed when its object is still there, and gone with it
 * otherwise.
 */
export function compareSides(head: readonly SideFinding[], base: readonly SideFinding[], presentAtHead: (identity: string) => boolean): SidesCompared {
  const baseGroups = byFingerprint(base);
  const paired = new Set<SideFinding>();
  const findings: Finding[] = [];
  for (const [fingerprint, group] of byFingerprint(head)) {
    const candidates = [...(baseGroups.get(fingerprint) ?? [])].sort(activeFirst);
    const heads = [...group].sort(activeFirst);
    const twins = new Map<SideFinding, SideFinding>();
    const take = (entry: SideFinding, match: (candidate: SideFinding) => boolean): void => {
      const twin = candidates.find((candidate) => !paired.has(candidate) && match(candidate));
      if (!twin) return;
      paired.add(twin);
      twins.set(entry, twin);
    };
    for (const entry of heads) take(entry, (candidate) => candidate.headFile === entry.headFile);
    for (const entry of heads) if (!twins.has(entry)) take(entry, () => true);
    for (const entry of group) {
      const twin = twins.get(entry);
      const existing = twin !== undefined && !(twin.finding.suppressed && !entry.finding.suppressed);
      findings.push({ ...entry.finding, status: existing ? 'existing' : 'new' });
    }
  }
  const fixed = base
    .filter((entry) => !paired.has(entry) && !entry.finding.suppressed && presentAtHead(entry.identity))
    .map((entry) => ({ ...entry.finding, status: 'fixed' as const }));
  return { findings, fixed };
}
