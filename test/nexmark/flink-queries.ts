/**
 * The Flink Nexmark queries (../shared/reference/nexmark/flink-queries/qN.sql) as Sluice runs them in the
 * fixed-dataset test: the sink's `CREATE TABLE nexmark_qN … WITH ('connector' = 'blackhole')` is dropped and the
 * `INSERT INTO nexmark_qN` prefix removed, so the query's SELECT is collected instead; other statements of the
 * file (CREATE VIEW, CREATE FUNCTION, a side-input table) are kept as setup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitStatements } from '../../src/index.js';
import { FLINK_QUERIES } from './risingwave-fixture.js';

export interface FlinkQuery {
  readonly name: string;
  /** Statements to run before the query, in file order. */
  readonly setup: readonly string[];
  /** The SELECT (or WITH …) the INSERT writes. */
  readonly select: string;
}

const SINK_TABLE = /^(?:\s*--[^\n]*\n)*\s*CREATE\s+TABLE\s+nexmark_q\d+\b/i;
const INSERT_PREFIX = /^((?:\s*--[^\n]*\n)*)\s*INSERT\s+INTO\s+nexmark_q\d+\s+/i;

export function readFlinkQuery(name: string): FlinkQuery {
  const text = readFileSync(join(FLINK_QUERIES, `${name}.sql`), 'utf8');
  const setup: string[] = [];
  let select: string | undefined;
  for (const statement of splitStatements(text).complete) {
    if (SINK_TABLE.test(statement)) continue;
    const insert = INSERT_PREFIX.exec(statement);
    if (insert) select = statement.slice(insert[0].length);
    else setup.push(statement);
  }
  if (select === undefined) throw new Error(`${name}.sql has no INSERT INTO nexmark_qN`);
  return { name, setup, select };
}

/**
 * Flink's Nexmark union table (`ddl_kafka.sql`: event_type plus person/auction/bid ROWs, the computed `dateTime` and
 * its watermark) with its WITH clause replaced by `options`, followed by the three views of `ddl_views.sql` over it.
 */
export function flinkUnionTableStatements(options: Readonly<Record<string, string>>): string[] {
  const withClause = Object.entries(options).map(([k, v]) => `'${k}' = '${v}'`).join(', ');
  const table = readFileSync(join(FLINK_QUERIES, 'ddl_kafka.sql'), 'utf8').replace(/\)\s*WITH\s*\([\s\S]*$/, `) WITH (${withClause});`);
  const views = readFileSync(join(FLINK_QUERIES, 'ddl_views.sql'), 'utf8').replaceAll('${NEXMARK_TABLE}', 'kafka');
  return [...splitStatements(table).complete, ...splitStatements(views).complete];
}
