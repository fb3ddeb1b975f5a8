/** Finished output of the REPL, printed once above the live area. */

export type OutputTone = 'echo' | 'data' | 'info' | 'warn' | 'error';

export interface OutputItem {
  readonly id: number;
  readonly tone: OutputTone;
  readonly lines: readonly string[];
}

/** Splits summary/message lines by their `[WARN]` prefix so warnings can be coloured. */
export function toneOf(line: string): OutputTone {
  if (line.startsWith('[WARN]')) return 'warn';
  if (line.startsWith('Error:')) return 'error';
  return 'info';
}

/** How many rows of a running query the live area shows (the newest are kept). */
export const LIVE_ROW_LIMIT = 20;

export function visibleRows<T>(rows: readonly T[], limit: number = LIVE_ROW_LIMIT): { rows: readonly T[]; hidden: number } {
  if (rows.length <= limit) return { rows, hidden: 0 };
  return { rows: rows.slice(rows.length - limit), hidden: rows.length - limit };
}
