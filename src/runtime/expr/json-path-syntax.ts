/**
 * Reading SQL/JSON path text the way Flink 1.20 hands it to Jayway JsonPath 2.9: `[lax | strict] $` (no mode:
 * strict), then
 *
 * - `.key`, `."key"`, `['key']`, `["key"]`, `['a','b']` (an object of those members; last step only);
 * - `[n]` (negative counts from the end), `[n, m, …]`, slices `[a:b]`, `[a:]`, `[:b]`, wildcards `[*]` and `.*`;
 * - `..key`, `..[n]`, `..*` (recursive descent; `..*` last);
 * - filters `[?( … )]` (json-path-filter.ts);
 * - a function at the end: `.length()` / `.size()`, `.min()`, `.max()`, `.avg()`, `.sum()`, `.stddev()`,
 *   `.first()`, `.last()`, `.index(n)`, `.keys()`.
 *
 * Anything else is a PathProblem: `unsupported` for text after `$` that Sluice does not run (SQL-standard forms
 * Flink's Jayway rejects, such as `[1 to 3]`, `[last]`, `like_regex` or `.type()`, Jayway forms Flink fails on, and
 * text no JsonPath reads), `invalid` for text that does not start with `$`.
 */
import { parsePredicate, UnsupportedJsonPathError, type Predicate } from './json-path-filter.js';

export type PathMode = 'lax' | 'strict';

export const AGGREGATIONS = ['min', 'max', 'avg', 'sum', 'stddev'] as const;
const FUNCTIONS = ['length', 'size', ...AGGREGATIONS, 'first', 'last', 'index', 'keys'] as const;
export type PathFunction = (typeof FUNCTIONS)[number];

export type Step =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'keys'; readonly keys: readonly string[] }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'indexes'; readonly indexes: readonly number[] }
  | { readonly kind: 'slice'; readonly from: number | null; readonly to: number | null }
  | { readonly kind: 'any' }
  | { readonly kind: 'scan'; readonly step: Extract<Step, { kind: 'key' | 'index' | 'any' }> }
  | { readonly kind: 'filter'; readonly predicate: Predicate<JsonPath>; readonly text: string }
  | { readonly kind: 'function'; readonly name: PathFunction; readonly argument: number };

export interface JsonPath {
  readonly mode: PathMode;
  /** `$` for a whole path and a root operand in a filter, `@` for the item being filtered. */
  readonly root: '$' | '@';
  readonly steps: readonly Step[];
  /** No wildcard, union, slice, filter or `..`: the path selects one item, not a list. */
  readonly definite: boolean;
  /** The text as written (with its mode). */
  readonly source: string;
}

export type PathProblem = { readonly problem: 'unsupported' | 'invalid'; readonly reason: string };

const REJECTED_BY_FLINK = "(Flink 1.20's Jayway JsonPath rejects it too: an error for ON ERROR)";

/** The path `text` as Sluice reads it, or why not. */
export function parseJsonPath(text: string): JsonPath | PathProblem {
  const mode = /^\s*(strict|lax)\s+([\s\S]+)$/i.exec(text);
  const body = (mode ? mode[2]! : text).trim();
  if (!body.startsWith('$')) return { problem: 'invalid', reason: "a path starts with '[lax | strict] $'" };
  if (/\blike_regex\b|\bstarts\s+with\b/i.test(body)) {
    return { problem: 'unsupported', reason: `the SQL-standard predicates 'like_regex' and 'starts with' are not supported yet ${REJECTED_BY_FLINK}; a filter '[?(@.s =~ /re/)]' matches a regular expression` };
  }
  const cursor = { text: body, at: 1 };
  try {
    const path = readPath(cursor, '$', mode?.[1]!.toLowerCase() === 'lax' ? 'lax' : 'strict', text, false);
    if (cursor.at < body.length) unreadable(body, cursor.at);
    return path;
  } catch (error) {
    if (error instanceof UnsupportedJsonPathError) return { problem: 'unsupported', reason: error.message };
    // Text after '$' that is no path Jayway reads: Flink fails each row (ON ERROR); Sluice refuses it up front.
    if (error instanceof SyntaxError) return { problem: 'unsupported', reason: `${error.message}: such a path is not supported yet ${REJECTED_BY_FLINK}` };
    throw error;
  }
}

/** Steps from `cursor.at` up to the end (a whole path) or to the first character that continues no step (an operand). */
function readPath(cursor: { readonly text: string; at: number }, root: '$' | '@', mode: PathMode, source: string, operand: boolean): JsonPath {
  const { text } = cursor;
  const steps: Step[] = [];
  const begin = cursor.at - 1;
  const rest = (): string => text.slice(cursor.at);
  for (;;) {
    const here = cursor.at;
    let match: RegExpExecArray | null;
    if (rest().startsWith('..')) {
      cursor.at += 2;
      const inner = readStep(cursor, mode);
      if (inner === null || (inner.kind !== 'key' && inner.kind !== 'index' && inner.kind !== 'any')) {
        throw new UnsupportedJsonPathError(`'${text.slice(here, cursor.at)}' after '..' is not supported yet (Sluice takes '..key', '..[n]' and '..*')`);
      }
      steps.push({ kind: 'scan', step: inner });
      continue;
    }
    if (!rest().startsWith('.') && !rest().startsWith('[')) break;
    if ((match = /^\.([A-Za-z_$][\w$]*)\s*\(\s*(-?\d*)\s*\)/.exec(rest()))) {
      steps.push(functionStep(match[1]!, match[2]!, match[0]));
      cursor.at += match[0].length;
      continue;
    }
    const step = readStep(cursor, mode);
    if (step === null) unreadable(text, here);
    steps.push(step);
  }
  const path: JsonPath = { mode, root, steps, definite: steps.every(isDefiniteStep), source: operand ? text.slice(begin, cursor.at) : source };
  check(path, operand);
  return path;
}

/** One `.…` or `[…]` step at the cursor (after '..', also a bare name or `*`), or null. */
function readStep(cursor: { readonly text: string; at: number }, mode: PathMode): Step | null {
  const rest = cursor.text.slice(cursor.at);
  let match: RegExpExecArray | null;
  const take = (step: Step, length: number): Step => {
    cursor.at += length;
    return step;
  };
  if ((match = /^\.?\*/.exec(rest))) return take({ kind: 'any' }, match[0].length);
  if ((match = /^\.?([A-Za-z_$][\w$]*)/.exec(rest))) {
    if (/^\s*\(/.test(rest.slice(match[0].length))) return null;
    return take({ kind: 'key', key: match[1]! }, match[0].length);
  }
  if ((match = /^\."((?:[^"\\]|\\.)*)"/.exec(rest))) return take({ kind: 'key', key: JSON.parse(`"${match[1]!}"`) as string }, match[0].length);
  if (!rest.startsWith('[')) return null;
  if ((match = /^\[\s*\*\s*\]/.exec(rest))) return take({ kind: 'any' }, match[0].length);
  const quoted = `'(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*"`;
  if ((match = new RegExp(`^\\[\\s*(${quoted})(\\s*,\\s*(${quoted}))*\\s*\\]`).exec(rest))) {
    const keys = [...match[0].matchAll(new RegExp(quoted, 'g'))].map(([q]) => (q.startsWith('"') ? (JSON.parse(q) as string) : q.slice(1, -1).replace(/\\'/g, "'")));
    return take(keys.length === 1 ? { kind: 'key', key: keys[0]! } : { kind: 'keys', keys }, match[0].length);
  }
  if ((match = /^\[\s*(-?\d+)\s*((?:,\s*-?\d+\s*)*)\]/.exec(rest))) {
    const indexes = [match[1]!, ...match[2]!.split(',').slice(1)].map((n) => Number(n.trim()));
    return take(indexes.length === 1 ? { kind: 'index', index: indexes[0]! } : { kind: 'indexes', indexes }, match[0].length);
  }
  if ((match = /^\[\s*(-?\d+)?\s*:\s*(-?\d+)?\s*\]/.exec(rest)) && (match[1] !== undefined || match[2] !== undefined)) {
    const bound = (n: string | undefined): number | null => (n === undefined ? null : Number(n));
    return take({ kind: 'slice', from: bound(match[1]), to: bound(match[2]) }, match[0].length);
  }
  if ((match = /^\[\s*\?\s*\(/.exec(rest))) {
    const start = cursor.at;
    cursor.at += match[0].length;
    const predicate = parsePredicate<JsonPath>({
      text: cursor.text,
      get at() { return cursor.at; },
      set at(value: number) { cursor.at = value; },
      parsePath: () => {
        const root = cursor.text[cursor.at++] as '$' | '@';
        return readPath(cursor, root, mode, '', true);
      },
    });
    const close = /^\s*\)\s*\]/.exec(cursor.text.slice(cursor.at));
    if (!close) throw new SyntaxError(`the filter at ${start + 1} does not end with ')]'`);
    cursor.at += close[0].length;
    return { kind: 'filter', predicate, text: cursor.text.slice(start, cursor.at) };
  }
  return null;
}

function functionStep(name: string, argument: string, text: string): Step {
  if (!(FUNCTIONS as readonly string[]).includes(name)) {
    const jayway = name === 'concat' || name === 'append';
    throw new UnsupportedJsonPathError(`the path function '${text.slice(1)}' is not supported yet ${jayway ? '(Sluice takes length(), size(), min(), max(), avg(), sum(), stddev(), first(), last(), index(n) and keys())' : REJECTED_BY_FLINK}`);
  }
  if ((name === 'index') !== (argument !== '')) throw new SyntaxError(`'${text.slice(1)}': ${name === 'index' ? 'index(n) takes an index' : `${name}() takes no argument`}`);
  return { kind: 'function', name: name as PathFunction, argument: argument === '' ? 0 : Number(argument) };
}

function isDefiniteStep(step: Step): boolean {
  return step.kind === 'key' || step.kind === 'keys' || step.kind === 'index' || step.kind === 'function';
}

/** The shapes Sluice runs (and Flink answers the same way). */
function check(path: JsonPath, operand: boolean): void {
  const { steps } = path;
  steps.forEach((step, at) => {
    const last = at === steps.length - 1;
    if (step.kind === 'function' && !last) throw new UnsupportedJsonPathError(`a step after the function '${step.name}()' is not supported yet`);
    if (step.kind === 'keys' && !last) throw new UnsupportedJsonPathError(`a step after the member list [${step.keys.map((k) => `'${k}'`).join(',')}] is not supported yet`);
    if (step.kind === 'scan' && step.step.kind === 'any' && !last) throw new UnsupportedJsonPathError("a step after '..*' is not supported yet (Flink 1.20 selects nothing there)");
  });
  const fn = steps.at(-1);
  if (fn?.kind === 'function' && steps.some((step) => step.kind === 'scan')) {
    // Jayway turns `$..x.fn()` into fn($..x): an aggregation over everything found, which Sluice follows for
    // min / max / avg / sum / stddev; other functions and other shapes give answers Sluice does not model.
    if (steps[0]?.kind !== 'scan' || !(AGGREGATIONS as readonly string[]).includes(fn.name)) {
      throw new UnsupportedJsonPathError(`the function '${fn.name}()' after '..' is not supported yet (Sluice takes '$..x.min()', max(), avg(), sum() and stddev())`);
    }
  }
  if (operand && !path.definite) {
    throw new UnsupportedJsonPathError(`a filter operand '${path.source}' that selects a list is not supported yet (Flink 1.20 fails the job on it)`);
  }
}

function unreadable(text: string, at: number): never {
  const rest = text.slice(at);
  const standard: readonly [RegExp, string][] = [
    [/^\[\s*-?\d+\s+to\s+/i, "the SQL-standard range '[a to b]' (write a slice '[a:b+1]')"],
    [/^\[\s*last\b/i, "the SQL-standard '[last]' (write '[-1]')"],
    [/^\s*\?\s*\(/, "the SQL-standard filter '? ( … )' (write '[?( … )]')"],
  ];
  for (const [pattern, what] of standard) {
    if (pattern.test(rest)) throw new UnsupportedJsonPathError(`${what} is not supported yet ${REJECTED_BY_FLINK}`);
  }
  throw new UnsupportedJsonPathError(`'${rest}' at ${at + 1} of the path is not supported yet`);
}
