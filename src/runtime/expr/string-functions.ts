/**
 * Flink's string functions beyond the SQL standard: BIN, HEX, LOCATE / INSTR, STR_TO_MAP, SPLIT, IS_ALPHA,
 * IS_DECIMAL, IS_DIGIT, ENCODE / DECODE, CONVERT_TZ, UUID and OVERLAY, as Flink 1.20 computes them (learned with the oracle;
 * see test/conformance/string-builtins). Positions count code points from 1. PARSE_URL is in url-functions.ts.
 */
import { randomUUID } from 'node:crypto';
import { ExecutionError } from '../../common/errors.js';
import type { DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import type { FunctionOp } from '../../dataflow/expr.js';
import { canonicalTimeZone, instantToWall, wallToInstant } from '../../common/time-zone.js';
import type { RowFunction } from './functions.js';
import { compilePattern } from './text-functions.js';
import { parseUrl } from './url-functions.js';

export const STRING_OPS: readonly FunctionOp[] = [
  'bin', 'hex', 'locate', 'str-to-map', 'split', 'parse-url', 'is-alpha', 'is-decimal', 'is-digit', 'encode', 'decode',
  'convert-tz', 'uuid', 'overlay',
];

const strict = (apply: (args: readonly Value[]) => Value): RowFunction => ({ apply, nullSafe: false });
const INTEGRAL: ReadonlySet<DataType['kind']> = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT']);

/** IS_ALPHA, IS_DECIMAL, IS_DIGIT: of a STRING the test (FALSE, not NULL, for NULL), of a number `ofNumber`. */
function predicate(type: DataType, ofNumber: boolean, test: (text: string) => boolean): RowFunction {
  if (type.kind !== 'STRING' && type.kind !== 'NULL') return { nullSafe: true, apply: () => ofNumber };
  return { nullSafe: true, apply: ([v]) => (v === null || v === undefined ? false : test(v as string)) };
}

export function stringFunction(op: FunctionOp, argTypes: readonly DataType[]): RowFunction | undefined {
  switch (op) {
    // Java's Long.toBinaryString / toHexString: the 64-bit two's complement, without leading zeros
    case 'bin': return strict(([n]) => BigInt.asUintN(64, BigInt(n as number | bigint)).toString(2));
    case 'hex':
      if (argTypes[0]!.kind === 'STRING') return strict(([s]) => Buffer.from(s as string, 'utf8').toString('hex').toUpperCase());
      return strict(([n]) => BigInt.asUintN(64, BigInt(n as number | bigint)).toString(16).toUpperCase());
    case 'locate': return strict(([needle, text, from]) => locate(needle as string, text as string, from === undefined ? 1 : Number(from)));
    case 'str-to-map': return strict(([text, list, entry]) => strToMap(text as string, (list as string | undefined) ?? ',', (entry as string | undefined) ?? '='));
    case 'split': return strict(([text, separator]) => Object.freeze(split(text as string, separator as string)));
    case 'parse-url': return strict(([url, part, key]) => parseUrl(url as string, part as string, key as string | undefined));
    // Of a number, Flink 1.20's answer depends on its type alone, NULL included (the oracle shows IS_DIGIT(NULL BIGINT)
    // TRUE): an integer is a digit string and a decimal, FLOAT and DOUBLE are decimals, a DECIMAL is neither (its
    // internal DecimalData is not a java.lang.Number), no number is alphabetic.
    case 'is-alpha': return predicate(argTypes[0]!, false, (s) => /^\p{L}+$/u.test(s));
    case 'is-digit': return predicate(argTypes[0]!, INTEGRAL.has(argTypes[0]!.kind), (s) => /^\p{Nd}+$/u.test(s));
    // an integer (digits of any script, as Java's Integer.parseInt) or what Java's Double.parseDouble takes
    case 'is-decimal': return predicate(argTypes[0]!, argTypes[0]!.kind !== 'DECIMAL', (s) => /^[+-]?\p{Nd}+$/u.test(s) || JAVA_DOUBLE.test(s));
    case 'encode': return strict(([s, charset]) => encode(s as string, charset as string));
    case 'decode': return strict(([bytes, charset]) => decode(bytes as Uint8Array, charset as string));
    case 'convert-tz': return strict(([s, from, to]) => convertTz(s as string, from as string, to as string));
    case 'uuid': return strict(() => randomUUID());
    case 'overlay': return strict(([s, r, start, length]) => overlay(s as string, r as string, Number(start), length === undefined ? (r as string).length : Number(length)));
    default: return undefined;
  }
}

/**
 * OVERLAY(s PLACING r FROM start FOR length), as Flink 1.20's SqlFunctionUtils.overlay (UTF-16 units, as Java's
 * String): a start outside 1..length(s) leaves s unchanged; the rest of s after the replaced part is kept only
 * when length > 0 and the part ends inside s, so `FOR 0` (or a part past the end) drops the rest.
 */
function overlay(text: string, replacement: string, start: number, length: number): string {
  if (start <= 0 || start > text.length) return text;
  const rest = start + length <= text.length && length > 0 ? text.slice(start - 1 + length) : '';
  return text.slice(0, start - 1) + replacement + rest;
}

/** Java's Double.parseDouble grammar (FloatingDecimal), surrounding whitespace and control characters allowed. */
const JAVA_DOUBLE = /^[\x00-\x20]*[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?|0[xX](?:[0-9a-fA-F]+\.?|[0-9a-fA-F]*\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?)[\x00-\x20]*$/;

/** LOCATE(needle, s, from): 1-based position of the first needle at or after `from` (below 1: from the start), else 0. */
function locate(needle: string, text: string, from: number): number {
  if (needle === '') return 1;
  const chars = [...text];
  const start = Math.max(from - 1, 0);
  if (start >= chars.length) return 0;
  const prefix = chars.slice(0, start).join('').length; // UTF-16 units before the start
  const index = text.indexOf(needle, prefix);
  return index < 0 ? 0 : [...text.slice(0, index)].length + 1;
}

/**
 * STR_TO_MAP(text, listDelimiter, keyValueDelimiter): both delimiters are Java regular expressions, as Flink splits
 * with String.split; an entry without the key-value delimiter maps to NULL; '' gives an empty map.
 */
function strToMap(text: string, list: string, entry: string): Value {
  const map = new Map<Value, Value>();
  if (text === '') return map;
  for (const pair of javaSplit(text, list, 0)) {
    const kv = javaSplit(pair, entry, 2);
    map.set(kv[0]!, kv.length < 2 ? null : kv[1]!);
  }
  return map;
}

/** Java's String.split(regex, limit): limit 0 drops trailing empty strings; no empty first piece for a zero-width match at 0. */
function javaSplit(text: string, pattern: string, limit: number): string[] {
  const regex = compilePattern(pattern);
  if (regex === null) throw new ExecutionError(`STR_TO_MAP: invalid regular expression '${pattern}'`);
  const pieces: string[] = [];
  let index = 0;
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length === 0) regex.lastIndex = end + 1;
    if (end === 0 && start === 0) continue;
    if (limit > 0 && pieces.length === limit - 1) break;
    if (match[0].length === 0 && start >= text.length) break;
    pieces.push(text.slice(index, start));
    index = end;
  }
  if (index === 0 && pieces.length === 0) return [text];
  pieces.push(text.slice(index));
  if (limit === 0) while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces;
}

/**
 * SPLIT(s, delimiter): every piece, empty ones too; an empty delimiter splits into characters (UTF-16 units, as
 * Java's chars); an empty string has no pieces.
 */
function split(text: string, separator: string): string[] {
  if (text === '') return [];
  if (separator === '') return text.split('');
  return text.split(separator);
}

type Charset = 'US-ASCII' | 'ISO-8859-1' | 'UTF-8' | 'UTF-16BE' | 'UTF-16LE' | 'UTF-16';

const CHARSETS: Readonly<Record<string, Charset>> = {
  'US-ASCII': 'US-ASCII', ASCII: 'US-ASCII', 'ISO-8859-1': 'ISO-8859-1', 'ISO8859_1': 'ISO-8859-1', 'LATIN1': 'ISO-8859-1',
  'UTF-8': 'UTF-8', UTF8: 'UTF-8', 'UTF-16BE': 'UTF-16BE', 'UTF_16BE': 'UTF-16BE', 'UTF-16LE': 'UTF-16LE', 'UTF_16LE': 'UTF-16LE',
  'UTF-16': 'UTF-16', UTF_16: 'UTF-16', UTF16: 'UTF-16',
};

/** One of the six charsets every Java has; another name fails the job, as Flink's UnsupportedEncodingException. */
function charsetOf(name: string): Charset {
  const charset = CHARSETS[name.toUpperCase()];
  if (charset === undefined) throw new ExecutionError(`Unsupported charset '${name}' (ENCODE and DECODE take US-ASCII, ISO-8859-1, UTF-8, UTF-16BE, UTF-16LE or UTF-16)`);
  return charset;
}

/** ENCODE(s, charset): the bytes of s; a character the charset cannot hold becomes '?', as Java's String.getBytes. */
function encode(text: string, name: string): Uint8Array {
  const charset = charsetOf(name);
  switch (charset) {
    case 'UTF-8': return new Uint8Array(Buffer.from(text, 'utf8'));
    case 'US-ASCII':
    case 'ISO-8859-1': {
      const max = charset === 'US-ASCII' ? 0x7f : 0xff;
      return Uint8Array.from([...text], (c) => (c.codePointAt(0)! <= max ? c.codePointAt(0)! : 0x3f));
    }
    default: {
      const units = Buffer.from(text, 'utf16le');
      const bom = charset === 'UTF-16' ? 2 : 0;
      const out = new Uint8Array(units.length + bom);
      if (bom > 0) out.set([0xfe, 0xff]);
      for (let i = 0; i < units.length; i += 2) {
        const [low, high] = [units[i]!, units[i + 1]!];
        if (charset === 'UTF-16LE') out.set([low, high], i);
        else out.set([high, low], i + bom);
      }
      return out;
    }
  }
}

/** DECODE(bytes, charset): malformed input becomes U+FFFD, as Java's new String(bytes, charset). */
function decode(bytes: Uint8Array, name: string): string {
  const charset = charsetOf(name);
  switch (charset) {
    case 'UTF-8': return new TextDecoder('utf-8').decode(bytes);
    case 'US-ASCII': return Array.from(bytes, (b) => (b <= 0x7f ? String.fromCharCode(b) : '\uFFFD')).join('');
    case 'ISO-8859-1': return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
    case 'UTF-16LE': return new TextDecoder('utf-16le').decode(bytes);
    case 'UTF-16BE': return new TextDecoder('utf-16be').decode(bytes);
    default: {
      // a byte-order mark decides (and is dropped); without one, big-endian
      if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
      if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
      return new TextDecoder('utf-16be').decode(bytes);
    }
  }
}

const DATE_TIME = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)/;

/**
 * CONVERT_TZ(s, fromZone, toZone): s read as 'yyyy-MM-dd HH:mm:ss' (more after the seconds is ignored, fields
 * roll over as Java's lenient SimpleDateFormat) in fromZone, written in toZone; NULL when s does not parse. An
 * unknown zone is GMT, as Java's TimeZone.getTimeZone.
 */
function convertTz(text: string, from: string, to: string): string | null {
  const match = DATE_TIME.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const instant = wallToInstant(zoneOf(from), date.getTime());
  const wall = new Date(instantToWall(zoneOf(to), instant));
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
}

/** Java's TimeZone.getTimeZone: region ids, abbreviations and `GMT±h[h][:mm]`; anything else (`UTC+8`, `+08:00`) is GMT. */
function zoneOf(id: string): string {
  if (/^[+-]/.test(id) || /^UTC?[+-]/i.test(id)) return 'UTC';
  return canonicalTimeZone(id) ?? 'UTC';
}
