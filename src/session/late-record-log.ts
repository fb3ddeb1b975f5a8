/**
 * The late-record log: every row an operator of this Engine's jobs dropped as late, or as too far in the future,
 * kept per table (the last `capacity()` of them in memory; the counts stay exact beyond that). Read as the
 * `<table>$late` system table (see late-table.ts).
 */
import type { Value } from '../common/values.js';
import type { DroppedRecord, DroppedRecordSink, DropReason } from '../runtime/operator.js';
import { RecordRing } from './record-ring.js';

export interface LoggedRecord {
  readonly values: readonly Value[];
  readonly reason: DropReason;
  readonly operator: string;
  readonly watermark: number;
  readonly job: string;
  /** Wall-clock epoch milliseconds when it was dropped. */
  readonly at: number;
}

class TableLog {
  readonly records = new RecordRing<LoggedRecord>();
  late = 0;
  future = 0;
}

export class LateRecordLog implements DroppedRecordSink {
  private readonly tables = new Map<string, TableLog>();

  constructor(private readonly capacity: () => number, private readonly now: () => number = Date.now) {}

  report(record: DroppedRecord): void {
    let log = this.tables.get(record.table);
    if (!log) this.tables.set(record.table, (log = new TableLog()));
    if (record.reason === 'late') log.late++;
    else log.future++;
    const entry: LoggedRecord = { values: record.values, reason: record.reason, operator: record.operator, watermark: record.watermark, job: record.job, at: this.now() };
    log.records.push(entry, this.capacity());
  }

  /** The retained records of `table`, oldest first (a copy: later reports do not change it). */
  snapshot(table: string): LoggedRecord[] {
    return this.tables.get(table)?.records.snapshot() ?? [];
  }

  /** Exact counts of records logged for `table`, retained or not. */
  counts(table: string): { late: number; future: number } {
    const log = this.tables.get(table);
    return { late: log?.late ?? 0, future: log?.future ?? 0 };
  }
}
