/**
 * Regular expressions, hashing, base64 and small string functions, as Flink defines them. Patterns are Java
 * regular expressions; the JavaScript engine reads the common subset the same way (a pattern it cannot compile is
 * an invalid pattern: the binder rejects literal ones, dynamic ones give NULL as in Flink). Replacement strings are
 * literal text, as in Flink.
 */
import { createHash } from 'node:crypto';

const cache = new Map<string, RegExp | null>();

/** The compiled pattern (global, so it can scan), or null when it is not a valid regular expression. */
export function compilePattern(pattern: string): RegExp | null {
  let compiled = cache.get(pattern);
  if (compiled !== undefined) return compiled;
  compiled = null;
  for (const flags of ['g', 'gu']) {
    try {
      compiled = new RegExp(pattern, flags);
      break;
    } catch {
      // try the next flags
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** REGEXP(s, p): whether some substring of s matches (Java's Matcher.find). */
export function regexpFind(text: string, pattern: string): boolean | null {
  const regex = compilePattern(pattern);
  if (regex === null) return null;
  regex.lastIndex = 0;
  return regex.test(text);
}

/** REGEXP_EXTRACT(s, p[, group]): the group (0 = the whole match) of the first match; NULL without a match or group. */
export function regexpExtract(text: string, pattern: string, group: number): string | null {
  const regex = compilePattern(pattern);
  if (regex === null || group < 0) return null;
  regex.lastIndex = 0;
  const match = regex.exec(text);
  if (match === null || group >= match.length) return null;
  return match[group] ?? null;
}

/**
 * REGEXP_REPLACE(s, p, replacement): every match replaced by the replacement taken literally — Flink 1.20 calls
 * `s.replaceAll(p, Matcher.quoteReplacement(replacement))`, so `$1` and `\` are plain text, not group references.
 */
export function regexpReplace(text: string, pattern: string, replacement: string): string | null {
  const regex = compilePattern(pattern);
  if (regex === null) return null;
  regex.lastIndex = 0;
  return text.replace(regex, () => replacement);
}

/** SPLIT_INDEX(s, separator, index): the index-th (from 0) piece of s split at the whole separator; NULL out of range. */
export function splitIndex(text: string, separator: string, index: number): string | null {
  if (index < 0) return null;
  if (separator === '') return index === 0 && text !== '' ? text : null;
  const pieces = text.split(separator);
  return index < pieces.length ? pieces[index]! : null;
}

export type HashAlgorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** MD5, SHA1, SHA2 of the UTF-8 bytes, as lowercase hex. */
export function hashHex(algorithm: HashAlgorithm, text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

/** Java's String.hashCode over UTF-16 code units (Flink's HASH_CODE of a string). */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}
