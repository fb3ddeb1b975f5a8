/**
 * The shell's bordered result table, with each column's type under its name (DuckDB style, Flink's borders):
 *
 *   +----+------+--------+
 *   | op | item |      n |
 *   |    | STRING | BIGINT |   (types line: names and types share the column width)
 *   +----+------+--------+
 *
 * Wide results scroll sideways: `firstColumn` skips columns on the left and columns that do not fit in `maxWidth`
 * are left out on the right (the caller says so in its status line). Long cells are cut at `maxCellWidth` with '…'.
 * Pure: returns lines.
 */
import { clip, displayWidth, pad } from '../../src/cli/column-text.js';
import { formatValue, isNumericColumn } from '../../src/cli/format-value.js';
import type { ResultValue } from '../../src/index.js';

export interface GridColumn {
  readonly name: string;
  /** Shown on the second header line; null for none (e.g. the op column). */
  readonly type: string | null;
  /** TIMESTAMP_LTZ columns: the zone their values are shown in. */
  readonly timeZone?: string;
}

export interface GridOptions {
  /** The first column shown (horizontal scroll); columns before it are skipped, except pinned ones. */
  readonly firstColumn?: number;
  /** How many leading columns always show (the changelog's op column). */
  readonly pinnedColumns?: number;
  /** Terminal width: columns that would make a line longer are left out. */
  readonly maxWidth?: number;
  readonly maxCellWidth?: number;
}

export interface Grid {
  /** Border, names, types, border: printed once above the rows (tableau mode) or with them. */
  readonly header: readonly string[];
  readonly rows: readonly string[];
  readonly border: string;
  /** Indexes of the columns shown, in order. */
  readonly shownColumns: readonly number[];
}

export const DEFAULT_MAX_CELL_WIDTH = 40;

function gridColumnType(column: GridColumn | undefined): { type: string; timeZone?: string } | undefined {
  if (column === undefined || column.type === null) return undefined;
  return column.timeZone === undefined ? { type: column.type } : { type: column.type, timeZone: column.timeZone };
}

export function buildGrid(columns: readonly GridColumn[], rows: readonly (readonly ResultValue[])[], options: GridOptions = {}): Grid {
  const maxCell = options.maxCellWidth ?? DEFAULT_MAX_CELL_WIDTH;
  const cells = rows.map((row) => columns.map((_, index) => clip(formatValue(row[index] ?? null, gridColumnType(columns[index])), maxCell)));
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column.name), displayWidth(column.type ?? ''), ...cells.map((row) => displayWidth(row[index] ?? ''))),
  );
  const rightAligned = columns.map((column, index) => isNumericColumn(rows.map((row) => row[index] ?? null), column.type ?? undefined));
  const shownColumns = chooseColumns(widths, options);
  const line = (texts: readonly string[]): string =>
    '| ' + shownColumns.map((index) => pad(texts[index] ?? '', widths[index] ?? 0, rightAligned[index] ?? false)).join(' | ') + ' |';
  const border = '+' + shownColumns.map((index) => '-'.repeat((widths[index] ?? 0) + 2)).join('+') + '+';
  const hasTypes = columns.some((column) => column.type !== null);
  const header = [border, line(columns.map((column) => column.name))];
  if (hasTypes) header.push(line(columns.map((column) => column.type ?? '')));
  header.push(border);
  return { header, rows: cells.map(line), border, shownColumns };
}

/** The whole table as printed once finished: header, rows, closing border (when there are rows). */
export function gridLines(grid: Grid): string[] {
  return grid.rows.length === 0 ? [...grid.header] : [...grid.header, ...grid.rows, grid.border];
}

function chooseColumns(widths: readonly number[], options: GridOptions): number[] {
  const pinned = Math.min(options.pinnedColumns ?? 0, widths.length);
  const first = Math.max(pinned, Math.min(options.firstColumn ?? pinned, widths.length - 1));
  const candidates = [...range(0, pinned), ...range(first, widths.length)];
  const maxWidth = options.maxWidth ?? Number.POSITIVE_INFINITY;
  const chosen: number[] = [];
  let total = 1;
  for (const index of candidates) {
    const width = (widths[index] ?? 0) + 3;
    // Always show at least one scrolling column, even if it is wider than the terminal.
    if (total + width > maxWidth && chosen.length > pinned) break;
    chosen.push(index);
    total += width;
  }
  return chosen;
}

function range(from: number, to: number): number[] {
  const values: number[] = [];
  for (let index = from; index < to; index += 1) values.push(index);
  return values;
}
