/**
 * JSON_ARRAYAGG(value [NULL | ABSENT ON NULL]): the values as a JSON array, in arrival order (as Flink's
 * JsonArrayAggFunction keeps them in a list). NULLs are left out (ABSENT ON NULL, the default) or written as `null`;
 * a value from JSON_OBJECT / JSON_ARRAY is inserted as JSON; other values as JSON_ARRAY writes them. The accumulator
 * holds each element's JSON text, so it retracts: a retraction takes away the earliest equal element. No rows, or only
 * left-out NULLs: `[]`.
 */
import type { DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import { constructedJson } from '../expr/json-functions.js';
import type { AggregateFunction } from './aggregate-function.js';

export interface JsonArrayAggAccumulator {
  items: string[];
}

export function createJsonArrayAgg(type: DataType, options: { absentOnNull: boolean; raw: boolean }): AggregateFunction<JsonArrayAggAccumulator> {
  const element = (value: Value): string | undefined => {
    if (value === null) return options.absentOnNull ? undefined : 'null';
    return options.raw ? String(value) : constructedJson(value, type);
  };
  return {
    createAccumulator: () => ({ items: [] }),
    accumulate(acc, value) {
      const json = element(value);
      if (json !== undefined) acc.items.push(json);
      return acc;
    },
    retract(acc, value) {
      const json = element(value);
      const index = json === undefined ? -1 : acc.items.indexOf(json);
      if (index >= 0) acc.items.splice(index, 1);
      return acc;
    },
    merge(acc, other) {
      for (const item of other.items) acc.items.push(item);
      return acc;
    },
    getValue: (acc) => `[${acc.items.join(',')}]`,
  };
}
