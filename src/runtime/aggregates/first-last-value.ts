/**
 * FIRST_VALUE(x) and LAST_VALUE(x): the first / last non-NULL value in the order rows reach the operator (Flink
 * orders by processing time, which for one input is the same order); NULL when there is none.
 *
 * Two accumulators, as Flink has: over an append-only input only the current value is kept; over an updating input
 * every held value is kept, in arrival order, so that a retraction can take one copy away (the earliest copy of the
 * value, as Flink's FirstValueWithRetract/LastValueWithRetract do) and the first / last of what remains is the
 * result. Merging (session windows) puts `other`'s rows after `acc`'s.
 */
import { InternalError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import type { AggregateFunction } from './aggregate-function.js';
import { sameValue } from './value-identity.js';

export type Position = 'FIRST_VALUE' | 'LAST_VALUE';

export interface CurrentValueAccumulator {
  value: Value;
}

export interface HeldValuesAccumulator {
  /** Every non-NULL value accumulated and not retracted, in arrival order. */
  values: Value[];
}

export function createFirstLastValue(position: Position, retracts: boolean): AggregateFunction<CurrentValueAccumulator> | AggregateFunction<HeldValuesAccumulator> {
  return retracts ? heldValues(position) : currentValue(position);
}

function currentValue(position: Position): AggregateFunction<CurrentValueAccumulator> {
  const first = position === 'FIRST_VALUE';
  return {
    createAccumulator: () => ({ value: null }),
    accumulate(acc, value) {
      if (value !== null && (!first || acc.value === null)) acc.value = value;
      return acc;
    },
    retract() {
      throw new InternalError(`${position} was planned for an append-only input but received a retraction`);
    },
    merge(acc, other) {
      if (other.value !== null && (!first || acc.value === null)) acc.value = other.value;
      return acc;
    },
    getValue: (acc) => acc.value,
  };
}

function heldValues(position: Position): AggregateFunction<HeldValuesAccumulator> {
  const first = position === 'FIRST_VALUE';
  return {
    createAccumulator: () => ({ values: [] }),
    accumulate(acc, value) {
      if (value !== null) acc.values.push(value);
      return acc;
    },
    retract(acc, value) {
      if (value === null) return acc;
      const index = acc.values.findIndex((held) => sameValue(held, value));
      if (index >= 0) acc.values.splice(index, 1);
      return acc;
    },
    merge(acc, other) {
      for (const value of other.values) acc.values.push(value);
      return acc;
    },
    getValue: (acc) => (acc.values.length === 0 ? null : (first ? acc.values[0]! : acc.values[acc.values.length - 1]!)),
  };
}
