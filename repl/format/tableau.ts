/**
 * Tableau mode, as Flink's client prints it: a header once, then one line per change as it arrives, each with its
 * op (+I/-U/+U/-D), and a total at the end. Rows are printed before the whole result is known, so column widths
 * come from the column types (cells wider than that are cut with '…').
 */
import { displayWidth, pad } from '../../src/cli/format-table.js';
import { formatValue } from '../../src/cli/format-value.js';
import type { Change, ColumnInfo } from '../../src/index.js';

export interface TableauLayout {
  readonly header: readonly string[];
  readonly border: string;
  line(change: Change): string;
}

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|FLOAT|DOUBLE|DECIMAL|NUMERIC)\b/;

export function tableauLayout(columns: readonly ColumnInfo[], maxCellWidth = 40): TableauLayout {
  const widths = [2, ...columns.map((column) => Math.min(maxCellWidth, Math.max(displayWidth(column.name), typeWidth(column.type))))];
  const right = [false, ...columns.map((column) => NUMERIC_TYPE.test(column.type))];
  const format = (texts: readonly string[]): string =>
    '| ' + texts.map((text, index) => pad(clip(text, widths[index] ?? 0), widths[index] ?? 0, right[index] ?? false)).join(' | ') + ' |';
  const border = '+' + widths.map((width) => '-'.repeat(width + 2)).join('+') + '+';
  return {
    header: [border, format(['op', ...columns.map((column) => column.name)]), border],
    border,
    line: (change) => format([change.op, ...columns.map((column) => formatValue(change.row[column.name] ?? null, column))]),
  };
}

/** A display width that fits most values of a type (Flink sizes tableau columns the same way). */
export function typeWidth(type: string): number {
  const base = type.replace(/\s*\*(ROWTIME|PROCTIME)\*$/, '').replace(/ NOT NULL$/, '');
  const decimal = /^DECIMAL\((\d+)(?:,\s*(\d+))?\)/.exec(base);
  if (decimal) return Number(decimal[1]) + 2;
  if (base.startsWith('TIMESTAMP')) return 23;
  if (base.startsWith('DATE')) return 10;
  if (base.startsWith('TIME')) return 12;
  if (base === 'BOOLEAN') return 5;
  if (base === 'TINYINT') return 4;
  if (base === 'SMALLINT') return 6;
  if (base === 'INT' || base === 'INTEGER') return 11;
  if (base === 'BIGINT') return 20;
  if (base === 'FLOAT' || base === 'DOUBLE') return 12;
  const sized = /^(VAR)?CHAR\((\d+)\)/.exec(base);
  if (sized) return Number(sized[2]);
  return 20;
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\r?\n/g, '↵');
  if (displayWidth(flat) <= width) return flat;
  return [...flat].slice(0, Math.max(1, width - 1)).join('') + '…';
}
