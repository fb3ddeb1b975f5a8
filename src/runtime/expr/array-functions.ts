/**
 * Flink 1.20's ARRAY_* and MAP_* functions over runtime values (frozen arrays, Maps). Elements are equal when their
 * encodings are (so NULL equals NULL and 0.0 equals -0.0, as Flink's element equality; NaN equals nothing); set operations (ARRAY_DISTINCT, ARRAY_UNION,
 * ARRAY_INTERSECT, ARRAY_EXCEPT) keep the first occurrence of each element in order. A NULL array or map argument
 * gives NULL; a NULL element argument is looked for or added like any other element.
 */
import { ExecutionError } from '../../common/errors.js';
import type { DataType } from '../../common/types.js';
import type { ArrayValue, MapValue, Value } from '../../common/values.js';
import type { FunctionOp } from '../../dataflow/expr.js';
import { encodeValue } from '../keys.js';
import { comparatorFor } from './comparison.js';
import type { RowFunction } from './functions.js';

export const ARRAY_OPS: readonly FunctionOp[] = [
  'array-append', 'array-prepend', 'array-concat', 'array-distinct', 'array-except', 'array-intersect', 'array-union',
  'array-join', 'array-max', 'array-min', 'array-position', 'array-remove', 'array-slice', 'array-sort', 'map-entries',
  'map-from-arrays', 'map-union', 'element',
];

const strict = (apply: (args: readonly Value[]) => Value): RowFunction => ({ apply, nullSafe: false });
/** NULL when the first argument (the array) is NULL; the others may be NULL. */
const arrayFirst = (apply: (array: ArrayValue, args: readonly Value[]) => Value): RowFunction => ({
  nullSafe: true,
  apply: (args) => (args[0] === null || args[0] === undefined ? null : apply(args[0] as ArrayValue, args.map((a) => a ?? null))),
});
const frozen = (values: Value[]): ArrayValue => Object.freeze(values);
/** The element's identity for equality; undefined for NaN, which equals nothing (Flink compares elements as Java's ==). */
export const elementKey = (value: Value): string | undefined => (value === null ? 'n' : typeof value === 'number' && Number.isNaN(value) ? undefined : encodeValue(value));

export function arrayFunction(op: FunctionOp, argTypes: readonly DataType[]): RowFunction | undefined {
  switch (op) {
    case 'array-append': return arrayFirst((array, [, element]) => frozen([...array, element!]));
    case 'array-prepend': return arrayFirst((array, [, element]) => frozen([element!, ...array]));
    case 'array-concat': return strict((arrays) => frozen((arrays as ArrayValue[]).flatMap((a) => [...a])));
    case 'array-distinct': return strict(([array]) => frozen(distinct(array as ArrayValue)));
    case 'array-union': return strict(([a, b]) => frozen(distinct([...(a as ArrayValue), ...(b as ArrayValue)])));
    case 'array-intersect': return strict(([a, b]) => frozen(distinct(a as ArrayValue, keysOf(b as ArrayValue), true)));
    case 'array-except': return strict(([a, b]) => frozen(distinct(a as ArrayValue, keysOf(b as ArrayValue), false)));
    // NULL elements left out, or replaced by the third argument (a NULL one makes the result NULL, as in Flink)
    case 'array-join':
      return strict(([array, separator, replacement]) => (array as ArrayValue)
        .flatMap((e) => (e !== null ? [e as string] : replacement === undefined ? [] : [replacement as string]))
        .join(separator as string));
    case 'array-max':
    case 'array-min': {
      const compare = comparatorFor(elementOf(argTypes[0]!), elementOf(argTypes[0]!));
      const sign = op === 'array-max' ? 1 : -1;
      return strict(([array]) => (array as ArrayValue).reduce<Value>((best, e) => (e !== null && (best === null || sign * compare(e, best) > 0) ? e : best), null));
    }
    case 'array-position':
      return strict(([array, element]) => {
        const wanted = elementKey(element!);
        return wanted === undefined ? 0 : (array as ArrayValue).findIndex((e) => elementKey(e) === wanted) + 1;
      });
    case 'array-remove':
      return arrayFirst((array, [, element]) => {
        const unwanted = elementKey(element!);
        return unwanted === undefined ? array : frozen(array.filter((e) => elementKey(e) !== unwanted));
      });
    case 'array-slice': return strict(([array, start, end]) => slice(array as ArrayValue, Number(start), end === undefined ? undefined : Number(end)));
    case 'array-sort': {
      const compare = comparatorFor(elementOf(argTypes[0]!), elementOf(argTypes[0]!));
      return strict(([array, ascending, nullsFirst]) => {
        const up = ascending === undefined ? true : (ascending as boolean);
        const first = nullsFirst === undefined ? up : (nullsFirst as boolean);
        const values = (array as ArrayValue).filter((e) => e !== null).sort((a, b) => (up ? compare(a, b) : compare(b, a)));
        const nulls = (array as ArrayValue).filter((e) => e === null);
        return frozen(first ? [...nulls, ...values] : [...values, ...nulls]);
      });
    }
    // ELEMENT(array): its only element; NULL for an empty array; more than one fails the job, as in Flink
    case 'element':
      return strict(([array]) => {
        const values = array as ArrayValue;
        if (values.length > 1) throw new ExecutionError(`ELEMENT: the array has ${values.length} elements, not one`);
        return values[0] ?? null;
      });
    case 'map-entries': return strict(([map]) => frozen([...(map as MapValue)].map(([k, v]) => frozen([k, v]))));
    case 'map-from-arrays':
      return strict(([keys, values]) => {
        const [k, v] = [keys as ArrayValue, values as ArrayValue];
        if (k.length !== v.length) {
          throw new ExecutionError(`MAP_FROM_ARRAYS: the length of the keys array ${k.length} is not equal to the length of the values array ${v.length}`);
        }
        return mapOf(k.map((key, i) => [key, v[i]!]));
      });
    case 'map-union': return strict((maps) => mapOf((maps as MapValue[]).flatMap((m) => [...m])));
    default: return undefined;
  }
}

function elementOf(type: DataType): DataType {
  return type.kind === 'ARRAY' ? type.element : type;
}

function keysOf(array: ArrayValue): Set<string> {
  return new Set(array.map(elementKey).filter((k) => k !== undefined));
}

/** The first occurrence of each element, in order; with `other`, only those (not) in it. */
function distinct(array: ArrayValue, other?: Set<string>, inOther?: boolean): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const element of array) {
    const k = elementKey(element);
    if (k === undefined) { // NaN: distinct from everything, found in no other array
      if (other === undefined || !inOther) out.push(element);
      continue;
    }
    if (seen.has(k) || (other !== undefined && other.has(k) !== inOther)) continue;
    seen.add(k);
    out.push(element);
  }
  return out;
}

/** Entries in order, a later equal key replacing an earlier one's value (keys found by their encoding, as map lookups). */
function mapOf(entries: readonly (readonly [Value, Value])[]): MapValue {
  const keys = new Map<string, Value>();
  const map = new Map<Value, Value>();
  for (const [k, v] of entries) {
    const encoded = elementKey(k) ?? 'NaN';
    const existing = keys.has(encoded) ? keys.get(encoded)! : k;
    keys.set(encoded, existing);
    map.set(existing, v);
  }
  return map;
}

/** ARRAY_SLICE(array, start [, end]): 1-based and inclusive; negative positions count from the end; clamped to the array. */
function slice(array: ArrayValue, start: number, end: number | undefined): ArrayValue {
  if (array.length === 0) return array;
  let from = start < 0 ? start + array.length + 1 : start;
  let to = end === undefined ? array.length : end < 0 ? end + array.length + 1 : end;
  from = Math.max(1, from);
  to = to === 0 ? 1 : Math.min(to, array.length);
  if (to < from) return frozen([]);
  return frozen(array.slice(from - 1, to));
}
