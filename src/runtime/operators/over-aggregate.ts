/**
 * Event-time OVER aggregation (Flink's RowTimeRangeBoundedPrecedingFunction, RowTimeRowsBoundedPrecedingFunction and
 * RowTime{Range,Rows}UnboundedPrecedingFunction, in one operator). Rows are buffered per partition key until the
 * watermark reaches their time; then, time by time in ascending order, each partition's rows of that time join its
 * frame and are emitted (+I) with the frame's aggregates:
 *
 * - RANGE: all rows of the time join the frame first, so rows of equal time (peers) get the same values; with a
 *   bound P, rows older than time − P leave the frame (retracted from the accumulators).
 * - ROWS: rows join one by one in arrival order, each emitted with the frame as it is after it joined; with a bound
 *   n, the frame holds the current row and the n rows before it.
 *
 * Late rows, as in Flink: with an unbounded frame, a row whose time is at or below the watermark in force when it
 * arrived; with a bounded frame (whose functions keep, per partition, the time they processed last), a row whose
 * time is at or below that last processed time of its partition — a row behind the watermark but ahead of everything
 * its partition has emitted is still taken, and processed at the next watermark advance. Late rows are dropped,
 * counted for their table and logged. A row with a NULL time is dropped and counted as such.
 *
 * Determinism: rows carry the watermark in force when they arrived, and the operator replays every watermark advance
 * at the row where it happened (as the window aggregation does), so which rows are late and what is emitted do not
 * depend on batch boundaries. Emitted rows carry the watermark in force before the advance that produced them.
 *
 * State (in the state backend, so checkpointed with it):
 * - `pending`: namespace = a row time, key = the encoded partition key, value = the rows of that time in arrival
 *   order, until the watermark passes the time;
 * - `frames`: per partition key, the accumulators, the rows still in a bounded frame (time and arguments) and the
 *   time last processed;
 * - `expiry` (bounded RANGE only): namespace = the watermark from which a partition's frame can hold no row any
 *   more (last time + P): its rows and accumulators are dropped then (its last time is kept, for the late rule).
 *
 * The operator's own watermark (ahead of the task's within a batch) is in the checkpoint snapshot.
 */
import type { OverAggregateSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { TableMetrics } from '../metrics.js';
import { AccumulatorSet } from '../aggregates/index.js';
import { encodeKey } from '../keys.js';
import { ColumnCache } from './column-cache.js';
import { WatermarkedRows } from './watermarked-rows.js';
import { WatermarkReplayingOperator } from './watermark-replay.js';

interface FrameState {
  accs: unknown[];
  /** Bounded frames: the rows in the frame, oldest first, as [time, argument values]. */
  rows: [number, Value[]][];
  /** The time of the rows processed last (−∞ before the first). */
  last: number;
}

const NO_NAMESPACE = 0;

export class OverAggregateOperator extends WatermarkReplayingOperator implements Operator {
  private readonly accumulators: AccumulatorSet;
  private readonly bounded: boolean;
  private pending!: NamespacedMapState<Value[][]>;
  private frames!: NamespacedMapState<FrameState>;
  private expiry!: NamespacedMapState<true>;
  private tableMetrics!: TableMetrics;

  constructor(private readonly spec: OverAggregateSpec) {
    super();
    this.bounded = spec.frame.preceding !== null;
    // Bounded frames take rows out again; an unbounded one never does, so its functions need no retraction state.
    this.accumulators = new AccumulatorSet(spec.aggregates, { retracts: this.bounded });
  }

  open(context: OperatorContext): void {
    this.pending = context.state.mapState<Value[][]>(`${context.operatorId}/pending`);
    this.frames = context.state.mapState<FrameState>(`${context.operatorId}/frames`);
    this.expiry = context.state.mapState<true>(`${context.operatorId}/expiry`);
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const { spec } = this;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const columns = context.inputSchema.fields.map((_, i) => input.column(i));
    const keyColumns = spec.partitionKeys.map((k) => columns[k]!);
    const rowWatermarks = message.watermarks;
    const output = new WatermarkedRows();
    if (spec.timeMode === 'processing') {
      this.processOnArrival(message.batch.numRows, columns, keyColumns, rowWatermarks ?? null, context.currentWatermark, output);
      await output.flush(context);
      return;
    }
    this.bufferByTimeAndKey(message, context, input, {
      pending: this.pending, timeIndex: spec.timeIndex, partitionKeys: spec.partitionKeys,
      lateBound: (key) => this.lateBoundOf(key), late: spec, tableMetrics: this.tableMetrics,
    }, output);
    await output.flush(context);
  }

  /**
   * Processing time (Flink's ProcTime*Function): every row is aggregated and emitted as it arrives, in arrival order
   * per partition — each row on its own, except that a bounded RANGE frame's rows get the wall-clock time of their
   * batch, so the rows of a partition arriving together are peers (Flink groups the rows of one millisecond), and
   * rows older than now − P leave the frame.
   */
  private processOnArrival(
    count: number, columns: readonly (readonly Value[])[], keyColumns: readonly (readonly Value[])[],
    rowWatermarks: Float64Array | null, watermark: number, output: WatermarkedRows,
  ): void {
    const { units, preceding } = this.spec.frame;
    const now = Date.now();
    const frameOf = (key: string): FrameState =>
      this.frames.get(NO_NAMESPACE, key) ?? { accs: this.accumulators.create(), rows: [], last: Number.NEGATIVE_INFINITY };
    if (units === 'ROWS' || preceding === null) {
      for (let row = 0; row < count; row++) {
        const key = encodeKey(keyColumns.map((column) => column[row]!));
        const frame = frameOf(key);
        this.process(frame, now, [columns.map((column) => column[row]!)], output, rowWatermarks ? rowWatermarks[row]! : watermark);
        this.frames.put(NO_NAMESPACE, key, frame);
      }
      return;
    }
    const peers = new Map<string, Value[][]>();
    for (let row = 0; row < count; row++) {
      const key = encodeKey(keyColumns.map((column) => column[row]!));
      const rows = peers.get(key) ?? [];
      rows.push(columns.map((column) => column[row]!));
      peers.set(key, rows);
    }
    for (const [key, rows] of peers) {
      const frame = frameOf(key);
      this.process(frame, now, rows, output, watermark);
      this.frames.put(NO_NAMESPACE, key, frame);
      this.expiry.put(now + preceding, key, true);
    }
    this.purge(now);
  }

  protected get processingTime(): boolean {
    return this.spec.timeMode === 'processing';
  }

  /** A row of partition `key` at or below this time is late. */
  private lateBoundOf(key: string): number {
    if (!this.bounded) return this.watermark;
    return this.frames.get(NO_NAMESPACE, key)?.last ?? Number.NEGATIVE_INFINITY;
  }

  /** Processes every buffered row at or below `watermark`, time by time, then forgets expired frames. */
  protected advanceTo(watermark: number, output: WatermarkedRows): void {
    const before = this.watermark;
    this.watermark = watermark;
    const { units, preceding } = this.spec.frame;
    for (const time of this.pending.namespacesUpTo(watermark)) {
      for (const [key, rows] of [...this.pending.entries(time)]) {
        const frame = this.frames.get(NO_NAMESPACE, key) ?? { accs: this.accumulators.create(), rows: [], last: Number.NEGATIVE_INFINITY };
        this.process(frame, time, rows, output, before);
        this.frames.put(NO_NAMESPACE, key, frame);
        if (units === 'RANGE' && preceding !== null) this.expiry.put(time + preceding, key, true);
      }
      this.pending.clearNamespace(time);
    }
    this.purge(watermark);
  }

  /** Adds the rows of `time` to a partition's frame, emitting each with the frame's aggregates. */
  private process(frame: FrameState, time: number, rows: readonly Value[][], output: WatermarkedRows, watermark: number): void {
    const { units, preceding } = this.spec.frame;
    const { accumulators } = this;
    if (units === 'RANGE') {
      // Rows leaving the frame first, then the new ones (Flink's order, which floating-point sums can tell).
      if (preceding !== null) {
        while (frame.rows.length > 0 && frame.rows[0]![0] < time - preceding) accumulators.accumulate(frame.accs, frame.rows.shift()![1], true);
      }
      for (const values of rows) {
        const args = this.argumentsOf(values);
        accumulators.accumulate(frame.accs, args, false);
        if (preceding !== null) frame.rows.push([time, args]);
      }
      const results = accumulators.values(frame.accs);
      for (const values of rows) output.add([...values, ...results], watermark);
    } else {
      for (const values of rows) {
        const args = this.argumentsOf(values);
        if (preceding !== null) {
          if (frame.rows.length > preceding) accumulators.accumulate(frame.accs, frame.rows.shift()![1], true);
          frame.rows.push([time, args]);
        }
        accumulators.accumulate(frame.accs, args, false);
        output.add([...values, ...accumulators.values(frame.accs)], watermark);
      }
    }
    frame.last = time;
  }

  /** One value per aggregate call (COUNT(*) takes any; it counts the row). */
  private argumentsOf(values: readonly Value[]): Value[] {
    return this.spec.aggregates.map((a) => (a.argIndex === null ? true : values[a.argIndex]!));
  }

  /** Bounded RANGE: drops the rows and accumulators of partitions whose every row is older than any future frame. */
  private purge(watermark: number): void {
    const preceding = this.spec.frame.preceding;
    if (this.spec.frame.units !== 'RANGE' || preceding === null) return;
    for (const at of this.expiry.namespacesUpTo(watermark)) {
      for (const [key] of [...this.expiry.entries(at)]) {
        const frame = this.frames.get(NO_NAMESPACE, key);
        if (frame && frame.rows.length > 0 && frame.last + preceding <= watermark) {
          this.frames.put(NO_NAMESPACE, key, { accs: this.accumulators.create(), rows: [], last: frame.last });
        }
      }
      this.expiry.clearNamespace(at);
    }
  }
}
