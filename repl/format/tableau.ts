/**
 * Tableau mode, as Flink's client prints it: a header once, then one line per change as it arrives, each with its
 * op (+I/-U/+U/-D), and a total at the end. Rows are printed before the whole result is known, so column widths
 * come from the column types (cells wider than that are cut with '…').
 */
import { clip, displayWidth, isNumericType, pad, typeWidth } from '../../src/cli/column-text.js';
import { formatValue } from '../../src/cli/format-value.js';
import type { Change, ColumnInfo } from '../../src/index.js';

export interface TableauLayout {
  readonly header: readonly string[];
  readonly border: string;
  line(change: Change): string;
}

export function tableauLayout(columns: readonly ColumnInfo[], maxCellWidth = 40): TableauLayout {
  const widths = [2, ...columns.map((column) => Math.min(maxCellWidth, Math.max(displayWidth(column.name), typeWidth(column.type))))];
  const right = [false, ...columns.map((column) => isNumericType(column.type))];
  const format = (texts: readonly string[]): string =>
    '| ' + texts.map((text, index) => pad(clip(text, widths[index] ?? 0), widths[index] ?? 0, right[index] ?? false)).join(' | ') + ' |';
  const border = '+' + widths.map((width) => '-'.repeat(width + 2)).join('+') + '+';
  return {
    header: [border, format(['op', ...columns.map((column) => column.name)]), border],
    border,
    line: (change) => format([change.op, ...columns.map((column) => formatValue(change.row[column.name] ?? null, column))]),
  };
}
