/**
 * Binding Flink 1.20's ARRAY_* and MAP_* functions and ELEMENT (evaluated by runtime/expr/array-functions.ts):
 * arrays meet at their common element type, an element argument must convert to the array's element type; ARRAY_JOIN takes an ARRAY<STRING>; ARRAY_MAX, ARRAY_MIN and
 * ARRAY_SORT need comparable elements (not ROW, ARRAY or MAP).
 */
import { InternalError, PlanError } from '../../common/errors.js';
import { BOOLEAN, INT, STRING, arrayType, formatType, mapType, rowType, sameType, withoutRowtime, type DataType } from '../../common/types.js';
import type { Expr, FunctionOp } from '../../dataflow/expr.js';
import { coerce, commonType } from './coercion.js';
import type { FunctionArguments } from './function-arguments.js';

export const ARRAY_FUNCTIONS: readonly string[] = [
  'ARRAY_APPEND', 'ARRAY_PREPEND', 'ARRAY_CONCAT', 'ARRAY_DISTINCT', 'ARRAY_EXCEPT', 'ARRAY_INTERSECT', 'ARRAY_UNION',
  'ARRAY_JOIN', 'ARRAY_MAX', 'ARRAY_MIN', 'ARRAY_POSITION', 'ARRAY_REMOVE', 'ARRAY_SLICE', 'ARRAY_SORT', 'MAP_ENTRIES',
  'MAP_FROM_ARRAYS', 'MAP_UNION', 'ELEMENT',
];

const OPS: Readonly<Record<string, FunctionOp>> = {
  ARRAY_APPEND: 'array-append', ARRAY_PREPEND: 'array-prepend', ARRAY_CONCAT: 'array-concat', ARRAY_DISTINCT: 'array-distinct',
  ARRAY_EXCEPT: 'array-except', ARRAY_INTERSECT: 'array-intersect', ARRAY_UNION: 'array-union', ARRAY_JOIN: 'array-join',
  ARRAY_MAX: 'array-max', ARRAY_MIN: 'array-min', ARRAY_POSITION: 'array-position', ARRAY_REMOVE: 'array-remove',
  ARRAY_SLICE: 'array-slice', ARRAY_SORT: 'array-sort', MAP_ENTRIES: 'map-entries', MAP_FROM_ARRAYS: 'map-from-arrays', MAP_UNION: 'map-union',
  ELEMENT: 'element',
};

export function bindArrayFunction(name: string, fn: FunctionArguments): Expr {
  const op = OPS[name];
  if (op === undefined) throw new InternalError(`'${name}' is not an array function`);
  switch (name) {
    case 'ARRAY_APPEND': case 'ARRAY_PREPEND': case 'ARRAY_POSITION': case 'ARRAY_REMOVE': {
      // The element must convert to the array's element type (Flink does not widen the array: ARRAY[1] and 1.5 fail).
      fn.count([2]);
      const type = withoutRowtime(array(fn, 0).type) as Extract<DataType, { kind: 'ARRAY' }>;
      const needle = fn.arg(1).expr;
      const common = commonType(type.element, needle.type);
      if (common === undefined || !sameType(common, type.element)) throw fn.wrong(1, `an element of type ${formatType(type.element)}`);
      return fn.call(op, [array(fn, 0), coerce(needle, type.element)], name === 'ARRAY_POSITION' ? INT : type);
    }
    case 'ARRAY_DISTINCT': {
      fn.count([1]);
      return fn.call(op, [array(fn, 0)], withoutRowtime(array(fn, 0).type));
    }
    case 'ARRAY_CONCAT': case 'ARRAY_EXCEPT': case 'ARRAY_INTERSECT': case 'ARRAY_UNION': {
      if (name === 'ARRAY_CONCAT') {
        if (fn.length === 0) throw new PlanError("Function 'ARRAY_CONCAT' needs at least 1 array", { position: fn.arg(0).position });
      } else fn.count([2]);
      const indexes = Array.from({ length: fn.length }, (_, i) => i);
      const type = arrayType(commonElement(fn, indexes));
      return fn.call(op, indexes.map((i) => coerce(fn.arg(i).expr, type)), type);
    }
    case 'ARRAY_JOIN': {
      fn.count([2, 3]);
      const type = array(fn, 0).type;
      if (type.kind !== 'ARRAY' || type.element.kind !== 'STRING') throw fn.wrong(0, 'an ARRAY<STRING>');
      return fn.call(op, [array(fn, 0), fn.string(1), ...(fn.length === 3 ? [fn.string(2)] : [])], STRING);
    }
    case 'ELEMENT': {
      fn.count([1]);
      return fn.call(op, [array(fn, 0)], withoutRowtime((array(fn, 0).type as Extract<DataType, { kind: 'ARRAY' }>).element));
    }
    case 'ARRAY_MAX': case 'ARRAY_MIN': {
      fn.count([1]);
      return fn.call(op, [array(fn, 0)], comparableElement(fn));
    }
    case 'ARRAY_SLICE': {
      fn.count([2, 3]);
      return fn.call(op, [array(fn, 0), fn.integer(1), ...(fn.length === 3 ? [fn.integer(2)] : [])], withoutRowtime(array(fn, 0).type));
    }
    case 'ARRAY_SORT': {
      fn.count([1, 2, 3]);
      comparableElement(fn);
      const flags = Array.from({ length: fn.length - 1 }, (_, i) => boolean(fn, i + 1));
      return fn.call(op, [array(fn, 0), ...flags], withoutRowtime(array(fn, 0).type));
    }
    case 'MAP_ENTRIES': {
      fn.count([1]);
      const type = map(fn, 0).type as Extract<DataType, { kind: 'MAP' }>;
      return fn.call(op, [map(fn, 0)], arrayType(rowType([{ name: 'key', type: type.key }, { name: 'value', type: type.value }])));
    }
    case 'MAP_FROM_ARRAYS': {
      fn.count([2]);
      const [keys, values] = [array(fn, 0), array(fn, 1)];
      const [k, v] = [keys.type, values.type] as Extract<DataType, { kind: 'ARRAY' }>[];
      return fn.call(op, [keys, values], mapType(k!.element, v!.element));
    }
    default: { // MAP_UNION
      if (fn.length === 0) throw new PlanError("Function 'MAP_UNION' needs at least 1 map", { position: fn.arg(0).position });
      const maps = Array.from({ length: fn.length }, (_, i) => map(fn, i));
      let type: DataType = maps[0]!.type;
      maps.slice(1).forEach((m, i) => {
        const common = commonType(type, m.type);
        if (common === undefined) throw fn.wrong(i + 1, formatType(type));
        type = common;
      });
      return fn.call(op, maps.map((m) => coerce(m, type)), type);
    }
  }
}

function array(fn: FunctionArguments, index: number): Expr {
  const { expr } = fn.arg(index);
  if (expr.type.kind === 'ARRAY') return expr;
  throw fn.wrong(index, 'an ARRAY');
}

function map(fn: FunctionArguments, index: number): Expr {
  const { expr } = fn.arg(index);
  if (expr.type.kind === 'MAP') return expr;
  throw fn.wrong(index, 'a MAP');
}

function boolean(fn: FunctionArguments, index: number): Expr {
  const { expr } = fn.arg(index);
  if (expr.type.kind === 'BOOLEAN') return expr;
  if (expr.type.kind === 'NULL') return coerce(expr, BOOLEAN);
  throw fn.wrong(index, 'a BOOLEAN');
}

/** The common element type of the arrays at `arrays`. */
function commonElement(fn: FunctionArguments, arrays: readonly number[]): DataType {
  let type: DataType | undefined;
  for (const index of arrays) {
    const next = (array(fn, index).type as Extract<DataType, { kind: 'ARRAY' }>).element;
    const common = type === undefined ? next : commonType(type, next);
    if (common === undefined) throw fn.wrong(index, `an ARRAY of ${formatType(type!)}`);
    type = common;
  }
  return withoutRowtime(type!.kind === 'NULL' ? INT : type!);
}

function comparableElement(fn: FunctionArguments): DataType {
  const element = (array(fn, 0).type as Extract<DataType, { kind: 'ARRAY' }>).element;
  if (element.kind === 'ROW' || element.kind === 'ARRAY' || element.kind === 'MAP') throw fn.wrong(0, 'an ARRAY of comparable elements');
  return withoutRowtime(element);
}
