/**
 * The late-record log: every row an operator of this Engine's jobs dropped as late, or as too far in the future,
 * kept per table (the last `capacity()` of them in memory; the counts stay exact beyond that). Read as the
 * `<table>$late` system table (see late-table.ts).
 */
import type { Value } from '../common/values.js';
import type { DroppedRecord, DroppedRecordSink, DropReason } from '../runtime/operator.js';

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
  /** A ring buffer of the last `capacity` records: `next` is where the next one goes once full. */
  readonly records: LoggedRecord[] = [];
  next = 0;
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
    const capacity = Math.max(1, this.capacity());
    if (log.records.length < capacity) {
      log.records.push(entry);
      return;
    }
    if (log.records.length > capacity) {
      // The setting was lowered: keep the newest `capacity`, in order.
      const ordered = [...log.records.slice(log.next), ...log.records.slice(0, log.next)];
      log.records.splice(0, log.records.length, ...ordered.slice(ordered.length - capacity));
      log.next = 0;
    }
    log.records[log.next] = entry;
    log.next = (log.next + 1) % capacity;
  }

  /** The retained records of `table`, oldest first (a copy: later reports do not change it). */
  snapshot(table: string): LoggedRecord[] {
    const log = this.tables.get(table);
    if (!log) return [];
    return [...log.records.slice(log.next), ...log.records.slice(0, log.next)];
  }

  /** Exact counts of records logged for `table`, retained or not. */
  counts(table: string): { late: number; future: number } {
    const log = this.tables.get(table);
    return { late: log?.late ?? 0, future: log?.future ?? 0 };
  }
}
