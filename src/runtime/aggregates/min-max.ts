/**
 * MIN and MAX with retraction. The accumulator tracks the current extreme (the fast path: accumulating only
 * compares with it) and a multiset of all values seen (value → multiplicity), from which the next extreme is
 * recomputed only when the last copy of the current extreme is retracted. For append-only inputs the multiset
 * is memory that is never needed; a retraction-free variant can drop it later.
 *
 * Values of one argument share one runtime type (numbers, bigints, strings or booleans), so JavaScript's `<`
 * orders them: numerically, false before true; strings by code point (compareStrings). The multiset's Map keys are the
 * values themselves (SameValueZero: 1n equals 1n, -0 equals 0), which `v8.serialize` keeps.
 */
import type { Value } from '../../common/values.js';
import { compareStrings } from '../expr/comparison.js';
import type { AggregateFunction } from './aggregate-function.js';

export interface ExtremeAccumulator {
  /** The current MIN or MAX; null when no non-NULL value is held. */
  extreme: Value;
  /** Every non-NULL value held, with its multiplicity. */
  counts: Map<Value, number>;
}

type Precedes = (a: Value, b: Value) => boolean;

// The casts only let TypeScript accept `<` on the union; at run time both sides have the same primitive type.
// Strings compare by code point (Flink's order; `<` on JS strings compares UTF-16 units, which differs for emoji).
const smaller: Precedes = (a, b) => (typeof a === 'string' ? compareStrings(a, b as string) < 0 : (a as number) < (b as number));
const larger: Precedes = (a, b) => (typeof a === 'string' ? compareStrings(a, b as string) > 0 : (a as number) > (b as number));

export const MIN: AggregateFunction<ExtremeAccumulator> = extremeFunction(smaller);
export const MAX: AggregateFunction<ExtremeAccumulator> = extremeFunction(larger);

function extremeFunction(precedes: Precedes): AggregateFunction<ExtremeAccumulator> {
  return {
    createAccumulator: () => ({ extreme: null, counts: new Map() }),
    accumulate(acc, value) {
      if (value === null) return acc;
      acc.counts.set(value, (acc.counts.get(value) ?? 0) + 1);
      if (acc.extreme === null || precedes(value, acc.extreme)) acc.extreme = value;
      return acc;
    },
    retract(acc, value) {
      if (value === null) return acc;
      const count = acc.counts.get(value);
      if (count === undefined) return acc; // retracting a value never accumulated: nothing to undo
      if (count > 1) {
        acc.counts.set(value, count - 1);
        return acc;
      }
      acc.counts.delete(value);
      if (!acc.counts.has(acc.extreme)) acc.extreme = findExtreme(acc.counts, precedes);
      return acc;
    },
    merge(acc, other) {
      for (const [value, count] of other.counts) acc.counts.set(value, (acc.counts.get(value) ?? 0) + count);
      if (other.extreme !== null && (acc.extreme === null || precedes(other.extreme, acc.extreme))) acc.extreme = other.extreme;
      return acc;
    },
    getValue: (acc) => acc.extreme,
  };
}

function findExtreme(counts: Map<Value, number>, precedes: Precedes): Value {
  let extreme: Value = null;
  for (const value of counts.keys()) if (extreme === null || precedes(value, extreme)) extreme = value;
  return extreme;
}
