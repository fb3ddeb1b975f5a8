/**
 * BOOL_AND(b) and BOOL_OR(b) with retraction: counts of TRUE and FALSE values. BOOL_AND is FALSE if any value is
 * FALSE, BOOL_OR TRUE if any is TRUE; otherwise the other truth value if there is any non-NULL value, else NULL.
 */
import type { AggregateFunction } from './aggregate-function.js';

export interface BoolAccumulator {
  trues: number;
  falses: number;
}

function boolFunction(decisive: boolean): AggregateFunction<BoolAccumulator> {
  const update = (acc: BoolAccumulator, value: unknown, delta: number): BoolAccumulator => {
    if (value === true) acc.trues += delta;
    else if (value === false) acc.falses += delta;
    return acc;
  };
  return {
    createAccumulator: () => ({ trues: 0, falses: 0 }),
    accumulate: (acc, value) => update(acc, value, 1),
    retract: (acc, value) => update(acc, value, -1),
    merge(acc, other) {
      acc.trues += other.trues;
      acc.falses += other.falses;
      return acc;
    },
    getValue(acc) {
      const decisiveCount = decisive ? acc.trues : acc.falses;
      const otherCount = decisive ? acc.falses : acc.trues;
      if (decisiveCount > 0) return decisive;
      return otherCount > 0 ? !decisive : null;
    },
  };
}

export const BOOL_AND = boolFunction(false);
export const BOOL_OR = boolFunction(true);
