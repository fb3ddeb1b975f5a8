/**
 * Prices and strings (GENERATOR.md §7, helpers): log-uniform prices, random lower-case strings with an occasional
 * special character, and `extra` padding cut from one large random string.
 */
import { MIN_STRING_LENGTH } from './config.js';
import { NexmarkRandom } from './random.js';

/** A price in cents, log-uniform on [100, 10^8): round(10^(6u) × 100). */
export function nextPrice(random: NexmarkRandom): number {
  return Math.round(Math.pow(10, random.nextDouble() * 6) * 100);
}

const LOWER_A = 97;
/** charCode → one-character string, so building a string costs no String.fromCharCode call per character. */
const CHARS: readonly string[] = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

/**
 * A string of 3 … maxLength−1 characters, each `special` with probability 1/13 and otherwise a uniform lower-case
 * letter, then trimmed (so leading and trailing spaces shrink it).
 */
export function nextString(random: NexmarkRandom, maxLength: number, special = ' '): string {
  const length = MIN_STRING_LENGTH + random.nextInt(maxLength - MIN_STRING_LENGTH);
  let text = '';
  for (let i = 0; i < length; i++) {
    text += random.nextInt(13) === 0 ? special : CHARS[LOWER_A + random.nextInt(26)]!;
  }
  return special === ' ' ? text.trim() : text;
}

/** Size of the shared random string that padding is cut from (Flink: 1 MiB, built once per JVM). */
export const EXACT_STRING_SOURCE_LENGTH = 1 << 20;

/** The random stream the shared string is drawn from: an id no event has. */
const EXACT_STRING_STREAM = Number.MAX_SAFE_INTEGER;

const exactStringSources = new Map<number, string>();

/** The shared random lower-case string for `seed`, built on first use. */
export function exactStringSource(seed: number): string {
  let source = exactStringSources.get(seed);
  if (source === undefined) {
    const random = new NexmarkRandom(seed, EXACT_STRING_STREAM);
    const bytes = Buffer.allocUnsafe(EXACT_STRING_SOURCE_LENGTH);
    for (let i = 0; i < bytes.length; i++) bytes[i] = LOWER_A + random.nextInt(26);
    source = bytes.toString('latin1');
    exactStringSources.set(seed, source);
  }
  return source;
}

/** `length` random lower-case characters: a slice of the shared string at a random offset. */
export function nextExactString(random: NexmarkRandom, source: string, length: number): string {
  const offset = random.nextInt(source.length - length);
  return source.slice(offset, offset + length);
}

/** The length of `extra` padding: about `averageSize − currentSize` (±20%), or 0 when already larger. */
export function nextExtraLength(random: NexmarkRandom, currentSize: number, averageSize: number): number {
  if (currentSize > averageSize) return 0;
  const desired = averageSize - currentSize;
  const delta = Math.round(0.2 * desired);
  if (delta === 0) return desired;
  return desired - delta + random.nextInt(2 * delta);
}

/** Padding that brings a record of `currentSize` bytes to `averageSize` on average. */
export function nextExtra(random: NexmarkRandom, source: string, currentSize: number, averageSize: number): string {
  const length = nextExtraLength(random, currentSize, averageSize);
  return length === 0 ? '' : nextExactString(random, source, length);
}
