/**
 * Runs one docs/sql.md example through the real Engine and shows its result as the reference page writes it:
 * the CLI's text of the value (src/cli/format-value.ts), with character strings in single quotes (so `''` and
 * `'1'` stay apart from NULL and 1) and NULL as `NULL`.
 */
import { Engine } from '../../src/index.js';
import { formatValue } from '../../src/cli/format-value.js';
import type { ColumnInfo, ResultValue } from '../../src/session/api-types.js';
import type { DocExample } from './doc-examples.js';

export interface ExampleResult {
  readonly value: string;
  readonly type: string;
}

const VALUES_COLUMNS = ['x', 'y', 'z', 'w'];

/** A session as the examples assume it: the time zone UTC. */
export async function exampleEngine(): Promise<Engine> {
  const engine = new Engine({ printLine: () => {} });
  await engine.execute("SET 'table.local-time-zone' = 'UTC'");
  return engine;
}

export function exampleQuery(engine: Engine, example: DocExample): string {
  if (example.over === null) return `SELECT ${example.expression}`;
  const width = engine.query(`SELECT * FROM (VALUES ${example.over})`).columns.length;
  return `SELECT ${example.expression} FROM (VALUES ${example.over}) AS t (${VALUES_COLUMNS.slice(0, width).join(', ')})`;
}

/** The example's one result row's one value, as the doc shows it, and its type. */
export async function runExample(engine: Engine, example: DocExample): Promise<ExampleResult> {
  const result = engine.query(exampleQuery(engine, example));
  const rows = await result.toArray();
  const column = result.columns[0];
  if (rows.length !== 1 || result.columns.length !== 1 || column === undefined) {
    throw new Error(`expected one row of one column, got ${rows.length} rows of ${result.columns.length} columns`);
  }
  return { value: shownValue(rows[0]![column.name] ?? null, column), type: column.type };
}

export function shownValue(value: ResultValue, column: ColumnInfo): string {
  if (value === null) return 'NULL';
  const text = formatValue(value, column);
  return /^(STRING|VARCHAR|CHAR)\b/.test(column.type) ? `'${text.replaceAll("'", "''")}'` : text;
}
