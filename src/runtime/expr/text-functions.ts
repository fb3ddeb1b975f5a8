/**
 * Regular expressions, hashing, base64 and small string functions, as Flink defines them. Patterns are Java
 * regular expressions; the JavaScript engine reads the common subset the same way (a pattern it cannot compile is
 * an invalid pattern: the binder rejects literal ones, dynamic ones give NULL as in Flink). Replacement strings use
 * Java's syntax: `$1`/`${name}` for groups and `\` to escape.
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

/** REGEXP_REPLACE(s, p, replacement): every match replaced (Java's String.replaceAll). */
export function regexpReplace(text: string, pattern: string, replacement: string): string | null {
  const regex = compilePattern(pattern);
  if (regex === null) return null;
  const parts = parseReplacement(replacement);
  regex.lastIndex = 0;
  return text.replace(regex, (...args: unknown[]) => {
    const hasNamed = typeof args[args.length - 1] === 'object';
    const groups = args.slice(0, hasNamed ? -3 : -2) as (string | undefined)[];
    const named = (hasNamed ? args[args.length - 1] : undefined) as Record<string, string | undefined> | undefined;
    return parts.map((part) => (typeof part === 'string' ? part : typeof part.group === 'number' ? (groups[part.group] ?? '') : (named?.[part.group] ?? ''))).join('');
  });
}

type ReplacementPart = string | { readonly group: number | string };

const replacements = new Map<string, ReplacementPart[]>();

function parseReplacement(replacement: string): ReplacementPart[] {
  let parts = replacements.get(replacement);
  if (parts) return parts;
  parts = [];
  let literal = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\' && i + 1 < replacement.length) {
      literal += replacement[++i];
    } else if (c === '$') {
      const named = /^\{([A-Za-z][A-Za-z0-9]*)\}/.exec(replacement.slice(i + 1));
      const digits = /^\d+/.exec(replacement.slice(i + 1));
      const reference = named ? { text: named[0], group: named[1]! as number | string } : digits ? { text: digits[0], group: Number(digits[0]) } : null;
      if (reference === null) {
        literal += c;
        continue;
      }
      parts.push(literal, { group: reference.group });
      literal = '';
      i += reference.text.length;
    } else literal += c;
  }
  parts.push(literal);
  replacements.set(replacement, parts);
  return parts;
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
