/**
 * A continuous query's result, materialised from its changelog: +I/+U add a row, -U/-D take one away. Rows are
 * keyed by their content (a result has no key of its own), with a count so duplicate rows are kept apart.
 * Rows stay in first-arrival order; an update (-U then +U) puts the new version where the old one was.
 */
import type { Change, ResultValue } from '../../src/session/api-types.js';

interface Entry {
  readonly values: readonly ResultValue[];
  count: number;
}

export class ResultTable {
  private readonly entries = new Map<string, Entry>();
  /** The slot freed by the last -U, reused by the +U that follows it. */
  private pendingUpdateSlot: number | null = null;
  private readonly order: string[] = [];
  private changeCount = 0;
  private holes = 0;
  private total = 0;

  constructor(readonly columns: readonly string[]) {}

  get changes(): number {
    return this.changeCount;
  }

  get rowCount(): number {
    return this.total;
  }

  apply(change: Change): void {
    this.changeCount += 1;
    const values = this.columns.map((name) => change.row[name] ?? null);
    const key = rowKey(values);
    if (change.op === '+I' || change.op === '+U') this.add(key, values, change.op === '+U');
    else this.retract(key, change.op === '-U');
  }

  /** The rows, each repeated by its count, in display order. */
  rows(): ResultValue[][] {
    return this.rowsBetween(0, Number.POSITIVE_INFINITY);
  }

  /** Rows [start, end) of rows(), without building the others (the live view shows one page). */
  rowsBetween(start: number, end: number): ResultValue[][] {
    const rows: ResultValue[][] = [];
    let index = 0;
    for (const key of this.order) {
      if (index >= end) break;
      const entry = this.entries.get(key);
      if (!entry) continue;
      for (let copy = 0; copy < entry.count && index < end; copy += 1, index += 1) {
        if (index >= start) rows.push([...entry.values]);
      }
    }
    return rows;
  }

  private add(key: string, values: readonly ResultValue[], isUpdate: boolean): void {
    const existing = this.entries.get(key);
    this.total += 1;
    if (existing) {
      existing.count += 1;
    } else {
      this.entries.set(key, { values, count: 1 });
      const slot = isUpdate ? this.pendingUpdateSlot : null;
      if (slot !== null && this.order[slot] === undefined) {
        this.order[slot] = key;
        this.holes -= 1;
      } else {
        this.order.push(key);
      }
    }
    this.pendingUpdateSlot = null;
    this.compactOrder();
  }

  private retract(key: string, isUpdateBefore: boolean): void {
    const existing = this.entries.get(key);
    this.pendingUpdateSlot = null;
    if (!existing) return; // a retraction of a row we never saw (e.g. the query started mid-stream): ignore
    existing.count -= 1;
    this.total -= 1;
    if (existing.count > 0) return;
    this.entries.delete(key);
    const slot = this.order.indexOf(key);
    if (slot === -1) return;
    if (isUpdateBefore) {
      // Leave a hole for the +U that normally follows; compactOrder() removes it if none comes.
      delete this.order[slot];
      this.holes += 1;
      this.pendingUpdateSlot = slot;
    } else {
      this.order.splice(slot, 1);
    }
  }

  private compactOrder(): void {
    if (this.holes === 0) return;
    this.holes = 0;
    for (let index = this.order.length - 1; index >= 0; index -= 1) {
      if (this.order[index] === undefined) this.order.splice(index, 1);
    }
  }
}

/** A key that tells values of different types apart ('1' vs 1 vs 1n vs null). */
export function rowKey(values: readonly ResultValue[]): string {
  return JSON.stringify(values.map((value) => (value === null ? null : [typeof value, String(value)])));
}
