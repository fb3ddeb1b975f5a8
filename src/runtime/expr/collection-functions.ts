/**
 * ROW, ARRAY and MAP operations over runtime values (see src/common/values.ts): field and element access,
 * constructors and CARDINALITY. Access past the end of an array or to a missing map key gives NULL.
 * Constructors take NULL elements (they are null-safe); the others return NULL for a NULL argument.
 */
import type { ArrayValue, MapValue, Value } from '../../common/values.js';
import type { FunctionOp } from '../../dataflow/expr.js';
import { encodeValue } from '../keys.js';
import { elementKey } from './array-functions.js';
import type { RowFunction } from './functions.js';

export const COLLECTION_OPS: readonly FunctionOp[] = [
  'row-field', 'array-element', 'map-value', 'row-constructor', 'array-constructor', 'map-constructor', 'cardinality',
  'array-contains', 'array-reverse', 'map-keys', 'map-values',
];

const strict = (apply: (args: readonly Value[]) => Value): RowFunction => ({ apply, nullSafe: false });

export function collectionFunction(op: FunctionOp): RowFunction | undefined {
  switch (op) {
    case 'row-field': return strict(([row, index]) => (row as ArrayValue)[index as number] ?? null);
    case 'array-element':
      return strict(([array, index]) => (array as ArrayValue)[(index as number) - 1] ?? null);
    case 'map-value': return strict(([map, key]) => lookup(map as MapValue, key!));
    case 'row-constructor':
    case 'array-constructor':
      return { nullSafe: true, apply: (args) => Object.freeze(args.slice()) };
    case 'map-constructor':
      return {
        nullSafe: true,
        apply: (args) => {
          const map = new Map<Value, Value>();
          for (let i = 0; i < args.length; i += 2) map.set(args[i]!, args[i + 1]!);
          return map;
        },
      };
    case 'cardinality':
      return strict(([value]) => (value instanceof Map ? value.size : (value as ArrayValue).length));
    case 'array-contains':
      return {
        nullSafe: true,
        apply: ([array, needle]) => {
          if (array === null || array === undefined) return null;
          // Element equality as ARRAY_POSITION's: NULL finds NULL, NaN equals nothing (as in Flink)
          const wanted = elementKey(needle ?? null);
          return wanted !== undefined && (array as ArrayValue).some((e) => elementKey(e) === wanted);
        },
      };
    case 'array-reverse': return strict(([array]) => Object.freeze((array as ArrayValue).slice().reverse()));
    case 'map-keys': return strict(([map]) => Object.freeze([...(map as MapValue).keys()]));
    case 'map-values': return strict(([map]) => Object.freeze([...(map as MapValue).values()]));
    default:
      return undefined;
  }
}

/** Keys that are strings, numbers, booleans or bigints are found by value directly; others by their encoding. */
function lookup(map: MapValue, key: Value): Value {
  const direct = map.get(key);
  if (direct !== undefined || typeof key !== 'object' || key === null) return direct ?? null;
  const wanted = encodeValue(key);
  for (const [k, v] of map) if (encodeValue(k) === wanted) return v;
  return null;
}
