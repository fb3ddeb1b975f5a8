/**
 * Builds function calls from their written arguments, including the SQL special forms whose arguments are
 * separated by keywords (`EXTRACT(HOUR FROM ts)`, `SUBSTRING(s FROM 2 FOR 3)`, `OVERLAY(s PLACING r FROM 2)`, `POSITION('a' IN s)`,
 * `TRIM(BOTH 'x' FROM s)`, `FLOOR(ts TO HOUR)`) and the calls that take a time unit (`TIMESTAMPADD(HOUR, 1, ts)`).
 * The keywords become ordinary arguments (time units and trim modes as `symbol` nodes), so the result is a plain
 * `call`; `ROW(a, b)` becomes a `constructor`.
 */
import { SqlSyntaxError, type SourcePosition } from '../common/errors.js';
import type { Expression, FunctionCall, Identifier, SymbolExpr } from './ast.js';
import { JSON_QUERY_FUNCTIONS, readJsonClauses, type JsonClauseWord } from './json-call-clauses.js';

export type CallSeparator = ',' | 'FROM' | 'FOR' | 'IN' | 'TO' | 'VALUE' | 'PLACING';

export interface WrittenCallArgument {
  /** The keyword or comma before the argument; null for the first one. */
  readonly separator: CallSeparator | null;
  readonly separatorPosition: SourcePosition | null;
  readonly value: Expression;
}

export interface WrittenCall {
  readonly name: Identifier;
  readonly star: boolean;
  readonly distinct: boolean;
  /** BOTH / LEADING / TRAILING written first in TRIM(…). */
  readonly trimMode: SymbolExpr | null;
  /** `NULL ON NULL` / `ABSENT ON NULL` written last in JSON_OBJECT(…) / JSON_ARRAY(…). */
  readonly onNull: SymbolExpr | null;
  readonly args: readonly WrittenCallArgument[];
  /** `RESPECT NULLS` / `IGNORE NULLS` written in or after ARRAY_AGG(…). */
  readonly nullTreatment: SymbolExpr | null;
  /** The words of JSON_VALUE / JSON_QUERY / JSON_EXISTS clauses after the last argument. */
  readonly jsonWords: readonly JsonClauseWord[];
}

/** The time units accepted where a unit is expected (the binder decides which it supports). */
export const TIME_UNITS: readonly string[] = [
  'MILLENNIUM', 'CENTURY', 'DECADE', 'YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND',
  'MILLISECOND', 'MICROSECOND', 'NANOSECOND', 'DOW', 'DOY', 'ISODOW', 'ISOYEAR', 'EPOCH',
];

/** The keyword separators each special form takes, in order (`,` calls take only commas). */
const SPECIAL_FORMS: Readonly<Record<string, readonly (readonly CallSeparator[])[]>> = {
  EXTRACT: [['FROM']],
  SUBSTRING: [['FROM'], ['FROM', 'FOR']],
  OVERLAY: [['PLACING', 'FROM'], ['PLACING', 'FROM', 'FOR']],
  POSITION: [['IN']],
  TRIM: [['FROM']],
  FLOOR: [['TO']],
  CEIL: [['TO']],
  CEILING: [['TO']],
};
const UNIT_FIRST = new Set(['TIMESTAMPADD', 'TIMESTAMPDIFF']);
/** Called without parentheses: `CURRENT_TIMESTAMP`. */
export const NILADIC_FUNCTIONS: ReadonlySet<string> = new Set([
  'CURRENT_TIMESTAMP', 'LOCALTIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME',
]);

export function buildCall(written: WrittenCall): Expression {
  const { name } = written;
  const upper = name.name.toUpperCase();
  const position = name.position;
  if (written.trimMode !== null && upper !== 'TRIM') {
    throw new SqlSyntaxError(`Unexpected '${written.trimMode.name}' in the arguments of ${name.name}`, {
      position: written.trimMode.position,
    });
  }
  if (written.distinct && written.args.length === 0) {
    throw new SqlSyntaxError(`Expected an argument after DISTINCT in ${name.name}(…)`, { position });
  }
  const firstWord = written.jsonWords[0];
  if (firstWord !== undefined && !JSON_QUERY_FUNCTIONS.has(upper)) {
    throw new SqlSyntaxError(`Unexpected '${firstWord.word}' in the arguments of ${name.name}`, { position: firstWord.position });
  }
  if (JSON_QUERY_FUNCTIONS.has(upper) && !written.star && !written.distinct && written.args.slice(1).every((arg) => arg.separator === ',')) {
    const args = written.args.map((arg) => arg.value);
    return { kind: 'call', name, args, distinct: false, star: false, position, json: readJsonClauses(upper, written.jsonWords) };
  }
  if (upper === 'JSON_OBJECT' || upper === 'JSON_ARRAY') return jsonConstructorCall(written, upper);
  if (upper === 'JSON_OBJECTAGG' && !written.star) {
    // JSON_OBJECTAGG([KEY] k VALUE v [NULL | ABSENT ON NULL]) becomes JSON_OBJECTAGG(ROW(k, v), mode), NULL ON NULL by
    // default: one argument, as every aggregate takes.
    const [key, value] = written.args;
    if (written.args.length !== 2 || value!.separator !== 'VALUE') {
      throw new SqlSyntaxError('Expected JSON_OBJECTAGG([KEY] key VALUE value [NULL | ABSENT ON NULL])', { position: name.position });
    }
    const mode: SymbolExpr = written.onNull ?? { kind: 'symbol', name: 'NULL ON NULL', position: name.position };
    const pair: Expression = { kind: 'constructor', type: 'ROW', args: [key!.value, value!.value], position: key!.value.position };
    return { kind: 'call', name, args: [pair, mode], distinct: written.distinct, star: false, position: name.position };
  }
  if (upper === 'JSON_ARRAYAGG' && !written.star) {
    // JSON_ARRAYAGG(value [NULL | ABSENT ON NULL]) becomes JSON_ARRAYAGG(value, mode), ABSENT ON NULL by default.
    if (written.args.length !== 1) throw new SqlSyntaxError('Expected JSON_ARRAYAGG(value [NULL | ABSENT ON NULL])', { position: name.position });
    const mode: SymbolExpr = written.onNull ?? { kind: 'symbol', name: 'ABSENT ON NULL', position: name.position };
    return { kind: 'call', name, args: [written.args[0]!.value, mode], distinct: written.distinct, star: false, position: name.position };
  }
  if (written.nullTreatment !== null && upper !== 'ARRAY_AGG') {
    throw new SqlSyntaxError(`Unexpected '${written.nullTreatment.name}' in ${name.name}(…): only ARRAY_AGG takes it`, { position: written.nullTreatment.position });
  }
  if (upper === 'ARRAY_AGG' && !written.star) {
    // ARRAY_AGG([ALL | DISTINCT] value [RESPECT NULLS | IGNORE NULLS]) becomes ARRAY_AGG(value, mode), RESPECT NULLS by default.
    if (written.args.length !== 1) throw new SqlSyntaxError('Expected ARRAY_AGG([ALL | DISTINCT] value [RESPECT NULLS | IGNORE NULLS])', { position: name.position });
    const mode: SymbolExpr = written.nullTreatment ?? { kind: 'symbol', name: 'RESPECT NULLS', position: name.position };
    return { kind: 'call', name, args: [written.args[0]!.value, mode], distinct: written.distinct, star: false, position: name.position };
  }
  if (written.onNull !== null) {
    throw new SqlSyntaxError(`Unexpected '${written.onNull.name}' in the arguments of ${name.name}`, { position: written.onNull.position });
  }
  const keywords = written.args.slice(1).map((arg) => arg.separator).filter((sep) => sep !== ',');
  let args = written.args.map((arg) => arg.value);
  if (keywords.length > 0 || written.trimMode !== null) {
    args = specialFormArgs(written, upper);
  } else if (upper === 'POSITION') {
    args = positionWithParenthesisedString(args);
  } else if (UNIT_FIRST.has(upper) && args[0] !== undefined) {
    args = [timeUnit(args[0], upper), ...args.slice(1)];
  }
  if (upper === 'ROW' && !name.quoted && !written.star && !written.distinct) {
    return { kind: 'constructor', type: 'ROW', args, position };
  }
  const call: FunctionCall = { kind: 'call', name, args, distinct: written.distinct, star: written.star, position };
  return call;
}

/**
 * JSON_OBJECT([KEY] k VALUE v, … [NULL | ABSENT ON NULL]) becomes JSON_OBJECT(mode, k1, v1, k2, v2, …) and
 * JSON_ARRAY(v, … [NULL | ABSENT ON NULL]) becomes JSON_ARRAY(mode, v, …); the mode is a `symbol` (Flink's defaults:
 * NULL ON NULL for objects, ABSENT ON NULL for arrays).
 */
function jsonConstructorCall(written: WrittenCall, upper: string): FunctionCall {
  const { name } = written;
  const isObject = upper === 'JSON_OBJECT';
  if (written.star || written.distinct) throw new SqlSyntaxError(`Unexpected '${written.star ? '*' : 'DISTINCT'}' in ${name.name}(…)`, { position: name.position });
  written.args.forEach((arg, i) => {
    const expected: CallSeparator | null = i === 0 ? null : isObject && i % 2 === 1 ? 'VALUE' : ',';
    if (arg.separator !== expected) {
      const shape = isObject ? 'JSON_OBJECT([KEY] key VALUE value, …)' : 'JSON_ARRAY(value, …)';
      throw new SqlSyntaxError(`Expected ${shape}`, { position: arg.separatorPosition ?? arg.value.position ?? name.position });
    }
  });
  if (isObject && written.args.length % 2 === 1) {
    throw new SqlSyntaxError('Expected VALUE after the last key of JSON_OBJECT', { position: written.args.at(-1)!.value.position ?? name.position });
  }
  const mode: SymbolExpr = written.onNull ?? { kind: 'symbol', name: isObject ? 'NULL ON NULL' : 'ABSENT ON NULL', position: name.position };
  const args = [mode, ...written.args.map((arg) => arg.value)];
  return { kind: 'call', name, args, distinct: false, star: false, position: name.position };
}

function specialFormArgs(written: WrittenCall, upper: string): Expression[] {
  if (written.trimMode !== null) {
    // The grammar gives `TRIM(mode [chars] FROM s)`: the last argument is the string.
    return trimArgs(written, written.trimMode, written.args.map((arg) => arg.value));
  }
  const forms = SPECIAL_FORMS[upper] ?? [];
  const separators = written.args.slice(1).map((arg) => arg.separator);
  const matches = forms.some((form) => form.length === separators.length && form.every((sep, i) => sep === separators[i]));
  if (!matches) {
    const offending = written.args.slice(1).find((arg) => arg.separator !== ',') ?? written.args[1];
    const where = offending?.separatorPosition ?? written.name.position;
    const expected = forms.length === 0 ? 'commas between arguments' : forms.map((form) => form.join(' … ')).join(' or ');
    throw new SqlSyntaxError(`Unexpected '${offending?.separator ?? 'FROM'}' in the arguments of ${written.name.name}`, {
      position: where,
      hint: `${written.name.name} takes ${expected}`,
    });
  }
  const values = written.args.map((arg) => arg.value);
  switch (upper) {
    case 'EXTRACT':
      return [timeUnit(values[0] as Expression, upper), values[1] as Expression];
    case 'FLOOR':
    case 'CEIL':
    case 'CEILING':
      return [values[0] as Expression, timeUnit(values[1] as Expression, upper)];
    case 'TRIM':
      return trimArgs(written, { kind: 'symbol', name: 'BOTH', position: written.name.position }, values);
    default:
      return values;
  }
}

function trimArgs(written: WrittenCall, mode: SymbolExpr, values: readonly Expression[]): Expression[] {
  const position = written.name.position;
  const chars: Expression = values.length === 2 ? (values[0] as Expression) : { kind: 'literal', type: 'string', text: ' ', position };
  return [mode, chars, values[values.length - 1] as Expression];
}

/** `POSITION(a IN (s))` reads as an IN list of one element; it means POSITION(a, s). */
function positionWithParenthesisedString(args: Expression[]): Expression[] {
  const [only] = args;
  if (args.length === 1 && only?.kind === 'in-list' && !only.negated && only.list.length === 1) {
    return [only.operand, only.list[0] as Expression];
  }
  return args;
}

function timeUnit(arg: Expression, fn: string): SymbolExpr {
  if (arg.kind === 'column' && arg.path.length === 1 && !arg.path[0]!.quoted) {
    const unit = arg.path[0]!.name.toUpperCase();
    if (TIME_UNITS.includes(unit)) return { kind: 'symbol', name: unit, position: arg.position };
  }
  throw new SqlSyntaxError(`Expected a time unit such as SECOND, MINUTE, HOUR, DAY, MONTH or YEAR in ${fn}`, {
    position: arg.position,
  });
}
