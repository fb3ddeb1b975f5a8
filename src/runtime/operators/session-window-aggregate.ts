/**
 * Window aggregation over SESSION windows (Flink's session window aggregate, made deterministic). Sessions are
 * formed per partition key (`spec.window.partitionKeys`, a subset of the group keys, or none: one session sequence
 * for the whole stream); within a session, rows are aggregated per group key. A row whose merged session has
 * already fired under its watermark is late: dropped and counted. A session fires when the watermark reaches its
 * last millisecond, emitting one row per group key: keys…, window_start, window_end, window_time, aggregates…,
 * ordered by window end, then partition key, then group key.
 *
 * Accumulators, not rows: each session keeps one accumulator set per group key, and when sessions merge their
 * accumulators are combined with `AggregateFunction.merge` (as Flink merges window state). Keeping the raw rows
 * instead would be simpler, but a session lasts as long as its key stays active — without bound for a steady
 * stream — so memory would grow with every row; accumulators keep it to one entry per group key (plus the value
 * multisets MIN/MAX/DISTINCT need anyway). State layout: see `SessionWindowState`.
 */
import { InternalError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import { isAccumulate, RowKind } from '../../common/values.js';
import type { SessionWindowSpec, WindowAggregateSpec } from '../../dataflow/graph.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { encodeKey } from '../keys.js';
import { AccumulatorSet } from '../aggregates/index.js';
import { SessionWindowState } from '../windows/session-state.js';
import { ColumnCache } from './column-cache.js';

interface GroupEntry {
  keys: Value[];
  accs: unknown[];
}

/** The aggregates of one session: encoded group key → that group's key values and accumulators. */
type SessionGroups = Map<string, GroupEntry>;

export class SessionWindowAggregateOperator implements Operator {
  private readonly window: SessionWindowSpec;
  private readonly accumulators: AccumulatorSet;
  private sessions!: SessionWindowState<SessionGroups>;
  private tableMetrics!: TableMetrics;

  constructor(private readonly spec: WindowAggregateSpec) {
    if (spec.window.kind !== 'session') throw new InternalError(`SessionWindowAggregateOperator got a ${spec.window.kind} window`);
    this.window = spec.window;
    this.accumulators = new AccumulatorSet(spec.aggregates);
  }

  open(context: OperatorContext): void {
    this.sessions = new SessionWindowState<SessionGroups>(context.state, context.operatorId, this.window.gap, {
      create: () => new Map(),
      merge: (into, from) => this.mergeGroups(into, from),
    });
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
  }

  processBatch(message: DataMessage, context: OperatorContext): void {
    const { spec } = this;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const times = input.column(spec.timeIndex);
    const partitionColumns = this.window.partitionKeys.map((k) => input.column(k));
    const keyColumns = spec.keys.map((k) => input.column(k));
    const argColumns = spec.aggregates.map((a) => (a.argIndex === null ? null : input.column(a.argIndex)));
    const args: Value[] = new Array(argColumns.length);
    for (let row = 0; row < message.batch.numRows; row++) {
      const time = times[row];
      if (time === null || time === undefined) {
        this.tableMetrics.nullRowtimeRecords++;
        continue;
      }
      const watermark = message.watermarks ? message.watermarks[row]! : context.currentWatermark;
      const retract = message.rowKinds ? !isAccumulate(message.rowKinds[row] as RowKind) : false;
      const partition = encodeKey(partitionColumns.map((column) => column[row]!));
      const accepted = this.sessions.add(partition, time as number, watermark, (groups) => {
        const keys = keyColumns.map((column) => column[row]!);
        const key = encodeKey(keys);
        let entry = groups.get(key);
        if (!entry) groups.set(key, (entry = { keys, accs: this.accumulators.create() }));
        for (let a = 0; a < argColumns.length; a++) args[a] = argColumns[a] ? argColumns[a]![row]! : true;
        this.accumulators.accumulate(entry.accs, args, retract);
        return groups;
      });
      if (!accepted) {
        this.tableMetrics.lateRecords++;
        const mapping = spec.lateRow ?? context.inputSchema.fields.map((_, c) => c);
        const values = mapping.map((c) => (c < 0 ? null : input.column(c)[row]!));
        context.reportDropped({ table: spec.lateTable, values, reason: 'late', watermark });
      }
    }
  }

  async processWatermark(watermark: number, context: OperatorContext): Promise<void> {
    const fired = this.sessions.fire(watermark);
    if (fired.length === 0) return;
    const columns: Value[][] = context.outputSchema.fields.map(() => []);
    for (const session of fired) {
      const groups = [...session.payload.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [, entry] of groups) {
        let c = 0;
        for (const key of entry.keys) columns[c++]!.push(key);
        columns[c++]!.push(session.start);
        columns[c++]!.push(session.end);
        columns[c++]!.push(session.end - 1);
        for (const value of this.accumulators.values(entry.accs)) columns[c++]!.push(value);
      }
    }
    await context.emit(makeBatch(context.outputSchema, columns));
  }

  private mergeGroups(into: SessionGroups, from: SessionGroups): SessionGroups {
    for (const [key, entry] of from) {
      const held = into.get(key);
      if (held) this.accumulators.merge(held.accs, entry.accs);
      else into.set(key, entry);
    }
    return into;
  }
}
