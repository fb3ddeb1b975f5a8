/**
 * Path filters `[?(…)]` as Flink 1.20 evaluates them (Jayway JsonPath 2.9's FilterCompiler and evaluators):
 * comparisons `== != < <= > >= === !==` and the regex match `=~ /re/flags` between `@…` / `$…` paths and literals
 * (numbers, 'strings' or "strings", true, false, null), joined by `&&` (binding tighter), `||`, `!( … )` and
 * parentheses.
 *
 * A path operand that finds nothing is JSON null in lax mode and *undefined* in strict mode (Jayway's
 * SUPPRESS_EXCEPTIONS): undefined equals nothing (so `!=` holds) and orders against nothing. `==` compares a
 * number with a string as numbers, a string with a number as strings; `<`-style operators order two numbers or two
 * strings and are false otherwise. `=~` matches the whole text of a string, number or boolean (anything else is
 * the empty text).
 *
 * What Flink 1.20 cannot run (it fails the job: its JsonPath misses the json-smart library) is refused when the
 * path is read: existence tests (`@.a`, `!@.a`), the word operators (`in`, `nin`, `size`, `empty`, `contains`,
 * `subsetof`, `anyof`, `noneof`) and array literals. A path operand that finds an object or array fails the same
 * way in Flink, and in Sluice (UnsupportedJsonPathError), when a row gets there.
 */
import { LosslessNumber } from 'lossless-json';
import { isJsonObject, numberText } from './json-values.js';

/** A path feature Sluice does not run (refused at planning for a literal path; a job failure for a row). */
export class UnsupportedJsonPathError extends Error {}

/** What a filter operand is: a path (evaluated per item) or a literal. */
export type Operand<P> = { readonly kind: 'path'; readonly path: P } | { readonly kind: 'literal'; readonly value: FilterValue };

export type CompareOp = '==' | '!=' | '===' | '!==' | '<' | '<=' | '>' | '>=' | '=~';

export type Predicate<P> =
  | { readonly kind: 'and' | 'or'; readonly left: Predicate<P>; readonly right: Predicate<P> }
  | { readonly kind: 'not'; readonly operand: Predicate<P> }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: Operand<P>; readonly right: Operand<P> };

/** Jayway's value nodes (numbers keep their decimal text). */
export type FilterValue =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'undefined' }
  | { readonly kind: 'pattern'; readonly regex: RegExp };

export const UNDEFINED: FilterValue = { kind: 'undefined' };

/** A reader of the filter text; parsePath reads a `@…` / `$…` operand path and leaves `at` after it. */
export interface FilterCursor<P> {
  readonly text: string;
  at: number;
  parsePath(): P;
}

const WORD_OPERATORS = /^(nin|in|subsetof|anyof|noneof|size|empty|contains)\b/i;
const OPERATORS: readonly CompareOp[] = ['===', '!==', '==', '!=', '<=', '>=', '=~', '<', '>'];

/** Reads the predicate of `[?( … )]`, from just after `?(` to (not including) its closing `)`. */
export function parsePredicate<P>(cursor: FilterCursor<P>): Predicate<P> {
  const { text } = cursor;
  const skip = (): void => {
    while (cursor.at < text.length && /\s/.test(text[cursor.at]!)) cursor.at++;
  };
  const eat = (token: string): boolean => {
    skip();
    if (!text.startsWith(token, cursor.at)) return false;
    cursor.at += token.length;
    return true;
  };
  const unsupported = (what: string): never => {
    throw new UnsupportedJsonPathError(`${what} in a filter is not supported yet (Flink 1.20 fails the job on it: its JsonPath library misses json-smart)`);
  };
  const invalid = (what: string): never => {
    throw new SyntaxError(`${what} at ${cursor.at + 1} of the filter`);
  };
  const or = (): Predicate<P> => {
    let left = and();
    while (eat('||')) left = { kind: 'or', left, right: and() };
    return left;
  };
  const and = (): Predicate<P> => {
    let left = unary();
    while (eat('&&')) left = { kind: 'and', left, right: unary() };
    return left;
  };
  const unary = (): Predicate<P> => {
    if (eat('!')) {
      if (eat('(')) {
        const operand = or();
        if (!eat(')')) invalid("expected ')'");
        return { kind: 'not', operand };
      }
      return unsupported(`a negated existence test '!${text.slice(cursor.at).split(/[\s)&|]/)[0]}'`);
    }
    const start = cursor.at;
    if (eat('(')) {
      // A parenthesised predicate, unless it is a parenthesised operand (which Jayway does not take either).
      const inner = or();
      if (!eat(')')) invalid("expected ')'");
      return inner;
    }
    cursor.at = start;
    return comparison();
  };
  const comparison = (): Predicate<P> => {
    const start = cursor.at;
    const left = operand();
    skip();
    const word = WORD_OPERATORS.exec(text.slice(cursor.at));
    if (word) return unsupported(`the operator '${word[1]}'`);
    const op = OPERATORS.find((candidate) => text.startsWith(candidate, cursor.at));
    if (op === undefined) {
      if (left.kind === 'path') return unsupported(`an existence test '${text.slice(start, cursor.at).trim()}'`);
      return invalid('expected a comparison operator');
    }
    cursor.at += op.length;
    return { kind: 'compare', op, left, right: operand() };
  };
  const operand = (): Operand<P> => {
    skip();
    const c = text[cursor.at];
    if (c === '@' || c === '$') return { kind: 'path', path: cursor.parsePath() };
    if (c === "'" || c === '"') {
      const match = new RegExp(`^${c}((?:[^${c}\\\\]|\\\\.)*)${c}`).exec(text.slice(cursor.at));
      if (!match) return invalid('unterminated string');
      cursor.at += match[0].length;
      return { kind: 'literal', value: { kind: 'string', text: match[1]!.replace(/\\(.)/g, '$1') } };
    }
    if (c === '/') {
      const match = /^\/((?:[^/\\]|\\.)*)\/([a-zA-Z]*)/.exec(text.slice(cursor.at));
      if (!match) return invalid('unterminated regular expression');
      if (!/^[ims]*$/.test(match[2]!)) throw new UnsupportedJsonPathError(`the regular expression flags '${match[2]}' are not supported yet (Sluice takes i, m and s)`);
      cursor.at += match[0].length;
      return { kind: 'literal', value: { kind: 'pattern', regex: new RegExp(`^(?:${match[1]!})$`, match[2]) } };
    }
    if (c === '[' || c === '{') return unsupported(c === '[' ? 'an array literal' : 'an object literal');
    const number = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(cursor.at));
    if (number) {
      cursor.at += number[0].length;
      return { kind: 'literal', value: { kind: 'number', text: number[0] } };
    }
    const word = /^(true|false|null)\b/.exec(text.slice(cursor.at));
    if (word) {
      cursor.at += word[0].length;
      return { kind: 'literal', value: word[1] === 'null' ? { kind: 'null' } : { kind: 'boolean', value: word[1] === 'true' } };
    }
    return invalid('expected a path, a string, a number, true, false or null');
  };
  return or();
}

/** Whether `predicate` holds, with `resolve` giving the value of a path operand for the item being filtered. */
export function evaluatePredicate<P>(predicate: Predicate<P>, resolve: (path: P) => FilterValue): boolean {
  switch (predicate.kind) {
    case 'and': return evaluatePredicate(predicate.left, resolve) && evaluatePredicate(predicate.right, resolve);
    case 'or': return evaluatePredicate(predicate.left, resolve) || evaluatePredicate(predicate.right, resolve);
    case 'not': return !evaluatePredicate(predicate.operand, resolve);
    default: {
      const value = (operand: Operand<P>): FilterValue => (operand.kind === 'literal' ? operand.value : resolve(operand.path));
      return compare(predicate.op, value(predicate.left), value(predicate.right));
    }
  }
}

/** An item found by a path operand as a value node; an object or array is what Flink 1.20 cannot compare. */
export function filterValueOf(item: unknown, operandText: string): FilterValue {
  if (item === null) return { kind: 'null' };
  if (typeof item === 'string') return { kind: 'string', text: item };
  if (typeof item === 'boolean') return { kind: 'boolean', value: item };
  if (item instanceof LosslessNumber) return { kind: 'number', text: numberText(item) };
  const what = isJsonObject(item) ? 'an object' : 'an array';
  throw new UnsupportedJsonPathError(`a filter operand '${operandText}' that finds ${what} is not supported yet (Flink 1.20 fails the job on it: its JsonPath library misses json-smart)`);
}

function compare(op: CompareOp, left: FilterValue, right: FilterValue): boolean {
  switch (op) {
    case '==': return equal(left, right);
    case '!=': return !equal(left, right);
    case '===': return left.kind === right.kind && equal(left, right);
    case '!==': return !(left.kind === right.kind && equal(left, right));
    case '=~': return matches(left, right);
    default: {
      let order: number;
      if (left.kind === 'number' && right.kind === 'number') order = compareDecimals(left.text, right.text);
      else if (left.kind === 'string' && right.kind === 'string') order = left.text < right.text ? -1 : left.text > right.text ? 1 : 0;
      else return false;
      return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
    }
  }
}

function equal(left: FilterValue, right: FilterValue): boolean {
  switch (left.kind) {
    case 'number':
      if (right.kind !== 'number' && right.kind !== 'string') return false;
      return isDecimal(right.text) && compareDecimals(left.text, right.text) === 0;
    case 'string': return (right.kind === 'string' || right.kind === 'number') && left.text === right.text;
    case 'boolean': return right.kind === 'boolean' && left.value === right.value;
    case 'null': return right.kind === 'null';
    case 'pattern': return right.kind === 'pattern' && left.regex.source === right.regex.source && left.regex.flags === right.regex.flags;
    default: return false;
  }
}

function matches(left: FilterValue, right: FilterValue): boolean {
  if ((left.kind === 'pattern') === (right.kind === 'pattern')) return false;
  const [pattern, input] = left.kind === 'pattern' ? [left, right] : [right as Extract<FilterValue, { kind: 'pattern' }>, left];
  const text = input.kind === 'string' || input.kind === 'number' ? input.text : input.kind === 'boolean' ? String(input.value) : '';
  return pattern.regex.test(text);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function isDecimal(text: string): boolean {
  return DECIMAL.test(text) && /\d/.test(text);
}

/** Java's BigDecimal.compareTo of two decimal texts. */
function compareDecimals(a: string, b: string): number {
  const [ua, sa] = unscaled(a);
  const [ub, sb] = unscaled(b);
  const scale = Math.max(sa, sb);
  const x = ua * 10n ** BigInt(scale - sa);
  const y = ub * 10n ** BigInt(scale - sb);
  return x < y ? -1 : x > y ? 1 : 0;
}

function unscaled(text: string): [bigint, number] {
  const [, sign, whole, fraction = '', exponent = '0'] = DECIMAL.exec(text) ?? [];
  let digits = BigInt(`${whole ?? ''}${fraction}` || '0');
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return [sign === '-' ? -digits : digits, scale];
}
