/**
 * MATCH_RECOGNIZE (Flink's CepOperator under StreamExecMatch): rows are matched per partition key against the
 * pattern (runtime/match/pattern-matcher.ts), one output row per match — the partition columns, then the measures.
 *
 * Event time: rows wait, per partition key, until the watermark reaches their time; then, time by time in ascending
 * order, the rows of each time are sorted by the other ORDER BY keys (ties in arrival order) and matched. A row whose
 * time is at or below the watermark when it arrives is late, as in Flink: dropped, counted for its table and logged
 * (Flink drops it silently). A row with a NULL time is dropped and counted as such. With WITHIN, partial matches
 * time out as the rows' times and the watermark move on.
 *
 * Processing time: the rows of a batch are sorted by the other ORDER BY keys and matched as they arrive.
 *
 * Determinism: rows carry the watermark in force when they arrived, and every watermark advance is replayed at the
 * row where it happened, so what is matched, late or emitted does not depend on batch boundaries. Emitted rows carry
 * the watermark in force before the advance that produced them (MATCH_ROWTIME() is never behind it).
 *
 * State (in the state backend, so checkpointed with it): `pending` (namespace = a row time, key = the encoded
 * partition key, value = its rows of that time in arrival order), `matches` (per partition key, the partial and
 * waiting complete matches and the row counter) and, with WITHIN, `expiry` (namespace = the watermark at which a
 * partition's earliest partial match times out). The operator's own watermark is in the checkpoint snapshot.
 */
import type { Value } from '../../common/values.js';
import type { MatchRecognizeSpec } from '../../dataflow/match-spec.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { TableMetrics } from '../metrics.js';
import { encodeKey } from '../keys.js';
import { emptyPartition, PatternMatcher, type Match, type PartitionMatches } from '../match/pattern-matcher.js';
import { PatternValues } from '../match/pattern-values.js';
import { compareRows } from '../windows/ranked-rows.js';
import { ColumnCache } from './column-cache.js';
import { WatermarkedRows } from './watermarked-rows.js';
import { WatermarkReplayingOperator } from './watermark-replay.js';

const NO_NAMESPACE = 0;

export class MatchRecognizeOperator extends WatermarkReplayingOperator implements Operator {
  private readonly values: PatternValues;
  private readonly matcher: PatternMatcher;
  private pending!: NamespacedMapState<Value[][]>;
  private matches!: NamespacedMapState<PartitionMatches>;
  private expiry!: NamespacedMapState<true>;
  private tableMetrics!: TableMetrics;

  constructor(private readonly spec: MatchRecognizeSpec) {
    super();
    this.values = new PatternValues(spec);
    this.matcher = new PatternMatcher(spec.pattern, spec.afterMatch, spec.within, (element, rows, candidate) => this.values.fits(element, rows, candidate));
  }

  open(context: OperatorContext): void {
    this.pending = context.state.mapState<Value[][]>(`${context.operatorId}/pending`);
    this.matches = context.state.mapState<PartitionMatches>(`${context.operatorId}/matches`);
    this.expiry = context.state.mapState<true>(`${context.operatorId}/expiry`);
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const { spec } = this;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const columns = context.inputSchema.fields.map((_, i) => input.column(i));
    const output = new WatermarkedRows();
    if (spec.timeMode === 'processing') {
      this.matchOnArrival(message, columns, context, output);
      await output.flush(context);
      return;
    }
    // As in Flink's CEP operator, a row at or below the watermark when it arrives is late.
    this.bufferByTimeAndKey(message, context, input, {
      pending: this.pending, timeIndex: spec.timeIndex, partitionKeys: spec.partitionKeys,
      lateBound: () => this.watermark, late: spec, tableMetrics: this.tableMetrics,
    }, output);
    await output.flush(context);
  }

  protected get processingTime(): boolean {
    return this.spec.timeMode === 'processing';
  }

  /** Matches every buffered time at or below `watermark`, ascending, then times out partial matches (WITHIN). */
  protected advanceTo(watermark: number, output: WatermarkedRows): void {
    const before = this.watermark;
    this.watermark = watermark;
    const { orderBy } = this.spec;
    // Each partition touched by this advance is read from state once and stored once, at the end.
    const touched = new Map<string, PartitionMatches>();
    const stateOf = (key: string): PartitionMatches | undefined => {
      let state = touched.get(key) ?? this.matches.get(NO_NAMESPACE, key);
      if (state !== undefined) touched.set(key, state);
      return state;
    };
    for (const time of this.pending.namespacesUpTo(watermark)) {
      for (const [key, rows] of [...this.pending.entries(time)]) {
        const state = stateOf(key) ?? emptyPartition();
        touched.set(key, state);
        this.emit(this.matcher.advanceTime(state, time), output, before);
        if (orderBy.length > 0) rows.sort((a, b) => compareRows(a, b, orderBy));
        for (const values of rows) this.emit(this.matcher.step(state, values, time), output, before);
      }
      this.pending.clearNamespace(time);
    }
    if (this.spec.within !== null) {
      for (const due of this.expiry.namespacesUpTo(watermark)) {
        for (const [key] of this.expiry.entries(due)) stateOf(key);
        this.expiry.clearNamespace(due);
      }
    }
    for (const [key, state] of touched) {
      this.emit(this.matcher.advanceTime(state, watermark), output, before);
      this.store(key, state);
    }
  }

  /** Processing time: each row as it arrives (a batch's rows sorted by the other ORDER BY keys first). */
  private matchOnArrival(message: DataMessage, columns: readonly (readonly Value[])[], context: OperatorContext, output: WatermarkedRows): void {
    const { spec } = this;
    const rows = Array.from({ length: message.batch.numRows }, (_, row) => columns.map((column) => column[row]!));
    if (spec.orderBy.length > 0) rows.sort((a, b) => compareRows(a, b, spec.orderBy));
    // Reordered rows all carry the batch's first (lowest) watermark, so the watermarks stay in order.
    const watermark = message.watermarks && message.watermarks.length > 0 ? message.watermarks[0]! : context.currentWatermark;
    const now = Date.now();
    for (const values of rows) {
      const key = encodeKey(spec.partitionKeys.map((k) => values[k]!));
      const state = this.matches.get(NO_NAMESPACE, key) ?? emptyPartition();
      this.emit(this.matcher.advanceTime(state, now), output, watermark);
      this.emit(this.matcher.step(state, values, now), output, watermark);
      this.store(key, state);
    }
  }

  private store(key: string, state: PartitionMatches): void {
    if (state.partials.length === 0 && state.completed.length === 0) {
      // The row counter only orders rows within a match; a partition with nothing running can restart it.
      this.matches.delete(NO_NAMESPACE, key);
      return;
    }
    this.matches.put(NO_NAMESPACE, key, state);
    const expiry = this.matcher.expiry(state);
    if (expiry !== null) this.expiry.put(expiry, key, true);
  }

  private emit(matches: readonly Match[], output: WatermarkedRows, watermark: number): void {
    for (const match of matches) {
      const first = match.rows[0]!.values;
      output.add([...this.spec.partitionKeys.map((k) => first[k] ?? null), ...this.values.measure(match.rows)], watermark);
    }
  }
}
