/**
 * Window Top-N and window deduplication (Flink's WindowRankOperator and WindowDeduplicateOperator, made
 * deterministic). Rows already carry their window (window_start, window_end columns); each is ranked within its
 * window and partition key, keeping only the rows that can still rank within the limit. A window fires when the
 * watermark reaches its last millisecond (end − 1 ms), emitting its rows once, ordered by window end, partition key
 * and rank, with the rank as a last BIGINT column if asked for.
 *
 * A row whose window had already fired under the watermark in force when it arrived is dropped and counted as late.
 * Ties in the sort order go to the earlier arrival, except for keep-last-row deduplication (the latest row wins).
 *
 * State: one map, namespace = window end, key = encoded (window start, partition key values), value = the
 * partition's ranked rows.
 */
import type { WindowRankSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import { isAccumulate, RowKind } from '../../common/values.js';
import { NotImplementedError } from '../../common/errors.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { encodeKey } from '../keys.js';
import { firedWindowEndBound } from '../windows/assigners.js';
import { windowClock } from '../windows/clock.js';
import { insertRanked, ranksOf, type RankOptions, type Row } from '../windows/ranked-rows.js';
import { ColumnCache } from './column-cache.js';

interface PartitionRows {
  rows: Row[];
}

export class WindowRankOperator implements Operator {
  private readonly options: RankOptions;
  private state!: NamespacedMapState<PartitionRows>;
  private tableMetrics!: TableMetrics;

  /** Windows over a TIMESTAMP_LTZ rowtime fire by the session zone's wall clock (windows/clock.ts). */
  private readonly clock;

  constructor(private readonly spec: WindowRankSpec) {
    this.clock = windowClock(spec.timeZone);
    this.options = {
      orderBy: spec.orderBy,
      rankFunction: spec.rankFunction,
      limit: spec.limit,
      ties: spec.deduplicate === 'last-row' ? 'last-arrival' : 'first-arrival',
    };
  }

  open(context: OperatorContext): void {
    this.state = context.state.mapState<PartitionRows>(`${context.operatorId}/ranks`);
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
  }

  processBatch(message: DataMessage, context: OperatorContext): void {
    const { spec } = this;
    const rowCount = message.batch.numRows;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const width = context.inputSchema.fields.length;
    const columns = Array.from({ length: width }, (_, i) => input.column(i));
    const starts = columns[spec.windowStartIndex]!;
    const ends = columns[spec.windowEndIndex]!;
    for (let r = 0; r < rowCount; r++) {
      if (message.rowKinds && !isAccumulate(message.rowKinds[r] as RowKind)) {
        throw new NotImplementedError('Window Top-N over an updating input is not supported');
      }
      const start = starts[r];
      const end = ends[r];
      if (typeof start !== 'number' || typeof end !== 'number') {
        this.tableMetrics.nullRowtimeRecords++;
        continue;
      }
      const watermark = this.clock.windowWatermark(message.watermarks ? message.watermarks[r]! : context.currentWatermark);
      if (end - 1 <= watermark) {
        this.tableMetrics.lateRecords++;
        continue;
      }
      const row: Row = new Array<Value>(width);
      for (let c = 0; c < width; c++) row[c] = columns[c]![r]!;
      const key = encodeKey([start, ...spec.partitionKeys.map((k) => row[k]!)]);
      const entry = this.state.get(end, key) ?? { rows: [] };
      if (insertRanked(entry.rows, row, this.options)) this.state.put(end, key, entry);
    }
  }

  async processWatermark(watermark: number, context: OperatorContext): Promise<void> {
    const fired = this.state.namespacesUpTo(firedWindowEndBound(this.clock.windowWatermark(watermark)));
    if (fired.length === 0) return;
    const width = context.outputSchema.fields.length;
    const columns: Value[][] = Array.from({ length: width }, () => []);
    const inputWidth = context.inputSchema.fields.length;
    for (const end of fired) {
      for (const [, entry] of this.state.entries(end)) {
        const ranks = ranksOf(entry.rows, this.spec.orderBy, this.spec.rankFunction);
        entry.rows.forEach((row, i) => {
          for (let c = 0; c < inputWidth; c++) columns[c]!.push(row[c]!);
          if (this.spec.outputRank) columns[inputWidth]!.push(BigInt(ranks[i]!));
        });
      }
      this.state.clearNamespace(end);
    }
    await context.emit(makeBatch(context.outputSchema, columns));
  }
}
