/**
 * A running (or just ended) SELECT as the live view sees it: the materialised table, the recent changelog, and the
 * status line's numbers (rows in/out per second, watermark, late records, elapsed), refreshed from the engine's
 * job and watermark reports.
 */
import type { Change, ColumnInfo, ResultValue, WatermarkReport } from '../../src/index.js';
import type { GridColumn } from '../format/result-grid.js';
import type { ShellEngine } from '../shell-engine.js';
import { ResultTable } from '../state/result-table.js';
import { ChangeLog } from './change-log.js';
import { Throughput } from './throughput.js';

export type ResultMode = 'table' | 'changelog' | 'tableau';

export const RESULT_MODES: readonly ResultMode[] = ['table', 'changelog', 'tableau'];

/** What the live view shows: the materialised table or the changes (tableau prints changes as the changelog). */
export type LiveMode = 'table' | 'changelog';

export type QueryPhase = 'running' | 'finished' | 'cancelled' | 'failed';

export interface QueryStatus {
  readonly recordsIn: number;
  readonly inPerSecond: number;
  readonly outPerSecond: number;
  /** The watermark the query acts on (its window operators', else its sources'); null before the first. */
  readonly watermark: string | null;
  readonly lateRecords: number;
}

export class LiveQuery {
  readonly table: ResultTable;
  readonly changes = new ChangeLog();
  readonly startedAt: number;
  phase: QueryPhase = 'running';
  /** Tableau mode: rows are printed as they come, the live view shows only the status line. */
  tableau = false;
  endedAt: number | null = null;
  status: QueryStatus = { recordsIn: 0, inPerSecond: 0, outPerSecond: 0, watermark: null, lateRecords: 0 };
  private readonly inRate = new Throughput();
  private readonly outRate = new Throughput();

  constructor(
    readonly columns: readonly ColumnInfo[],
    /** The engine's name for the query's job (to find it in its reports). */
    readonly jobName: string | null,
    readonly updating: boolean,
    public mode: LiveMode,
    now: number = Date.now(),
  ) {
    this.table = new ResultTable(columns.map((column) => column.name));
    this.startedAt = now;
  }

  apply(change: Change): void {
    this.table.apply(change);
    this.changes.push(change);
  }

  toggleMode(): void {
    this.mode = this.mode === 'table' ? 'changelog' : 'table';
  }

  /** The columns shown in the current mode: the changelog has the op column first. */
  displayColumns(): GridColumn[] {
    const columns = this.columns.map((column) => ({ name: column.name, type: column.type, ...(column.timeZone === undefined ? {} : { timeZone: column.timeZone }) }));
    return this.mode === 'changelog' ? [{ name: 'op', type: null }, ...columns] : columns;
  }

  /** Rows in the current mode: the table's rows, or the changes still kept. */
  displayRowCount(): number {
    return this.mode === 'table' ? this.table.rowCount : this.changes.size - this.changes.firstKept;
  }

  /** Rows [start, end) of the current mode (changelog rows start with the op). */
  displayRows(start: number, end: number): ResultValue[][] {
    if (this.mode === 'table') return this.table.rowsBetween(start, end);
    const first = this.changes.firstKept;
    return this.changes.slice(first + start, first + end).map((change) => [
      change.op,
      ...this.columns.map((column) => change.row[column.name] ?? null),
    ]);
  }

  elapsedMs(now: number = Date.now()): number {
    return (this.endedAt ?? now) - this.startedAt;
  }

  end(phase: Exclude<QueryPhase, 'running'>, now: number = Date.now()): void {
    this.phase = phase;
    this.endedAt = now;
  }

  /** Refreshes the status numbers from the engine (cheap: called a few times a second). */
  sample(engine: ShellEngine, now: number = Date.now()): void {
    const report = this.jobName === null ? undefined : engine.jobReports().filter((r) => r.jobName === this.jobName).at(-1);
    const watermarks = this.jobName === null ? undefined : engine.watermarks().filter((r) => r.jobName === this.jobName).at(-1);
    const recordsIn = report?.recordsIn ?? this.status.recordsIn;
    this.inRate.record(recordsIn, now);
    this.outRate.record(this.changes.size, now);
    this.status = {
      recordsIn,
      inPerSecond: this.inRate.perSecond(),
      outPerSecond: this.outRate.perSecond(),
      watermark: watermarks ? currentWatermark(watermarks) : this.status.watermark,
      lateRecords: report?.lateRecords ?? this.status.lateRecords,
    };
  }
}

const END_OF_INPUT = 'end of input';

/** The smallest watermark among the window operators (or, without windows, the active sources). */
export function currentWatermark(report: WatermarkReport): string | null {
  const marks = report.windows.length > 0
    ? report.windows.map((window) => window.watermark)
    : report.sources.filter((source) => !source.idle).map((source) => source.watermark);
  if (marks.length === 0 || marks.includes(null)) return null;
  let lowest: string | null = null;
  for (const mark of marks) {
    if (mark === null) continue;
    if (lowest === null || lowest === END_OF_INPUT || (mark !== END_OF_INPUT && mark < lowest)) lowest = mark;
  }
  return lowest;
}
