/**
 * Comparison kernels. Operands have the same type family (the binder coerced them); DECIMALs of different scales
 * compare exactly; BOOLEAN orders FALSE before TRUE; strings compare by Unicode code point.
 */
import { InternalError } from '../../common/errors.js';
import type { DataType } from '../../common/types.js';
import type { ArrayValue, Value } from '../../common/values.js';
import { encodeValue } from '../keys.js';
import { decimalComparator } from './decimal-arithmetic.js';

export type ComparisonOp = 'equal' | 'not-equal' | 'less' | 'less-equal' | 'greater' | 'greater-equal';

/** Negative, zero or positive as `a` sorts before, with or after `b` (both non-null). */
export type Comparator = (a: Value, b: Value) => number;

function compareNumbers(a: Value, b: Value): number {
  const x = a as number;
  const y = b as number;
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
}

function compareBigints(a: Value, b: Value): number {
  const x = a as bigint;
  const y = b as bigint;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Code-point order, which is also UTF-8 byte order (plain `<` on JS strings compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function compareBooleans(a: Value, b: Value): number {
  return Number(a as boolean) - Number(b as boolean);
}

export function comparatorFor(left: DataType, right: DataType): Comparator {
  if (left.kind === 'DECIMAL' && right.kind === 'DECIMAL') {
    const f = decimalComparator(left.scale, right.scale);
    return (a, b) => f(a as bigint, b as bigint);
  }
  if (left.kind !== right.kind && left.kind !== 'NULL' && right.kind !== 'NULL') {
    throw new InternalError(`Cannot compare ${left.kind} with ${right.kind}`);
  }
  const kind = left.kind === 'NULL' ? right.kind : left.kind;
  switch (kind) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'FLOAT':
    case 'DOUBLE':
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ':
    case 'INTERVAL':
    case 'INTERVAL_YEAR_MONTH':
    case 'DATE':
    case 'TIME':
      return compareNumbers;
    case 'BIGINT':
      return compareBigints;
    case 'STRING':
      return (a, b) => compareStrings(a as string, b as string);
    case 'BOOLEAN':
      return compareBooleans;
    case 'NULL':
      return () => 0; // never called: both operands are always NULL
    case 'BYTES':
      return (a, b) => Buffer.compare(a as Uint8Array, b as Uint8Array);
    case 'ARRAY':
      return elementwise(comparatorFor((left as { element: DataType }).element, (right as { element: DataType }).element));
    case 'ROW': {
      const leftFields = (left as Extract<DataType, { kind: 'ROW' }>).fields;
      const rightFields = (right as Extract<DataType, { kind: 'ROW' }>).fields;
      return fieldwise(leftFields.map((f, i) => comparatorFor(f.type, rightFields[i]!.type)));
    }
    case 'MAP':
      // Maps have no order; the binder allows only = and <> on them.
      return (a, b) => (encodeValue(a) === encodeValue(b) ? 0 : 1);
    case 'DECIMAL':
      break;
  }
  throw new InternalError(`Cannot compare ${left.kind} with ${right.kind}`);
}

/** NULL elements sort first; then element by element; a shorter prefix sorts first. */
function elementwise(compare: Comparator): Comparator {
  return (a, b) => {
    const x = a as ArrayValue;
    const y = b as ArrayValue;
    const length = Math.min(x.length, y.length);
    for (let i = 0; i < length; i++) {
      const order = compareNullable(x[i] ?? null, y[i] ?? null, compare);
      if (order !== 0) return order;
    }
    return x.length - y.length;
  };
}

function fieldwise(compares: readonly Comparator[]): Comparator {
  return (a, b) => {
    for (let i = 0; i < compares.length; i++) {
      const order = compareNullable((a as ArrayValue)[i] ?? null, (b as ArrayValue)[i] ?? null, compares[i]!);
      if (order !== 0) return order;
    }
    return 0;
  };
}

function compareNullable(x: Value, y: Value, compare: Comparator): number {
  if (x === null || y === null) return x === null ? (y === null ? 0 : -1) : 1;
  return compare(x, y);
}

const TESTS: Readonly<Record<ComparisonOp, (order: number) => boolean>> = {
  'equal': (o) => o === 0,
  'not-equal': (o) => o !== 0,
  'less': (o) => o < 0,
  'less-equal': (o) => o <= 0,
  'greater': (o) => o > 0,
  'greater-equal': (o) => o >= 0,
};

/** Operators applied directly to numbers and bigints: IEEE semantics for DOUBLE (NaN compares false). */
const PRIMITIVE: Readonly<Record<ComparisonOp, (a: Value, b: Value) => boolean>> = {
  'equal': (a, b) => a === b,
  'not-equal': (a, b) => a !== b,
  'less': (a, b) => (a as number) < (b as number),
  'less-equal': (a, b) => (a as number) <= (b as number),
  'greater': (a, b) => (a as number) > (b as number),
  'greater-equal': (a, b) => (a as number) >= (b as number),
};

const PRIMITIVE_KINDS = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'TIMESTAMP', 'TIMESTAMP_LTZ', 'INTERVAL', 'INTERVAL_YEAR_MONTH', 'DATE', 'TIME']);

/** `a op b` for two non-null operands of the given types. */
export function comparisonFunction(op: ComparisonOp, left: DataType, right: DataType): (a: Value, b: Value) => boolean {
  if (left.kind === right.kind && PRIMITIVE_KINDS.has(left.kind)) return PRIMITIVE[op];
  const compare = comparatorFor(left, right);
  const test = TESTS[op];
  return (a, b) => test(compare(a, b));
}
