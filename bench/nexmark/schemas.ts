/**
 * The flat `person`, `auction` and `bid` tables (the columns of flink-queries/ddl_views.sql) in the forms Sluice
 * takes them: DDL text, in-process column lists and runtime schemas (BIGINT → Int64, STRING → Utf8,
 * TIMESTAMP(3) → Timestamp(MILLISECOND) in Arrow).
 */
import type { DataType } from '../../src/common/types.js';
import { BIGINT, STRING, TIMESTAMP3 } from '../../src/common/types.js';
import { field, type Schema, schema } from '../../src/dataflow/schema.js';

export type FlatTable = 'person' | 'auction' | 'bid';

export const FLAT_TABLES: readonly FlatTable[] = ['person', 'auction', 'bid'];

export interface FlatColumn {
  readonly name: string;
  /** The type as written in DDL. */
  readonly type: 'BIGINT' | 'STRING' | 'TIMESTAMP(3)';
}

const col = (name: string, type: FlatColumn['type']): FlatColumn => ({ name, type });

export const FLAT_COLUMNS: Readonly<Record<FlatTable, readonly FlatColumn[]>> = {
  person: [
    col('id', 'BIGINT'), col('name', 'STRING'), col('emailAddress', 'STRING'), col('creditCard', 'STRING'),
    col('city', 'STRING'), col('state', 'STRING'), col('dateTime', 'TIMESTAMP(3)'), col('extra', 'STRING'),
  ],
  auction: [
    col('id', 'BIGINT'), col('itemName', 'STRING'), col('description', 'STRING'), col('initialBid', 'BIGINT'),
    col('reserve', 'BIGINT'), col('dateTime', 'TIMESTAMP(3)'), col('expires', 'TIMESTAMP(3)'), col('seller', 'BIGINT'),
    col('category', 'BIGINT'), col('extra', 'STRING'),
  ],
  bid: [
    col('auction', 'BIGINT'), col('bidder', 'BIGINT'), col('price', 'BIGINT'), col('channel', 'STRING'),
    col('url', 'STRING'), col('dateTime', 'TIMESTAMP(3)'), col('extra', 'STRING'),
  ],
};

/** The Nexmark watermark: `dateTime` minus 4 seconds (ddl_gen.sql). */
export const NEXMARK_WATERMARK = { column: 'dateTime', expression: "`dateTime` - INTERVAL '4' SECOND" } as const;

const TYPES: Readonly<Record<FlatColumn['type'], DataType>> = { BIGINT, STRING, 'TIMESTAMP(3)': TIMESTAMP3 };

/** Sluice's runtime schema of a flat table (all columns nullable, as DDL declares them). */
export function flatSchema(table: FlatTable): Schema {
  return schema(FLAT_COLUMNS[table].map((c) => field(c.name, TYPES[c.type])));
}

/**
 * `CREATE TABLE <table> (…, WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND) WITH (<options>)`.
 * `options` maps option keys to values, e.g. `{ connector: 'filesystem', path: 'bid.jsonl', format: 'json' }`.
 */
export function flatTableDdl(table: FlatTable, options: Readonly<Record<string, string>>, name: string = table): string {
  const columns = FLAT_COLUMNS[table].map((c) => `  \`${c.name}\` ${c.type}`).join(',\n');
  const withClause = Object.entries(options).map(([k, v]) => `'${k}' = '${v.replaceAll("'", "''")}'`).join(', ');
  return `CREATE TABLE \`${name}\` (\n${columns},\n  WATERMARK FOR \`dateTime\` AS ${NEXMARK_WATERMARK.expression}\n) WITH (${withClause})`;
}
