/**
 * DISTINCT for any aggregate: the accumulator counts how often each non-NULL value is held and passes a value
 * to the inner aggregate only when it is first seen, retracting it from the inner aggregate when its last copy
 * is retracted. Map keys are the values themselves: values of one argument share one primitive type, so Map's
 * SameValueZero equality is SQL equality (1n and 1n are one key, -0 and 0 too) without encoding each value.
 */
import type { Value } from '../../common/values.js';
import { decodeKey, encodeValue } from '../keys.js';
import type { AggregateFunction } from './aggregate-function.js';

export interface DistinctAccumulator<A> {
  /** Multiplicity of each distinct non-NULL value. */
  seen: Map<Value, number>;
  inner: A;
}

export function distinctAggregate<A>(inner: AggregateFunction<A>): AggregateFunction<DistinctAccumulator<A>> {
  return {
    createAccumulator: () => ({ seen: new Map(), inner: inner.createAccumulator() }),
    accumulate(acc, value) {
      if (value === null) return acc;
      const count = acc.seen.get(value);
      if (count === undefined) {
        acc.seen.set(value, 1);
        acc.inner = inner.accumulate(acc.inner, value);
      } else {
        acc.seen.set(value, count + 1);
      }
      return acc;
    },
    retract(acc, value) {
      if (value === null) return acc;
      const count = acc.seen.get(value);
      if (count === undefined) return acc;
      if (count > 1) {
        acc.seen.set(value, count - 1);
      } else {
        acc.seen.delete(value);
        acc.inner = inner.retract(acc.inner, value);
      }
      return acc;
    },
    merge(acc, other) {
      // The inner aggregate of `acc` holds each of its distinct values once; add the values only `other` holds.
      for (const [value, count] of other.seen) {
        const held = acc.seen.get(value);
        if (held === undefined) acc.inner = inner.accumulate(acc.inner, value);
        acc.seen.set(value, (held ?? 0) + count);
      }
      return acc;
    },
    getValue: (acc) => inner.getValue(acc.inner),
  };
}

/**
 * DISTINCT for a user-defined aggregate, whose argument is the ROW of its arguments (NULL where FILTER left the row
 * out): distinct tuples are told apart by their encoding, which is also all the state keeps (merge decodes it). A
 * tuple of NULLs is a value like any other: the function decides what NULL arguments mean.
 */
export interface DistinctTupleAccumulator<A> {
  /** Multiplicity of each distinct argument tuple, by `encodeValue`. */
  seen: Map<string, number>;
  inner: A;
}

export function distinctTupleAggregate<A>(inner: AggregateFunction<A>): AggregateFunction<DistinctTupleAccumulator<A>> {
  return {
    createAccumulator: () => ({ seen: new Map(), inner: inner.createAccumulator() }),
    accumulate(acc, value) {
      if (value === null) return acc;
      const key = encodeValue(value);
      const count = acc.seen.get(key) ?? 0;
      acc.seen.set(key, count + 1);
      if (count === 0) acc.inner = inner.accumulate(acc.inner, value);
      return acc;
    },
    retract(acc, value) {
      if (value === null) return acc;
      const key = encodeValue(value);
      const count = acc.seen.get(key);
      if (count === undefined) return acc;
      if (count > 1) {
        acc.seen.set(key, count - 1);
      } else {
        acc.seen.delete(key);
        acc.inner = inner.retract(acc.inner, value);
      }
      return acc;
    },
    merge(acc, other) {
      for (const [key, count] of other.seen) {
        const held = acc.seen.get(key);
        if (held === undefined) acc.inner = inner.accumulate(acc.inner, decodeKey(key)[0] ?? null);
        acc.seen.set(key, (held ?? 0) + count);
      }
      return acc;
    },
    getValue: (acc) => inner.getValue(acc.inner),
  };
}
