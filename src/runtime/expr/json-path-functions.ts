/**
 * The functions that may end a path, as Jayway JsonPath 2.9 (Flink 1.20) computes them:
 *
 * - `length()` / `size()`: the elements of an array or members of an object (an INT); nothing (JSON null) else;
 * - `min()`, `max()`, `avg()`, `sum()`, `stddev()` (population): DOUBLEs over the numbers of an array (other
 *   elements are skipped); no number at all is an error, in lax mode too;
 * - `first()`, `last()`, `index(n)` (negative from the end, but -length is out of range, as in Jayway): an element
 *   of an array; an empty array, an index out of range or a non-array is an error;
 * - `keys()`: the member names of an object as an array; nothing else.
 *
 * Errors are JsonPathErrors, for the ON ERROR clause in either mode (Jayway does not suppress them in lax mode).
 */
import { LosslessNumber } from 'lossless-json';
import { UnsupportedJsonPathError } from './json-path-filter.js';
import type { PathFunction } from './json-path-syntax.js';
import { doubleItem, isJsonObject } from './json-values.js';

/** An evaluation error that lax mode does not turn into "nothing" (Jayway's JsonPathException). */
export class JsonPathError extends Error {}

const NO_NUMBERS = 'Aggregation function attempted to calculate value using empty array';

/** The result of `name(argument)` on `item`; `extra` holds more numbers for an aggregation (`$..x.sum()`). */
export function applyPathFunction(name: PathFunction, argument: number, item: unknown, extra: readonly unknown[] = []): unknown {
  switch (name) {
    case 'length':
    case 'size':
      if (Array.isArray(item)) return new LosslessNumber(String(item.length));
      return isJsonObject(item) ? new LosslessNumber(String(Object.keys(item).length)) : null;
    case 'keys': return isJsonObject(item) ? Object.keys(item) : null;
    case 'first': return element(item, 0);
    case 'last': return element(item, -1);
    case 'index': return element(item, argument);
    default: return doubleItem(aggregate(name, [...(Array.isArray(item) ? item : []), ...extra]));
  }
}

/** Element `index` (negative: from the end; as in Jayway, -length does not reach the first element). */
function element(item: unknown, index: number): unknown {
  if (!Array.isArray(item)) throw new JsonPathError(NO_NUMBERS);
  if (index < 0 && item.length + index <= 0) throw new JsonPathError(`Target index:${index} larger than object count:${item.length}`);
  const at = index < 0 ? item.length + index : index;
  if (at >= item.length) throw new JsonPathError(`Index ${at} out of bounds for length ${item.length}`);
  return item[at];
}

function aggregate(name: PathFunction, items: readonly unknown[]): number {
  const numbers = items.filter((item): item is LosslessNumber => item instanceof LosslessNumber).map((n) => Number(n.value));
  if (numbers.length === 0) throw new JsonPathError(NO_NUMBERS);
  let sum = 0;
  let squares = 0;
  let min = Number.MAX_VALUE;
  let max = Number.MIN_VALUE;
  for (const n of numbers) {
    sum += n;
    squares += n * n;
    if (min > n) min = n;
    if (max < n) max = n;
  }
  switch (name) {
    case 'sum': return sum;
    case 'avg': return sum / numbers.length;
    case 'min': return min;
    case 'stddev': return Math.sqrt(squares / numbers.length - (sum * sum) / numbers.length / numbers.length);
    default:
      // Jayway starts max() at Double.MIN_VALUE (the smallest positive double), so Flink answers 4.9E-324 when no
      // number is positive.
      if (max === Number.MIN_VALUE) throw new UnsupportedJsonPathError('max() over numbers none of which is positive is not supported yet (Flink 1.20 answers 4.9E-324 there)');
      return max;
  }
}
