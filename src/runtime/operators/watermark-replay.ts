/**
 * The watermark handling shared by operators that hold rows until the watermark passes their time and replay every
 * watermark advance at the row where it happened (OVER aggregation, the temporal sort, MATCH_RECOGNIZE): their own
 * watermark runs ahead of the task's within a batch, so it is what they act on and what goes into the checkpoint
 * snapshot. On processing time they ignore watermarks. The keyed ones (OVER, MATCH_RECOGNIZE) buffer rows by time
 * and partition key with `bufferByTimeAndKey`.
 */
import type { Value } from '../../common/values.js';
import type { LateRowMapping } from '../../dataflow/graph.js';
import { encodeKey } from '../keys.js';
import { NO_WATERMARK, type DataMessage } from '../messages.js';
import type { TableMetrics } from '../metrics.js';
import type { OperatorContext } from '../operator.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { ColumnCache } from './column-cache.js';
import { reportLateRow } from './late-row.js';
import { WatermarkedRows } from './watermarked-rows.js';

/** Where `bufferByTimeAndKey` puts rows and how it judges them. */
export interface KeyedRowBuffer {
  /** namespace = a row time, key = the encoded partition key, value = its rows of that time in arrival order. */
  readonly pending: NamespacedMapState<Value[][]>;
  readonly timeIndex: number;
  readonly partitionKeys: readonly number[];
  /** A row of partition `key` whose time is at or below this is late. */
  readonly lateBound: (key: string) => number;
  readonly late: { readonly lateTable: string; readonly lateRow?: LateRowMapping };
  readonly tableMetrics: TableMetrics;
}

export abstract class WatermarkReplayingOperator {
  /** The last watermark this operator acted on. */
  protected watermark = NO_WATERMARK;

  /** Whether the operator runs on processing time (and so ignores watermarks). */
  protected abstract get processingTime(): boolean;

  /** Releases what the watermark passing `watermark` releases, into `output`. */
  protected abstract advanceTo(watermark: number, output: WatermarkedRows): void;

  async processWatermark(watermark: number, context: OperatorContext): Promise<void> {
    if (this.processingTime || watermark <= this.watermark) return;
    const output = new WatermarkedRows();
    this.advanceTo(watermark, output);
    await output.flush(context);
  }

  /**
   * Event time: buffers each row of `message` under its time and partition key, replaying every watermark advance at
   * the row where it happened (into `output`); a row with a NULL time is counted, a late one reported and dropped.
   */
  protected bufferByTimeAndKey(message: DataMessage, context: OperatorContext, input: ColumnCache, buffer: KeyedRowBuffer, output: WatermarkedRows): void {
    const columns = context.inputSchema.fields.map((_, i) => input.column(i));
    const times = columns[buffer.timeIndex]!;
    const keyColumns = buffer.partitionKeys.map((k) => columns[k]!);
    const rowWatermarks = message.watermarks;
    for (let row = 0; row < message.batch.numRows; row++) {
      const rowWatermark = rowWatermarks ? rowWatermarks[row]! : context.currentWatermark;
      if (rowWatermark > this.watermark) this.advanceTo(rowWatermark, output);
      const time = times[row];
      if (typeof time !== 'number') {
        buffer.tableMetrics.nullRowtimeRecords++;
        continue;
      }
      const key = encodeKey(keyColumns.map((column) => column[row]!));
      if (time <= buffer.lateBound(key)) {
        reportLateRow(buffer.late, buffer.tableMetrics, input, row, this.watermark, context);
        continue;
      }
      const rows = buffer.pending.get(time, key) ?? [];
      rows.push(columns.map((column) => column[row]!));
      buffer.pending.put(time, key, rows);
    }
  }

  snapshotState(): { watermark: number } {
    return { watermark: this.watermark };
  }

  restoreState(snapshot: unknown, context: OperatorContext): void {
    const restored = snapshot as { watermark?: number } | undefined;
    this.watermark = Math.max(restored?.watermark ?? NO_WATERMARK, context.currentWatermark);
  }
}
