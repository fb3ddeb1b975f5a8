/**
 * Built-in scalar functions (strings and math), as per-row functions over runtime values. The binder has checked
 * and coerced the argument types (see planner/binder/functions.ts), so each implementation knows its types. NULL in
 * any argument gives NULL, except where noted (CONCAT_WS skips NULL strings). Semantics follow Flink's docs:
 * positions are 1-based, SUBSTRING past the end gives '', LPAD/RPAD cut to the length, ROUND is half-up (away from
 * zero), CEIL/FLOOR/ROUND of an exact DECIMAL stay exact.
 */
import { ExecutionError, InternalError } from '../../common/errors.js';
import type { DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import { pow10 } from '../../common/decimal.js';
import type { FunctionOp } from '../../dataflow/expr.js';
import { ARRAY_OPS, arrayFunction } from './array-functions.js';
import { COLLECTION_OPS, collectionFunction } from './collection-functions.js';
import { STRING_OPS, stringFunction } from './string-functions.js';
import { JavaRandom } from './java-random.js';
import { jsonArray, jsonObject, jsonOf } from './json-functions.js';
import { isJson, jsonExists, jsonQuery, jsonValue, type IsJsonKind } from './json-query-functions.js';
import { hashHex, javaStringHash, regexpExtract, regexpFind, regexpReplace, splitIndex, type HashAlgorithm } from './text-functions.js';
import { addUnits, addUnitsPrecise, diffUnits, epochToInstant, extract, formatWith, parseWith, roundPreciseTimestamp, roundTimestamp, type TimeUnit } from './time-functions.js';
import { isPreciseTimestamp, nanosToMillis } from '../../common/precise-timestamp.js';

export const FUNCTION_OPS: ReadonlySet<string> = new Set<FunctionOp>([
  'upper', 'lower', 'char-length', 'initcap', 'trim-both', 'trim-leading', 'trim-trailing', 'substring', 'replace',
  'concat-ws', 'lpad', 'rpad', 'position', 'like', 'similar', 'abs', 'power', 'sqrt', 'exp', 'sin', 'cos', 'tan', 'cot', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'degrees', 'radians', 'e', 'ln', 'log10', 'log2', 'ceil', 'floor',
  'round', 'sign', 'pi', 'greatest', 'least', 'now', 'extract', 'floor-time', 'ceil-time', 'timestamp-add', 'timestamp-diff', 'date-format',
  'to-timestamp', 'unix-timestamp', 'from-unixtime', 'to-timestamp-ltz', ...COLLECTION_OPS, 'regexp', 'regexp-extract', 'regexp-replace',
  'split-index', 'hash', 'hash-code', 'to-base64', 'from-base64', 'log', 'truncate', 'rand', 'rand-integer', 'reverse',
  'repeat', 'left', 'right', 'ascii', 'chr', 'json-value', 'json-query', 'json-exists', 'json-string', 'json-array', 'json-object', 'is-json',
  ...STRING_OPS, ...ARRAY_OPS,
]);

/** A function of one row's argument values; `nullSafe` ones get NULL arguments too. */
export interface RowFunction {
  readonly apply: (args: readonly Value[]) => Value;
  readonly nullSafe: boolean;
}

const strict = (apply: (args: readonly Value[]) => Value): RowFunction => ({ apply, nullSafe: false });
const num = (value: Value): number => Number(value);

export function rowFunction(op: FunctionOp, argTypes: readonly DataType[], resultType: DataType): RowFunction {
  const collection = collectionFunction(op) ?? stringFunction(op, argTypes) ?? arrayFunction(op, argTypes);
  if (collection !== undefined) return collection;
  switch (op) {
    case 'upper': return strict(([s]) => (s as string).toUpperCase());
    case 'lower': return strict(([s]) => (s as string).toLowerCase());
    case 'char-length': return strict(([s]) => [...(s as string)].length);
    case 'initcap': return strict(([s]) => initcap(s as string));
    case 'trim-both': return strict(([chars, s]) => trimEnd(trimStart(s as string, chars as string), chars as string));
    case 'trim-leading': return strict(([chars, s]) => trimStart(s as string, chars as string));
    case 'trim-trailing': return strict(([chars, s]) => trimEnd(s as string, chars as string));
    case 'substring': return strict((args) => substring(args[0] as string, num(args[1]!), args.length > 2 ? num(args[2]!) : undefined));
    case 'replace': return strict(([s, from, to]) => ((from as string) === '' ? (s as string) : (s as string).split(from as string).join(to as string)));
    case 'concat-ws':
      return {
        nullSafe: true,
        apply: ([separator, ...parts]) => (separator === null || separator === undefined ? null : parts.filter((p) => p !== null).join(separator as string)),
      };
    case 'lpad': return strict(([s, length, pad]) => padded(s as string, num(length!), pad as string, true));
    case 'rpad': return strict(([s, length, pad]) => padded(s as string, num(length!), pad as string, false));
    case 'position': return strict(([needle, haystack]) => (haystack as string).indexOf(needle as string) + 1);
    case 'similar': {
      const patterns = new LikePatterns(true);
      return strict(([s, pattern, escape]) => patterns.regex(pattern as string, (escape as string | undefined) ?? '').test(s as string));
    }
    case 'like': {
      const patterns = new LikePatterns();
      return strict(([s, pattern, escape]) => patterns.regex(pattern as string, (escape as string | undefined) ?? '').test(s as string));
    }
    case 'abs': return strict(([x]) => absolute(x!));
    case 'power': return strict(([x, y]) => Math.pow(num(x!), num(y!)));
    case 'sqrt': return strict(([x]) => Math.sqrt(num(x!)));
    case 'exp': return strict(([x]) => Math.exp(num(x!)));
    case 'ln': return strict(([x]) => Math.log(num(x!)));
    case 'sin': return strict(([x]) => Math.sin(num(x!)));
    case 'cos': return strict(([x]) => Math.cos(num(x!)));
    case 'tan': return strict(([x]) => Math.tan(num(x!)));
    case 'cot': return strict(([x]) => 1 / Math.tan(num(x!)));
    case 'asin': return strict(([x]) => Math.asin(num(x!)));
    case 'acos': return strict(([x]) => Math.acos(num(x!)));
    case 'atan': return strict(([x]) => Math.atan(num(x!)));
    case 'atan2': return strict(([y, x]) => Math.atan2(num(y!), num(x!)));
    case 'sinh': return strict(([x]) => Math.sinh(num(x!)));
    case 'cosh': return strict(([x]) => Math.cosh(num(x!)));
    case 'tanh': return strict(([x]) => Math.tanh(num(x!)));
    // Java's Math.toDegrees / toRadians: one multiplication by a precomputed constant.
    case 'degrees': return strict(([x]) => num(x!) * (180 / Math.PI));
    case 'radians': return strict(([x]) => num(x!) * (Math.PI / 180));
    case 'e': return strict(() => Math.E);
    case 'log10': return strict(([x]) => Math.log10(num(x!)));
    case 'log2': return strict(([x]) => Math.log2(num(x!)));
    case 'sign': {
      const type = argTypes[0]!;
      // A DECIMAL(p, s) sign is a DECIMAL(p, s) too: ±1 at scale s.
      const unit = type.kind === 'DECIMAL' ? pow10(type.scale) : 1n;
      return strict(([x]) => (type.kind === 'DECIMAL' ? (sign(x!) as bigint) * unit : sign(x!)));
    }
    case 'pi': return strict(() => Math.PI);
    case 'now': return strict(() => Date.now());
    // Arguments share one type (the binder coerced them), so JavaScript's < orders numbers, bigints (BIGINT, a
    // DECIMAL's unscaled value at one scale), strings (UTF-16 code units) and booleans (false < true).
    case 'greatest': return strict((args) => args.reduce((a, b) => ((b as number) > (a as number) ? b : a)));
    case 'least': return strict((args) => args.reduce((a, b) => ((b as number) < (a as number) ? b : a)));
    case 'ceil':
    case 'floor':
      return strict(([x]) => roundToInteger(x!, argTypes[0]!, op));
    case 'round': return strict((args) => round(args[0]!, argTypes[0]!, args.length > 1 ? num(args[1]!) : 0, resultType));
    case 'extract': return strict(([unit, ts]) => extract(unit as TimeUnit, ts as number | bigint)); // bigint: a precise timestamp
    // A precise timestamp (TIMESTAMP(p > 3), TIMESTAMP_LTZ(p > 3)) is bigint nanoseconds: see time-functions.ts.
    case 'floor-time':
    case 'ceil-time': {
      const up = op === 'ceil-time';
      if (isPreciseTimestamp(argTypes[0]!)) return strict(([ts, unit]) => roundPreciseTimestamp(ts as bigint, unit as TimeUnit, up));
      return strict(([ts, unit]) => roundTimestamp(num(ts!), unit as TimeUnit, up));
    }
    case 'timestamp-add':
      if (isPreciseTimestamp(argTypes[2]!)) return strict(([unit, amount, ts]) => addUnitsPrecise(ts as bigint, unit as TimeUnit, num(amount!)));
      return strict(([unit, amount, ts]) => addUnits(num(ts!), unit as TimeUnit, num(amount!)));
    case 'timestamp-diff': {
      const [fromMillis, toMillis] = [argTypes[1]!, argTypes[2]!].map((t) => (isPreciseTimestamp(t) ? (v: Value) => nanosToMillis(v as bigint) : num));
      // An INT result wraps as Java's (int) cast of the long Flink computes (TIMESTAMPDIFF(SECOND) over 100 years).
      const wrap = resultType.kind === 'INT';
      return strict(([unit, from, to]) => {
        const units = diffUnits(unit as TimeUnit, fromMillis!(from!), toMillis!(to!));
        return wrap ? (units as number) | 0 : units;
      });
    }
    case 'date-format': return strict(([ts, pattern]) => formatWith(ts as number | bigint, pattern as string));
    case 'to-timestamp': return strict(([text, pattern]) => parseWith(text as string, pattern as string | undefined));
    case 'to-timestamp-ltz': return strict(([value, precision]) => epochToInstant(value!, argTypes[0]!, num(precision!)));
    case 'unix-timestamp':
      return strict((args) => {
        if (args.length === 0) return BigInt(Math.floor(Date.now() / 1000));
        const millis = parseWith(args[0] as string, args[1] as string | undefined);
        return millis === null ? null : BigInt(Math.floor(millis / 1000));
      });
    case 'from-unixtime': return strict(([seconds, pattern]) => formatWith(num(seconds!) * 1000, (pattern as string | undefined) ?? 'yyyy-MM-dd HH:mm:ss'));
    case 'regexp': return strict(([s, p]) => regexpFind(s as string, p as string));
    case 'regexp-extract': return strict(([s, p, g]) => regexpExtract(s as string, p as string, g === undefined ? 0 : num(g)));
    case 'regexp-replace': return strict(([s, p, r]) => regexpReplace(s as string, p as string, r as string));
    case 'split-index': return strict(([s, sep, i]) => splitIndex(s as string, sep as string, num(i!)));
    case 'hash': return strict(([algorithm, s]) => hashHex(algorithm as HashAlgorithm, s as string));
    case 'hash-code': return strict(([s]) => javaStringHash(s as string));
    case 'to-base64': return strict(([s]) => Buffer.from(s as string, 'utf8').toString('base64'));
    case 'from-base64': return strict(([s]) => Buffer.from(s as string, 'base64').toString('utf8'));
    case 'log': return strict((args) => (args.length === 1 ? Math.log(num(args[0]!)) : Math.log(num(args[1]!)) / Math.log(num(args[0]!))));
    case 'truncate': return strict((args) => truncate(args[0]!, args.length > 1 ? num(args[1]!) : 0, argTypes[0]!, resultType));
    case 'rand': {
      // The seed is a literal (checked by the binder): one generator per call site, as Flink.
      const seeded = argTypes.length === 1;
      let random: JavaRandom | undefined;
      return { nullSafe: true, apply: (args) => {
        if (!seeded) return Math.random();
        random ??= new JavaRandom(BigInt(num(args[0]!)));
        return random.nextDouble();
      } };
    }
    case 'rand-integer': {
      const seeded = argTypes.length === 2;
      let random: JavaRandom | undefined;
      return strict((args) => {
        const bound = num(args[args.length - 1]!);
        if (bound <= 0) throw new ExecutionError(`RAND_INTEGER: bound must be positive, got ${bound}`);
        if (!seeded) return Math.floor(Math.random() * bound);
        random ??= new JavaRandom(BigInt(num(args[0]!)));
        return random.nextInt(bound);
      });
    }
    case 'reverse': return strict(([s]) => [...(s as string)].reverse().join(''));
    case 'repeat': return strict(([s, n]) => (num(n!) <= 0 ? '' : (s as string).repeat(num(n!))));
    case 'left': return strict(([s, n]) => (num(n!) <= 0 ? '' : [...(s as string)].slice(0, num(n!)).join('')));
    case 'right': return strict(([s, n]) => (num(n!) <= 0 ? '' : [...(s as string)].slice(-num(n!)).join('')));
    case 'ascii': return strict(([s]) => ((s as string) === '' ? 0 : (s as string).charCodeAt(0) & 0xff));
    case 'chr': return strict(([n]) => String.fromCharCode(((num(n!) % 256) + 256) % 256));
    // (json, path, spec[, defaultOnEmpty, defaultOnError]): NULL json or path gives NULL; the defaults may be NULL.
    case 'json-value': return { nullSafe: true, apply: ([s, p, spec, onEmpty, onError]) => (s == null || p == null ? null : jsonValue(s as string, p as string, spec as string, onEmpty ?? null, onError ?? null)) };
    case 'json-query': return strict(([s, p, spec]) => jsonQuery(s as string, p as string, spec as string));
    case 'json-exists': return strict(([s, p, spec]) => jsonExists(s as string, p as string, spec as string));
    // IS JSON of NULL is FALSE (and IS NOT JSON of NULL TRUE), as in Flink
    case 'is-json': return { nullSafe: true, apply: ([s, kind]) => s != null && isJson(s as string, kind as IsJsonKind) };
    case 'json-string': return { nullSafe: true, apply: ([v]) => (v === null || v === undefined ? null : jsonOf(v, argTypes[0]!)) };
    case 'json-array': return { nullSafe: true, apply: (args) => jsonArray(args, argTypes) };
    case 'json-object': return { nullSafe: true, apply: (args) => jsonObject(args, argTypes) };
    default: throw new InternalError(`No row function for '${op}'`);
  }
}

function initcap(text: string): string {
  return text.toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

function trimStart(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start]!)) start++;
  return text.slice(start);
}

function trimEnd(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** SQL SUBSTRING: 1-based start (0 and negatives count from before the string), optional length (negative: NULL). */
function substring(text: string, start: number, length: number | undefined): string | null {
  const chars = [...text];
  if (length !== undefined && length < 0) return null;
  const from = start - 1;
  const to = length === undefined ? chars.length : from + length;
  return chars.slice(Math.max(0, from), Math.max(0, Math.min(chars.length, to))).join('');
}

function padded(text: string, length: number, pad: string, left: boolean): string | null {
  if (length < 0) return null;
  const chars = [...text];
  if (chars.length >= length) return chars.slice(0, length).join('');
  if (pad === '') return text;
  const fill = [...pad];
  const missing = length - chars.length;
  const padding = Array.from({ length: missing }, (_, i) => fill[i % fill.length]).join('');
  return left ? padding + text : text + padding;
}

function absolute(x: Value): Value {
  if (typeof x === 'bigint') return x < 0n ? -x : x;
  return Math.abs(x as number);
}

function sign(x: Value): Value {
  if (typeof x === 'bigint') return x > 0n ? 1n : x < 0n ? -1n : 0n; // BIGINT or a DECIMAL's unscaled value
  return Math.sign(x as number);
}

/** CEIL / FLOOR: integers stay as they are; DOUBLE rounds; a DECIMAL(p, s) becomes DECIMAL(p, 0), exactly. */
function roundToInteger(x: Value, type: DataType, op: 'ceil' | 'floor'): Value {
  if (type.kind === 'DECIMAL') {
    const unit = pow10(type.scale);
    const unscaled = x as bigint;
    const quotient = unscaled / unit;
    const remainder = unscaled % unit;
    if (remainder === 0n) return quotient;
    return op === 'floor' ? (unscaled < 0n ? quotient - 1n : quotient) : unscaled > 0n ? quotient + 1n : quotient;
  }
  if (typeof x === 'bigint' || type.kind === 'INT') return x;
  return op === 'ceil' ? Math.ceil(x as number) : Math.floor(x as number);
}

/** ROUND(x, d): half away from zero; DECIMAL exact (result scale from the result type), integers by 10^-d. */
function round(x: Value, type: DataType, digits: number, resultType: DataType): Value {
  if (type.kind === 'DECIMAL') {
    if (resultType.kind !== 'DECIMAL') throw new InternalError('ROUND of a DECIMAL must be a DECIMAL');
    return rescaleHalfUp(x as bigint, type.scale, resultType.scale, digits);
  }
  if (type.kind === 'DOUBLE' || type.kind === 'FLOAT') {
    const factor = 10 ** digits;
    const scaled = Math.abs(x as number) * factor;
    const rounded = Math.round(scaled) / factor;
    const result = (x as number) < 0 ? -rounded : rounded;
    return type.kind === 'FLOAT' ? Math.fround(result) : result;
  }
  if (digits >= 0) return x;
  const unit = 10n ** BigInt(-digits);
  const value = typeof x === 'bigint' ? x : BigInt(x as number);
  const rounded = halfAwayFromZero(value, unit) * unit;
  return typeof x === 'bigint' ? rounded : Number(rounded);
}

/** An unscaled DECIMAL at `fromScale` rounded to `digits` places and expressed at `toScale`. */
function rescaleHalfUp(unscaled: bigint, fromScale: number, toScale: number, digits: number): bigint {
  if (digits >= fromScale) return unscaled * pow10(toScale - fromScale);
  const unit = pow10(fromScale - digits);
  const rounded = halfAwayFromZero(unscaled, unit) * unit; // still at fromScale
  return toScale >= fromScale ? rounded * pow10(toScale - fromScale) : rounded / pow10(fromScale - toScale);
}

/** value / unit, rounded half away from zero. */
function halfAwayFromZero(value: bigint, unit: bigint): bigint {
  const quotient = value / unit;
  const remainder = value % unit;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice >= unit) return value < 0n ? quotient - 1n : quotient + 1n;
  return quotient;
}

/** SQL LIKE patterns compiled to anchored regular expressions (`%` any run, `_` one character), cached. */
class LikePatterns {
  private readonly cache = new Map<string, RegExp>();

  constructor(private readonly similar = false) {}

  regex(pattern: string, escape: string): RegExp {
    const key = `${escape}\u0000${pattern}`;
    let regex = this.cache.get(key);
    if (regex === undefined) {
      if (this.cache.size >= 256) this.cache.clear();
      regex = this.similar ? similarRegex(pattern, escape) : likeRegex(pattern, escape);
      this.cache.set(key, regex);
    }
    return regex;
  }
}

/**
 * SQL's SIMILAR TO: `%` and `_` as in LIKE, and the regular-expression operators `| * + ? {m,n} ( ) [ ]` kept; every
 * other character (`.` included) stands for itself. The whole string must match.
 */
function similarRegex(pattern: string, escape: string): RegExp {
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== '' && c === escape) {
      const next = chars[++i];
      if (next === undefined) throw new ExecutionError(`SIMILAR TO pattern '${pattern}' ends with its escape character '${escape}'`);
      source += escapeRegex(next);
    } else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else if ('|*+?{}()[]'.includes(c) || (c === '^' && chars[i - 1] === '[') || (c === '-' && source.lastIndexOf('[') > source.lastIndexOf(']'))) source += c;
    else source += escapeRegex(c);
  }
  try {
    return new RegExp(`^(?:${source})$`, 'u');
  } catch (error) {
    throw new ExecutionError(`SIMILAR TO pattern '${pattern}' is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function likeRegex(pattern: string, escape: string): RegExp {
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== '' && c === escape) {
      const next = chars[++i];
      if (next === undefined) throw new ExecutionError(`LIKE pattern '${pattern}' ends with its escape character '${escape}'`);
      source += escapeRegex(next);
    } else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`, 'u');
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** TRUNCATE(x, d): x cut (toward zero) to d digits after the point (d < 0: before it), keeping x's type. */
function truncate(value: Value, digits: number, type: DataType, resultType: DataType): Value {
  switch (type.kind) {
    case 'DECIMAL': {
      const scale = type.scale;
      const resultScale = resultType.kind === 'DECIMAL' ? resultType.scale : scale;
      const cut = scale - Math.min(digits, scale);
      const factor = pow10(cut);
      const truncated = ((value as bigint) / factor) * factor; // BigInt division truncates toward zero
      return truncated / pow10(scale - resultScale);
    }
    case 'INT': case 'BIGINT': {
      if (digits >= 0) return value;
      const factor = 10 ** -digits;
      return type.kind === 'INT' ? Math.trunc((value as number) / factor) * factor : ((value as bigint) / BigInt(factor)) * BigInt(factor);
    }
    default: {
      const factor = 10 ** digits;
      const x = value as number;
      const result = Number.isFinite(x) ? Math.trunc(x * factor) / factor : x;
      return type.kind === 'FLOAT' ? Math.fround(result) : result;
    }
  }
}
