/**
 * Expansion of GROUP BY's GROUPING SETS, ROLLUP and CUBE into the full list of grouping sets (see
 * `Query.groupingSets` in `ast.ts`). Pure functions over lists of expressions.
 */
import type { Expression } from './ast.js';

export type GroupingSetList = readonly (readonly Expression[])[];

/** ROLLUP (g1, …, gn): (g1 … gn), (g1 … gn-1), …, (). Each group may hold several expressions: ROLLUP ((a, b), c). */
export function rollup(groups: GroupingSetList): Expression[][] {
  const sets: Expression[][] = [];
  for (let length = groups.length; length >= 0; length--) sets.push(groups.slice(0, length).flat());
  return sets;
}

/** CUBE (g1, …, gn): every subset, largest first, in written order: CUBE (a, b) → (a, b), (a), (b), (). */
export function cube(groups: GroupingSetList): Expression[][] {
  const subsets: (readonly Expression[])[][] = [];
  const n = groups.length;
  for (let mask = 2 ** n - 1; mask >= 0; mask--) {
    // Bit n-1-i stands for group i, so that descending masks list the earlier groups first.
    subsets.push(groups.filter((_, i) => (mask & (1 << (n - 1 - i))) !== 0));
  }
  return subsets.sort((a, b) => b.length - a.length).map((subset) => subset.flat());
}

/** Several grouping constructs in one GROUP BY multiply out: every combination of one set from each. */
export function crossProduct(lists: readonly GroupingSetList[]): Expression[][] {
  let result: Expression[][] = [[]];
  for (const list of lists) {
    const next: Expression[][] = [];
    for (const prefix of result) for (const set of list) next.push([...prefix, ...set]);
    result = next;
  }
  return result;
}
