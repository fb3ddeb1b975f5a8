/**
 * Flink-like ASCII tables for finished results:
 *
 *   +-------------------------+-------+
 *   | window_start            | price |
 *   +-------------------------+-------+
 *   | 2020-04-15 08:00:00.000 | 11.00 |
 *   +-------------------------+-------+
 *   1 row in set
 *
 * Numeric columns are right-aligned (header too), others left-aligned. A cell with line breaks takes as many lines
 * of the table as it has (as psql shows them: `SHOW CREATE TABLE`, strings with newlines); its column is as wide as
 * its longest line. Pure: returns lines, prints nothing.
 */
import type { ColumnInfo, ResultValue } from '../session/api-types.js';
import { displayWidth, pad } from './column-text.js';
import { formatValue, isNumericColumn } from './format-value.js';

export interface TableText {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ResultValue[])[];
  /** The columns' types (FLOAT and TIMESTAMP_LTZ are shown by type), when known. */
  readonly types?: readonly Pick<ColumnInfo, 'type' | 'timeZone'>[];
}

export function formatTable(table: TableText): string[] {
  const { columns, rows } = table;
  const cells = rows.map((row) => columns.map((_, index) => cellLines(formatValue(row[index] ?? null, table.types?.[index]))));
  const widths = columns.map((name, index) =>
    Math.max(displayWidth(name), ...cells.flatMap((row) => (row[index] ?? []).map(displayWidth))),
  );
  const rightAligned = columns.map((_, index) => isNumericColumn(rows.map((row) => row[index] ?? null), table.types?.[index]?.type));
  const border = '+' + widths.map((width) => '-'.repeat(width + 2)).join('+') + '+';
  const line = (texts: readonly string[]): string =>
    '| ' + texts.map((text, index) => pad(text, widths[index] ?? 0, rightAligned[index] ?? false)).join(' | ') + ' |';
  const lines = [border, line(columns), border];
  for (const row of cells) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let at = 0; at < height; at++) lines.push(line(row.map((cell) => cell[at] ?? '')));
  }
  if (cells.length > 0) lines.push(border);
  lines.push(rowCountLine(rows.length));
  return lines;
}

/**
 * A statement's table result as shown to a person: EXPLAIN's one `plan` cell as its plain lines (as Flink's SQL
 * client prints a plan; boxed, its multi-line text made every line as wide as the widest), anything else as a table.
 */
export function formatResultTable(table: TableText): string[] {
  if (table.columns.length === 1 && table.columns[0] === 'plan') {
    return table.rows.flatMap((row) => String(row[0] ?? '').split('\n'));
  }
  return formatTable(table);
}

export function rowCountLine(count: number): string {
  if (count === 0) return 'Empty set';
  return count === 1 ? '1 row in set' : `${count} rows in set`;
}

/** A cell's text split at its line breaks. */
function cellLines(text: string): string[] {
  return text.split(/\r?\n|\r/);
}
