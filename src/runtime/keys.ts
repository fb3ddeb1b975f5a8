/**
 * Group keys as strings: an injective encoding of a tuple of runtime values (see `src/common/values.ts`), used
 * as the key of keyed state and of in-memory group maps. It sits on the hot path, so it is built by plain
 * string concatenation: one type tag per value, strings length-prefixed, numbers and bigints terminated by `;`.
 *
 * | value   | encoding              | example                |
 * |---------|-----------------------|------------------------|
 * | null    | `n`                   | `n`                    |
 * | true    | `t`                   | `t`                    |
 * | false   | `f`                   | `f`                    |
 * | number  | `d` String(n) `;`     | `d1.5;`                |
 * | bigint  | `b` n.toString() `;`  | `b-12;`                |
 * | string  | `s` length `:` text   | `s3:a,b`               |
 *
 * Tags differ per type, so `1`, `1n`, `'1'`, `null` and `'null'` never collide; a string's length prefix says
 * where it ends, so `['a,b']` and `['a', 'b']` differ. Negative zero is encoded as zero: SQL says -0.0 = 0.0,
 * so both belong to the same group. The order of encoded keys is not meaningful.
 */
import { InternalError } from '../common/errors.js';
import type { Value } from '../common/values.js';

/** Encodes a tuple of values; distinct tuples (with -0 taken as 0) give distinct strings. */
export function encodeKey(values: readonly Value[]): string {
  let key = '';
  for (let i = 0; i < values.length; i++) key += encodeValue(values[i] as Value);
  return key;
}

/** Encodes one value; `encodeKey([v]) === encodeValue(v)`. */
export function encodeValue(value: Value): string {
  switch (typeof value) {
    case 'string':
      return `s${value.length}:${value}`;
    case 'number':
      // String(-0) is '0', which is what we want.
      return `d${value};`;
    case 'bigint':
      return `b${value};`;
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value === null) return 'n';
      throw new InternalError(`Cannot encode a key value of type ${typeof value}`);
  }
}

/** The inverse of `encodeKey`. Throws InternalError on text that `encodeKey` cannot have produced. */
export function decodeKey(key: string): Value[] {
  const values: Value[] = [];
  let at = 0;
  while (at < key.length) {
    const tag = key[at];
    at++;
    switch (tag) {
      case 'n':
        values.push(null);
        break;
      case 't':
        values.push(true);
        break;
      case 'f':
        values.push(false);
        break;
      case 'd':
      case 'b': {
        const end = key.indexOf(';', at);
        if (end < 0) throw malformed(key);
        const text = key.slice(at, end);
        values.push(tag === 'd' ? Number(text) : BigInt(text));
        at = end + 1;
        break;
      }
      case 's': {
        const colon = key.indexOf(':', at);
        if (colon < 0) throw malformed(key);
        const length = Number(key.slice(at, colon));
        const start = colon + 1;
        if (!Number.isInteger(length) || start + length > key.length) throw malformed(key);
        values.push(key.slice(start, start + length));
        at = start + length;
        break;
      }
      default:
        throw malformed(key);
    }
  }
  return values;
}

function malformed(key: string): InternalError {
  return new InternalError(`Malformed state key: ${JSON.stringify(key)}`);
}

/** The encoded join key of a row: its values at `keys`, or undefined when one is NULL (NULL equals nothing). */
export function joinKeyOf(values: readonly Value[], keys: readonly number[]): string | undefined {
  const key: Value[] = [];
  for (const k of keys) {
    const value = values[k]!;
    if (value === null) return undefined;
    key.push(value);
  }
  return encodeKey(key);
}
