/**
 * Streaming output of a query's changes (`sluice run --changelog`), one line per change as it arrives:
 *
 *   +----+---------------------+-------+
 *   | op |        window_start | price |
 *   +----+---------------------+-------+
 *   | +I | 2020-04-15 08:00:00 | 11.00 |
 *
 * Rows arrive one at a time, so column widths come from the column types, not from the data; a value wider
 * than its column widens that line only (nothing is ever cut off; line breaks in a value show as '↵').
 */
import type { Change, ColumnInfo } from '../session/api-types.js';
import { displayWidth, isNumericType, oneLine, pad, typeWidth } from './column-text.js';
import { formatValue } from './format-value.js';

const OP_WIDTH = 2;

export class ChangelogPrinter {
  private readonly widths: number[];
  private readonly rightAligned: boolean[];

  constructor(private readonly columns: readonly ColumnInfo[]) {
    this.widths = columns.map((column) => Math.max(displayWidth(column.name), typeWidth(column.type)));
    this.rightAligned = columns.map((column) => isNumericType(column.type));
  }

  border(): string {
    return '+' + [OP_WIDTH, ...this.widths].map((width) => '-'.repeat(width + 2)).join('+') + '+';
  }

  header(): string[] {
    return [this.border(), this.line('op', this.columns.map((column) => column.name)), this.border()];
  }

  change(change: Change): string {
    return this.line(
      change.op,
      this.columns.map((column) => oneLine(formatValue(change.row[column.name] ?? null, column))),
    );
  }

  /** The closing lines after the last change. */
  footer(changeCount: number): string[] {
    return [this.border(), changeCount === 1 ? 'Received 1 change.' : `Received ${changeCount} changes.`];
  }

  private line(op: string, texts: readonly string[]): string {
    const cells = texts.map((text, index) => pad(text, this.widths[index] ?? 0, this.rightAligned[index] ?? false));
    return '| ' + [op, ...cells].join(' | ') + ' |';
  }
}
