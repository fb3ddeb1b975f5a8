/**
 * Temporal sort (Flink's RowTimeSortOperator): `ORDER BY <rowtime> ASC[, more keys]` without LIMIT. Rows wait until
 * the watermark reaches their time; then, time by time in ascending order, the rows of each time are emitted (+I),
 * ordered by the other keys (ties in arrival order, as Java's stable sort leaves them).
 *
 * Late rows, as in Flink: a row whose time is at or below the last time this operator emitted is dropped, counted
 * for its table and logged. A row behind the watermark but ahead of everything emitted is still taken, and emitted
 * at the next watermark advance (so the output stays sorted). A row with a NULL time is dropped and counted as such.
 *
 * Determinism: rows carry the watermark in force when they arrived, and every watermark advance is replayed at the
 * row where it happened, so what is emitted and what is late do not depend on batch boundaries. Emitted rows carry
 * the watermark in force before the advance that released them.
 *
 * On processing time (`timeMode: 'processing'`, Flink's ProcTimeSortOperator, which sorts the rows of one
 * millisecond) the rows of each arriving batch are ordered by the other keys and emitted at once; nothing is kept.
 *
 * State (in the state backend, so checkpointed with it): `pending` (namespace = a row time, the rows of that time in
 * arrival order) and `emitted` (the last time emitted). The operator's own watermark is in the checkpoint snapshot.
 */
import type { TemporalSortSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { TableMetrics } from '../metrics.js';
import { compareRows } from '../windows/ranked-rows.js';
import { ColumnCache } from './column-cache.js';
import { WatermarkedRows } from './watermarked-rows.js';
import { WatermarkReplayingOperator } from './watermark-replay.js';
import { reportLateRow } from './late-row.js';

const ONE_KEY = '';
const NO_NAMESPACE = 0;

export class TemporalSortOperator extends WatermarkReplayingOperator implements Operator {
  private pending!: NamespacedMapState<Value[][]>;
  private emitted!: NamespacedMapState<number>;
  private tableMetrics!: TableMetrics;

  constructor(private readonly spec: TemporalSortSpec) {
    super();
  }

  open(context: OperatorContext): void {
    this.pending = context.state.mapState<Value[][]>(`${context.operatorId}/pending`);
    this.emitted = context.state.mapState<number>(`${context.operatorId}/emitted`);
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const columns = context.inputSchema.fields.map((_, i) => input.column(i));
    if (this.spec.timeMode === 'processing') {
      await this.sortOnArrival(message, columns, context);
      return;
    }
    const times = columns[this.spec.timeIndex]!;
    const rowWatermarks = message.watermarks;
    const output = new WatermarkedRows();
    // Rows of this message by time, merged into state once per time (and before every watermark advance).
    let arrivals = new Map<number, Value[][]>();
    let last = this.lastEmitted();
    for (let row = 0; row < message.batch.numRows; row++) {
      const rowWatermark = rowWatermarks ? rowWatermarks[row]! : context.currentWatermark;
      if (rowWatermark > this.watermark) {
        this.store(arrivals);
        arrivals = new Map();
        this.advanceTo(rowWatermark, output);
        last = this.lastEmitted();
      }
      const time = times[row];
      if (typeof time !== 'number') {
        this.tableMetrics.nullRowtimeRecords++;
        continue;
      }
      if (time <= last) {
        reportLateRow(this.spec, this.tableMetrics, input, row, this.watermark, context);
        continue;
      }
      const rows = arrivals.get(time);
      const values = columns.map((column) => column[row]!);
      if (rows) rows.push(values);
      else arrivals.set(time, [values]);
    }
    this.store(arrivals);
    await output.flush(context);
  }

  private async sortOnArrival(message: DataMessage, columns: readonly (readonly Value[])[], context: OperatorContext): Promise<void> {
    const output = new WatermarkedRows();
    const rows = Array.from({ length: message.batch.numRows }, (_, row) => columns.map((column) => column[row]!));
    const { orderBy } = this.spec;
    rows.sort((a, b) => compareRows(a, b, orderBy));
    // Reordered rows all carry the batch's first (lowest) watermark, so the watermarks stay in order.
    const watermark = message.watermarks && message.watermarks.length > 0 ? message.watermarks[0]! : context.currentWatermark;
    for (const values of rows) output.add(values, watermark);
    await output.flush(context);
  }

  protected get processingTime(): boolean {
    return this.spec.timeMode === 'processing';
  }

  private lastEmitted(): number {
    return this.emitted.get(NO_NAMESPACE, ONE_KEY) ?? Number.NEGATIVE_INFINITY;
  }

  private store(arrivals: ReadonlyMap<number, Value[][]>): void {
    for (const [time, rows] of arrivals) {
      const held = this.pending.get(time, ONE_KEY);
      this.pending.put(time, ONE_KEY, held ? [...held, ...rows] : rows);
    }
  }

  /** Emits every buffered time at or below `watermark`, ascending, each time's rows sorted by the other keys. */
  protected advanceTo(watermark: number, output: WatermarkedRows): void {
    const before = this.watermark;
    this.watermark = watermark;
    const times = this.pending.namespacesUpTo(watermark);
    if (times.length === 0) return;
    const { orderBy } = this.spec;
    for (const time of times) {
      const rows = this.pending.get(time, ONE_KEY) ?? [];
      if (orderBy.length > 0) rows.sort((a, b) => compareRows(a, b, orderBy));
      for (const values of rows) output.add(values, before);
      this.pending.clearNamespace(time);
    }
    this.emitted.put(NO_NAMESPACE, ONE_KEY, times[times.length - 1]!);
  }
}
