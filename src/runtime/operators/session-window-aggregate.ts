/**
 * Window aggregation over SESSION windows (Flink's session window aggregate, made deterministic). Sessions are
 * formed per partition key (`spec.window.partitionKeys`, a subset of the group keys, or none: one session sequence
 * for the whole stream); within a session, rows are aggregated per group key. A session fires when the watermark
 * reaches its last millisecond, emitting one row per group key: keys…, window_start, window_end, window_time,
 * aggregates…, ordered by window end, then partition key, then group key. A row whose merged session has already
 * fired (and, with allowed lateness, expired) under its watermark is late: dropped, counted and logged.
 *
 * Two settings turn the output into an update stream (changelog rows: see `session-window-changes.ts`):
 * - `allowedLateness` L: a fired session keeps its state until the watermark reaches end − 1 + L. A late row joins
 *   (and may merge) retained sessions exactly as an on-time row would. A fired session that changed emits its
 *   changes at the next watermark advance; one that grew past the watermark is open again and emits when it fires.
 * - `earlyFireDelay` D: whenever the watermark enters a new D-long period, every open session whose result changed
 *   since it was last emitted emits it.
 *
 * Determinism: rows carry the watermark in force when they arrived, so the operator replays every watermark
 * advance at the row where it happened: the emitted changes are the same whatever the batch boundaries. Emitted
 * rows carry the watermark in force before the advance that produced them. An advance only touches the sessions
 * that are due (`SessionTimers`): it costs nothing per open session.
 *
 * Processing time (`window.timeMode === 'processing'`, the time column is PROCTIME()): a row's time is the wall
 * clock when it reaches the operator (as Flink's processing-time session assigner), so it is never late; the
 * operator's watermark is the wall clock − 1 ms, advanced before each batch and by one timer at the next session's
 * end; sessions fire when the clock passes their last millisecond, and all at the end of bounded input. No allowed
 * lateness or early firing there.
 *
 * Accumulators, not rows: each session keeps one accumulator set per group key, and when sessions merge their
 * accumulators are combined with `AggregateFunction.merge` (as Flink merges window state). Keeping the raw rows
 * instead would be simpler, but a session lasts as long as its key stays active — without bound for a steady
 * stream — so memory would grow with every row; accumulators keep it to one entry per group key (plus the value
 * multisets MIN/MAX/DISTINCT need anyway, and, when updates are on, the rows last emitted). State layout: see
 * `SessionWindowState`.
 */
import { InternalError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import { isAccumulate, RowKind } from '../../common/values.js';
import type { SessionWindowSpec, WindowAggregateSpec } from '../../dataflow/graph.js';
import type { Operator, OperatorContext, WindowProgress } from '../operator.js';
import type { DataMessage } from '../messages.js';
import { NO_WATERMARK } from '../messages.js';
import type { TableMetrics } from '../metrics.js';
import { encodeKey } from '../keys.js';
import { AccumulatorSet } from '../aggregates/index.js';
import { firedWindowEndBound } from '../windows/assigners.js';
import { SessionWindowState } from '../windows/session-state.js';
import { SessionRefSet, SessionTimers, type SessionLiveness, type SessionRef } from '../windows/session-timers.js';
import { ColumnCache } from './column-cache.js';
import { reportLateRow } from './late-row.js';
import { earlyFireTick, nextEarlyFire } from '../windows/early-fire.js';
import { appendGroupChanges, type EmittedRow } from './session-window-changes.js';
import { WindowChangeBuffer } from './window-change-buffer.js';
import { windowClock, type WindowClock } from '../windows/clock.js';
import { END_OF_TIME_WATERMARK } from '../messages.js';

interface GroupEntry {
  keys: Value[];
  accs: unknown[];
  /** The rows of this group key that stand in the output for this session and the sessions it absorbed. */
  emitted?: EmittedRow[];
}

/** The aggregates of one session: encoded group key → that group's key values and accumulators. */
type SessionGroups = Map<string, GroupEntry>;

export class SessionWindowAggregateOperator implements Operator {
  private readonly window: SessionWindowSpec;
  private readonly accumulators: AccumulatorSet;
  private readonly lateness: number;
  private readonly earlyFireDelay: number | undefined;
  private sessions!: SessionWindowState<SessionGroups>;
  private tableMetrics!: TableMetrics;
  /** The last watermark this operator acted on. */
  private watermark = NO_WATERMARK;
  /** Open sessions, to fire when the watermark reaches their last millisecond. */
  private openTimers = new SessionTimers();
  /** Fired sessions kept for the allowed lateness, to purge when it has passed. */
  private firedTimers = new SessionTimers();
  /** Fired sessions changed by late rows since their last emission: emitted at the next advance. */
  private readonly changedFired = new SessionRefSet();
  /** Open sessions changed since their last emission (early firing only). */
  private readonly changedOpen = new SessionRefSet();
  /** The lowest watermark at which an advance has something to do (fire, update, early-fire, purge). */
  private nextAction = Number.NEGATIVE_INFINITY;
  private readonly live: SessionLiveness = (end, key) => this.sessions.has(end, key);

  /** Over a TIMESTAMP_LTZ rowtime: sessions in the session zone's wall clock; watermarks kept in window time. */
  private readonly clock: WindowClock;
  private readonly processingTime: boolean;
  /** Processing time: the pending wall-clock timer (for the session firing next) and how to cancel it. */
  private timer: { readonly at: number; readonly cancel: () => void } | undefined;

  constructor(
    private readonly spec: WindowAggregateSpec,
    private readonly wallClock: () => number = Date.now,
  ) {
    if (spec.window.kind !== 'session') throw new InternalError(`SessionWindowAggregateOperator got a ${spec.window.kind} window`);
    this.window = spec.window;
    this.clock = windowClock(spec.window.timeZone);
    this.accumulators = new AccumulatorSet(spec.aggregates);
    this.processingTime = spec.window.timeMode === 'processing';
    this.lateness = this.processingTime ? 0 : Math.max(0, spec.allowedLateness ?? 0);
    this.earlyFireDelay = !this.processingTime && spec.earlyFireDelay !== undefined && spec.earlyFireDelay > 0 ? spec.earlyFireDelay : undefined;
  }

  /** Whether results can be revised after they are first emitted. */
  private get emitsUpdates(): boolean {
    return this.lateness > 0 || this.earlyFireDelay !== undefined;
  }

  open(context: OperatorContext): void {
    this.sessions = new SessionWindowState<SessionGroups>(context.state, context.operatorId, this.window.gap, {
      create: () => new Map(),
      merge: (into, from) => this.mergeGroups(into, from),
    }, this.lateness);
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
    // Sessions in restored state: all are due again (emitting one whose result stands changes nothing).
    for (const end of this.sessions.ends()) {
      for (const { key } of this.sessions.sessionsEndingAt(end)) {
        this.openTimers.push(end, key);
        if (this.earlyFireDelay !== undefined) this.changedOpen.add(end, key);
      }
    }
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const { spec } = this;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const times = input.column(spec.timeIndex);
    const partitionColumns = this.window.partitionKeys.map((k) => input.column(k));
    const keyColumns = spec.keys.map((k) => input.column(k));
    const argColumns = spec.aggregates.map((a) => (a.argIndex === null ? null : input.column(a.argIndex)));
    const args: Value[] = new Array(argColumns.length);
    const output = new WindowChangeBuffer(context.outputSchema.fields.length, !this.processingTime, this.clock);
    const now = this.processingTime ? this.wallClock() : undefined;
    if (now !== undefined && this.clock.windowWatermark(now - 1) > this.watermark) this.advanceTo(this.clock.windowWatermark(now - 1), output);
    for (let row = 0; row < message.batch.numRows; row++) {
      if (now === undefined) {
        const rowWatermark = this.clock.windowWatermark(message.watermarks ? message.watermarks[row]! : context.currentWatermark);
        if (rowWatermark > this.watermark) this.advanceTo(rowWatermark, output);
      }
      const time = now ?? times[row];
      if (time === null || time === undefined) {
        this.tableMetrics.nullRowtimeRecords++;
        continue;
      }
      const watermark = this.watermark;
      const retract = message.rowKinds ? !isAccumulate(message.rowKinds[row] as RowKind) : false;
      const partition = encodeKey(partitionColumns.map((column) => column[row]!));
      const session = this.sessions.addRecord(partition, this.clock.windowTimeOf(time as number), watermark, (groups) => {
        const keys = keyColumns.map((column) => column[row]!);
        const key = encodeKey(keys);
        let entry = groups.get(key);
        if (!entry) groups.set(key, (entry = { keys, accs: this.accumulators.create() }));
        for (let a = 0; a < argColumns.length; a++) args[a] = argColumns[a] ? argColumns[a]![row]! : true;
        this.accumulators.accumulate(entry.accs, args, retract);
        return groups;
      });
      if (session) this.scheduleFor(session.end, partition);
      else reportLateRow(this.spec, this.tableMetrics, input, row, this.clock.firingWatermark(watermark), context);
    }
    await output.flush(context);
    if (this.processingTime) this.scheduleFiring(context);
  }

  close(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Processing time: one wall-clock timer, for when the clock passes the last millisecond of the next session. */
  private scheduleFiring(context: OperatorContext): void {
    const next = this.nextAction === Number.NEGATIVE_INFINITY ? this.computeNextAction() : this.nextAction;
    if (next === Number.POSITIVE_INFINITY || !context.scheduleAt) {
      this.timer?.cancel();
      this.timer = undefined;
      return;
    }
    if (this.timer?.at === next) return;
    this.timer?.cancel();
    const cancel = context.scheduleAt(this.clock.firingWatermark(next) + 1, async () => {
      this.timer = undefined;
      const watermark = this.clock.windowWatermark(this.wallClock() - 1);
      if (watermark > this.watermark) {
        const output = new WindowChangeBuffer(context.outputSchema.fields.length, false, this.clock);
        this.advanceTo(watermark, output);
        await output.flush(context);
      }
      this.scheduleFiring(context);
    });
    this.timer = { at: next, cancel };
  }

  /**
   * Checkpoints: sessions live in keyed state; the snapshot adds the watermark this operator acted on and the
   * sessions changed since their last emission. On restore the timers are rebuilt from the sessions in state:
   * a session whose end the restored watermark has passed was fired and is kept for the allowed lateness.
   */
  snapshotState(): { watermark: number; changedFired: [number, string][]; changedOpen: [number, string][] } {
    const refs = (set: SessionRefSet): [number, string][] => set.sorted().map((ref) => [ref.end, ref.key]);
    return { watermark: this.watermark, changedFired: refs(this.changedFired), changedOpen: refs(this.changedOpen) };
  }

  restoreState(snapshot: unknown, context: OperatorContext): void {
    if (!snapshot || typeof snapshot !== 'object') {
      if (this.processingTime) this.scheduleFiring(context);
      return;
    }
    const restored = snapshot as { watermark: number; changedFired: [number, string][]; changedOpen: [number, string][] };
    this.watermark = restored.watermark;
    this.openTimers = new SessionTimers();
    this.firedTimers = new SessionTimers();
    for (const end of this.sessions.ends()) {
      for (const { key } of this.sessions.sessionsEndingAt(end)) {
        if (end - 1 > this.watermark) this.openTimers.push(end, key);
        else this.firedTimers.push(end, key);
      }
    }
    for (const ref of [...this.changedOpen.sorted()]) this.changedOpen.delete(ref.end, ref.key);
    for (const [end, key] of restored.changedOpen) this.changedOpen.add(end, key);
    for (const [end, key] of restored.changedFired) this.changedFired.add(end, key);
    this.nextAction = Number.NEGATIVE_INFINITY;
    if (this.processingTime) this.scheduleFiring(context);
  }

  async processWatermark(messageWatermark: number, context: OperatorContext): Promise<void> {
    // Processing time: event-time watermarks do not fire sessions; the end of input fires all.
    if (this.processingTime && messageWatermark !== END_OF_TIME_WATERMARK) return;
    const watermark = this.clock.windowWatermark(messageWatermark);
    if (watermark <= this.watermark) return;
    const output = new WindowChangeBuffer(context.outputSchema.fields.length, true, this.clock);
    this.advanceTo(watermark, output);
    await output.flush(context);
  }

  /** A record joined the session of `key` ending at `end`: remember when the operator must act on it. */
  private scheduleFor(end: number, key: string): void {
    if (end - 1 > this.watermark) {
      this.openTimers.push(end, key);
      this.nextAction = Math.min(this.nextAction, end - 1);
      if (this.earlyFireDelay !== undefined) {
        this.changedOpen.add(end, key);
        this.nextAction = Math.min(this.nextAction, nextEarlyFire(this.watermark, this.earlyFireDelay));
      }
    } else {
      // Only with allowed lateness: a late row changed a fired session (or started one that is born fired).
      this.firedTimers.push(end, key);
      this.changedFired.add(end, key);
      this.nextAction = Number.NEGATIVE_INFINITY;
    }
  }

  private advanceTo(watermark: number, output: WindowChangeBuffer): void {
    if (watermark < this.nextAction) this.watermark = watermark; // nothing fires, changes or expires yet
    else this.advance(watermark, output);
  }

  /** Acts on the watermark advancing to `watermark`: final firings, lateness updates, early firings, purges. */
  private advance(watermark: number, output: WindowChangeBuffer): void {
    const previous = this.watermark;
    this.watermark = watermark;
    const fireBound = firedWindowEndBound(watermark);
    const purgeBound = firedWindowEndBound(watermark - this.lateness);
    // Sessions firing now (ends in (previous + 1, watermark + 1]) and fired ones that changed (ends ≤ previous + 1).
    const firing = this.openTimers.popUpTo(fireBound, this.live);
    if (this.lateness > 0) for (const ref of firing) this.firedTimers.push(ref.end, ref.key);
    const updated = this.changedFired.sorted();
    this.changedFired.deleteUpTo(Number.POSITIVE_INFINITY);
    for (const ref of [...updated, ...firing]) this.emitSession(ref, ref.end <= purgeBound, previous, output);
    const delay = this.earlyFireDelay;
    if (delay !== undefined && earlyFireTick(watermark, delay) > earlyFireTick(previous, delay)) {
      for (const ref of this.changedOpen.sorted((end) => end > fireBound)) this.emitSession(ref, false, previous, output);
    }
    this.changedOpen.deleteUpTo(fireBound);
    this.sessions.purge(purgeBound);
    this.firedTimers.popUpTo(purgeBound, () => false);
    this.nextAction = this.computeNextAction();
  }

  /** After an advance: the next session to fire or expire, the next early-fire period if an open one changed. */
  private computeNextAction(): number {
    let next = Number.POSITIVE_INFINITY;
    const open = this.openTimers.peek(this.live);
    if (open !== undefined) next = open - 1;
    const fired = this.lateness > 0 ? this.firedTimers.peek(this.live) : undefined;
    if (fired !== undefined) next = Math.min(next, fired - 1 + this.lateness);
    if (this.earlyFireDelay !== undefined && !this.changedOpen.isEmpty) next = Math.min(next, nextEarlyFire(this.watermark, this.earlyFireDelay));
    return next;
  }

  /**
   * Emits a session's rows, group key by group key: all as +I without updates; otherwise the changes since its
   * rows (and those of the sessions it absorbed) were last emitted. `purging`: the session is removed right after.
   */
  private emitSession(ref: SessionRef, purging: boolean, watermark: number, output: WindowChangeBuffer): void {
    const session = this.sessions.get(ref.end, ref.key);
    if (!session) return; // merged away since it was referenced
    const { start, end, payload } = session;
    const groups = [...payload.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, entry] of groups) {
      const current: EmittedRow = { start, end, values: this.accumulators.values(entry.accs) };
      if (!this.emitsUpdates) output.add(RowKind.Insert, entry.keys, start, end, current.values, watermark);
      else entry.emitted = [appendGroupChanges(output, entry.keys, entry.emitted, current, watermark)];
    }
    this.changedOpen.delete(end, ref.key);
    if (this.emitsUpdates && !purging) this.sessions.replacePayload(end, ref.key, payload);
  }

  private mergeGroups(into: SessionGroups, from: SessionGroups): SessionGroups {
    for (const [key, entry] of from) {
      const held = into.get(key);
      if (!held) into.set(key, entry);
      else {
        this.accumulators.merge(held.accs, entry.accs);
        if (entry.emitted) held.emitted = [...(held.emitted ?? []), ...entry.emitted];
      }
    }
    return into;
  }

  /** SHOW WATERMARKS: sessions not fired yet (end − 1 > watermark) and the one that fires first. */
  describeProgress(): WindowProgress {
    let openWindows = 0;
    let oldestOpenWindow: WindowProgress['oldestOpenWindow'] = null;
    for (const end of this.sessions ? this.sessions.ends() : []) {
      if (end - 1 <= this.watermark) continue;
      const sessions = this.sessions.sessionsEndingAt(end);
      openWindows += sessions.length;
      if (oldestOpenWindow === null && sessions.length > 0) {
        oldestOpenWindow = { start: Math.min(...sessions.map((session) => session.start)), end };
      }
    }
    const firesAt = oldestOpenWindow && !this.clock.identity ? { oldestFiresAt: this.clock.firingWatermark(oldestOpenWindow.end - 1) } : {};
    return { kind: 'window', watermark: this.clock.firingWatermark(this.watermark), openWindows, oldestOpenWindow, ...firesAt };
  }
}
