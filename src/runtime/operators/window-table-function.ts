/**
 * The window table-valued function on its own (no aggregation on top): appends window_start, window_end and
 * window_time to each row, one output row per window. As in Flink's window TVF operator, a row is left out of
 * windows that have already fired, and counted (and logged) as late when left out of all. With
 * `allowedLateness`, a window counts as fired only once the watermark reaches end − 1 + lateness, so rows up to
 * that much behind are still emitted. Over processing time (PROCTIME()) no row is late here: the rows pass on at
 * once, and a window aggregate downstream fires the windows on the wall clock.
 */
import type { WindowTableFunctionSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { assignWindows, windowHasFired } from '../windows/assigners.js';
import { windowClock, type WindowClock } from '../windows/clock.js';
import { ColumnCache } from './column-cache.js';

export class WindowTableFunctionOperator implements Operator {
  private tableMetrics!: TableMetrics;
  private readonly lateness: number;
  private readonly processingTime: boolean;
  /** Over a TIMESTAMP_LTZ rowtime: windows in the session zone's wall clock (see windows/clock.ts). */
  private readonly clock: WindowClock;

  constructor(private readonly spec: WindowTableFunctionSpec) {
    this.clock = windowClock(spec.window.timeZone);
    this.lateness = spec.allowedLateness ?? 0;
    this.processingTime = spec.window.timeMode === 'processing';
  }

  open(context: OperatorContext): void {
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const rows = message.batch.numRows;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const inputWidth = context.inputSchema.fields.length;
    const inputColumns = Array.from({ length: inputWidth }, (_, i) => input.column(i));
    const times = inputColumns[this.spec.timeIndex]!;
    const columns: Value[][] = Array.from({ length: inputWidth + 3 }, () => []);
    const rowKinds: number[] = [];
    const watermarks: number[] = [];
    for (let row = 0; row < rows; row++) {
      const time = times[row];
      if (time === null || time === undefined) {
        this.tableMetrics.nullRowtimeRecords++;
        continue;
      }
      const watermark = message.watermarks ? message.watermarks[row]! : context.currentWatermark;
      const judgedAt = this.processingTime ? Number.NEGATIVE_INFINITY : this.clock.windowWatermark(watermark - this.lateness);
      let accepted = false;
      for (const window of assignWindows(this.spec.window, this.clock.windowTimeOf(time as number))) {
        if (windowHasFired(window, judgedAt)) continue;
        accepted = true;
        for (let c = 0; c < inputWidth; c++) columns[c]!.push(inputColumns[c]![row]!);
        columns[inputWidth]!.push(window.start);
        columns[inputWidth + 1]!.push(window.end);
        columns[inputWidth + 2]!.push(this.clock.windowTime(window.end));
        rowKinds.push(message.rowKinds ? message.rowKinds[row]! : 0);
        watermarks.push(watermark);
      }
      if (!accepted) {
        this.tableMetrics.lateRecords++;
        const mapping = this.spec.lateRow ?? inputColumns.map((_, c) => c);
        const values = mapping.map((c) => (c < 0 ? null : inputColumns[c]![row]!));
        context.reportDropped({ table: this.spec.lateTable, values, reason: 'late', watermark });
      }
    }
    const options: { rowKinds?: Uint8Array; watermarks: Float64Array } = { watermarks: Float64Array.from(watermarks) };
    if (message.rowKinds) options.rowKinds = Uint8Array.from(rowKinds);
    await context.emit(makeBatch(context.outputSchema, columns), options);
  }
}
