/**
 * Scanning JSON text as UTF-8 bytes, for the columnar JSON decoder. Each scanner takes the bytes and a position and
 * returns the position after what it read, or -1 when the input is not what it reads (the caller then falls back
 * to the row decoder, which reports the error).
 */

import { plainRunEnd } from './plain-runs.js';

export const QUOTE = 34;
export const BACKSLASH = 92;
export const COMMA = 44;
export const COLON = 58;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const MINUS = 45;
const ZERO = 48;

/** The first position at or after `at` that is not JSON whitespace (space, tab, CR, LF). */
export function skipWhitespace(bytes: Uint8Array, at: number, end: number): number {
  while (at < end) {
    const c = bytes[at]!;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return at;
    at++;
  }
  return at;
}

/**
 * A string of ASCII characters without escapes starting at the quote at `at`: the position of its closing quote, or
 * -1 (an escape, a non-ASCII or control character, or no closing quote: not a plain string).
 */
export function plainStringEnd(bytes: Uint8Array, at: number, end: number): number {
  for (let i = plainRunEnd(bytes, at + 1, end); i < end; i++) {
    if (STRING_STOP[bytes[i]!] !== 0) return bytes[i] === QUOTE ? i : -1;
  }
  return -1;
}

/** Bytes that end a plain string: the quote, a backslash, control characters and non-ASCII bytes. */
const STRING_STOP = new Uint8Array(256).map((_, c) => (c === QUOTE || c === BACKSLASH || c < 32 || c >= 128 ? 1 : 0));

/** Whether `bytes[start, end)` equals `expected`. */
export function bytesEqual(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
  return true;
}

/** Result of `scanInteger`: the value of the last integer read. */
export const scannedInteger = { value: 0 };

/**
 * A JSON integer of at most 15 digits at `at` (no fraction, no exponent): its end, with its value in
 * `scannedInteger.value`; -1 for anything else (a longer number, a fraction, an exponent or not a number).
 */
export function scanInteger(bytes: Uint8Array, at: number, end: number): number {
  let i = at;
  const negative = bytes[i] === MINUS;
  if (negative) i++;
  const first = i;
  let value = 0;
  while (i < end) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
    i++;
  }
  const digits = i - first;
  if (digits === 0 || digits > 15 || (digits > 1 && bytes[first] === ZERO)) return -1;
  if (i < end) {
    const c = bytes[i]!;
    if (c === 46 || c === 101 || c === 69) return -1; // '.', 'e', 'E'
  }
  scannedInteger.value = negative ? -value : value;
  return i;
}

/** The literal `word` (as bytes) at `at`: its end, or -1. */
export function scanLiteral(bytes: Uint8Array, at: number, end: number, word: Uint8Array): number {
  if (at + word.length > end) return -1;
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word[i]) return -1;
  return at + word.length;
}

export const TRUE_BYTES = new TextEncoder().encode('true');
export const FALSE_BYTES = new TextEncoder().encode('false');
export const NULL_BYTES = new TextEncoder().encode('null');

/** Any JSON value at `at`, checked against JSON's grammar: its end, or -1 when it is not valid JSON. */
export function skipValue(bytes: Uint8Array, at: number, end: number): number {
  if (at >= end) return -1;
  const c = bytes[at]!;
  if (c === QUOTE) return skipString(bytes, at, end);
  if (c === OPEN_BRACE) return skipContainer(bytes, at, end, CLOSE_BRACE, true);
  if (c === OPEN_BRACKET) return skipContainer(bytes, at, end, CLOSE_BRACKET, false);
  if (c === 116) return scanLiteral(bytes, at, end, TRUE_BYTES);
  if (c === 102) return scanLiteral(bytes, at, end, FALSE_BYTES);
  if (c === 110) return scanLiteral(bytes, at, end, NULL_BYTES);
  return skipNumber(bytes, at, end);
}

/** A JSON string at the quote at `at` (escapes checked): the position after its closing quote, or -1. */
export function skipString(bytes: Uint8Array, at: number, end: number): number {
  for (let i = at + 1; i < end; i++) {
    i = plainRunEnd(bytes, i, end);
    if (i >= end) break;
    const c = bytes[i]!;
    if (c === QUOTE) return i + 1;
    if (c < 32) return -1;
    if (c === BACKSLASH) {
      const e = bytes[++i];
      if (e === 117) { // \uXXXX
        for (let k = 1; k <= 4; k++) if (!isHexDigit(bytes[i + k])) return -1;
        i += 4;
      } else if (e !== QUOTE && e !== BACKSLASH && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) {
        return -1;
      }
    }
  }
  return -1;
}

function isHexDigit(c: number | undefined): boolean {
  return c !== undefined && ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102));
}

function skipDigits(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && bytes[at]! >= 48 && bytes[at]! <= 57) at++;
  return at;
}

/** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
function skipNumber(bytes: Uint8Array, at: number, end: number): number {
  let i = at;
  if (bytes[i] === MINUS) i++;
  if (bytes[i] === ZERO) i++;
  else {
    const digitsEnd = skipDigits(bytes, i, end);
    if (digitsEnd === i) return -1;
    i = digitsEnd;
  }
  if (bytes[i] === 46) {
    const fractionEnd = skipDigits(bytes, i + 1, end);
    if (fractionEnd === i + 1) return -1;
    i = fractionEnd;
  }
  if (bytes[i] === 101 || bytes[i] === 69) {
    i++;
    if (bytes[i] === 43 || bytes[i] === MINUS) i++;
    const exponentEnd = skipDigits(bytes, i, end);
    if (exponentEnd === i) return -1;
    i = exponentEnd;
  }
  return i;
}

function skipContainer(bytes: Uint8Array, at: number, end: number, close: number, isObject: boolean): number {
  let i = skipWhitespace(bytes, at + 1, end);
  if (bytes[i] === close) return i + 1;
  for (;;) {
    if (isObject) {
      if (bytes[i] !== QUOTE) return -1;
      i = skipString(bytes, i, end);
      if (i < 0) return -1;
      i = skipWhitespace(bytes, i, end);
      if (bytes[i] !== COLON) return -1;
      i = skipWhitespace(bytes, i + 1, end);
    }
    i = skipValue(bytes, i, end);
    if (i < 0) return -1;
    i = skipWhitespace(bytes, i, end);
    if (bytes[i] === close) return i + 1;
    if (bytes[i] !== COMMA) return -1;
    i = skipWhitespace(bytes, i + 1, end);
  }
}

/**
 * Whether `bytes` has a run of 16 digits (a decimal point between them allowed), which a double may not hold
 * exactly: lines with one take the lossless parser. A run of 16 is 16 consecutive digits or dots: the last byte of
 * each 16-wide window is tested first and the scan skips past the window's rightmost other byte, so that most bytes
 * are never read.
 */
export function hasLongDigitRunInBytes(bytes: Uint8Array): boolean {
  const length = bytes.length;
  let start = 0;
  while (start + 16 <= length) {
    let j = start + 15;
    while (j >= start && isDigitOrDot(bytes[j]!)) j--;
    if (j >= start) {
      start = j + 1;
      continue;
    }
    let digits = 0;
    let k = start;
    for (; k < length; k++) {
      const c = bytes[k]!;
      if (c >= 48 && c <= 57) {
        if (++digits >= 16) return true;
      } else if (c !== 46) break;
    }
    start = k + 1;
  }
  return false;
}

function isDigitOrDot(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46;
}
