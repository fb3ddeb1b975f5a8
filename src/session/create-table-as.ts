/**
 * CREATE TABLE … AS SELECT (CTAS): the table's DDL derived from the query, and the INSERT that fills it. As in
 * Flink, the table gets the query's columns (names, types, NOT NULL), time attributes becoming plain TIMESTAMPs.
 * A column list may also be written (Flink's FLIP-463): a column named like a query column gives it its declared
 * type (the query's value is cast to it, as an INSERT would); other declared columns come first and stay NULL; a
 * PRIMARY KEY and a WATERMARK may name any of the columns.
 */
import { PlanError } from '../common/errors.js';
import { formatType, type DataType } from '../common/types.js';
import type { Schema } from '../dataflow/schema.js';
import { parseType, type ColumnDef, type ComputedColumnDef, type CreateTable, type Identifier, type Insert, type Query } from '../parser/index.js';

export interface CreateTableAs {
  /** The CREATE TABLE to run first (without its query). */
  readonly ddl: CreateTable;
  /** The INSERT into the new table (its columns named when the DDL declared extra ones). */
  readonly insert: Insert;
}

export function createTableAs(statement: CreateTable, query: Query, schema: Schema): CreateTableAs {
  const declared = new Map(statement.columns.map((column) => [column.name.name.toLowerCase(), column]));
  const seen = new Set<string>();
  const fromQuery: (ColumnDef | ComputedColumnDef)[] = schema.fields.map((field, index) => {
    const key = field.name.toLowerCase();
    const position = query.items[Math.min(index, query.items.length - 1)]?.position ?? query.position;
    if (seen.has(key)) {
      throw new PlanError(`CREATE TABLE … AS SELECT: the query has two columns named '${field.name}'; give them distinct aliases`, { position });
    }
    seen.add(key);
    const own = declared.get(key);
    if (own?.kind === 'computed-column') {
      throw new PlanError(`Computed column '${own.name.name}' has the name of a query column`, { position: own.name.position });
    }
    if (own) return own;
    return { kind: 'physical-column', name: identifier(field.name, position), type: typeName(field.type, !field.nullable, field.name, position), comment: null, position };
  });
  const extra = statement.columns.filter((column) => !seen.has(column.name.name.toLowerCase()));
  const { asQuery: _query, ...rest } = statement;
  const ddl: CreateTable = { ...rest, columns: [...extra, ...fromQuery] };
  const insert: Insert = {
    kind: 'insert',
    table: statement.name,
    columns: extra.length > 0 ? fromQuery.map((column) => column.name) : [],
    query,
    position: query.position,
    text: statement.text,
  };
  return { ddl, insert };
}

function identifier(name: string, position: Query['position']): Identifier {
  return { kind: 'identifier', name, quoted: true, position };
}

function typeName(type: DataType, notNull: boolean, column: string, position: Query['position']): ColumnDef['type'] {
  if (type.kind === 'NULL') {
    throw new PlanError(`CREATE TABLE … AS SELECT: column '${column}' has no type (a bare NULL); CAST it to the type the table should have`, { position });
  }
  const plain: DataType = type.kind === 'TIMESTAMP' ? { kind: 'TIMESTAMP', precision: type.precision } : type;
  const parsed = parseType(formatType(plain));
  return { ...parsed, notNull, position };
}
