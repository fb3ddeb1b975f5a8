/**
 * The SQL script the Flink benchmark runner executes for one Nexmark query: the reference `kafka` table DDL with
 * its connector swapped for a bounded `filesystem` JSON source over the input file, the reference views, and the
 * reference query (its blackhole sink and INSERT). The reference texts are read at run time from
 * `../shared/reference/nexmark/flink-queries/` (or `$NEXMARK_QUERIES_DIR`), never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The table name the views and queries read (`${NEXMARK_TABLE}` in the reference texts). */
export const NEXMARK_TABLE = 'kafka';

export class NexmarkScriptError extends Error {
  override readonly name = 'NexmarkScriptError';
}

/** Where the published Flink Nexmark SQL lives: `$NEXMARK_QUERIES_DIR`, else beside the repository in shared/. */
export function nexmarkQueriesDir(): string {
  return process.env.NEXMARK_QUERIES_DIR ?? resolve(import.meta.dirname, '../../../shared/reference/nexmark/flink-queries');
}

export interface NexmarkScriptOptions {
  /** `q0` … `q23`: the file `<name>.sql` in the queries folder. */
  readonly query: string;
  /** The JSON-lines input file (made absolute here). */
  readonly input: string;
  /** `blackhole` (what the benchmark measures) or `print` (to see the rows, for checks). Default blackhole. */
  readonly sink?: 'blackhole' | 'print';
  readonly queriesDir?: string;
  /** The source's `WITH` options for the input file; default Flink's (`filesystemSourceOptions`). Sluice passes its own. */
  readonly sourceOptions?: (input: string) => string;
}

/** The `WITH (…)` options of the filesystem source: the input file, JSON with SQL-style timestamps. */
export function filesystemSourceOptions(input: string): string {
  const url = pathToFileURL(resolve(input)).href.replaceAll("'", "''");
  return [
    `'connector' = 'filesystem'`,
    `'path' = '${url}'`,
    `'format' = 'json'`,
    `'json.timestamp-format.standard' = 'SQL'`,
    `'json.fail-on-missing-field' = 'false'`,
    `'json.ignore-parse-errors' = 'false'`,
  ].map((option) => `    ${option}`).join(',\n');
}

function readReference(dir: string, file: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new NexmarkScriptError(`No ${file} in ${dir} (set NEXMARK_QUERIES_DIR to the flink-queries folder)`);
  return readFileSync(path, 'utf8');
}

/** `ddl_kafka.sql` with its `WITH (…)` clause replaced by the filesystem source over `input`. */
export function sourceTableDdl(kafkaDdl: string, input: string, sourceOptions: (input: string) => string = filesystemSourceOptions): string {
  const withClause = /\)\s*WITH\s*\([\s\S]*\)\s*;?\s*$/i;
  if (!withClause.test(kafkaDdl)) throw new NexmarkScriptError('ddl_kafka.sql does not end with a WITH (…) clause');
  return kafkaDdl.replace(withClause, `) WITH (\n${sourceOptions(input)}\n);\n`);
}

function terminated(statements: string): string {
  const text = statements.trimEnd();
  return text.endsWith(';') ? text : `${text};`;
}

/** The reference source table over the input file and the reference views (`bid`, `auction`, `person`). */
export function nexmarkTablesAndViews(options: NexmarkScriptOptions): string {
  const dir = options.queriesDir ?? nexmarkQueriesDir();
  const source = sourceTableDdl(readReference(dir, 'ddl_kafka.sql'), options.input, options.sourceOptions);
  return `${source}\n${terminated(readReference(dir, 'ddl_views.sql'))}\n`.replaceAll('${NEXMARK_TABLE}', NEXMARK_TABLE);
}

/** The whole script: source table, views, the query's sink and INSERT. */
export function nexmarkScript(options: NexmarkScriptOptions): string {
  const dir = options.queriesDir ?? nexmarkQueriesDir();
  if (!/^q\d+$/.test(options.query)) throw new NexmarkScriptError(`Not a Nexmark query name: '${options.query}' (expected q0, q1, …)`);
  const tables = nexmarkTablesAndViews(options);
  let query = readReference(dir, `${options.query}.sql`);
  if (options.sink === 'print') {
    const blackhole = /'connector'\s*=\s*'blackhole'/gi;
    if (!blackhole.test(query)) throw new NexmarkScriptError(`${options.query}.sql has no blackhole sink to swap for print`);
    query = query.replace(blackhole, `'connector' = 'print'`);
  }
  return `${tables}\n${terminated(query)}\n`.replaceAll('${NEXMARK_TABLE}', NEXMARK_TABLE);
}
