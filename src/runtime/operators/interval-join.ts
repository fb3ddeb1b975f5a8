/**
 * Event-time interval join (Flink's RowTimeIntervalJoin): input 0 is the left side, input 1 the right. A left row at
 * time l and a right row at time r with equal keys join when `lowerBound <= l - r <= upperBound` and the residual
 * condition is TRUE; each pair is emitted (+I) as soon as its second row arrives.
 *
 * Purging: once the combined watermark w has passed, later rows of either side have times above w (else they are
 * late), so a left row at l can match no new right row when w >= l - lowerBound, and a right row at r no new left
 * row when w >= r + upperBound. Rows are dropped from state then; a row of an outer side that never matched is
 * emitted NULL-padded at that moment. Output is append-only.
 *
 * Late rows: a row whose time is at or below the watermark in force when it arrived (its own input's per-row
 * watermark, or the combined one) may have missed rows already purged, so it is dropped, counted for its side's
 * table and reported. This depends only on each input's own order, never on how the inputs' batches interleave.
 *
 * Processing time (`timeMode: 'processing'`, Flink's ProcTimeIntervalJoin): a row's time is the wall clock when it
 * reaches the join (as in Flink, not its PROCTIME() column's value, which was taken upstream); rows are never late;
 * they are purged (outer ones padded) by a wall-clock timer at their expiry instead of the watermark, and when the
 * input ends every row left is (Flink drops pending timers at the end of a bounded input, losing those padded rows).
 * Watermarks pass through unchanged.
 *
 * State per side: rows by join key (arrival order), and an expiry index: namespace = the watermark (or wall-clock
 * time) at which rows expire, key = the join key, so purging visits only keys with something to purge.
 */
import type { IntervalJoinSide, IntervalJoinSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import { InternalError } from '../../common/errors.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { ColumnCache } from './column-cache.js';
import { compileResidual, type ResidualCondition } from './window-join-rows.js';
import { joinKeyOf } from '../keys.js';
import { isOuterSide } from './regular-join-rows.js';

interface IntervalRow {
  readonly time: number;
  readonly values: Value[];
  matched: boolean;
}

interface SideState {
  readonly index: 0 | 1;
  readonly spec: IntervalJoinSide;
  readonly width: number;
  readonly outer: boolean;
  readonly rows: NamespacedMapState<IntervalRow[]>;
  readonly expiry: NamespacedMapState<true>;
  readonly lateMetrics: TableMetrics;
}

const NO_NAMESPACE = 0;

export class IntervalJoinOperator implements Operator {
  /**
   * The output watermark is held back by the interval (Flink's RowTimeIntervalJoin does the same): a pair can be
   * emitted with a left time as old as `watermark + lowerBound` and a right time as old as `watermark - upperBound`,
   * so a window downstream must not have fired past those yet.
   */
  readonly forwardsWatermarks = false;
  private readonly outputDelay: number;
  private emittedWatermark = Number.NEGATIVE_INFINITY;
  private sides: [SideState, SideState] | undefined;
  private residual: ResidualCondition | null = null;
  private readonly processing: boolean;
  /** Processing time: the pending purge timer (its wall-clock time and how to cancel it). */
  private purgeTimer: { readonly at: number; readonly cancel: () => void } | undefined;

  constructor(
    private readonly spec: IntervalJoinSpec,
    private readonly clock: () => number = Date.now,
  ) {
    this.processing = spec.timeMode === 'processing';
    this.outputDelay = this.processing ? 0 : Math.max(0, -spec.lowerBound, spec.upperBound);
  }

  open(context: OperatorContext): void {
    const [leftSchema, rightSchema] = context.inputSchemas;
    if (!leftSchema || !rightSchema) throw new InternalError(`Interval join #${context.operatorId} needs two inputs`);
    const side = (index: 0 | 1, spec: IntervalJoinSide, width: number, name: string): SideState => ({
      index,
      spec,
      width,
      outer: isOuterSide(this.spec.joinType, index),
      rows: context.state.mapState<IntervalRow[]>(`${context.operatorId}/${name}`),
      expiry: context.state.mapState<true>(`${context.operatorId}/${name}-expiry`),
      lateMetrics: context.jobMetrics.table(spec.lateTable),
    });
    this.sides = [side(0, this.spec.left, leftSchema.fields.length, 'left'), side(1, this.spec.right, rightSchema.fields.length, 'right')];
    this.residual = compileResidual(this.spec.residual);
  }

  async processBatch(message: DataMessage, context: OperatorContext, inputIndex = 0): Promise<void> {
    const schema = context.inputSchemas[inputIndex];
    if (!this.sides || !schema || (inputIndex !== 0 && inputIndex !== 1)) {
      throw new InternalError(`Interval join #${context.operatorId} has no input ${inputIndex}`);
    }
    const side = this.sides[inputIndex];
    const other = this.sides[1 - inputIndex]!;
    const input = ColumnCache.of(message.batch, schema);
    const columns = schema.fields.map((_, i) => input.column(i));
    const times = columns[side.spec.timeIndex]!;
    const output: Value[][] = [];
    const now = this.processing ? this.clock() : undefined;
    // Rows still to come have times above the watermark, or (processing time) at or after now.
    const expired = now === undefined ? context.currentWatermark : now - 1;
    for (let row = 0; row < message.batch.numRows; row++) {
      const values: Value[] = columns.map((c) => c[row]!);
      const time = now ?? times[row];
      const watermark = Math.max(message.watermarks ? message.watermarks[row]! : context.currentWatermark, context.currentWatermark);
      if (now === undefined && typeof time === 'number' && time <= watermark) {
        this.dropLate(side, values, watermark, context);
        continue;
      }
      const key = joinKeyOf(values, side.spec.keys);
      if (typeof time !== 'number' || key === undefined) {
        // A NULL time or key matches nothing, ever.
        if (side.outer) output.push(this.padded(side, values));
        continue;
      }
      let matched = false;
      const stored = other.rows.get(NO_NAMESPACE, key);
      if (stored) {
        const matches = this.matching(side, time, values, stored);
        for (const m of matches) {
          output.push(side.index === 0 ? [...values, ...m.values] : [...m.values, ...values]);
          m.matched = true;
          matched = true;
        }
        if (matches.length > 0) other.rows.put(NO_NAMESPACE, key, stored);
      }
      const expiresAt = this.expiryOf(side, time);
      if (expiresAt <= expired) {
        // No future row of the other side can match it: do not keep it.
        if (side.outer && !matched) output.push(this.padded(side, values));
        continue;
      }
      const rows = side.rows.get(NO_NAMESPACE, key) ?? [];
      rows.push({ time, values, matched });
      side.rows.put(NO_NAMESPACE, key, rows);
      side.expiry.put(expiresAt, key, true);
    }
    await this.emitRows(output, context);
    if (this.processing) this.schedulePurge(context);
  }

  async processWatermark(watermark: number, context: OperatorContext): Promise<void> {
    if (!this.sides) return;
    if (this.processing) {
      if (watermark > this.emittedWatermark) {
        this.emittedWatermark = watermark;
        await context.emitWatermark(watermark);
      }
      return;
    }
    const output: Value[][] = [];
    this.purge(watermark, output);
    await this.emitRows(output, context);
    const held = watermark - this.outputDelay;
    if (held > this.emittedWatermark) {
      this.emittedWatermark = held;
      await context.emitWatermark(held);
    }
  }

  /** Processing time: the input ended, so no row left can match any more (outer ones are padded now). */
  async endOfInput(context: OperatorContext): Promise<void> {
    if (!this.processing) return;
    this.purgeTimer?.cancel();
    this.purgeTimer = undefined;
    const output: Value[][] = [];
    this.purge(Number.POSITIVE_INFINITY, output);
    await this.emitRows(output, context);
  }

  restoreState(_snapshot: unknown, context: OperatorContext): void {
    if (this.processing) this.schedulePurge(context);
  }

  close(): void {
    this.purgeTimer?.cancel();
    this.purgeTimer = undefined;
  }

  /** Processing time: a wall-clock timer for the earliest expiry held (one at a time). */
  private schedulePurge(context: OperatorContext): void {
    if (!this.sides || !context.scheduleAt) return;
    const next = Math.min(...this.sides.map((side) => side.expiry.namespaces()[0] ?? Number.POSITIVE_INFINITY));
    if (next === Number.POSITIVE_INFINITY || (this.purgeTimer && this.purgeTimer.at <= next)) return;
    this.purgeTimer?.cancel();
    // A row expiring at t can still meet a row arriving at t: purge once the clock is past it.
    const cancel = context.scheduleAt(next + 1, async () => {
      this.purgeTimer = undefined;
      const output: Value[][] = [];
      this.purge(this.clock() - 1, output);
      await this.emitRows(output, context);
      this.schedulePurge(context);
    });
    this.purgeTimer = { at: next, cancel };
  }

  /** Drops every row whose expiry is at or below `limit`, padding unmatched outer ones into `output`. */
  private purge(limit: number, output: Value[][]): void {
    for (const side of this.sides!) {
      const due = new Set<string>();
      for (const at of side.expiry.namespacesUpTo(limit)) {
        for (const [key] of side.expiry.entries(at)) due.add(key);
        side.expiry.clearNamespace(at);
      }
      for (const key of [...due].sort()) {
        const rows = side.rows.get(NO_NAMESPACE, key);
        if (!rows) continue;
        const kept: IntervalRow[] = [];
        for (const row of rows) {
          if (this.expiryOf(side, row.time) > limit) kept.push(row);
          else if (side.outer && !row.matched) output.push(this.padded(side, row.values));
        }
        if (kept.length === 0) side.rows.delete(NO_NAMESPACE, key);
        else if (kept.length < rows.length) side.rows.put(NO_NAMESPACE, key, kept);
      }
    }
  }

  /** The watermark from which a row of `side` at `time` can match no future row of the other side. */
  private expiryOf(side: SideState, time: number): number {
    return side.index === 0 ? time - this.spec.lowerBound : time + this.spec.upperBound;
  }

  /** The stored rows of the other side within the time bounds of a row of `side` at `time`, residual TRUE. */
  private matching(side: SideState, time: number, values: readonly Value[], stored: IntervalRow[]): IntervalRow[] {
    const { lowerBound, upperBound } = this.spec;
    const candidates = stored.filter((o) => {
      const difference = side.index === 0 ? time - o.time : o.time - time; // left time − right time
      return difference >= lowerBound && difference <= upperBound;
    });
    if (!this.residual || candidates.length === 0) return candidates;
    const leftWidth = this.sides![0].width;
    const column = (index: number): readonly Value[] => {
      const isOwn = side.index === 0 ? index < leftWidth : index >= leftWidth;
      if (isOwn) return new Array<Value>(candidates.length).fill(values[side.index === 0 ? index : index - leftWidth]!);
      return candidates.map((c) => c.values[side.index === 0 ? index - leftWidth : index]!);
    };
    const verdicts = this.residual(column, candidates.length);
    return candidates.filter((_, i) => verdicts[i] === true);
  }

  private padded(side: SideState, values: readonly Value[]): Value[] {
    const nulls = new Array<Value>(this.sides![1 - side.index]!.width).fill(null);
    return side.index === 0 ? [...values, ...nulls] : [...nulls, ...values];
  }

  private dropLate(side: SideState, values: readonly Value[], watermark: number, context: OperatorContext): void {
    side.lateMetrics.lateRecords++;
    const mapping = side.spec.lateRow ?? values.map((_, c) => c);
    context.reportDropped({ table: side.spec.lateTable, values: mapping.map((c) => (c < 0 ? null : values[c]!)), reason: 'late', watermark });
  }

  private async emitRows(rows: readonly Value[][], context: OperatorContext): Promise<void> {
    if (rows.length === 0) return;
    const width = context.outputSchema.fields.length;
    const columns: Value[][] = Array.from({ length: width }, (_, c) => rows.map((r) => r[c]!));
    await context.emit(makeBatch(context.outputSchema, columns, rows.length));
  }
}
