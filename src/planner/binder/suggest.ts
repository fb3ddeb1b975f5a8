/**
 * "Did you mean …?" suggestions for misspelt names, by edit distance (optimal string alignment: insertions,
 * deletions, substitutions and transpositions of neighbours each cost 1), compared case-insensitively.
 */

/** Edit distance between `a` and `b` where swapping two neighbouring characters costs 1 (`prcie` → `price` is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i < rows; i++) {
    const row = d[i] as number[];
    const above = d[i - 1] as number[];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

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
