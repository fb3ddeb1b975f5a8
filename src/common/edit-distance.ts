/**
 * Optimal string alignment distance: insertions, deletions, substitutions and transpositions of neighbouring
 * characters each cost 1 (`prcie` → `price` is 1, `FORM` → `FROM` is 1). Case-sensitive: callers normalise.
 * Used by every "did you mean …?" hint (parser keywords, column and table names, connector options).
 */
export function editDistance(a: string, b: string): number {
  const cols = b.length + 1;
  let twoBack = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(cols).fill(0);
    current[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, twoBack[j - 2]! + 1);
      current[j] = best;
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length]!;
}
