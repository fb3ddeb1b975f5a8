/**
 * The statements that read the catalog: DESCRIBE, SHOW COLUMNS, SHOW VIEWS, SHOW FUNCTIONS and SHOW CREATE TABLE /
 * VIEW. Results are tables, as Flink's SQL client prints them.
 */
import { PlanError } from '../common/errors.js';
import { formatType, isRowtime } from '../common/types.js';
import type { Describe, ShowColumns, ShowCreate } from '../parser/ast.js';
import type { Catalog, CatalogEntry } from '../planner/index.js';
import { BUILTIN_FUNCTIONS } from '../planner/binder/functions.js';
import { showCreateTable, showCreateView } from '../planner/show-create.js';
import { AGGREGATE_FUNCTION_NAMES } from '../runtime/aggregates/index.js';
import type { ColumnInfo, StatementResult } from './api-types.js';
import type { CatalogTableInfo } from '../server/monitoring-server.js';

/**
 * The built-in functions SHOW FUNCTIONS lists: the scalar and aggregate functions, the special forms that are called
 * like functions, the window table functions, the ranking functions and UNNEST (docs/sql.md documents each).
 */
export const SHOWN_BUILTIN_FUNCTIONS: readonly string[] = [...new Set([
  ...BUILTIN_FUNCTIONS, ...AGGREGATE_FUNCTION_NAMES,
  'CAST', 'TRY_CAST', 'COALESCE', 'NULLIF', 'IF', 'PROCTIME', 'CURRENT_WATERMARK',
  'TUMBLE', 'HOP', 'CUMULATE', 'SESSION', 'ROW_NUMBER', 'RANK', 'DENSE_RANK', 'UNNEST',
])].sort();

const DESCRIBE_COLUMNS = ['name', 'type', 'null', 'key', 'extras', 'watermark'];

/** DESCRIBE t: a row per column (name, type, nullability, primary key, computed, watermark). */
export function describe(catalog: Catalog, statement: Describe | ShowColumns): StatementResult {
  const entry = catalog.resolve(statement.name);
  const watermark = entry.kind === 'table' ? entry.watermark : null;
  const primaryKey = entry.kind === 'table' ? entry.primaryKey : [];
  const like = statement.kind === 'show-columns' ? statement.like : null;
  const matches = like === null ? () => true : sqlLike(like.pattern, like.negated);
  const rows = entry.columns.filter((c) => matches(c.name)).map((c) => [
    c.name,
    formatType(c.type),
    c.nullable,
    primaryKey.includes(c.name) ? `PRI(${c.name})` : null,
    c.computed ? (c.computedSql !== undefined ? `AS ${c.computedSql}` : 'computed') : null, // Flink: `AS PROCTIME()`
    watermark && isRowtime(c.type) ? watermark.text : null,
  ]);
  return { kind: 'table', columns: DESCRIBE_COLUMNS, rows };
}

/** SHOW VIEWS: the views' names, sorted (as SHOW TABLES lists the tables). */
export function showViews(catalog: Catalog): StatementResult {
  const views = catalog.names().filter((name) => catalog.find(name)?.kind === 'view');
  return { kind: 'table', columns: ['view name'], rows: views.sort().map((name) => [name]) };
}

/**
 * SHOW FUNCTIONS: the built-in functions and the session's user-defined ones (SHOW USER FUNCTIONS: only those),
 * sorted case-insensitively.
 */
export function showFunctions(userDefined: readonly string[], onlyUserDefined = false): StatementResult {
  const names = [...(onlyUserDefined ? [] : SHOWN_BUILTIN_FUNCTIONS), ...userDefined].sort((a, b) => a.toUpperCase().localeCompare(b.toUpperCase()));
  return { kind: 'table', columns: ['function name'], rows: names.map((name) => [name]) };
}

/** SHOW CREATE TABLE t / SHOW CREATE VIEW v: one row, the DDL. */
export function showCreate(catalog: Catalog, statement: ShowCreate): StatementResult {
  const entry = catalog.resolve(statement.name);
  const wanted = statement.object === 'TABLE' ? 'table' : 'view';
  if (entry.kind !== wanted) {
    throw new PlanError(`'${entry.name}' is a ${entry.kind}; use SHOW CREATE ${entry.kind.toUpperCase()}`, { position: statement.name.position });
  }
  const ddl = entry.kind === 'table' ? showCreateTable(entry) : showCreateView(entry);
  return { kind: 'table', columns: ['result'], rows: [[ddl]] };
}

/** SQL LIKE: `%` any run, `_` one character, case-sensitive (as Flink's SHOW … LIKE). */
function sqlLike(pattern: string, negated: boolean): (text: string) => boolean {
  const source = [...pattern].map((char) => (char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  const regex = new RegExp(`^${source}$`, 's');
  return (text) => regex.test(text) !== negated;
}

/** Every table and view with its columns, sorted by name (the REST API's `GET /api/v1/tables`). */
export function catalogTables(catalog: Catalog): CatalogTableInfo[] {
  return catalog.names().flatMap((name) => {
    const entry = catalog.find(name);
    if (!entry) return [];
    return [{
      name: entry.name,
      kind: entry.kind,
      connector: entry.kind === 'table' ? entry.options['connector'] ?? null : null,
      columns: columnsOf(entry),
    }];
  });
}

/** A table's or view's columns as the API shows them (Flink's type names). */
export function columnsOf(entry: CatalogEntry): ColumnInfo[] {
  return entry.columns.map((c) => ({ name: c.name, type: formatType(c.type), nullable: c.nullable }));
}
