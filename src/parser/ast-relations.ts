/**
 * Query-level nodes added for SQL breadth: joins and the FROM items that only make sense in them (temporal
 * tables, LATERAL TABLE), set operations, common table expressions, grouping sets and named windows. How they
 * hang off `Query` is documented on `Query` in `ast.ts`.
 */
import type { SourcePosition } from '../common/errors.js';
import type { WindowSpec } from './ast-expressions.js';
import type { Expression, FromItem, FunctionCall, Identifier, Node, OrderItem, Query, TableRef } from './ast.js';

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';

/**
 * `left [INNER | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER]] JOIN right ON cond | USING (a, b)`,
 * `left CROSS JOIN right` and the comma join `left, right` (CROSS with `implicit` true). Joins are
 * left-deep: `a JOIN b JOIN c` is `(a JOIN b) JOIN c`. The position is the join's first keyword (or the comma).
 */
export interface Join extends Node {
  readonly kind: 'join';
  readonly joinType: JoinType;
  readonly left: FromItem;
  readonly right: FromItem;
  /** The ON condition; null for CROSS / comma joins and for USING. */
  readonly condition: Expression | null;
  /** USING (a, b); empty otherwise. */
  readonly using: readonly Identifier[];
  /** Written as a comma (`FROM a, b`). */
  readonly implicit: boolean;
}

/** `rates FOR SYSTEM_TIME AS OF o.ts [AS r]`: the right side of a temporal join. Position of the table name. */
export interface TemporalTableRef extends Node {
  readonly kind: 'temporal-table';
  /** The table and its alias. */
  readonly table: TableRef;
  readonly asOf: Expression;
}

/** `LATERAL TABLE(f(x)) [AS] t [(a, b)]`: a table function call per row of the left side. Position of LATERAL. */
export interface LateralTable extends Node {
  readonly kind: 'lateral-table';
  readonly call: FunctionCall;
  readonly alias: Identifier | null;
  /** The column names of `AS t(a, b)`; empty when not given. */
  readonly columnAliases: readonly Identifier[];
}

/**
 * `VALUES (1, 'a'), (2, 'b')`: a constant table, a FROM item of its own. A query written as `VALUES …` is
 * `SELECT * FROM` this; a SELECT without FROM reads a one-row one-column instance. Position of VALUES.
 */
export interface ValuesTable extends Node {
  readonly kind: 'values';
  readonly rows: readonly (readonly Expression[])[];
}

/**
 * `UNNEST(expr) [WITH ORDINALITY] [AS] t [(a, b)]`: the elements of an ARRAY (a ROW element expanded to its
 * fields) or the entries of a MAP, one row each, per row of the left side. Position of UNNEST.
 */
export interface UnnestRef extends Node {
  readonly kind: 'unnest';
  readonly argument: Expression;
  /** `WITH ORDINALITY` was written (its position), which Flink 1.20 does not run. */
  readonly withOrdinality: SourcePosition | null;
  readonly alias: Identifier | null;
  /** The column names of `AS t(a, b)`; empty when not given. */
  readonly columnAliases: readonly Identifier[];
}

export type SetOperator = 'UNION' | 'INTERSECT' | 'EXCEPT';

/**
 * `left UNION [ALL | DISTINCT] right` (and INTERSECT, EXCEPT). INTERSECT binds tighter than UNION and EXCEPT;
 * each chain is left-deep. Each side is a complete Query (a single SELECT, a parenthesised query, or itself a
 * set operation). Position of the operator keyword.
 */
export interface SetOperation extends Node {
  readonly kind: 'set-operation';
  readonly op: SetOperator;
  /** UNION ALL; false for UNION and UNION DISTINCT. */
  readonly all: boolean;
  readonly left: Query;
  readonly right: Query;
}

/** `name [(a, b)] AS (query)` in a WITH clause. Position of the name. */
export interface CommonTableExpression extends Node {
  readonly kind: 'cte';
  readonly name: Identifier;
  readonly columns: readonly Identifier[];
  readonly query: Query;
}

/** `WINDOW w AS (PARTITION BY … ORDER BY …)`. Position of the name. */
export interface NamedWindow extends Node {
  readonly name: Identifier;
  readonly spec: WindowSpec;
}

/** The fully expanded grouping sets of a GROUP BY (see `Query.groupingSets`). */
export type GroupingSets = readonly (readonly Expression[])[];

/** Where the first GROUPING SETS / ROLLUP / CUBE / `()` of a GROUP BY was written. */
export type GroupingSetsPosition = SourcePosition;

/** One element of a MATCH_RECOGNIZE pattern: a variable and its quantifier (`A`, `B+`, `C{1,3}?`). Position of the variable. */
export interface PatternTerm extends Node {
  readonly variable: Identifier;
  readonly min: number;
  /** null: no upper bound. */
  readonly max: number | null;
  /** `*?`, `+?`, `{n,m}?`: as few rows as possible; greedy (as many as possible) otherwise. */
  readonly reluctant: boolean;
}

/** `AFTER MATCH SKIP …`: where the search for the next match starts. */
export type AfterMatchSkip =
  | { readonly kind: 'past-last-row' }
  | { readonly kind: 'to-next-row' }
  | { readonly kind: 'to-first' | 'to-last'; readonly variable: Identifier };

/** `expr AS name` in MEASURES. */
export interface Measure {
  readonly expr: Expression;
  readonly alias: Identifier;
}

/** `name AS condition` in DEFINE. */
export interface PatternDefinition {
  readonly variable: Identifier;
  readonly condition: Expression;
}

/**
 * `input MATCH_RECOGNIZE (PARTITION BY … ORDER BY … MEASURES … [ONE ROW PER MATCH] [AFTER MATCH SKIP …]
 * PATTERN (…) [WITHIN interval] DEFINE …) [[AS] alias]`: row pattern recognition over a table or subquery (ONE ROW
 * PER MATCH, as Flink). Position of MATCH_RECOGNIZE.
 */
export interface MatchRecognize extends Node {
  readonly kind: 'match-recognize';
  /** A table reference or a subquery, without an alias of its own. */
  readonly input: FromItem;
  readonly partitionBy: readonly Expression[];
  readonly orderBy: readonly OrderItem[];
  readonly measures: readonly Measure[];
  /** null: not written (SKIP TO NEXT ROW, Flink's default). */
  readonly afterMatch: AfterMatchSkip | null;
  readonly pattern: readonly PatternTerm[];
  /** `WITHIN INTERVAL '1' HOUR`; null when not written. */
  readonly within: Expression | null;
  readonly define: readonly PatternDefinition[];
  readonly alias: Identifier | null;
}
