/**
 * "Did you mean …?" suggestions for misspelt names, by edit distance (optimal string alignment: insertions,
 * deletions, substitutions and transpositions of neighbours each cost 1), compared case-insensitively.
 */
import { editDistance } from '../../common/edit-distance.js';

export { editDistance };


/** How many edits a name of this length may be away from a candidate: 1 for short names, else max(2, length / 3). */
function allowedDistance(length: number): number {
  return length <= 3 ? 1 : Math.max(2, Math.floor(length / 3));
}

/**
 * The candidate closest to `name` if it is close enough to be a likely typo; ties go to the earlier candidate.
 * Returns undefined when nothing is close.
 */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  const limit = allowedDistance(name.length);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
