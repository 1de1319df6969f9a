/**
 * Edit distance with adjacent transpositions (optimal string alignment), so the common typo
 * `fial-on` is one edit from `fail-on`, not two.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Beyond this many edits a "did you mean" guesses more than it helps. */
function maxSuggestionDistance(candidate: string): number {
  return Math.max(1, Math.floor(candidate.length / 3));
}

const MIN_ABBREVIATION = 3;

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo. Case and
 * `_` are ignored so `failOn` and `fail_on` still find `fail-on`.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const normalise = (s: string): string => s.toLowerCase().replace(/_/g, '-');
  const target = normalise(word);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const normalised = normalise(candidate);
    // An abbreviation (`warn`, `err`) is as clear an intent as a one-letter typo.
    const isAbbreviation = target.length >= MIN_ABBREVIATION && normalised.startsWith(target);
    // Length alone can rule a candidate out, which keeps a pathological 1 MB key cheap.
    if (!isAbbreviation && Math.abs(target.length - candidate.length) > maxSuggestionDistance(candidate)) continue;
    const distance = isAbbreviation ? 1 : editDistance(target, normalised);
    if (distance <= maxSuggestionDistance(candidate) && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
