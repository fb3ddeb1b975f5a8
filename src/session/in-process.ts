/** Tables registered from the embedded API: their DDL is built from the declared columns and watermark. */
import type { CreateTable, Identifier } from '../parser/ast.js';
import { parseExpression, parseType } from '../parser/index.js';
import type { InProcessTable } from './api-types.js';


const AT = { line: 1, column: 1 } as const;

function identifier(name: string): Identifier {
  return { kind: 'identifier', name, quoted: true, position: AT };
}

export function inProcessTableDdl(name: string, table: InProcessTable): CreateTable {
  return {
    kind: 'create-table',
    text: `-- in-process table ${name}`,
    position: AT,
    name: identifier(name),
    ifNotExists: false,
    columns: table.columns.map((c) => ({ kind: 'physical-column', name: identifier(c.name), type: parseType(c.type), comment: null, position: AT })),
    watermark: table.watermark
      ? { column: identifier(table.watermark.column), expr: parseExpression(table.watermark.expression), position: AT }
      : null,
    primaryKey: [],
    options: [{ key: 'connector', value: 'in-process', position: AT }],
  };
}
