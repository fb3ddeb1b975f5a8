/**
 * Bound scalar expressions: the planner produces them fully typed, the runtime evaluates them vectorised over
 * Arrow batches (`src/runtime/expr/`). Operands are already coerced by the binder: arithmetic and comparison
 * operands have the same type family (both numeric of the same kind, or DECIMALs of any scale, or TIMESTAMP with
 * INTERVAL for `+`/`-`), so the evaluator never guesses.
 */
import type { DataType } from '../common/types.js';
import type { Value } from '../common/values.js';

export type ScalarOp =
  // arithmetic: INT, BIGINT, DOUBLE (same type on both sides) or DECIMAL (any scales; result type given)
  | 'add' | 'subtract' | 'multiply' | 'divide' | 'modulo' | 'negate'
  // TIMESTAMP ± INTERVAL → TIMESTAMP (left is the timestamp)
  | 'timestamp-add-interval' | 'timestamp-subtract-interval'
  // TIME ± INTERVAL → TIME (left is the time): a time of day, wrapping around midnight
  | 'time-add-interval' | 'time-subtract-interval'
  // comparison: both operands of the same type (DECIMALs may differ in scale) → BOOLEAN
  | 'equal' | 'not-equal' | 'less' | 'less-equal' | 'greater' | 'greater-equal'
  // three-valued logic
  | 'and' | 'or' | 'not'
  | 'is-null' | 'is-not-null'
  // STRING || STRING
  | 'concat'
  // built-in functions (runtime/expr/functions.ts)
  | FunctionOp;

/** The operators of the built-in scalar functions: UPPER(s) is a call of 'upper', and so on. */
export type FunctionOp =
  | 'upper' | 'lower' | 'char-length' | 'initcap' | 'trim-both' | 'trim-leading' | 'trim-trailing'
  | 'substring' | 'replace' | 'concat-ws' | 'lpad' | 'rpad' | 'position' | 'like' | 'similar'
  | 'abs' | 'power' | 'sqrt' | 'exp' | 'sin' | 'cos' | 'tan' | 'cot' | 'asin' | 'acos' | 'atan' | 'atan2' | 'sinh' | 'cosh' | 'tanh' | 'degrees' | 'radians' | 'e' | 'ln' | 'log10' | 'log2' | 'ceil' | 'floor' | 'round' | 'sign' | 'pi'
  | 'greatest' | 'least'
  // the wall clock (NOW(), CURRENT_TIMESTAMP, LOCALTIMESTAMP), read per row
  | 'now'
  // date and time (units are STRING literal arguments: 'HOUR', …)
  | 'extract' | 'floor-time' | 'ceil-time' | 'timestamp-add' | 'timestamp-diff' | 'date-format' | 'to-timestamp'
  | 'unix-timestamp' | 'from-unixtime'
  // TO_TIMESTAMP_LTZ(numeric, precision): epoch seconds (precision 0) or milliseconds (3) → TIMESTAMP_LTZ(3)
  | 'to-timestamp-ltz'
  // ROW, ARRAY and MAP (runtime/expr/collection-functions.ts); row-field's second argument is an INT literal index
  | 'row-field' | 'array-element' | 'map-value' | 'row-constructor' | 'array-constructor' | 'map-constructor' | 'cardinality'
  | 'array-contains' | 'array-reverse' | 'map-keys' | 'map-values'
  // regular expressions, hashing, base64 and more strings (runtime/expr/text-functions.ts); 'hash' takes the algorithm first
  | 'regexp' | 'regexp-extract' | 'regexp-replace' | 'split-index' | 'hash' | 'hash-code' | 'to-base64' | 'from-base64'
  | 'reverse' | 'repeat' | 'left' | 'right' | 'ascii' | 'chr'
  // Flink's string functions (runtime/expr/string-functions.ts, url-functions.ts); INSTR is a 'locate'
  | 'bin' | 'hex' | 'locate' | 'str-to-map' | 'split' | 'parse-url' | 'is-alpha' | 'is-decimal' | 'is-digit' | 'encode' | 'decode'
  | 'convert-tz' | 'uuid' | 'overlay'
  // ARRAY_* and MAP_* (runtime/expr/array-functions.ts)
  | 'array-append' | 'array-prepend' | 'array-concat' | 'array-distinct' | 'array-except' | 'array-intersect' | 'array-union'
  | 'array-join' | 'array-max' | 'array-min' | 'array-position' | 'array-remove' | 'array-slice' | 'array-sort' | 'map-entries'
  | 'map-from-arrays' | 'map-union' | 'element'
  // more math; RAND and RAND_INTEGER take an optional literal seed first
  | 'log' | 'truncate' | 'rand' | 'rand-integer'
  // JSON (runtime/expr/json-functions.ts, json-query-functions.ts); json-value / json-query / json-exists take their
  // clauses as a STRING literal (a JsonCallSpec), is-json its kind ('VALUE', 'SCALAR', 'ARRAY', 'OBJECT')
  | 'json-value' | 'json-query' | 'json-exists' | 'json-string' | 'json-array' | 'json-object' | 'is-json'
  // CURRENT_WATERMARK(rowtime), no arguments: the watermark in force before the row (NULL before any), which the
  // operator evaluating it supplies (runtime/expr/evaluate.ts: WATERMARK_COLUMN)
  | 'current-watermark'
  // a user-defined scalar function: the first argument is its id (a STRING literal), the rest its arguments
  | 'udf';

export type Expr = ColumnExpr | LiteralExpr | CallExpr | CaseExpr | CastExpr;

export interface ColumnExpr {
  readonly kind: 'column';
  /** Index into the input schema. */
  readonly index: number;
  readonly type: DataType;
}

export interface LiteralExpr {
  readonly kind: 'literal';
  /** In the runtime representation of `type` (see `src/common/values.ts`). */
  readonly value: Value;
  readonly type: DataType;
}

export interface CallExpr {
  readonly kind: 'call';
  readonly op: ScalarOp;
  readonly args: readonly Expr[];
  readonly type: DataType;
}

export interface CaseExpr {
  readonly kind: 'case';
  /** Searched form: each `when` is BOOLEAN; the first TRUE one wins. Results are coerced to `type`. */
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly otherwise: Expr | null;
  readonly type: DataType;
}

export interface CastExpr {
  readonly kind: 'cast';
  readonly arg: Expr;
  readonly type: DataType;
  /** TRY_CAST: a value that cannot be converted gives NULL instead of failing the job. */
  readonly orNull?: boolean;
  /** The session time zone, for casts to or from TIMESTAMP_LTZ (set when the job is planned; absent: UTC). */
  readonly zone?: string;
}

/**
 * The id a session registers a user-defined scalar or table function under: unique to its engine (the runtime's
 * registry is shared by every engine in the process), ending with the function's name in upper case.
 */
export function userFunctionId(enginePrefix: string, name: string): string {
  return `${enginePrefix}:${name.toUpperCase()}`;
}

/** The function's name in upper case, from its id (the same in every engine that registers it). */
export function userFunctionName(id: string): string {
  return id.slice(id.lastIndexOf(':') + 1);
}

/**
 * Operators whose value is not a function of their arguments: the clock, random numbers, UUID(), the watermark and
 * user functions.
 */
export function isNonDeterministicOp(op: ScalarOp): boolean {
  return op === 'now' || op === 'rand' || op === 'rand-integer' || op === 'uuid' || op === 'current-watermark' || op === 'udf';
}

export function columnExpr(index: number, type: DataType): ColumnExpr {
  return { kind: 'column', index, type };
}

export function literalExpr(value: Value, type: DataType): LiteralExpr {
  return { kind: 'literal', value, type };
}
