/**
 * JSON items as Flink's JSON functions hold them (Jackson's tree read into Java objects): parsing, their kinds, and
 * their text as Java writes it (`String.valueOf`) or as Jackson serializes it. Numbers stay text (LosslessNumber)
 * and take Java's classes when used: an integer is an Integer, Long or BigInteger by its size, anything with a
 * fraction or exponent a Double (`1e3` reads as 1000.0).
 */
import { LosslessNumber } from 'lossless-json';
import { parseJackson } from './jackson-json.js';
import { javaDoubleText } from '../../common/java-text.js';

/** Parsed JSON text, or the parser's complaint. */
export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

export function parseJsonText(text: string): ParsedJson {
  try {
    return { ok: true, value: parseJackson(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof LosslessNumber);
}

/** Not an object or array (Calcite's isScalarObject; a JSON null counts as scalar). */
export function isScalar(value: unknown): boolean {
  return !Array.isArray(value) && !isJsonObject(value);
}

/** Java's class name of a parsed item, as Jayway's messages show it. */
export function javaClassName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (value instanceof LosslessNumber) return `java.lang.${numberClass(value)}`;
  return 'java.util.LinkedHashMap';
}

/** Jackson's class for a JSON number: Integer, Long or BigInteger by size; Double with a fraction or exponent. */
export function numberClass(value: LosslessNumber): 'Integer' | 'Long' | 'BigInteger' | 'Double' {
  if (/[.eE]/.test(value.value)) return 'Double';
  const n = BigInt(value.value);
  if (n >= -2147483648n && n <= 2147483647n) return 'Integer';
  return n >= -9223372036854775808n && n <= 9223372036854775807n ? 'Long' : 'BigInteger';
}

/** Java's text of a JSON number as Jackson reads it (`1e3` → 1000.0, `-0` → 0). */
export function numberText(value: LosslessNumber): string {
  return numberClass(value) === 'Double' ? javaDoubleText(Number(value.value)) : BigInt(value.value).toString();
}

/** A Java Double as an item (its text keeps a fraction or exponent, so it stays a Double). */
export function doubleItem(value: number): LosslessNumber {
  return new LosslessNumber(javaDoubleText(value));
}

/** Java's `String.valueOf` of a parsed item: strings bare, lists `[a, b]`, maps `{k=v, k2=v2}`. */
export function javaText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof LosslessNumber) return numberText(value);
  if (Array.isArray(value)) return `[${value.map(javaText).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${javaText(v)}`).join(', ')}}`;
}

/** Jackson's compact JSON text of a parsed item (member order kept, doubles in Java's notation). */
export function jacksonText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof LosslessNumber) return numberText(value);
  if (Array.isArray(value)) return `[${value.map(jacksonText).join(',')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${quote(k)}:${jacksonText(v)}`).join(',')}}`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/["\\\u0000-\u001f]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}
