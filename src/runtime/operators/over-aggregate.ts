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
 * Late rows: a row whose time is at or below the watermark in force when it arrived (its per-row watermark, or the
 * task's) would come after rows already emitted, so it is dropped, counted for its table and logged. A row with a
 * NULL time is dropped and counted as such. Whether a row is late depends only on its input's own order, and the
 * rows emitted for a time depend only on the rows accepted, so results do not depend on batch boundaries.
 *
 * State (in the state backend, so checkpointed with it):
 * - `pending`: namespace = a row time, key = the encoded partition key, value = the rows of that time in arrival
 *   order, until the watermark passes the time;
 * - `frames`: per partition key, the accumulators, the rows still in a bounded frame (time and arguments) and the
 *   time last processed;
 * - `expiry` (bounded RANGE only): namespace = the watermark from which a partition's frame can hold no row any
 *   more (last time + P), so a partition that goes quiet is forgotten instead of kept forever.
 */
import type { OverAggregateSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { AccumulatorSet } from '../aggregates/index.js';
import { encodeKey } from '../keys.js';
import { ColumnCache } from './column-cache.js';
import { reportLateRow } from './late-row.js';

interface FrameState {
  accs: unknown[];
  /** Bounded frames: the rows in the frame, oldest first, as [time, argument values]. */
  rows: [number, Value[]][];
  /** The time of the rows processed last (−∞ before the first). */
  last: number;
}

const NO_NAMESPACE = 0;

export class OverAggregateOperator implements Operator {
  private readonly accumulators: AccumulatorSet;
  private pending!: NamespacedMapState<Value[][]>;
  private frames!: NamespacedMapState<FrameState>;
  private expiry!: NamespacedMapState<true>;
  private tableMetrics!: TableMetrics;

  constructor(private readonly spec: OverAggregateSpec) {
    // Bounded frames take rows out again; an unbounded one never does, so its functions need no retraction state.
    this.accumulators = new AccumulatorSet(spec.aggregates, { retracts: spec.frame.preceding !== null });
  }

  open(context: OperatorContext): void {
    this.pending = context.state.mapState<Value[][]>(`${context.operatorId}/pending`);
    this.frames = context.state.mapState<FrameState>(`${context.operatorId}/frames`);
    this.expiry = context.state.mapState<true>(`${context.operatorId}/expiry`);
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
  }

  processBatch(message: DataMessage, context: OperatorContext): void {
    const { spec } = this;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const columns = context.inputSchema.fields.map((_, i) => input.column(i));
    const times = columns[spec.timeIndex]!;
    const keyColumns = spec.partitionKeys.map((k) => columns[k]!);
    const rowWatermarks = message.watermarks;
    for (let row = 0; row < message.batch.numRows; row++) {
      const time = times[row];
      if (typeof time !== 'number') {
        this.tableMetrics.nullRowtimeRecords++;
        continue;
      }
      const watermark = rowWatermarks ? Math.max(rowWatermarks[row]!, context.currentWatermark) : context.currentWatermark;
      if (time <= watermark) {
        reportLateRow(spec, this.tableMetrics, input, row, watermark, context);
        continue;
      }
      const key = encodeKey(keyColumns.map((column) => column[row]!));
      const rows = this.pending.get(time, key) ?? [];
      rows.push(columns.map((column) => column[row]!));
      this.pending.put(time, key, rows);
    }
  }

  async processWatermark(watermark: number, context: OperatorContext): Promise<void> {
    const output: Value[][] = [];
    for (const time of this.pending.namespacesUpTo(watermark)) {
      for (const [key, rows] of [...this.pending.entries(time)]) {
        const frame = this.frames.get(NO_NAMESPACE, key) ?? { accs: this.accumulators.create(), rows: [], last: Number.NEGATIVE_INFINITY };
        this.process(frame, time, rows, output);
        this.frames.put(NO_NAMESPACE, key, frame);
        const { units, preceding } = this.spec.frame;
        if (units === 'RANGE' && preceding !== null) this.expiry.put(time + preceding, key, true);
      }
      this.pending.clearNamespace(time);
    }
    this.purge(watermark);
    if (output.length === 0) return;
    const width = context.outputSchema.fields.length;
    const columns: Value[][] = Array.from({ length: width }, (_, c) => output.map((r) => r[c]!));
    await context.emit(makeBatch(context.outputSchema, columns, output.length));
  }

  /** Adds the rows of `time` to a partition's frame, emitting each with the frame's aggregates. */
  private process(frame: FrameState, time: number, rows: readonly Value[][], output: Value[][]): void {
    const { units, preceding } = this.spec.frame;
    const { accumulators } = this;
    if (units === 'RANGE') {
      for (const values of rows) {
        const args = this.argumentsOf(values);
        accumulators.accumulate(frame.accs, args, false);
        if (preceding !== null) frame.rows.push([time, args]);
      }
      if (preceding !== null) {
        while (frame.rows.length > 0 && frame.rows[0]![0] < time - preceding) accumulators.accumulate(frame.accs, frame.rows.shift()![1], true);
      }
      const results = accumulators.values(frame.accs);
      for (const values of rows) output.push([...values, ...results]);
    } else {
      for (const values of rows) {
        const args = this.argumentsOf(values);
        accumulators.accumulate(frame.accs, args, false);
        if (preceding !== null) {
          frame.rows.push([time, args]);
          if (frame.rows.length > preceding + 1) accumulators.accumulate(frame.accs, frame.rows.shift()![1], true);
        }
        output.push([...values, ...accumulators.values(frame.accs)]);
      }
    }
    frame.last = time;
  }

  /** One value per aggregate call (COUNT(*) takes any; it counts the row). */
  private argumentsOf(values: readonly Value[]): Value[] {
    return this.spec.aggregates.map((a) => (a.argIndex === null ? true : values[a.argIndex]!));
  }

  /** Bounded RANGE: forgets partitions whose every row is older than any future row's frame. */
  private purge(watermark: number): void {
    const preceding = this.spec.frame.preceding;
    if (this.spec.frame.units !== 'RANGE' || preceding === null) return;
    for (const at of this.expiry.namespacesUpTo(watermark)) {
      for (const [key] of [...this.expiry.entries(at)]) {
        const frame = this.frames.get(NO_NAMESPACE, key);
        if (frame && frame.last + preceding <= watermark) this.frames.delete(NO_NAMESPACE, key);
      }
      this.expiry.clearNamespace(at);
    }
  }
}
