/**
 * Event-time watermarks, record by record: the watermark is the running maximum of the WATERMARK expression
 * (e.g. `bidtime - INTERVAL '1' SECOND`) over the records seen so far. Every row leaves with the watermark that
 * was in force before it arrived, so downstream lateness decisions do not depend on batch boundaries; after the
 * batch the new watermark is emitted. NULL watermark values are skipped (they do not move the watermark).
 *
 * With `maxFutureSkew` set (`'table.exec.watermark.max-future-skew'`), a row whose rowtime is more than the skew
 * ahead of the wall clock at arrival is dropped here, before it can move the watermark, and reported as 'future'
 * (counted for the table and logged). This one setting makes results depend on the wall clock, by design.
 *
 * Splits: when the table's source announces splits (Kafka partitions; see `SourceSplitChannel` in
 * runtime/connector.ts), the running maximum is kept per split and the watermark is the minimum over the splits
 * that are neither idle nor finished (never moving backwards). A split that has produced nothing yet holds the
 * watermark back until it becomes idle: no rows for the table's idle timeout of wall-clock time since the assigner
 * first saw the splits or since the split's last row. When every split is idle or finished, the watermark is the
 * largest split watermark (as a task does when all its inputs are idle). A processing-time timer re-evaluates
 * idleness when no rows arrive. Without idleness, the result depends only on the order of rows (deterministic for an interleaving).
 */
import type { WatermarkAssignerSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import type { Operator, OperatorContext, SourceWatermarkProgress } from '../operator.js';
import { sourceSplitChannel, type BatchSplits, type SourceSplitChannel } from '../connector.js';
import type { DataMessage } from '../messages.js';
import { NO_WATERMARK } from '../messages.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { compileExpr } from '../expr/evaluate.js';
import { ColumnCache } from './column-cache.js';
import { compileVectorExpr, VectorColumns, type VectorKernel } from '../expr/vector/compile.js';
import type { NumberVector } from '../expr/vector/number-vector.js';
import { InternalError } from '../../common/errors.js';

/** A table's progress with one entry per source split (SHOW WATERMARKS shows one row per split). */
export interface SplitWatermarkProgress extends SourceWatermarkProgress {
  readonly splits: readonly SourceWatermarkProgress[];
}

export function hasSplitProgress(progress: SourceWatermarkProgress): progress is SplitWatermarkProgress {
  return Array.isArray((progress as Partial<SplitWatermarkProgress>).splits);
}

interface SplitState {
  readonly id: number;
  /** The split's own watermark: the running maximum of the WATERMARK expression over its rows. */
  watermark: number;
  maxEventTime: number;
  records: number;
  /** Wall-clock time of the split's last row (or of when the assigner first saw the splits). */
  lastActive: number;
}

export interface SplitWatermarksSnapshot {
  readonly splits: readonly { readonly id: number; readonly watermark: number; readonly maxEventTime: number; readonly records: number }[];
  readonly finished: readonly number[];
}

/** What a watermark assigner checkpoints: everything it keeps (it has no keyed state). */
interface WatermarkAssignerSnapshot {
  readonly watermark: number;
  readonly maxEventTime: number;
  readonly records: number;
  readonly splits?: SplitWatermarksSnapshot;
}

/** Per-split watermarks and their minimum over active splits (pure bookkeeping; the operator emits). */
export class SplitWatermarks {
  private readonly states = new Map<number, SplitState>();
  private readonly finished = new Set<number>();
  /** How many of the channel's splits are set up (splits added while reading come after the announced ones). */
  private known = 0;

  constructor(private readonly channel: SourceSplitChannel, startWallMs: number) {
    for (const split of channel.initiallyFinished) this.finished.add(split);
    this.sync(startWallMs);
  }

  /** Sets up splits the source added since (partition discovery): no watermark yet, idle clock from now. */
  sync(wallNow: number): void {
    const splits = this.channel.splits;
    for (; this.known < splits.length; this.known++) {
      const { id } = splits[this.known]!;
      if (!this.states.has(id)) this.states.set(id, { id, watermark: NO_WATERMARK, maxEventTime: NO_WATERMARK, records: 0, lastActive: wallNow });
    }
  }

  /** Records one row of `split`; returns the combined watermark after it. */
  observe(split: number, candidate: Value | undefined, time: Value | undefined, wallNow: number): number {
    let state = this.states.get(split);
    if (!state) this.states.set(split, (state = { id: split, watermark: NO_WATERMARK, maxEventTime: NO_WATERMARK, records: 0, lastActive: wallNow }));
    state.records++;
    state.lastActive = wallNow;
    if (typeof time === 'number' && time > state.maxEventTime) state.maxEventTime = time;
    if (typeof candidate === 'number' && candidate > state.watermark) state.watermark = candidate;
    return this.combined(wallNow);
  }

  /** Checkpoints: per-split watermarks, event times, counts and the finished splits (idle clocks restart). */
  snapshot(): SplitWatermarksSnapshot {
    return {
      splits: [...this.states.values()].map(({ id, watermark, maxEventTime, records }) => ({ id, watermark, maxEventTime, records })),
      finished: [...this.finished],
    };
  }

  restore(snapshot: SplitWatermarksSnapshot, wallNow: number): void {
    for (const split of snapshot.splits) this.states.set(split.id, { ...split, lastActive: wallNow });
    for (const split of snapshot.finished) this.finished.add(split);
  }

  /** Splits that ended (bounded reads): they no longer hold the watermark back. */
  finish(splits: readonly number[]): void {
    for (const split of splits) this.finished.add(split);
  }

  private isIdle(state: SplitState, wallNow: number): boolean {
    const timeout = this.channel.idleTimeout;
    return timeout > 0 && wallNow - state.lastActive >= timeout;
  }

  /**
   * Minimum watermark over splits that are neither idle nor finished. When every split is idle or finished, the
   * largest split watermark (as a task does when all its inputs are idle); −∞ before any split has one.
   */
  combined(wallNow: number): number {
    let minimum = Number.POSITIVE_INFINITY;
    let maximum = NO_WATERMARK;
    for (const state of this.states.values()) {
      if (state.watermark > maximum) maximum = state.watermark;
      if (this.finished.has(state.id) || this.isIdle(state, wallNow)) continue;
      if (state.watermark < minimum) minimum = state.watermark;
    }
    return minimum === Number.POSITIVE_INFINITY ? maximum : minimum;
  }

  /** The earliest wall-clock time after `wallNow` at which a split that is still active goes idle, if any. */
  nextIdleDeadline(wallNow: number): number | undefined {
    const timeout = this.channel.idleTimeout;
    if (timeout <= 0) return undefined;
    let earliest: number | undefined;
    for (const state of this.states.values()) {
      if (this.finished.has(state.id)) continue;
      const deadline = state.lastActive + timeout;
      if (deadline <= wallNow) continue;
      if (earliest === undefined || deadline < earliest) earliest = deadline;
    }
    return earliest;
  }

  describe(table: string, wallNow: number): SourceWatermarkProgress[] {
    return [...this.states.values()].sort((a, b) => a.id - b.id).map((state) => ({
      kind: 'source-watermark',
      table,
      split: state.id,
      watermark: state.watermark,
      maxEventTime: state.maxEventTime,
      records: state.records,
      idle: this.isIdle(state, wallNow) || this.finished.has(state.id),
    }));
  }
}

export class WatermarkAssignerOperator implements Operator {
  private readonly watermarkOf;
  private readonly vectorWatermarkOf: VectorKernel | null;
  private watermark = NO_WATERMARK;
  private maxEventTime = NO_WATERMARK;
  private records = 0;
  private tableMetrics: TableMetrics | undefined;
  private splits: SplitWatermarks | undefined;
  private cancelIdleTimer: (() => void) | undefined;
  /** Restored per-split state, applied when the splits are set up (at the first batch). */
  private restoredSplits: SplitWatermarksSnapshot | undefined;

  constructor(private readonly spec: WatermarkAssignerSpec, private readonly now: () => number = Date.now, vectorized = true) {
    this.watermarkOf = compileExpr(spec.watermark);
    this.vectorWatermarkOf = vectorized ? compileVectorExpr(spec.watermark) : null;
  }

  open(context: OperatorContext): void {
    this.tableMetrics = context.jobMetrics.table(this.spec.table);
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const { batch } = message;
    const rows = batch.numRows;
    const input = ColumnCache.of(batch, context.inputSchema);
    // Watermark candidates and event times as numbers, NaN for NULL (which never advances anything).
    const vectors = new VectorColumns(batch, context.inputSchema.fields.map((f) => f.type));
    const candidates = orNaN(this.vectorWatermarkOf?.(vectors)) ?? valuesOrNaN(this.watermarkOf(input.reader, rows));
    const times = (this.vectorWatermarkOf === null ? undefined : orNaN(vectors.column(this.spec.rowtimeIndex)))
      ?? valuesOrNaN(input.column(this.spec.rowtimeIndex));
    const futureLimit = this.spec.maxFutureSkew === undefined ? Number.POSITIVE_INFINITY : this.now() + this.spec.maxFutureSkew;
    const before = new Float64Array(rows);
    let kept: number[] | undefined;
    let current = this.watermark;
    const batchSplits = this.batchSplits(rows);
    const rowSplits = batchSplits?.rowSplits;
    const splits = this.splits;
    const wallNow = splits ? this.now() : 0;
    for (let i = 0; i < rows; i++) {
      const time = times[i];
      if (time! > futureLimit) {
        kept ??= Array.from({ length: i }, (_, j) => j);
        this.dropFuture(input, i, current, context);
        continue;
      }
      kept?.push(i);
      before[i] = current;
      if (time! > this.maxEventTime) this.maxEventTime = time!;
      const candidate = candidates[i];
      if (splits && rowSplits) {
        current = Math.max(current, splits.observe(rowSplits[i]!, candidate, time, wallNow));
        continue;
      }
      if (candidate! > current) current = candidate!;
    }
    this.records += kept ? kept.length : rows;
    if (splits && batchSplits && batchSplits.finishedAfter.length > 0) {
      splits.finish(batchSplits.finishedAfter);
      current = Math.max(current, splits.combined(wallNow));
    }
    // The watermark passed `current` while this batch was read: clock it before downstream acts on the rows.
    if (current > this.watermark) context.jobMetrics.watermarkClock.record(context.operatorId, current, performance.now());
    if (kept === undefined) {
      const options: { rowKinds?: Uint8Array; watermarks: Float64Array } = { watermarks: before };
      if (message.rowKinds) options.rowKinds = message.rowKinds;
      await context.emit(batch, options);
    } else if (kept.length > 0) {
      const rowsKept = kept;
      const columns = context.inputSchema.fields.map((_, c) => rowsKept.map((r) => input.column(c)[r]!));
      const options: { rowKinds?: Uint8Array; watermarks: Float64Array } = { watermarks: Float64Array.from(rowsKept, (r) => before[r]!) };
      if (message.rowKinds) options.rowKinds = Uint8Array.from(rowsKept, (r) => message.rowKinds![r]!);
      await context.emit(makeBatch(context.outputSchema, columns, rowsKept.length), options);
    }
    if (current > this.watermark) {
      this.watermark = current;
      await context.emitWatermark(current);
    }
    if (splits) this.scheduleIdleCheck(context, wallNow);
  }

  /** The splits of the batch's rows when the source reports splits (the channel is set up lazily). */
  private batchSplits(rows: number): BatchSplits | undefined {
    if (!this.tableMetrics) return undefined;
    const channel = sourceSplitChannel(this.tableMetrics);
    if (!channel.active) return undefined;
    if (!this.splits) {
      this.splits = new SplitWatermarks(channel, this.now());
      if (this.restoredSplits) this.splits.restore(this.restoredSplits, this.now());
      this.restoredSplits = undefined;
    }
    this.splits.sync(this.now());
    const splits = channel.take();
    if (splits === undefined || splits.rowSplits.length !== rows) {
      throw new InternalError(`Table '${this.spec.table}': the source reported splits for ${splits?.rowSplits.length ?? 'no'} rows of a batch of ${rows}`);
    }
    return splits;
  }

  /**
   * Re-evaluates idleness when the next split could go idle, so a quiet split stops holding the watermark back.
   * `evaluatedAt` is the wall-clock time the combined watermark was last computed at: every split active then is
   * covered, even when its deadline passed since (a slow emit downstream, a timer that fired a little early) — it is
   * then checked at once. Reading the clock afresh here would skip such a split and never look at it again.
   */
  private scheduleIdleCheck(context: OperatorContext, evaluatedAt: number): void {
    const at = this.splits?.nextIdleDeadline(evaluatedAt);
    this.cancelIdleTimer?.();
    this.cancelIdleTimer = undefined;
    if (at === undefined || !context.scheduleAt) return;
    this.cancelIdleTimer = context.scheduleAt(at, async () => {
      this.cancelIdleTimer = undefined;
      const wallNow = this.now();
      this.splits!.sync(wallNow);
      const combined = this.splits!.combined(wallNow);
      if (combined > this.watermark) {
        this.watermark = combined;
        context.jobMetrics.watermarkClock.record(context.operatorId, combined, performance.now());
        await context.emitWatermark(combined);
      }
      this.scheduleIdleCheck(context, wallNow);
    });
  }

  /**
   * Checkpoints: the assigner's watermark, the largest event time, the record count and the per-split state. A
   * restored assigner continues from them, so rows after the restore are judged against the checkpoint's watermark
   * (never a lower one) and the watermark never goes backwards.
   */
  snapshotState(): WatermarkAssignerSnapshot {
    const splits = this.splits?.snapshot() ?? this.restoredSplits;
    return { watermark: this.watermark, maxEventTime: this.maxEventTime, records: this.records, ...(splits ? { splits } : {}) };
  }

  restoreState(snapshot: unknown): void {
    if (!snapshot || typeof snapshot !== 'object') return;
    const restored = snapshot as WatermarkAssignerSnapshot;
    this.watermark = restored.watermark;
    this.maxEventTime = restored.maxEventTime;
    this.records = restored.records;
    this.restoredSplits = restored.splits;
  }

  close(): void {
    this.cancelIdleTimer?.();
    this.cancelIdleTimer = undefined;
  }

  describeProgress(): SourceWatermarkProgress | SplitWatermarkProgress {
    const table: SourceWatermarkProgress = {
      kind: 'source-watermark',
      table: this.spec.table,
      split: 0,
      watermark: this.watermark,
      maxEventTime: this.maxEventTime,
      records: this.records,
      idle: false,
    };
    return this.splits ? { ...table, splits: this.splits.describe(this.spec.table, this.now()) } : table;
  }

  private dropFuture(input: ColumnCache, row: number, watermark: number, context: OperatorContext): void {
    if (this.tableMetrics) this.tableMetrics.futureRecords++;
    const values: Value[] = context.inputSchema.fields.map((_, c) => input.column(c)[row]!);
    context.reportDropped({ table: this.spec.table, values, reason: 'future', watermark });
  }
}

/** A number vector's values with NaN where it is NULL (undefined stays undefined). */
function orNaN(vector: NumberVector | undefined): Float64Array | undefined {
  if (vector === undefined || vector.nulls === null) return vector?.values;
  const values = Float64Array.from(vector.values);
  for (let i = 0; i < values.length; i++) if (vector.nulls[i] === 1) values[i] = Number.NaN;
  return values;
}

function valuesOrNaN(values: readonly Value[]): Float64Array {
  return Float64Array.from(values, (v) => (typeof v === 'number' ? v : Number.NaN));
}
