/**
 * SQL equality of one aggregate argument's values as a Map key or comparison: primitives are their own key
 * (SameValueZero: 1n equals 1n, -0 equals 0); nested values and bytes, which JavaScript compares by identity, are
 * keyed by their injective encoding.
 */
import type { Value } from '../../common/values.js';
import { encodeValue } from '../keys.js';

export type ValueKey = string | number | bigint | boolean | null;

export function valueKey(value: Value): ValueKey {
  return typeof value === 'object' && value !== null ? encodeValue(value) : value;
}

export function sameValue(a: Value, b: Value): boolean {
  if (typeof a !== 'object' || a === null) return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return typeof b === 'object' && b !== null && encodeValue(a) === encodeValue(b);
}
