/**
 * Top-N over an unbounded input (Flink's Rank; see RankSpec): each row updates its partition's sorted rows, and
 * the difference between the partition's result before and after is emitted at once (see rank-changes.ts).
 *
 * An append-only input keeps per partition only the rows that can still rank within `rankEnd` (AppendFastStrategy);
 * an input with retractions keeps every row (RetractStrategy), since retracting a row of the result brings the next
 * one up. A retraction of a row that is not there (never ranked, or its state expired) changes nothing.
 *
 * LIMIT without ORDER BY over an append-only input keeps only a count per partition: the rows ranked rankStart …
 * rankEnd by arrival are emitted (+I) as they come, and no row is kept.
 *
 * State: one map, namespace 0, key = encoded partition key values, value = the partition's sorted rows. With a state
 * TTL, a partition that sees no change for that long (processing time) is dropped silently, as in Flink: its result
 * stays downstream, and a later row for it starts over.
 */
import type { RankSpec } from '../../dataflow/graph.js';
import { isAccumulate, RowKind, type Value } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import { makeBatch } from '../batch.js';
import { encodeKey } from '../keys.js';
import type { Row } from '../windows/ranked-rows.js';
import { ColumnCache } from './column-cache.js';
import { IdleKeyCleaner } from './idle-state-retention.js';
import { changesByPosition, insertRow, rankChanges, removeRow, resultRows, trimToRank, type RankRange } from './rank-changes.js';

interface PartitionEntry {
  /** The partition's rows, sorted (ties in arrival order); empty for first rows only (see `count`). */
  rows: Row[];
  /**
   * LIMIT without ORDER BY over an append-only input (Flink's AppendOnlyFirstNFunction): rows never move, so only how
   * many arrived is kept (up to rankEnd + 1), not the rows themselves.
   */
  count?: number;
  /** Wall-clock time of the last change (only with a state TTL). */
  lastAccess?: number;
}

const NO_NAMESPACE = 0;

export class RankOperator implements Operator {
  private readonly range: RankRange;
  private readonly byPosition: boolean;
  private readonly firstRowsOnly: boolean;
  private state!: NamespacedMapState<PartitionEntry>;
  private cleaner: IdleKeyCleaner | undefined;

  constructor(
    private readonly spec: RankSpec,
    private readonly clock: () => number = Date.now,
  ) {
    this.range = { rankFunction: spec.rankFunction, start: spec.rankStart, end: spec.rankEnd };
    this.byPosition = changesByPosition(spec);
    this.firstRowsOnly = spec.orderBy.length === 0 && !spec.inputUpdates;
  }

  open(context: OperatorContext): void {
    this.state = context.state.mapState<PartitionEntry>(`${context.operatorId}/ranks`);
    this.cleaner = IdleKeyCleaner.forTtl(context, this.spec.stateTtl, this.clock, (key) => this.state.delete(NO_NAMESPACE, key));
  }

  close(): void {
    this.cleaner?.close();
  }

  /** The ranked rows of every partition (LIMIT without ORDER BY keeps only counts: see keepsResultRows). */
  *currentResult(): Iterable<readonly Value[]> {
    for (const [, entry] of this.state.entries(NO_NAMESPACE)) {
      for (const { row, rank } of resultRows(entry.rows, this.spec.orderBy, this.range)) yield this.spec.outputRank ? [...row, BigInt(rank)] : row;
    }
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    this.cleaner?.expire();
    const { spec } = this;
    const retention = this.cleaner?.retention;
    const now = retention?.now();
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const width = context.inputSchema.fields.length;
    const columns = Array.from({ length: width }, (_, i) => input.column(i));
    const output: Value[][] = Array.from({ length: context.outputSchema.fields.length }, () => []);
    const kinds: number[] = [];
    for (let r = 0; r < message.batch.numRows; r++) {
      const row: Row = new Array<Value>(width);
      for (let c = 0; c < width; c++) row[c] = columns[c]![r] ?? null;
      const key = encodeKey(spec.partitionKeys.map((k) => row[k]!));
      const retract = message.rowKinds !== undefined && !isAccumulate(message.rowKinds[r] as RowKind);
      let entry = this.state.get(NO_NAMESPACE, key);
      if (!entry) {
        if (retract) continue;
        entry = { rows: [] };
      }
      if (this.firstRowsOnly) {
        const seen = (entry.count ?? entry.rows.length) + 1;
        if (seen > spec.rankEnd + 1) continue; // past the limit for good: nothing changes any more
        if (seen >= spec.rankStart && seen <= spec.rankEnd) {
          for (let c = 0; c < width; c++) output[c]!.push(row[c]!);
          if (spec.outputRank) output[width]!.push(BigInt(seen));
          kinds.push(RowKind.Insert);
        }
        entry = { rows: [], count: seen, ...(entry.lastAccess === undefined ? {} : { lastAccess: entry.lastAccess }) };
        this.keep(key, entry, now);
        continue;
      }
      const before = resultRows(entry.rows, spec.orderBy, this.range);
      if (retract) {
        if (removeRow(entry.rows, row, spec.orderBy) < 0) continue;
      } else {
        const position = insertRow(entry.rows, row, spec.orderBy);
        if (!spec.inputUpdates) {
          trimToRank(entry.rows, spec.orderBy, spec.rankFunction, spec.rankEnd);
          if (position >= entry.rows.length) continue; // cut at once: it can never rank, nothing changed
        }
      }
      for (const change of rankChanges(before, resultRows(entry.rows, spec.orderBy, this.range), this.byPosition)) {
        for (let c = 0; c < width; c++) output[c]!.push(change.row[c]!);
        if (spec.outputRank) output[width]!.push(BigInt(change.rank));
        kinds.push(change.kind);
      }
      if (entry.rows.length === 0) {
        this.state.delete(NO_NAMESPACE, key);
        if (retention && entry.lastAccess !== undefined) retention.forget(key, entry.lastAccess);
        continue;
      }
      this.keep(key, entry, now);
    }
    this.cleaner?.schedule(context);
    if (kinds.length === 0) return;
    await context.emit(makeBatch(context.outputSchema, output, kinds.length), { rowKinds: Uint8Array.from(kinds) });
  }

  /** Stores a partition's entry, noting its last change for the state TTL. */
  private keep(key: string, entry: PartitionEntry, now: number | undefined): void {
    const retention = this.cleaner?.retention;
    if (retention && now !== undefined) {
      retention.touch(key, now, entry.lastAccess);
      entry.lastAccess = now;
    }
    this.state.put(NO_NAMESPACE, key, entry);
  }
}
