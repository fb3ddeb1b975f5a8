/**
 * Skipping runs of plain string bytes four at a time: a JSON string's bytes are read as 32-bit words of the
 * underlying buffer, and a word is tested for a byte that may end or complicate a string — a quote, a backslash, a
 * control character (< 0x20) or a non-ASCII byte (>= 0x80) — with bit arithmetic (the SWAR tests of "Bit Twiddling
 * Hacks": `hasless` and `haszero`). A byte loop with a lookup table reads Nexmark's JSON at ~0.3 GB/s, the word test
 * at ~1 GB/s; the long text fields (`extra`, `url`, `description`) are most of the file's bytes.
 */

/** The last byte array viewed as words, its words and its offset in their buffer (one decoder scans one chunk at a time). */
let viewed: Uint8Array | undefined;
let words = new Uint32Array(0);
let base = 0;

/** Runs shorter than this are scanned byte by byte by the caller (alignment would cost more than it saves). */
const MIN_RUN = 16;

/**
 * The first position at or after `at` (and before `end`) that may hold a quote, backslash, control or non-ASCII
 * byte: every byte before it is plain ASCII text. May return a position before the special byte (within its word)
 * or `end`; the caller examines bytes from there one at a time.
 */
export function plainRunEnd(bytes: Uint8Array, at: number, end: number): number {
  if (end - at < MIN_RUN) return at;
  if (bytes !== viewed) {
    viewed = bytes;
    base = bytes.byteOffset;
    words = new Uint32Array(bytes.buffer as ArrayBuffer, 0, bytes.buffer.byteLength >>> 2);
  }
  let absolute = base + at;
  // Up to the next word boundary, byte by byte.
  while ((absolute & 3) !== 0) {
    if (special(bytes[absolute - base]!)) return absolute - base;
    absolute++;
  }
  let word = absolute >>> 2;
  const stop = Math.floor((base + end) / 4); // words wholly before `end`
  while (word < stop && !hasSpecialByte(words[word]!)) word++;
  return word * 4 - base;
}

function special(c: number): boolean {
  return c === 34 || c === 92 || c < 32 || c >= 128;
}

/** Whether any of the word's four bytes is a quote (0x22), a backslash (0x5c), below 0x20 or at least 0x80. */
function hasSpecialByte(w: number): boolean {
  const quote = w ^ 0x22222222;
  const backslash = w ^ 0x5c5c5c5c;
  return ((w & 0x80808080) | ((w - 0x20202020) & ~w & 0x80808080)
    | ((quote - 0x01010101) & ~quote & 0x80808080) | ((backslash - 0x01010101) & ~backslash & 0x80808080)) !== 0;
}
