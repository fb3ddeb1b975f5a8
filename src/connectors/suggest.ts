/** "Did you mean …?" suggestions for misspelled option keys, connector names and field names. */

import { editDistance as caseSensitiveDistance } from '../common/edit-distance.js';

/** Edit distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  return caseSensitiveDistance(a.toLowerCase(), b.toLowerCase());
}

/** The closest candidate within a distance proportional to the name's length, or undefined. */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance && distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `did you mean 'x'?` or undefined when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(name, candidates);
  return match === undefined ? undefined : `did you mean '${match}'?`;
}
