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

export function createJsonArrayAgg(argType: DataType, options: { absentOnNull: boolean; raw: boolean; wrapped?: boolean }): AggregateFunction<JsonArrayAggAccumulator> {
  // A wrapped argument is ROW(value): NULL for a row FILTER left out, a one-field row otherwise.
  const type = options.wrapped && argType.kind === 'ROW' ? argType.fields[0]!.type : argType;
  const element = (argument: Value): string | undefined => {
    if (options.wrapped && argument === null) return undefined;
    const value = options.wrapped ? (argument as readonly Value[])[0]! : argument;
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

export interface JsonObjectAggAccumulator {
  members: Map<string, string>;
}

/**
 * JSON_OBJECTAGG([KEY] k VALUE v [NULL | ABSENT ON NULL]) over ROW(k, v) arguments: a JSON object of the pairs, its
 * members sorted by key as Flink writes them; NULL values written (NULL ON NULL, the default) or left out. A NULL key
 * or a key seen twice fails the job, as in Flink; a retraction removes its key.
 */
export function createJsonObjectAgg(type: DataType, options: { absentOnNull: boolean; raw: boolean }): AggregateFunction<JsonObjectAggAccumulator> {
  const valueType = type.kind === 'ROW' ? type.fields[1]!.type : type;
  const add = (acc: JsonObjectAggAccumulator, key: string, json: string): void => {
    if (acc.members.has(key)) throw new Error(`Key '${key}' is already present. Duplicate keys are not allowed in JSON_OBJECTAGG`);
    acc.members.set(key, json);
  };
  return {
    createAccumulator: () => ({ members: new Map() }),
    accumulate(acc, pair) {
      if (pair === null) return acc; // a row FILTER (WHERE …) left out
      const [key, value] = pair as readonly Value[];
      if (key === null || key === undefined) throw new Error('The key of JSON_OBJECTAGG is NULL');
      if ((value ?? null) === null) {
        if (!options.absentOnNull) add(acc, String(key), 'null');
        return acc;
      }
      add(acc, String(key), options.raw ? String(value) : constructedJson(value!, valueType));
      return acc;
    },
    retract(acc, pair) {
      if (pair !== null) acc.members.delete(String((pair as readonly Value[])[0]));
      return acc;
    },
    merge(acc, other) {
      for (const [key, json] of other.members) add(acc, key, json);
      return acc;
    },
    getValue: (acc) => {
      const keys = [...acc.members.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${keys.map((key) => `${JSON.stringify(key)}:${acc.members.get(key)!}`).join(',')}}`;
    },
  };
}
