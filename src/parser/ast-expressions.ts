/**
 * Expression nodes added for the windows family and SQL breadth (part of the `Expression` union in `ast.ts`):
 * predicates (BETWEEN, IN, EXISTS, LIKE, IS DISTINCT FROM, IS TRUE), TRY_CAST, element and field access,
 * ARRAY / MAP / ROW constructors, symbolic arguments (`HOUR` in `EXTRACT(HOUR FROM ts)`), binary and year-month
 * interval literals, and OVER windows. Every node has the position of its first token.
 */
import type { Expression, FunctionCall, Identifier, Node, OrderItem, Query, TypeName } from './ast.js';

/** `a [NOT] BETWEEN [SYMMETRIC | ASYMMETRIC] low AND high`. */
export interface BetweenExpr extends Node {
  readonly kind: 'between';
  readonly operand: Expression;
  readonly low: Expression;
  readonly high: Expression;
  readonly negated: boolean;
  /** BETWEEN SYMMETRIC: the bounds may be given in either order. */
  readonly symmetric: boolean;
}

/** `a [NOT] IN (1, 2, 3)`. */
export interface InListExpr extends Node {
  readonly kind: 'in-list';
  readonly operand: Expression;
  readonly list: readonly Expression[];
  readonly negated: boolean;
}

/** `a [NOT] IN (SELECT …)`. */
export interface InSubqueryExpr extends Node {
  readonly kind: 'in-subquery';
  readonly operand: Expression;
  readonly query: Query;
  readonly negated: boolean;
}

/** `(SELECT AVG(price) FROM bids)` as a value: a scalar subquery. */
export interface ScalarSubqueryExpr extends Node {
  readonly kind: 'scalar-subquery';
  readonly query: Query;
}

/** `EXISTS (SELECT …)`; `NOT EXISTS` is a unary NOT around it. */
export interface ExistsExpr extends Node {
  readonly kind: 'exists';
  readonly query: Query;
}

/** `a [NOT] LIKE pattern [ESCAPE '\']` and `a [NOT] SIMILAR TO pattern [ESCAPE …]`. */
export interface LikeExpr extends Node {
  readonly kind: 'like';
  readonly operator: 'LIKE' | 'SIMILAR TO';
  readonly operand: Expression;
  readonly pattern: Expression;
  readonly escape: Expression | null;
  readonly negated: boolean;
}

/** `a IS [NOT] DISTINCT FROM b`: `negated` for IS NOT DISTINCT FROM (null-safe equality). */
export interface IsDistinctFromExpr extends Node {
  readonly kind: 'is-distinct-from';
  readonly left: Expression;
  readonly right: Expression;
  readonly negated: boolean;
}

/** `x IS [NOT] TRUE | FALSE | UNKNOWN`. */
export interface IsTruthExpr extends Node {
  readonly kind: 'is-truth';
  readonly operand: Expression;
  readonly value: 'TRUE' | 'FALSE' | 'UNKNOWN';
  readonly negated: boolean;
}

/** `TRY_CAST(x AS type)`: like CAST, but NULL where the conversion fails. */
export interface TryCastExpr extends Node {
  readonly kind: 'try-cast';
  readonly operand: Expression;
  readonly type: TypeName;
}

/** `arr[1]`, `m['k']`: position of the operand. */
export interface ElementAccessExpr extends Node {
  readonly kind: 'element-access';
  readonly operand: Expression;
  readonly index: Expression;
}

/**
 * `(r).f`, `f(x).g`, `arr[1].g`: a field of a ROW value that is not a plain column path (`r.f.g` stays a
 * `column` with a three-part path; the binder decides what the parts are).
 */
export interface FieldAccessExpr extends Node {
  readonly kind: 'field-access';
  readonly operand: Expression;
  readonly field: Identifier;
}

/** `ARRAY[1, 2]`, `MAP['a', 1, 'b', 2]` (keys and values alternate), `ROW(a, b)`. */
export interface ConstructorExpr extends Node {
  readonly kind: 'constructor';
  readonly type: 'ARRAY' | 'MAP' | 'ROW';
  readonly args: readonly Expression[];
}

/**
 * A keyword argument of a special function form, upper-cased: the time unit of `EXTRACT(HOUR FROM ts)`,
 * `FLOOR(ts TO HOUR)`, `TIMESTAMPADD(HOUR, 1, ts)`, `TIMESTAMPDIFF(SECOND, a, b)`, or the mode of
 * `TRIM(BOTH 'x' FROM s)`. It appears only among the `args` of a `call`.
 */
export interface SymbolExpr extends Node {
  readonly kind: 'symbol';
  readonly name: string;
}

/** `x'0AFF'`: `hex` holds the digits, upper-cased (an even number of them). */
export interface BinaryLiteral extends Node {
  readonly kind: 'binary-literal';
  readonly hex: string;
}

export type YearMonthUnit = 'YEAR' | 'MONTH';

/**
 * `INTERVAL '2' YEAR`, `INTERVAL '3' MONTHS`, `INTERVAL '1-6' YEAR TO MONTH`. Day-time intervals
 * (DAY … SECOND, including `DAY TO SECOND`, `HOUR TO MINUTE`) stay `interval` nodes.
 */
export interface YearMonthIntervalLiteral extends Node {
  readonly kind: 'year-month-interval';
  readonly text: string;
  readonly sign: 1 | -1;
  readonly unit: YearMonthUnit;
  readonly toUnit?: 'MONTH';
  /** The leading field's precision, `YEAR(4)` (digits it may have; Flink's default is 2). */
  readonly precision?: number;
}

/** `f(args) OVER (…)` or `f(args) OVER w`: ROW_NUMBER(), RANK(), DENSE_RANK(), aggregates over a window. */
export interface OverExpr extends Node {
  readonly kind: 'over';
  readonly call: FunctionCall;
  readonly window: WindowSpec;
}

/**
 * A window specification. `OVER w` is a spec with `name` = w and nothing else; `OVER (PARTITION BY …)` has
 * `name` null. Specs in a `WINDOW w AS (…)` clause are the same structure.
 */
export interface WindowSpec extends Node {
  readonly kind: 'window-spec';
  /** The named window referred to (`OVER w`), or null for an inline spec. */
  readonly name: Identifier | null;
  readonly partitionBy: readonly Expression[];
  readonly orderBy: readonly OrderItem[];
  readonly frame: WindowFrame | null;
}

/** `ROWS BETWEEN 10 PRECEDING AND CURRENT ROW`; `ROWS 10 PRECEDING` is the same with end CURRENT ROW. */
export interface WindowFrame extends Node {
  readonly units: 'ROWS' | 'RANGE';
  readonly start: FrameBound;
  readonly end: FrameBound;
}

export interface FrameBound extends Node {
  readonly kind: 'unbounded-preceding' | 'preceding' | 'current-row' | 'following' | 'unbounded-following';
  /** The `10` of `10 PRECEDING`, the interval of `INTERVAL '1' HOUR PRECEDING`; null for the other kinds. */
  readonly offset: Expression | null;
}
