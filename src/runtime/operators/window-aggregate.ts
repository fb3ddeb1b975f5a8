/**
 * Event-time window aggregation (Flink's WindowAggOperator, made deterministic). Each row is assigned to its
 * windows; a row is left out of every window that had already fired under the watermark in force when the row
 * arrived (end − 1 ≤ watermark), and counted as late if it is left out of all of them. Windows fire when the
 * watermark reaches their last millisecond, emitting one final row per key, ordered by window end then key.
 *
 * State: one map, namespace = window end, key = encoded group key, value = the key values, window start and
 * accumulators.
 */
import type { WindowAggregateSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import { isAccumulate, RowKind } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { encodeKey } from '../keys.js';
import { AccumulatorSet } from '../aggregates/index.js';
import { assignWindows, firedWindowEndBound, windowHasFired } from '../windows/assigners.js';
import { ColumnCache } from './column-cache.js';

interface WindowEntry {
  keys: Value[];
  start: number;
  accs: unknown[];
}

export class WindowAggregateOperator implements Operator {
  private readonly accumulators: AccumulatorSet;
  private state!: NamespacedMapState<WindowEntry>;
  private tableMetrics!: TableMetrics;

  constructor(private readonly spec: WindowAggregateSpec) {
    this.accumulators = new AccumulatorSet(spec.aggregates);
  }

  open(context: OperatorContext): void {
    this.state = context.state.mapState<WindowEntry>(`${context.operatorId}/windows`);
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
  }

  processBatch(message: DataMessage, context: OperatorContext): void {
    const { spec } = this;
    const rows = message.batch.numRows;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const times = input.column(spec.timeIndex);
    const keyColumns = spec.keys.map((k) => input.column(k));
    const argColumns = spec.aggregates.map((a) => (a.argIndex === null ? null : input.column(a.argIndex)));
    const args: Value[] = new Array(argColumns.length);
    const rowWatermarks = message.watermarks;
    for (let row = 0; row < rows; row++) {
      const time = times[row];
      if (time === null || time === undefined) {
        this.tableMetrics.nullRowtimeRecords++;
        continue;
      }
      const watermark = rowWatermarks ? rowWatermarks[row]! : context.currentWatermark;
      const retract = message.rowKinds ? !isAccumulate(message.rowKinds[row] as RowKind) : false;
      let accepted = false;
      for (const window of assignWindows(spec.window, time as number)) {
        if (windowHasFired(window, watermark)) continue;
        accepted = true;
        const keys = keyColumns.map((column) => column[row]!);
        const key = encodeKey(keys);
        let entry = this.state.get(window.end, key);
        if (!entry) entry = { keys, start: window.start, accs: this.accumulators.create() };
        for (let a = 0; a < argColumns.length; a++) args[a] = argColumns[a] ? argColumns[a]![row]! : true;
        this.accumulators.accumulate(entry.accs, args, retract);
        this.state.put(window.end, key, entry);
      }
      if (!accepted) this.tableMetrics.lateRecords++;
    }
  }

  async processWatermark(watermark: number, context: OperatorContext): Promise<void> {
    const fired = this.state.namespacesUpTo(firedWindowEndBound(watermark));
    if (fired.length === 0) return;
    const width = context.outputSchema.fields.length;
    const columns: Value[][] = Array.from({ length: width }, () => []);
    for (const end of fired) {
      for (const [, entry] of this.state.entries(end)) {
        let c = 0;
        for (const key of entry.keys) columns[c++]!.push(key);
        columns[c++]!.push(entry.start);
        columns[c++]!.push(end);
        columns[c++]!.push(end - 1);
        for (const value of this.accumulators.values(entry.accs)) columns[c++]!.push(value);
      }
      this.state.clearNamespace(end);
    }
    await context.emit(makeBatch(context.outputSchema, columns));
  }
}
