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
 * | bytes   | `x` length `:` hex    | `x2:0aff`              |
 * | array   | `a` count `:` values  | `a2:d1;n` (ROW too)    |
 * | map     | `m` count `:` k v …   | `m1:s1:ad1;`           |
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
      if (value instanceof Uint8Array) return `x${value.length}:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
      if (value instanceof Map) {
        let text = `m${value.size}:`;
        for (const [k, v] of value) text += encodeValue(k) + encodeValue(v);
        return text;
      }
      if (Array.isArray(value)) return `a${value.length}:${encodeKey(value as readonly Value[])}`;
      throw new InternalError(`Cannot encode a key value of type ${typeof value}`);
  }
}

/** The inverse of `encodeKey`. Throws InternalError on text that `encodeKey` cannot have produced. */
export function decodeKey(key: string): Value[] {
  const cursor = { at: 0 };
  const values: Value[] = [];
  while (cursor.at < key.length) values.push(decodeOne(key, cursor));
  return values;
}

function decodeOne(key: string, cursor: { at: number }): Value {
  const tag = key[cursor.at];
  cursor.at++;
  switch (tag) {
    case 'n': return null;
    case 't': return true;
    case 'f': return false;
    case 'd':
    case 'b': {
      const end = key.indexOf(';', cursor.at);
      if (end < 0) throw malformed(key);
      const text = key.slice(cursor.at, end);
      cursor.at = end + 1;
      return tag === 'd' ? Number(text) : BigInt(text);
    }
    case 's':
    case 'x': {
      const length = countBefore(key, cursor);
      const size = tag === 'x' ? 2 * length : length;
      if (cursor.at + size > key.length) throw malformed(key);
      const text = key.slice(cursor.at, cursor.at + size);
      cursor.at += size;
      return tag === 's' ? text : new Uint8Array(Buffer.from(text, 'hex'));
    }
    case 'a': {
      const count = countBefore(key, cursor);
      const items: Value[] = [];
      for (let i = 0; i < count; i++) items.push(decodeOne(key, cursor));
      return Object.freeze(items);
    }
    case 'm': {
      const count = countBefore(key, cursor);
      const map = new Map<Value, Value>();
      for (let i = 0; i < count; i++) {
        const k = decodeOne(key, cursor);
        map.set(k, decodeOne(key, cursor));
      }
      return map;
    }
    default:
      throw malformed(key);
  }
}

/** Reads `<n>:` at the cursor. */
function countBefore(key: string, cursor: { at: number }): number {
  const colon = key.indexOf(':', cursor.at);
  if (colon < 0) throw malformed(key);
  const count = Number(key.slice(cursor.at, colon));
  if (!Number.isInteger(count) || count < 0) throw malformed(key);
  cursor.at = colon + 1;
  return count;
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
