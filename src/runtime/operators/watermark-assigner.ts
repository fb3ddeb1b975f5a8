/**
 * Event-time watermarks, record by record: the watermark is the running maximum of the WATERMARK expression
 * (e.g. `bidtime - INTERVAL '1' SECOND`) over the records seen so far. Every row leaves with the watermark that
 * was in force before it arrived, so downstream lateness decisions do not depend on batch boundaries; after the
 * batch the new watermark is emitted. NULL watermark values are skipped (they do not move the watermark).
 *
 * With `maxFutureSkew` set (`'table.exec.watermark.max-future-skew'`), a row whose rowtime is more than the skew
 * ahead of the wall clock at arrival is dropped here, before it can move the watermark, and reported as 'future'
 * (counted for the table and logged). This one setting makes results depend on the wall clock, by design.
 */
import type { WatermarkAssignerSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import type { Operator, OperatorContext, SourceWatermarkProgress } from '../operator.js';
import type { DataMessage } from '../messages.js';
import { NO_WATERMARK } from '../messages.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { compileExpr } from '../expr/evaluate.js';
import { ColumnCache } from './column-cache.js';

export class WatermarkAssignerOperator implements Operator {
  private readonly watermarkOf;
  private watermark = NO_WATERMARK;
  private maxEventTime = NO_WATERMARK;
  private records = 0;
  private tableMetrics: TableMetrics | undefined;

  constructor(private readonly spec: WatermarkAssignerSpec, private readonly now: () => number = Date.now) {
    this.watermarkOf = compileExpr(spec.watermark);
  }

  open(context: OperatorContext): void {
    this.tableMetrics = context.jobMetrics.table(this.spec.table);
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const { batch } = message;
    const rows = batch.numRows;
    const input = ColumnCache.of(batch, context.inputSchema);
    const candidates = this.watermarkOf(input.reader, rows);
    const times = input.column(this.spec.rowtimeIndex);
    const futureLimit = this.spec.maxFutureSkew === undefined ? Number.POSITIVE_INFINITY : this.now() + this.spec.maxFutureSkew;
    const before = new Float64Array(rows);
    let kept: number[] | undefined;
    let current = this.watermark;
    for (let i = 0; i < rows; i++) {
      const time = times[i];
      if (typeof time === 'number' && time > futureLimit) {
        kept ??= Array.from({ length: i }, (_, j) => j);
        this.dropFuture(input, i, current, context);
        continue;
      }
      kept?.push(i);
      before[i] = current;
      if (typeof time === 'number' && time > this.maxEventTime) this.maxEventTime = time;
      const candidate = candidates[i];
      if (typeof candidate === 'number' && candidate > current) current = candidate;
    }
    this.records += kept ? kept.length : rows;
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
  }

  describeProgress(): SourceWatermarkProgress {
    return {
      kind: 'source-watermark',
      table: this.spec.table,
      split: 0,
      watermark: this.watermark,
      maxEventTime: this.maxEventTime,
      records: this.records,
      idle: false,
    };
  }

  private dropFuture(input: ColumnCache, row: number, watermark: number, context: OperatorContext): void {
    if (this.tableMetrics) this.tableMetrics.futureRecords++;
    const values: Value[] = context.inputSchema.fields.map((_, c) => input.column(c)[row]!);
    context.reportDropped({ table: this.spec.table, values, reason: 'future', watermark });
  }
}
