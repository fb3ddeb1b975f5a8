/**
 * The typed AST produced by the parser. Every node has a `kind` tag and the position of its first token.
 * Identifiers keep their original spelling; the binder resolves them case-insensitively (like Flink's
 * default unquoted-identifier handling for catalogs is not: Flink is case-sensitive for identifiers;
 * Sluice resolves exact matches first, then case-insensitive ones, and reports ambiguity).
 */
import type { SourcePosition } from '../common/errors.js';
import type {
  BetweenExpr, BinaryLiteral, ConstructorExpr, ElementAccessExpr, ExistsExpr, FieldAccessExpr, InListExpr, ScalarSubqueryExpr,
  InSubqueryExpr, IsDistinctFromExpr, IsTruthExpr, LikeExpr, OverExpr, SymbolExpr, TryCastExpr,
  YearMonthIntervalLiteral,
} from './ast-expressions.js';
import type {
  CommonTableExpression, GroupingSets, GroupingSetsPosition, Join, LateralTable, MatchRecognize, NamedWindow, SetOperation, UnnestRef,
  ValuesTable,
  TemporalTableRef,
} from './ast-relations.js';
import type {
  AlterTable, AlterTableAction, ExplainDetail, ShowCatalogs, ColumnMetadata, CreateFunction, DropFunction, ExplainStatementSet, ShowColumns, ShowCreate, ShowFunctions, ShowJobs, ShowPartitions,
  ShowViews, ShowWatermarks, StatementSet, TableLike, UseCatalog, UseDatabase,
} from './ast-statements.js';

// The nodes added after the first release live in ast-expressions.ts, ast-relations.ts and ast-statements.ts;
// they are part of the unions below and re-exported here.
export type * from './ast-expressions.js';
export type * from './ast-relations.js';
export type * from './ast-statements.js';

export interface Node {
  readonly position: SourcePosition;
}

export interface Identifier extends Node {
  readonly kind: 'identifier';
  /** Unquoted text as written, or the content of a backquoted identifier. */
  readonly name: string;
  readonly quoted: boolean;
}

// ---------- types in DDL and CAST ----------

export interface TypeName extends Node {
  readonly kind: 'type';
  /** Upper-cased base name: BOOLEAN, INT, INTEGER, BIGINT, DOUBLE, DECIMAL, DEC, NUMERIC, STRING, VARCHAR, CHAR, TIMESTAMP, … */
  readonly name: string;
  /** Parameters in parentheses, e.g. DECIMAL(10, 2) → [10, 2]; TIMESTAMP(3) → [3]. */
  readonly params: readonly number[];
  /** `NOT NULL` was written after the type. */
  readonly notNull: boolean;
  /** ROW: its fields in order. */
  readonly fields?: readonly { readonly name: Identifier; readonly type: TypeName }[];
  /** ARRAY: [element type]; MAP: [key type, value type]. */
  readonly elements?: readonly TypeName[];
}

// ---------- expressions ----------

export type Expression =
  | ColumnRef
  | Literal
  | IntervalLiteral
  | UnaryExpr
  | BinaryExpr
  | IsNullExpr
  | CaseExpr
  | CastExpr
  | FunctionCall
  | StarExpr
  | BetweenExpr
  | InListExpr
  | InSubqueryExpr
  | ExistsExpr
  | ScalarSubqueryExpr
  | LikeExpr
  | IsDistinctFromExpr
  | IsTruthExpr
  | TryCastExpr
  | ElementAccessExpr
  | FieldAccessExpr
  | ConstructorExpr
  | SymbolExpr
  | BinaryLiteral
  | YearMonthIntervalLiteral
  | OverExpr;

export interface ColumnRef extends Node {
  readonly kind: 'column';
  /** `price` → [price]; `b.price` → [b, price]. */
  readonly path: readonly Identifier[];
}

export interface Literal extends Node {
  readonly kind: 'literal';
  /** `number` literals keep their text so that DECIMAL and BIGINT literals stay exact. */
  readonly type: 'number' | 'string' | 'boolean' | 'null';
  /** number: the literal text (`12`, `4.00`, `1e3`); string: the unescaped content; boolean: 'TRUE' | 'FALSE'; null: 'NULL'. */
  readonly text: string;
}

/**
 * TIMESTAMP '2020-04-15 08:05:00' style typed literals are represented as CAST(string AS TIMESTAMP(3));
 * `DATE '2020-01-01'` as CAST(string AS DATE) and `TIME '10:00:00'` as CAST(string AS TIME).
 */

export type IntervalUnit = 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY';

/**
 * `INTERVAL '10' MINUTE`, `INTERVAL '1:30' MINUTE TO SECOND`, `INTERVAL '2' HOURS`. Plural unit forms are
 * normalised to the singular. `text` is the unparsed string content; the binder parses it against the units.
 */
export interface IntervalLiteral extends Node {
  readonly kind: 'interval';
  readonly text: string;
  readonly sign: 1 | -1;
  readonly unit: IntervalUnit;
  /** For `… MINUTE TO SECOND`. */
  readonly toUnit?: IntervalUnit;
  /** The leading field's precision, `DAY(3)` (digits it may have; Flink's default is 2). */
  readonly precision?: number;
  /** The fraction digits of SECOND, `SECOND(2, 3)` or `… TO SECOND(3)`. */
  readonly fractionalPrecision?: number;
}

export interface UnaryExpr extends Node {
  readonly kind: 'unary';
  readonly op: 'NOT' | '-' | '+';
  readonly operand: Expression;
}

export type BinaryOp =
  | 'OR' | 'AND'
  | '=' | '<>' | '<' | '<=' | '>' | '>='
  | '+' | '-' | '*' | '/' | '%'
  | '||';

export interface BinaryExpr extends Node {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expression;
  readonly right: Expression;
}

export interface IsNullExpr extends Node {
  readonly kind: 'is-null';
  readonly operand: Expression;
  readonly negated: boolean;
}

export interface CaseExpr extends Node {
  readonly kind: 'case';
  /** `CASE x WHEN 1 THEN …` has an operand; searched `CASE WHEN cond THEN …` does not. */
  readonly operand: Expression | null;
  readonly whens: readonly { readonly when: Expression; readonly then: Expression }[];
  readonly else: Expression | null;
}

export interface CastExpr extends Node {
  readonly kind: 'cast';
  readonly operand: Expression;
  readonly type: TypeName;
}

/**
 * Any `name(args)`: scalar functions, aggregates (COUNT, SUM, …), window functions used in GROUP BY (TUMBLE(…)), DESCRIPTOR(…).
 * Also the niladic CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_DATE, CURRENT_TIME, LOCALTIME (no parentheses,
 * no args) and the special forms, with their keywords turned into ordinary arguments:
 * `EXTRACT(HOUR FROM ts)` → EXTRACT(symbol HOUR, ts); `FLOOR(ts TO HOUR)` / `CEIL(…)` → FLOOR(ts, symbol HOUR);
 * `POSITION(a IN s)` → POSITION(a, s); `SUBSTRING(s FROM 2 FOR 3)` → SUBSTRING(s, 2, 3);
 * `TRIM([BOTH | LEADING | TRAILING] [chars] FROM s)` → TRIM(symbol BOTH, chars (default ' '), s);
 * `TIMESTAMPADD(HOUR, 1, ts)` / `TIMESTAMPDIFF(SECOND, a, b)` → first argument a symbol.
 * `GROUPING(a, b)` and `GROUPING_ID(…)` are ordinary calls. `COUNT(ALL x)` is COUNT(x).
 */
export interface FunctionCall extends Node {
  readonly kind: 'call';
  /** The function name as written (resolve case-insensitively). */
  readonly name: Identifier;
  readonly args: readonly Expression[];
  /** COUNT(DISTINCT x). */
  readonly distinct: boolean;
  /** COUNT(*): args is empty and star is true. */
  readonly star: boolean;
  /** `COUNT(*) FILTER (WHERE cond)`; absent when not written. */
  readonly filter?: Expression;
  /** The clauses of JSON_VALUE / JSON_QUERY / JSON_EXISTS (`RETURNING INT`, `WITH WRAPPER`, `NULL ON EMPTY`, …). */
  readonly json?: JsonCallClauses;
}

/** The clauses written after the path of JSON_VALUE, JSON_QUERY or JSON_EXISTS (each null when not written). */
export interface JsonCallClauses {
  readonly returning: TypeName | null;
  readonly wrapper: { readonly mode: 'WITHOUT' | 'CONDITIONAL' | 'UNCONDITIONAL'; readonly position: SourcePosition } | null;
  readonly onEmpty: JsonBehavior | null;
  readonly onError: JsonBehavior | null;
}

/** `NULL | ERROR | TRUE | FALSE | UNKNOWN | EMPTY ARRAY | EMPTY OBJECT | DEFAULT expr` before ON EMPTY / ON ERROR. */
export interface JsonBehavior {
  readonly behavior: 'NULL' | 'ERROR' | 'TRUE' | 'FALSE' | 'UNKNOWN' | 'EMPTY ARRAY' | 'EMPTY OBJECT' | 'DEFAULT';
  /** The expression after DEFAULT. */
  readonly value: Expression | null;
  readonly position: SourcePosition;
}

/** `*` or `t.*` in a select list. */
export interface StarExpr extends Node {
  readonly kind: 'star';
  readonly qualifier: Identifier | null;
}

// ---------- queries ----------

export interface SelectItem extends Node {
  readonly kind: 'select-item';
  readonly expr: Expression;
  readonly alias: Identifier | null;
}

export type FromItem = TableRef | WindowTvf | SubqueryRef | Join | TemporalTableRef | LateralTable | UnnestRef | ValuesTable | MatchRecognize;

export interface TableRef extends Node {
  readonly kind: 'table-ref';
  readonly name: Identifier;
  readonly alias: Identifier | null;
}

export interface SubqueryRef extends Node {
  readonly kind: 'subquery';
  readonly query: Query;
  readonly alias: Identifier | null;
  /** `AS t (a, b)`: new names for the subquery's columns, all of them, in order; absent when not given. */
  readonly columnAliases?: readonly Identifier[];
}

/**
 * A window table-valued function in FROM: `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTE))`
 * (the outer `TABLE(...)` optional). The first argument is `TABLE name` or a parenthesised subquery;
 * named arguments (`DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => …`) are allowed, as in Flink.
 */
export interface WindowTvf extends Node {
  readonly kind: 'window-tvf';
  /** Upper-cased: TUMBLE, HOP, CUMULATE, SESSION. */
  readonly fn: string;
  readonly fnPosition: SourcePosition;
  readonly input: TableRef | SubqueryRef;
  /** SESSION(TABLE t PARTITION BY k, …). */
  readonly partitionBy: readonly ColumnRef[];
  readonly descriptor: ColumnRef;
  /** The remaining arguments in order (sizes, slides, offsets), positional or named. */
  readonly args: readonly TvfArgument[];
  readonly alias: Identifier | null;
}

export interface TvfArgument extends Node {
  readonly name: string | null; // upper-cased named-argument name, e.g. SIZE
  readonly value: Expression;
}

/**
 * One SELECT, and (through the optional fields, absent when not written) everything a query can add to it:
 * - `with`: the WITH clause's common table expressions, visible in the whole query.
 * - `setOperation`: when present, this Query is a compound query: its rows are those of `setOperation`
 *   (whose sides are complete Queries), then this Query's `orderBy` and `limit` apply. Its other fields
 *   (distinct, items, from, where, groupBy, having) repeat the leftmost SELECT so that code looking only at
 *   them sees the result's column names; planners must look at `setOperation` first. (An optional field rather
 *   than a new union type, so that the many places that take a `Query` keep compiling.)
 * - `groupingSets`: GROUP BY with GROUPING SETS / ROLLUP / CUBE / `()`, expanded to the full list of sets
 *   (ROLLUP (a, b) → (a, b), (a), (); CUBE (a, b) → (a, b), (a), (b), (); several of them multiply out).
 *   `groupBy` keeps the plain keys written beside them, which belong to every set: the effective grouping
 *   sets are `groupBy` + each entry. Absent for a plain GROUP BY. `groupingSetsPosition` is where the first
 *   construct was written.
 * - `windows`: the named windows of a `WINDOW w AS (…)` clause, referred to by `OVER w`.
 * Position: the query's first token (SELECT, WITH or a parenthesis).
 */
export interface Query extends Node {
  readonly kind: 'select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: FromItem | null;
  readonly where: Expression | null;
  readonly groupBy: readonly Expression[];
  readonly having: Expression | null;
  readonly orderBy: readonly OrderItem[];
  readonly limit: number | null;
  /** `LIMIT n OFFSET m`: the rows skipped before the n (only with a limit). */
  readonly offset?: number;
  readonly with?: readonly CommonTableExpression[];
  readonly setOperation?: SetOperation;
  readonly groupingSets?: GroupingSets;
  readonly groupingSetsPosition?: GroupingSetsPosition;
  readonly windows?: readonly NamedWindow[];
}

export interface OrderItem extends Node {
  readonly expr: Expression;
  readonly descending: boolean;
  /** `NULLS FIRST` (true) / `NULLS LAST` (false); absent: NULLs first ascending, last descending (Flink's default). */
  readonly nullsFirst?: boolean;
}

// ---------- statements ----------

export type Statement =
  | CreateTable
  | CreateView
  | DropTable
  | DropView
  | Insert
  | QueryStatement
  | Explain
  | ShowTables
  | Describe
  | SetStatement
  | ResetStatement
  | ShowWatermarks
  | ShowJobs
  | ShowViews
  | ShowFunctions
  | ShowCreate
  | ShowColumns
  | ShowPartitions
  | UseCatalog
  | UseDatabase
  | CreateFunction
  | DropFunction
  | AlterTable
  | ShowCatalogs
  | StatementSet
  | ExplainStatementSet;

export interface StatementBase extends Node {
  /** The statement's source text, without the trailing `;`. */
  readonly text: string;
}

export interface ColumnDef extends Node {
  readonly kind: 'physical-column';
  readonly name: Identifier;
  readonly type: TypeName;
  readonly comment: string | null;
  /** `METADATA [FROM 'key'] [VIRTUAL]`; absent for plain physical columns. */
  readonly metadata?: ColumnMetadata;
}

export interface ComputedColumnDef extends Node {
  readonly kind: 'computed-column';
  readonly name: Identifier;
  readonly expr: Expression;
}

export interface WatermarkDef extends Node {
  readonly column: Identifier;
  readonly expr: Expression;
}

export interface TableOption extends Node {
  readonly key: string;
  readonly value: string;
}

export interface CreateTable extends StatementBase {
  readonly kind: 'create-table';
  readonly name: Identifier;
  readonly ifNotExists: boolean;
  readonly columns: readonly (ColumnDef | ComputedColumnDef)[];
  readonly watermark: WatermarkDef | null;
  /** PRIMARY KEY (a, b) NOT ENFORCED. */
  readonly primaryKey: readonly Identifier[];
  readonly options: readonly TableOption[];
  /** `PARTITIONED BY (a, b)`; absent when not written. */
  readonly partitionedBy?: readonly Identifier[];
  /** `LIKE source [(INCLUDING ALL, …)]`; absent when not written. Columns may then be empty. */
  readonly like?: TableLike;
  /** `CREATE TABLE … WITH (…) AS SELECT …` (CTAS); absent when not written. Columns may then be empty. */
  readonly asQuery?: Query;
}

export interface CreateView extends StatementBase {
  readonly kind: 'create-view';
  readonly name: Identifier;
  readonly ifNotExists: boolean;
  readonly query: Query;
}

export interface DropTable extends StatementBase {
  readonly kind: 'drop-table';
  readonly name: Identifier;
  readonly ifExists: boolean;
}

export interface DropView extends StatementBase {
  readonly kind: 'drop-view';
  readonly name: Identifier;
  readonly ifExists: boolean;
}

export interface Insert extends StatementBase {
  readonly kind: 'insert';
  readonly table: Identifier;
  /** INSERT INTO t (a, b) SELECT …; empty when not given. */
  readonly columns: readonly Identifier[];
  readonly query: Query;
}

export interface QueryStatement extends StatementBase {
  readonly kind: 'query';
  readonly query: Query;
}

export interface Explain extends StatementBase {
  readonly kind: 'explain';
  readonly statement: Insert | QueryStatement;
  readonly details?: readonly ExplainDetail[];
}

export interface ShowTables extends StatementBase {
  readonly kind: 'show-tables';
}

export interface Describe extends StatementBase {
  readonly kind: 'describe';
  readonly name: Identifier;
}

/** `SET 'key' = 'value'`; `SET` alone lists the settings. */
export interface SetStatement extends StatementBase {
  readonly kind: 'set';
  readonly key: string | null;
  readonly value: string | null;
}

export interface ResetStatement extends StatementBase {
  readonly kind: 'reset';
  readonly key: string | null;
}
