/** "Did you mean …?" help: the closest word by edit distance (with transpositions, so FORM → FROM is one edit). */
import { editDistance } from '../common/edit-distance.js';

export { editDistance };


/**
 * The candidate closest to `word` (case-insensitively), if it is close enough to be a plausible typo:
 * one edit for short words, two for words of six letters or more. Exact matches are not suggestions.
 */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  const upper = word.toUpperCase();
  const allowed = upper.length >= 6 ? 2 : upper.length >= 3 ? 1 : 0;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const distance = editDistance(upper, candidate.toUpperCase());
    if (distance > 0 && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
