/**
 * Statements added for SQL breadth (part of the `Statement` union in `ast.ts`), and the CREATE TABLE extras:
 * LIKE, METADATA columns, PARTITIONED BY. Every statement has the position of its first token and its text.
 */
import type { SourcePosition } from '../common/errors.js';
import type { Identifier, Insert, Node, StatementBase, TableOption } from './ast.js';

/** `SHOW WATERMARKS` (Sluice extension: the current watermark of every running job's sources and operators). */
export interface ShowWatermarks extends StatementBase {
  readonly kind: 'show-watermarks';
}

/** `SHOW JOBS`. */
export interface ShowJobs extends StatementBase {
  readonly kind: 'show-jobs';
}

export interface ShowViews extends StatementBase {
  readonly kind: 'show-views';
}

/** `SHOW [USER] FUNCTIONS`. */
export interface ShowFunctions extends StatementBase {
  readonly kind: 'show-functions';
  /** SHOW USER FUNCTIONS: only the user-defined ones. */
  readonly user?: boolean;
}

/** `SHOW COLUMNS FROM | IN t [[NOT] LIKE 'pattern']`. */
export interface ShowColumns extends StatementBase {
  readonly kind: 'show-columns';
  readonly name: Identifier;
  readonly like: { readonly pattern: string; readonly negated: boolean } | null;
}

/** `SHOW PARTITIONS t [PARTITION (k = 'v', …)]`: a partitioned table's partitions, those matching the spec. */
export interface ShowPartitions extends StatementBase {
  readonly kind: 'show-partitions';
  readonly name: Identifier;
  /** `PARTITION (k = 'v', …)`: each value as text (a number literal's digits); empty when not written. */
  readonly spec: readonly { readonly key: Identifier; readonly value: string }[];
}

/** `SHOW CREATE TABLE t` / `SHOW CREATE VIEW v`. */
export interface ShowCreate extends StatementBase {
  readonly kind: 'show-create';
  readonly object: 'TABLE' | 'VIEW';
  readonly name: Identifier;
}

/** `SHOW CATALOGS`, `SHOW DATABASES`, `SHOW CURRENT CATALOG`, `SHOW CURRENT DATABASE`. */
export interface ShowCatalogs extends StatementBase {
  readonly kind: 'show-catalogs';
  readonly what: 'catalogs' | 'databases' | 'current catalog' | 'current database';
}

/** `USE CATALOG c`. */
export interface UseCatalog extends StatementBase {
  readonly kind: 'use-catalog';
  readonly name: Identifier;
}

/** `USE db`. */
export interface UseDatabase extends StatementBase {
  readonly kind: 'use-database';
  readonly name: Identifier;
}

/**
 * `CREATE [TEMPORARY [SYSTEM]] FUNCTION [IF NOT EXISTS] name AS 'identifier' [LANGUAGE JAVASCRIPT | JAVA | SCALA |
 * PYTHON]`: in Flink the identifier is a class name; Sluice runs LANGUAGE JAVASCRIPT, where it is a module's path.
 */
export interface CreateFunction extends StatementBase {
  readonly kind: 'create-function';
  readonly name: Identifier;
  readonly temporary: boolean;
  readonly system: boolean;
  readonly ifNotExists: boolean;
  readonly className: string;
  readonly classNamePosition: SourcePosition;
  /** Upper-cased, or null when not given. */
  readonly language: string | null;
  readonly languagePosition: SourcePosition | null;
}

/** `DROP [TEMPORARY] [SYSTEM] FUNCTION [IF EXISTS] name`. */
export interface DropFunction extends StatementBase {
  readonly kind: 'drop-function';
  readonly name: Identifier;
  readonly temporary: boolean;
  readonly system: boolean;
  readonly ifExists: boolean;
}

/** `ALTER TABLE [IF EXISTS] t SET ('k' = 'v', …)`, `… RESET ('k', …)` or `… RENAME TO t2`. */
export interface AlterTable extends StatementBase {
  readonly kind: 'alter-table';
  readonly name: Identifier;
  readonly ifExists: boolean;
  readonly action: AlterTableAction;
}

export type AlterTableAction =
  | { readonly kind: 'set'; readonly options: readonly TableOption[] }
  | { readonly kind: 'reset'; readonly keys: readonly { readonly key: string; readonly position: SourcePosition }[] }
  | { readonly kind: 'rename'; readonly to: Identifier };

/**
 * `EXECUTE STATEMENT SET BEGIN INSERT …; INSERT …; END`: several INSERTs run as one job. Each insert has its
 * own text (without its `;`).
 */
export interface StatementSet extends StatementBase {
  readonly kind: 'statement-set';
  readonly inserts: readonly Insert[];
}

/** `EXPLAIN [PLAN FOR] [EXECUTE] STATEMENT SET BEGIN … END`. */
export interface ExplainStatementSet extends StatementBase {
  readonly kind: 'explain-statement-set';
  readonly statementSet: StatementSet;
  readonly details?: readonly ExplainDetail[];
}

/** One of Flink's EXPLAIN details (`EXPLAIN CHANGELOG_MODE, JSON_EXECUTION_PLAN SELECT …`), upper-cased as written. */
export interface ExplainDetail extends Node {
  readonly name: string;
}

/** `LIKE source (INCLUDING ALL, EXCLUDING OPTIONS, …)` after CREATE TABLE. */
export interface TableLike extends Node {
  readonly name: Identifier;
  readonly options: readonly TableLikeOption[];
}

export interface TableLikeOption {
  readonly mode: 'INCLUDING' | 'EXCLUDING' | 'OVERWRITING';
  /** ALL, CONSTRAINTS, PARTITIONS, GENERATED, OPTIONS, WATERMARKS, METADATA (upper-cased). */
  readonly what: string;
}

/** `offset BIGINT METADATA [FROM 'key'] [VIRTUAL]`. */
export interface ColumnMetadata extends Node {
  /** The metadata key of `FROM 'key'`; null when the column name is the key. */
  readonly key: string | null;
  readonly virtual: boolean;
}
