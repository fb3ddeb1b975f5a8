/**
 * ARRAY_AGG([ALL | DISTINCT] x [RESPECT NULLS | IGNORE NULLS]): the values in arrival order as an ARRAY, NULLs kept
 * (RESPECT NULLS, the default) or left out (IGNORE NULLS); NULL, not an empty array, when nothing was kept. As Flink's
 * ArrayAggFunction: a retraction takes away the earliest equal element; one whose value is not held (yet) is kept
 * aside and cancels an equal element that a later `merge` brings in.
 *
 * The argument is the one-field ROW of the value (`[x]`), or NULL where FILTER (WHERE …) left the row out: a NULL
 * value is then an element (`[null]`), not a missing row. DISTINCT wraps this function in `distinctTupleAggregate`,
 * which tells tuples apart by their encoding, so NULL is one distinct value (as in Flink).
 */
import type { Value } from '../../common/values.js';
import type { AggregateFunction } from './aggregate-function.js';
import { sameValue } from './value-identity.js';

export interface ArrayAggAccumulator {
  /** The elements, in arrival order. */
  list: Value[];
  /** Retracted values that were not in `list`: each cancels one equal element at the next merge. */
  retracted: Value[];
}

export function createArrayAgg(ignoreNulls: boolean): AggregateFunction<ArrayAggAccumulator> {
  /** The element a row adds; undefined for a row left out (filtered, or a NULL under IGNORE NULLS). */
  const element = (row: Value): Value | undefined => {
    if (row === null) return undefined;
    const value = (row as readonly Value[])[0] ?? null;
    return value === null && ignoreNulls ? undefined : value;
  };
  return {
    createAccumulator: () => ({ list: [], retracted: [] }),
    accumulate(acc, row) {
      const value = element(row);
      if (value !== undefined) acc.list.push(value);
      return acc;
    },
    retract(acc, row) {
      const value = element(row);
      if (value === undefined) return acc;
      if (!removeFirst(acc.list, value)) acc.retracted.push(value);
      return acc;
    },
    merge(acc, other) {
      acc.list.push(...other.list);
      const pending = [...acc.retracted, ...other.retracted];
      acc.retracted = pending.filter((value) => !removeFirst(acc.list, value));
      return acc;
    },
    getValue: (acc) => (acc.list.length === 0 ? null : Object.freeze(acc.list.slice())),
  };
}

/** Removes the first element equal to `value` (SQL equality, nested values by content); whether there was one. */
function removeFirst(list: Value[], value: Value): boolean {
  const index = list.findIndex((element) => sameValue(element, value));
  if (index < 0) return false;
  list.splice(index, 1);
  return true;
}
