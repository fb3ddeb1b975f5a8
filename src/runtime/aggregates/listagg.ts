/**
 * LISTAGG(s [, separator]): the non-NULL strings joined by the separator (',' by default) in arrival order; NULL
 * when there are none. The accumulator holds the strings (they are the result), so it retracts: a retraction takes
 * away the earliest copy of the string, as Flink's ListAggWithRetractAggFunction does.
 */
import type { AggregateFunction } from './aggregate-function.js';

export interface ListAggAccumulator {
  values: string[];
}

export const DEFAULT_LISTAGG_SEPARATOR = ',';

export function createListAgg(separator: string): AggregateFunction<ListAggAccumulator> {
  return {
    createAccumulator: () => ({ values: [] }),
    accumulate(acc, value) {
      if (value !== null) acc.values.push(value as string);
      return acc;
    },
    retract(acc, value) {
      if (value === null) return acc;
      const index = acc.values.indexOf(value as string);
      if (index >= 0) acc.values.splice(index, 1);
      return acc;
    },
    merge(acc, other) {
      for (const value of other.values) acc.values.push(value);
      return acc;
    },
    getValue: (acc) => (acc.values.length === 0 ? null : acc.values.join(separator)),
  };
}
