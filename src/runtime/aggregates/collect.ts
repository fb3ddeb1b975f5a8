/**
 * COLLECT(x): the multiset of the non-NULL values. Flink's result type is MULTISET<T>, which Flink holds (and prints)
 * as a map from each distinct element to its multiplicity; Sluice has no MULTISET type and returns exactly that map,
 * a MAP<T, INT> (`{a=2, b=1}`), its entries in the order the values were first seen. An empty multiset (no rows,
 * or only NULLs) is an empty map, as in Flink. Retraction lowers a multiplicity and drops the entry at 0.
 */
import type { Value } from '../../common/values.js';
import type { AggregateFunction } from './aggregate-function.js';
import { valueKey, type ValueKey } from './value-identity.js';

export interface CollectAccumulator {
  /** Per distinct value (by SQL equality): the value and its multiplicity. */
  entries: Map<ValueKey, { value: Value; count: number }>;
}

export const COLLECT: AggregateFunction<CollectAccumulator> = {
  createAccumulator: () => ({ entries: new Map() }),
  accumulate(acc, value) {
    if (value === null) return acc;
    const key = valueKey(value);
    const entry = acc.entries.get(key);
    if (entry) entry.count++;
    else acc.entries.set(key, { value, count: 1 });
    return acc;
  },
  retract(acc, value) {
    if (value === null) return acc;
    const key = valueKey(value);
    const entry = acc.entries.get(key);
    if (!entry) return acc;
    if (entry.count > 1) entry.count--;
    else acc.entries.delete(key);
    return acc;
  },
  merge(acc, other) {
    for (const [key, { value, count }] of other.entries) {
      const entry = acc.entries.get(key);
      if (entry) entry.count += count;
      else acc.entries.set(key, { value, count });
    }
    return acc;
  },
  getValue: (acc) => new Map([...acc.entries.values()].map(({ value, count }) => [value, count])),
};
