/**
 * The order of a finished `ORDER BY … LIMIT` result. The Top-N's changelog leaves the final rows in the order they
 * entered the result, so `toArray()` (and the CLI's final table) sorts them by the query's ORDER BY — when every key
 * is an output column of a type with an order; otherwise the rows stay as they are. Ties keep their order (the
 * Top-N's: arrival). Values are compared as the API hands them out: DECIMAL text by value, TIMESTAMP / DATE / TIME
 * text as text (it sorts as the time does), TIMESTAMP_LTZ `Date`s by instant, strings by code point.
 */
import type { DataType } from '../common/types.js';
import type { Schema } from '../dataflow/schema.js';
import type { Query } from '../parser/ast.js';
import { compareStrings } from '../runtime/expr/comparison.js';
import type { ResultValue, Row } from './api-types.js';

export interface ResultOrderKey {
  readonly column: string;
  readonly type: DataType;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

const ORDERED_KINDS = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL', 'CHAR', 'VARCHAR', 'STRING', 'BOOLEAN', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_LTZ']);

/** The keys to sort a final result by, or undefined when it is not a top-level ORDER BY … LIMIT over output columns. */
export function resultOrder(query: Query, schema: Schema): ResultOrderKey[] | undefined {
  if (query.limit === null || query.orderBy.length === 0) return undefined;
  const keys: ResultOrderKey[] = [];
  for (const item of query.orderBy) {
    if (item.expr.kind !== 'column') return undefined;
    const name = item.expr.path[item.expr.path.length - 1]!.name;
    const matches = schema.fields.filter((f) => f.name.toLowerCase() === name.toLowerCase());
    const field = matches.find((f) => f.name === name) ?? (matches.length === 1 ? matches[0] : undefined);
    if (!field || !ORDERED_KINDS.has(field.type.kind)) return undefined;
    keys.push({ column: field.name, type: field.type, descending: item.descending, nullsFirst: item.nullsFirst ?? !item.descending });
  }
  return keys;
}

export function sortRows(rows: Row[], keys: readonly ResultOrderKey[]): Row[] {
  return rows.sort((a, b) => {
    for (const key of keys) {
      const x = a[key.column] ?? null;
      const y = b[key.column] ?? null;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === key.nullsFirst ? -1 : 1;
      }
      const order = compareResultValues(x, y, key.type);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
}

function compareResultValues(a: ResultValue, b: ResultValue, type: DataType): number {
  if (type.kind === 'DECIMAL') return compareDecimalText(String(a), String(b));
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
    return Math.sign(a - b);
  }
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return compareStrings(String(a), String(b));
}

/** `-12.50` against `3.125`: by value, whatever their scales. */
function compareDecimalText(a: string, b: string): number {
  const [x, y] = [decimalParts(a), decimalParts(b)];
  const scale = Math.max(x.fraction.length, y.fraction.length);
  const scaled = (d: { negative: boolean; whole: string; fraction: string }): bigint =>
    (d.negative ? -1n : 1n) * BigInt(`${d.whole}${d.fraction.padEnd(scale, '0')}` || '0');
  const [p, q] = [scaled(x), scaled(y)];
  return p < q ? -1 : p > q ? 1 : 0;
}

function decimalParts(text: string): { negative: boolean; whole: string; fraction: string } {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  return { negative, whole, fraction };
}
