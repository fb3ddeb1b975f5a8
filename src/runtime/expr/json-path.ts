/**
 * SQL/JSON paths as Flink 1.20 evaluates them (Jayway JsonPath over Jackson's tree): `[lax | strict] $` then `.key`,
 * `."key"`, `['key']`, `["key"]`, `[n]` (negative counts from the end), `[*]` and `.*`. Without a mode the path is
 * strict, as in Flink.
 *
 * A path with a wildcard is indefinite: it selects a list (a JSON array of the matches, possibly empty). A definite
 * path selects one item. Strict mode reports structural problems (a missing key, an index past the end, a key on
 * a non-object, bad JSON, a JSON null found) as errors for the ON ERROR clause; lax mode turns them into "nothing"
 * (NULL for a definite path, an empty list for an indefinite one; bad JSON is nothing too).
 *
 * JSON text is read as Jackson reads it (jackson-json.ts), numbers kept as text; they take Java's classes when
 * used: an integer is an Integer, Long or BigInteger by its size, anything with a fraction or exponent a Double (`1e3`
 * reads as 1000.0).
 */
import { LosslessNumber } from 'lossless-json';
import { parseJackson } from './jackson-json.js';
import { javaDoubleText } from '../../common/java-text.js';

export type PathMode = 'lax' | 'strict';

type Step = { readonly kind: 'key'; readonly key: string } | { readonly kind: 'index'; readonly index: number } | { readonly kind: 'any' };

export interface JsonPath {
  readonly mode: PathMode;
  readonly steps: readonly Step[];
  /** No wildcard: the path selects one item, not a list. */
  readonly definite: boolean;
  /** Jayway's text of the path (`$['a'][0]`), used in error messages. */
  readonly text: string;
}

/** What a path selects: an item (`null` for nothing or a JSON null) or an error that ON ERROR handles. */
export type PathResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const paths = new Map<string, JsonPath | null>();

/** The compiled path, or null when `text` is not one. */
export function compileJsonPath(text: string): JsonPath | null {
  const cached = paths.get(text);
  if (cached !== undefined) return cached;
  const path = parsePath(text);
  if (paths.size > 1000) paths.clear();
  paths.set(text, path);
  return path;
}

function parsePath(text: string): JsonPath | null {
  const mode = /^\s*(strict|lax)\s+([\s\S]+)$/i.exec(text);
  let rest = (mode ? mode[2]! : text).trim();
  if (!rest.startsWith('$')) return null;
  rest = rest.slice(1);
  const steps: Step[] = [];
  while (rest.length > 0) {
    let match: RegExpExecArray | null;
    if ((match = /^\.\*/.exec(rest)) || (match = /^\[\s*\*\s*\]/.exec(rest))) steps.push({ kind: 'any' });
    else if ((match = /^\.([A-Za-z_$][\w$]*)/.exec(rest))) steps.push({ kind: 'key', key: match[1]! });
    else if ((match = /^\."((?:[^"\\]|\\.)*)"/.exec(rest))) steps.push({ kind: 'key', key: JSON.parse(`"${match[1]!}"`) as string });
    else if ((match = /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/.exec(rest))) steps.push({ kind: 'key', key: match[1]!.replace(/\\'/g, "'") });
    else if ((match = /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest))) steps.push({ kind: 'key', key: JSON.parse(`"${match[1]!}"`) as string });
    else if ((match = /^\[\s*(-?\d+)\s*\]/.exec(rest))) steps.push({ kind: 'index', index: Number(match[1]) });
    else return null;
    rest = rest.slice(match[0].length);
  }
  return {
    mode: mode?.[1]!.toLowerCase() === 'lax' ? 'lax' : 'strict',
    steps,
    definite: steps.every((step) => step.kind !== 'any'),
    text: stepsText(steps, steps.length),
  };
}

function stepsText(steps: readonly Step[], count: number): string {
  return `$${steps.slice(0, count).map((s) => (s.kind === 'key' ? `['${s.key}']` : s.kind === 'index' ? `[${s.index}]` : '[*]')).join('')}`;
}

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

class PathNotFound extends Error {}

/** The item(s) `path` selects in `json`, with Flink's strict / lax handling (SqlJsonUtils.jsonApiCommonSyntax). */
export function selectPath(json: ParsedJson, path: JsonPath): PathResult {
  if (!json.ok) return path.mode === 'lax' ? { ok: true, value: null } : { ok: false, error: json.error };
  // Jayway cannot read a document that is a JSON null, in either mode.
  if (json.value === null) return { ok: false, error: 'json object can not be null' };
  const lax = path.mode === 'lax';
  const found: unknown[] = [];
  try {
    walk(json.value, 0, true);
    if (path.definite && found.length === 0) throw new PathNotFound(`No results for path: ${path.text}`);
  } catch (error) {
    if (!(error instanceof PathNotFound)) throw error;
    return lax ? { ok: true, value: path.definite ? null : [] } : { ok: false, error: error.message };
  }
  const value = path.definite ? found[0] : found;
  if (!lax && value === null) return { ok: false, error: 'Strict jsonpath mode requires a non empty returned value, but is null' };
  return { ok: true, value };

  function walk(item: unknown, at: number, upstreamDefinite: boolean): void {
    if (at === path.steps.length) {
      found.push(item);
      return;
    }
    const step = path.steps[at]!;
    const here = (): string => stepsText(path.steps, at);
    // A problem is an error only where everything before it was definite and the mode is strict.
    const fail = (message: () => string): void => {
      if (upstreamDefinite && !lax) throw new PathNotFound(message());
    };
    if (step.kind === 'any') {
      if (Array.isArray(item)) item.forEach((element) => walk(element, at + 1, false));
      else if (isJsonObject(item)) Object.values(item).forEach((member) => walk(member, at + 1, false));
      return;
    }
    if (step.kind === 'key') {
      if (!isJsonObject(item)) return fail(() => `Expected to find an object with property ['${step.key}'] in path ${here()} but found '${javaClassName(item)}'`);
      if (!Object.prototype.hasOwnProperty.call(item, step.key)) {
        if (at < path.steps.length - 1) fail(() => `Missing property in path ${stepsText(path.steps, at + 1)}`);
        return;
      }
      return walk(item[step.key], at + 1, upstreamDefinite);
    }
    if (item === null) return fail(() => `The path ${here()} is null`);
    if (!Array.isArray(item)) return fail(() => `Filter: [${step.index}] can only be applied to arrays. Current context is: ${javaText(item)}`);
    const index = step.index < 0 ? item.length + step.index : step.index;
    if (index >= 0 && index < item.length) walk(item[index], at + 1, upstreamDefinite);
  }
}

function javaClassName(value: unknown): string {
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
