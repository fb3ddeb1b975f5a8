/**
 * The SESSION window TVF on its own (no aggregation on top). A row's window_start and window_end are only known
 * once its session is final, so rows are buffered per open session (in state) and emitted, with the session's
 * window_start, window_end and window_time appended, when the session fires — as Flink does. Within a session, rows
 * come out in the order the sessions were merged (each session's rows in arrival order, earlier-starting sessions
 * first); sessions come out ordered by end, then partition key. A row whose merged session has already fired under
 * its watermark is late: dropped and counted in the table's late-records counter.
 *
 * Processing time (`window.timeMode === 'processing'`): a row's time is the wall clock when it arrives (never late);
 * sessions fire when the clock passes their last millisecond (checked before each batch and by one timer), and all
 * at the end of bounded input.
 */
import { InternalError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import { RowKind } from '../../common/values.js';
import type { SessionWindowSpec, WindowTableFunctionSpec } from '../../dataflow/graph.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { encodeKey } from '../keys.js';
import { SessionWindowState } from '../windows/session-state.js';
import { ColumnCache } from './column-cache.js';
import { windowClock, type WindowClock } from '../windows/clock.js';
import { END_OF_TIME_WATERMARK } from '../messages.js';

/** The rows buffered in one session, each with its row kind (+I unless the input carries updates). */
interface BufferedRows {
  rows: Value[][];
  kinds: number[];
}

export class SessionWindowTableFunctionOperator implements Operator {
  private readonly window: SessionWindowSpec;
  private sessions!: SessionWindowState<BufferedRows>;
  private tableMetrics!: TableMetrics;

  /** Over a TIMESTAMP_LTZ rowtime: sessions in the session zone's wall clock (see windows/clock.ts). */
  private readonly clock: WindowClock;
  private readonly processingTime: boolean;
  /** Processing time: the pending wall-clock timer (for the session ending first) and how to cancel it. */
  private timer: { readonly at: number; readonly cancel: () => void } | undefined;

  constructor(
    private readonly spec: WindowTableFunctionSpec,
    private readonly wallClock: () => number = Date.now,
  ) {
    if (spec.window.kind !== 'session') throw new InternalError(`SessionWindowTableFunctionOperator got a ${spec.window.kind} window`);
    this.window = spec.window;
    this.clock = windowClock(spec.window.timeZone);
    this.processingTime = spec.window.timeMode === 'processing';
  }

  open(context: OperatorContext): void {
    this.sessions = new SessionWindowState<BufferedRows>(context.state, context.operatorId, this.window.gap, {
      create: () => ({ rows: [], kinds: [] }),
      merge: (into, from) => {
        for (const row of from.rows) into.rows.push(row);
        for (const kind of from.kinds) into.kinds.push(kind);
        return into;
      },
    });
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const inputColumns = context.inputSchema.fields.map((_, i) => input.column(i));
    const times = inputColumns[this.spec.timeIndex]!;
    const partitionColumns = this.window.partitionKeys.map((k) => inputColumns[k]!);
    const now = this.processingTime ? this.wallClock() : undefined;
    if (now !== undefined) await this.emitFired(this.sessions.fire(this.clock.windowWatermark(now - 1)), context);
    for (let row = 0; row < message.batch.numRows; row++) {
      const time = now ?? times[row];
      if (time === null || time === undefined) {
        this.tableMetrics.nullRowtimeRecords++;
        continue;
      }
      const watermark = now !== undefined ? now - 1 : message.watermarks ? message.watermarks[row]! : context.currentWatermark;
      const partition = encodeKey(partitionColumns.map((column) => column[row]!));
      const accepted = this.sessions.add(partition, this.clock.windowTimeOf(time as number), this.clock.windowWatermark(watermark), (buffer) => {
        buffer.rows.push(inputColumns.map((column) => column[row]!));
        buffer.kinds.push(message.rowKinds ? message.rowKinds[row]! : RowKind.Insert);
        return buffer;
      });
      if (!accepted) {
        this.tableMetrics.lateRecords++;
        const mapping = this.spec.lateRow ?? inputColumns.map((_, c) => c);
        const values = mapping.map((c) => (c < 0 ? null : inputColumns[c]![row]!));
        context.reportDropped({ table: this.spec.lateTable, values, reason: 'late', watermark });
      }
    }
    if (this.processingTime) this.scheduleFiring(context);
  }

  close(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  restoreState(_snapshot: unknown, context: OperatorContext): void {
    if (this.processingTime) this.scheduleFiring(context);
  }

  /** Processing time: one wall-clock timer, for when the clock passes the last millisecond of the first session. */
  private scheduleFiring(context: OperatorContext): void {
    const next = this.sessions.ends()[0];
    if (this.timer?.at === next) return;
    this.timer?.cancel();
    this.timer = undefined;
    if (next === undefined || !context.scheduleAt) return;
    const cancel = context.scheduleAt(this.clock.firingWatermark(next - 1) + 1, async () => {
      this.timer = undefined;
      await this.emitFired(this.sessions.fire(this.clock.windowWatermark(this.wallClock() - 1)), context);
      this.scheduleFiring(context);
    });
    this.timer = { at: next, cancel };
  }

  /**
   * Emits the rows of every session that fires. They carry no per-row watermarks: downstream judges them under
   * the previous watermark, which every emitted window_time (> that watermark, or the session would have fired
   * then) is beyond.
   */
  async processWatermark(watermark: number, context: OperatorContext): Promise<void> {
    // Processing time: event-time watermarks do not fire sessions; the end of input fires all.
    if (this.processingTime && watermark !== END_OF_TIME_WATERMARK) return;
    await this.emitFired(this.sessions.fire(this.clock.windowWatermark(watermark)), context);
  }

  private async emitFired(fired: ReturnType<SessionWindowState<BufferedRows>['fire']>, context: OperatorContext): Promise<void> {
    if (fired.length === 0) return;
    const width = context.inputSchema.fields.length;
    const columns: Value[][] = context.outputSchema.fields.map(() => []);
    const kinds: number[] = [];
    for (const session of fired) {
      const { rows, kinds: rowKinds } = session.payload;
      for (let r = 0; r < rows.length; r++) {
        const values = rows[r]!;
        for (let c = 0; c < width; c++) columns[c]!.push(values[c]!);
        columns[width]!.push(session.start);
        columns[width + 1]!.push(session.end);
        columns[width + 2]!.push(this.clock.windowTime(session.end));
        kinds.push(rowKinds[r]!);
      }
    }
    const updates = kinds.some((kind) => kind !== RowKind.Insert);
    await context.emit(makeBatch(context.outputSchema, columns), updates ? { rowKinds: Uint8Array.from(kinds) } : undefined);
  }
}
