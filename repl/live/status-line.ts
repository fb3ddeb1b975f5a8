/**
 * The live view's status line and key hints, as text:
 *
 *   ● running 12.30 s │ in 1,204 rows/s │ out 56 rows/s │ watermark 2020-04-15 08:05:00.000 │ late 0 │ rows 1-20 of 45
 *   q/Esc/Ctrl-C stop · ↑↓ PgUp PgDn Home End scroll · ←→ columns · m changelog · +/- refresh (200 ms)
 */
import { formatCount, formatElapsed } from '../../src/cli/format-summary.js';
import type { LiveQuery } from './live-query.js';

export interface ViewPosition {
  readonly firstRow: number;
  readonly lastRow: number;
  readonly totalRows: number;
  readonly firstColumn: number;
  readonly lastColumn: number;
  readonly totalColumns: number;
}

export function statusLine(query: LiveQuery, position: ViewPosition | null, now: number = Date.now()): string {
  const { status } = query;
  const phase = query.phase === 'running' ? '● running' : `■ ${query.phase}`;
  // Once ended, rates say nothing: totals instead.
  const flow = query.phase === 'running'
    ? [`in ${formatCount(Math.round(status.inPerSecond))} rows/s`, `out ${formatCount(Math.round(status.outPerSecond))} rows/s`]
    : [`in ${formatCount(status.recordsIn)} rows`, `out ${formatCount(query.changes.size)} changes`];
  const parts = [
    `${phase} ${formatElapsed(query.elapsedMs(now))}`,
    ...flow,
    `watermark ${status.watermark ?? '-'}`,
    `late ${formatCount(status.lateRecords)}`,
  ];
  if (query.tableau) parts.push(`${formatCount(query.changes.size)} rows`);
  else if (position) parts.push(positionText(position, query));
  return parts.join(' │ ');
}

function positionText(position: ViewPosition, query: LiveQuery): string {
  const unit = query.mode === 'table' ? 'rows' : 'changes';
  const rows = position.totalRows === 0 ? `0 ${unit}` : `${unit} ${position.firstRow}-${position.lastRow} of ${position.totalRows}`;
  const hiddenColumns = position.totalColumns - (position.lastColumn - position.firstColumn + 1);
  return hiddenColumns > 0 ? `${rows}, columns ${position.firstColumn}-${position.lastColumn} of ${position.totalColumns}` : rows;
}

export function keyHints(query: LiveQuery, refreshMs: number): string {
  if (query.phase !== 'running') return 'q/Esc return to the prompt · ↑↓ PgUp PgDn Home End scroll · ←→ columns · m table/changelog';
  if (query.tableau) return `q/Esc/Ctrl-C stop · +/- refresh (${formatElapsed(refreshMs)})`;
  const other = query.mode === 'table' ? 'changelog' : 'table';
  return `q/Esc/Ctrl-C stop · ↑↓ PgUp PgDn Home End scroll · ←→ columns · m ${other} · +/- refresh (${formatElapsed(refreshMs)})`;
}
