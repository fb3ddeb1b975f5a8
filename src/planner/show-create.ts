/**
 * SHOW CREATE TABLE / SHOW CREATE VIEW: DDL that re-creates a catalog entry, laid out as Flink prints it (names in
 * backquotes, one element a line, the options after WITH). Computed columns, the watermark and a view's query are
 * printed as they were written.
 */
import { formatType } from '../common/types.js';
import { formatExpr } from '../dataflow/display.js';
import { bindExpression } from './binder/expressions.js';
import type { CatalogColumn, CatalogTable, CatalogView } from './catalog.js';
import { scopeOf } from './ddl.js';

export function showCreateTable(table: CatalogTable): string {
  const physical = table.columns.filter((c) => c.computed === null);
  const elements = table.columns.map((column) => `  ${columnDdl(column, table, physical)}`);
  if (table.watermark) {
    const expression = table.watermark.sql ?? table.watermark.text;
    elements.push(`  WATERMARK FOR ${quote(table.watermark.column)} AS ${expression}`);
  }
  if (table.primaryKey.length > 0) elements.push(`  PRIMARY KEY (${table.primaryKey.map(quote).join(', ')}) NOT ENFORCED`);
  const options = Object.entries(table.options).map(([key, value]) => `  ${literal(key)} = ${literal(value)}`);
  const partitioned = table.partitionKeys && table.partitionKeys.length > 0 ? `\nPARTITIONED BY (${table.partitionKeys.map(quote).join(', ')})\n` : ' ';
  return `CREATE TABLE ${quote(table.name)} (\n${elements.join(',\n')}\n)${partitioned}WITH (\n${options.join(',\n')}\n)`;
}

export function showCreateView(view: CatalogView): string {
  return `CREATE VIEW ${quote(view.name)} AS\n${view.queryText ?? '-- (the query text is not available)'}`;
}

function columnDdl(column: CatalogColumn, table: CatalogTable, physical: readonly CatalogColumn[]): string {
  if (column.computed !== null) {
    const sql = column.computedSql ?? formatExpr(bindExpression(column.computed, scopeOf(table.name, physical), { clause: 'a computed column' }), physical.map((c) => c.name));
    return `${quote(column.name)} AS ${sql}`;
  }
  const type = column.type.kind === 'TIMESTAMP' ? formatType({ kind: 'TIMESTAMP', precision: column.type.precision }) : formatType(column.type);
  let text = `${quote(column.name)} ${type}${column.nullable ? '' : ' NOT NULL'}`;
  if (column.metadata) {
    text += ' METADATA';
    if (column.metadata.key !== column.name) text += ` FROM ${literal(column.metadata.key)}`;
    if (column.metadata.virtual) text += ' VIRTUAL';
  }
  return text;
}

function quote(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
