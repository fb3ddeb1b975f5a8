/**
 * Event-time window join (Flink's WindowJoinOperator, made deterministic). Input 0 is the left side, input 1 the
 * right; both carry window_start / window_end columns of the same windowing. Each row is buffered under its
 * window's end; when the combined watermark (the minimum of both inputs') reaches a window's last millisecond,
 * the window's rows are joined (see `window-join-rows.ts` for the output order), emitted once, and purged.
 *
 * A row is late when its window had already fired under the watermark in force when it arrived: the per-row
 * watermark of its own input when the batch carries one, else the combined watermark. Because the combined
 * watermark never exceeds either input's, this never keeps a row for a window that already fired, and it does
 * not depend on how the two inputs' batches interleave. Late rows are dropped and counted for their side's table.
 *
 * State: one map per side, namespace = window end, key = the zero-padded arrival number (so entries read back
 * in arrival order), value = the row's values.
 */
import type { WindowJoinSide, WindowJoinSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import { InternalError } from '../../common/errors.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { firedWindowEndBound } from '../windows/assigners.js';
import { windowClock } from '../windows/clock.js';
import { ColumnCache } from './column-cache.js';
import { compileResidual, joinWindowRows, type Row, type WindowRowsJoin } from './window-join-rows.js';

/** Arrival numbers are padded to this many digits so that state keys sort in arrival order. */
const ARRIVAL_DIGITS = 15;

interface SideState {
  readonly spec: WindowJoinSide;
  readonly rows: NamespacedMapState<Value[]>;
  readonly lateMetrics: TableMetrics;
}

export class WindowJoinOperator implements Operator {
  private sides: [SideState, SideState] | undefined;
  private join: WindowRowsJoin | undefined;
  private arrivals = 0;

  /** Windows over a TIMESTAMP_LTZ rowtime fire by the session zone's wall clock (windows/clock.ts). */
  private readonly clock;

  constructor(private readonly spec: WindowJoinSpec) {
    this.clock = windowClock(spec.window.timeZone);
  }

  open(context: OperatorContext): void {
    const [leftSchema, rightSchema] = context.inputSchemas;
    if (!leftSchema || !rightSchema) throw new InternalError(`Window join #${context.operatorId} needs two inputs`);
    const side = (spec: WindowJoinSide, name: string): SideState => ({
      spec,
      rows: context.state.mapState<Value[]>(`${context.operatorId}/${name}`),
      lateMetrics: context.jobMetrics.table(spec.lateTable),
    });
    this.sides = [side(this.spec.left, 'left'), side(this.spec.right, 'right')];
    // Continue numbering after rows restored from durable state, so arrival order holds across restarts.
    for (const { rows } of this.sides) {
      for (const end of rows.namespaces()) for (const [key] of rows.entries(end)) this.arrivals = Math.max(this.arrivals, Number(key) + 1);
    }
    this.join = {
      joinType: this.spec.joinType,
      leftKeys: this.spec.left.keys,
      rightKeys: this.spec.right.keys,
      leftWidth: leftSchema.fields.length,
      rightWidth: rightSchema.fields.length,
      residual: compileResidual(this.spec.residual),
    };
  }

  processBatch(message: DataMessage, context: OperatorContext, inputIndex = 0): void {
    const side = this.sidesOrThrow()[inputIndex];
    const schema = context.inputSchemas[inputIndex];
    if (!side || !schema) throw new InternalError(`Window join #${context.operatorId} has no input ${inputIndex}`);
    const input = ColumnCache.of(message.batch, schema);
    const columns = schema.fields.map((_, i) => input.column(i));
    const ends = columns[side.spec.windowEndIndex]!;
    for (let row = 0; row < message.batch.numRows; row++) {
      const end = ends[row];
      if (typeof end !== 'number') continue; // a row without a window (NULL window_end) joins nothing
      const watermark = this.clock.windowWatermark(Math.max(message.watermarks ? message.watermarks[row]! : context.currentWatermark, context.currentWatermark));
      if (end <= firedWindowEndBound(watermark)) {
        side.lateMetrics.lateRecords++;
        continue;
      }
      side.rows.put(end, String(this.arrivals++).padStart(ARRIVAL_DIGITS, '0'), columns.map((c) => c[row]!));
    }
  }

  async processWatermark(watermark: number, context: OperatorContext): Promise<void> {
    const [left, right] = this.sidesOrThrow();
    const bound = firedWindowEndBound(this.clock.windowWatermark(watermark));
    const ends = [...new Set([...left.rows.namespacesUpTo(bound), ...right.rows.namespacesUpTo(bound)])].sort((a, b) => a - b);
    if (ends.length === 0) return;
    const join = this.join!;
    const columns: Value[][] = Array.from({ length: join.leftWidth + join.rightWidth }, () => []);
    for (const end of ends) {
      const joined = joinWindowRows(join, rowsOf(left, end), rowsOf(right, end));
      for (const row of joined) for (let c = 0; c < row.length; c++) columns[c]!.push(row[c]!);
      left.rows.clearNamespace(end);
      right.rows.clearNamespace(end);
    }
    await context.emit(makeBatch(context.outputSchema, columns));
  }

  private sidesOrThrow(): [SideState, SideState] {
    if (!this.sides) throw new InternalError('Window join used before open()');
    return this.sides;
  }
}

function rowsOf(side: SideState, end: number): Row[] {
  return [...side.rows.entries(end)].map(([, values]) => values);
}
