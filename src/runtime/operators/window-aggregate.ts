/**
 * Event-time window aggregation (Flink's WindowAggOperator, made deterministic). Each row is assigned to its
 * windows; a row is left out of every window that had already fired under the watermark in force when the row
 * arrived (end − 1 ≤ watermark), and counted (and logged) as late if it is left out of all of them. Windows fire
 * when the watermark reaches their last millisecond, emitting one final row per key, ordered by window end then key.
 *
 * Two settings turn the output into an update stream:
 * - `allowedLateness` L: a fired window keeps its state until the watermark reaches end − 1 + L. A late row for it
 *   updates it, and the change is emitted as -U (old) / +U (new) at the next watermark advance. Later rows are late.
 * - `earlyFireDelay` D: whenever the watermark crosses a multiple of D, every open window whose result changed
 *   since it was last emitted emits it (+I the first time, then -U/+U); at the final firing, -U/+U only if changed.
 *
 * Determinism: rows carry the watermark in force when they arrived, so the operator replays every watermark
 * advance at the row where it happened (not only at Watermark messages): the emitted changes are the same whatever
 * the batch boundaries. Emitted rows carry the watermark in force before the advance that produced them.
 *
 * Processing time (`window.timeMode === 'processing'`, the time column is PROCTIME()): windows fire from a wall-clock
 * timer once `Date.now()` passes their last millisecond, and all remaining windows at end of input. Watermarks are
 * ignored, there is no lateness and no early firing; a row whose windows already fired is dropped as late.
 *
 * Attached windows (`spec.attached`, a GROUP BY window_start, window_end over a window aggregation's output): each
 * row belongs to the one window its columns name; fired, late and emitted as any other window (never sliced).
 *
 * State: one map, namespace = window end, key = encoded group key, value = a `WindowEntry`.
 *
 * Slicing (HOP and CUMULATE whose aggregates merge exactly, see windows/slices.ts): rows go into one accumulator per
 * slice and key (a second map, window-slices.ts) while any window of their slice is open; a window merges its slices
 * when it fires or fires early, so it counts exactly the rows that arrived before it fired. The window map then holds
 * only what is kept per window: results last emitted (early firing) and, for fired windows kept for allowed lateness,
 * their merged accumulators, which late rows update directly as on the per-window path.
 */
import type { WindowAggregateSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import { isAccumulate, RowKind } from '../../common/values.js';
import type { Operator, OperatorContext, WindowProgress } from '../operator.js';
import type { DataMessage } from '../messages.js';
import { END_OF_TIME_WATERMARK, NO_WATERMARK } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { TableMetrics } from '../metrics.js';
import { encodeKey } from '../keys.js';
import { GroupingSetExpander, type GroupedKey } from '../aggregates/grouping-sets.js';
import { AccumulatorSet } from '../aggregates/index.js';
import { assignWindows, firedWindowEndBound, windowHasFired, type TimeWindow } from '../windows/assigners.js';
import { compareKeys, hasFloat, sliceGeometry, slicesMergeExactly, type SliceGeometry } from '../windows/slices.js';
import { WindowSlices, type MergedEntry, type SliceEntry } from './window-slices.js';
import { windowClock, type WindowClock } from '../windows/clock.js';
import { ColumnCache } from './column-cache.js';
import { WindowChangeBuffer } from './window-change-buffer.js';
import { reportLateRow } from './late-row.js';
import { earlyFireTick, nextEarlyFire } from '../windows/early-fire.js';

interface WindowEntry {
  keys: Value[];
  start: number;
  accs: unknown[];
  /** The aggregate values last emitted for this key and window; absent until the first emission. */
  emitted?: Value[];
  /** Whether the accumulators changed since the last emission. */
  changed?: boolean;
}

export class WindowAggregateOperator implements Operator {
  private readonly accumulators: AccumulatorSet;
  private readonly lateness: number;
  private readonly earlyFireDelay: number | undefined;
  private state!: NamespacedMapState<WindowEntry>;
  private tableMetrics!: TableMetrics;
  /** The last watermark this operator acted on. */
  private watermark = NO_WATERMARK;
  /** Ends of windows holding entries changed since their last emission (only tracked when updates are on). */
  private readonly changedWindows = new Set<number>();
  /** Ends of the windows fired by the advance in progress (for the emit-latency measurement). */
  private readonly firedEnds: number[] = [];
  /** The lowest watermark at which an advance has something to do (fire, update, early-fire, purge). */
  private nextAction = Number.NEGATIVE_INFINITY;

  /** Processing time: windows fire on the wall clock (see the module comment). */
  private readonly processingTime: boolean;
  /** Processing time: the window end the wall-clock timer is set for, and how to cancel it. */
  private timer: { readonly at: number; readonly cancel: () => void } | undefined;

  /** Over a TIMESTAMP_LTZ rowtime: windows in the session zone's wall clock; watermarks kept in window time. */
  private readonly clock: WindowClock;

  /** HOP and CUMULATE whose aggregates merge exactly: the slice geometry (decided at construction); else per window. */
  private readonly geometry: SliceGeometry | undefined;
  private slices: WindowSlices | undefined;

  /** `options.slicing: false` forces the per-window path (for tests comparing the two). */
  constructor(private readonly spec: WindowAggregateSpec, options: { readonly slicing?: boolean } = {}) {
    this.clock = windowClock(spec.window.timeZone);
    this.accumulators = new AccumulatorSet(spec.aggregates);
    const geometry = options.slicing === false || spec.attached ? undefined : sliceGeometry(spec.window);
    this.geometry = geometry && slicesMergeExactly(spec.aggregates, spec.inputUpdates === true) ? geometry : undefined;
    this.processingTime = spec.window.timeMode === 'processing';
    this.lateness = this.processingTime ? 0 : spec.allowedLateness ?? 0;
    const earlyFire = spec.earlyFireDelay !== undefined && spec.earlyFireDelay > 0 && !this.processingTime;
    this.earlyFireDelay = earlyFire ? spec.earlyFireDelay : undefined;
  }

  /** Whether the operator keeps its rows per slice (known once opened). */
  get sliced(): boolean {
    return this.slices !== undefined;
  }

  /** Whether results can be revised after they are first emitted. */
  private get emitsUpdates(): boolean {
    return this.lateness > 0 || this.earlyFireDelay !== undefined;
  }

  private groupingSets!: GroupingSetExpander;

  open(context: OperatorContext): void {
    this.groupingSets = new GroupingSetExpander(this.spec.groupingSets);
    this.state = context.state.mapState<WindowEntry>(`${context.operatorId}/windows`);
    this.tableMetrics = context.jobMetrics.table(this.spec.lateTable);
    // A FLOAT/DOUBLE group key: -0.0 and 0.0 share a group whose key is output as first seen, an arrival order
    // slices do not keep; such operators stay per window.
    const floatKey = this.spec.keys.some((k) => hasFloat(context.inputSchema.fields[k]!.type));
    if (this.geometry && !floatKey) this.slices = new WindowSlices(this.geometry, this.accumulators, context.state.mapState<SliceEntry>(`${context.operatorId}/slices`));
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const { spec } = this;
    const rows = message.batch.numRows;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const times = input.column(spec.timeIndex);
    // Attached windows: the row names its window, [start, end) (timeIndex is the end column).
    const starts = spec.attached ? input.column(spec.attached.startIndex) : undefined;
    const keyColumns = spec.keys.map((k) => input.column(k));
    const argColumns = spec.aggregates.map((a) => (a.argIndex === null ? null : input.column(a.argIndex)));
    const args: Value[] = new Array(argColumns.length);
    const rowWatermarks = message.watermarks;
    const output = new WindowChangeBuffer(context.outputSchema.fields.length, !this.processingTime, this.clock);
    for (let row = 0; row < rows; row++) {
      const watermark = this.processingTime ? this.watermark : this.clock.windowWatermark(rowWatermarks ? rowWatermarks[row]! : context.currentWatermark);
      if (watermark > this.watermark) this.advanceTo(watermark, output);
      const time = times[row];
      if (time === null || time === undefined) {
        this.tableMetrics.nullRowtimeRecords++;
        continue;
      }
      const retract = message.rowKinds ? !isAccumulate(message.rowKinds[row] as RowKind) : false;
      const judgedAt = watermark - this.lateness;
      let accepted = false;
      const slices = this.slices;
      if (slices) {
        const sliceEnd = slices.geometry.sliceEnd(this.clock.windowTimeOf(time as number));
        const lastEnd = sliceEnd === undefined ? Number.NEGATIVE_INFINITY : slices.geometry.lastWindowEnd(sliceEnd);
        if (sliceEnd !== undefined && lastEnd - 1 > judgedAt) {
          accepted = true;
          for (let a = 0; a < argColumns.length; a++) args[a] = argColumns[a] ? argColumns[a]![row]! : true;
          const groups = this.groupingSets.expand(keyColumns.map((column) => column[row]!));
          // Into the slice while one of its windows is open: each window merges it when it fires.
          if (lastEnd - 1 > this.watermark) {
            for (const { values: keys, encoded: key } of groups) slices.add(sliceEnd, key, keys, args, retract);
            this.noteSliceChange(sliceEnd);
          }
          // Windows that fired but still accept the row (allowed lateness) hold their results per window.
          if (judgedAt < this.watermark) {
            const fired = slices.geometry.windowEnds(sliceEnd).filter((end) => end - 1 > judgedAt && end - 1 <= this.watermark);
            for (const end of fired) this.addToWindow({ start: slices.geometry.windowStart(end), end }, groups, args, retract);
          }
        }
      } else {
        let groups: GroupedKey[] | undefined;
        const windows = starts ? [{ start: starts[row] as number, end: time as number }] : assignWindows(spec.window, this.clock.windowTimeOf(time as number));
        for (const window of windows) {
          if (windowHasFired(window, judgedAt)) continue;
          accepted = true;
          for (let a = 0; a < argColumns.length; a++) args[a] = argColumns[a] ? argColumns[a]![row]! : true;
          // One accumulator per grouping set (just one without GROUPING SETS).
          groups ??= this.groupingSets.expand(keyColumns.map((column) => column[row]!));
          this.addToWindow(window, groups, args, retract);
        }
      }
      if (!accepted) reportLateRow(this.spec, this.tableMetrics, input, row, this.clock.firingWatermark(watermark), context);
    }
    await output.flush(context);
    this.recordEmitLatency(context);
    if (this.processingTime) this.scheduleFiring(context);
  }

  /** Accumulates one row into a window's own entries (per-window path; fired windows under allowed lateness). */
  private addToWindow(window: TimeWindow, groups: readonly GroupedKey[], args: readonly Value[], retract: boolean): void {
    for (const { values: keys, encoded: key } of groups) {
      let entry = this.state.get(window.end, key);
      if (!entry) entry = { keys, start: window.start, accs: this.accumulators.create() };
      this.accumulators.accumulate(entry.accs, args, retract);
      if (this.emitsUpdates) {
        entry.changed = true;
        this.changedWindows.add(window.end);
        if (this.earlyFireDelay !== undefined) this.nextAction = Math.min(this.nextAction, nextEarlyFire(this.watermark, this.earlyFireDelay));
      }
      if (window.end - 1 < this.nextAction) this.nextAction = window.end - 1;
      this.state.put(window.end, key, entry);
    }
  }

  /** After rows went into a slice: its open windows changed, and the first of them is due to fire. */
  private noteSliceChange(sliceEnd: number): void {
    if (!this.emitsUpdates && this.nextAction <= sliceEnd - 1) return; // the fast path: its windows end at sliceEnd or later
    const ends = this.slices!.geometry.windowEnds(sliceEnd);
    if (this.emitsUpdates) {
      for (const end of ends) if (end - 1 > this.watermark) this.changedWindows.add(end);
      if (this.earlyFireDelay !== undefined) this.nextAction = Math.min(this.nextAction, nextEarlyFire(this.watermark, this.earlyFireDelay));
    }
    for (const end of ends) {
      if (end - 1 <= this.watermark) continue;
      if (end - 1 < this.nextAction) this.nextAction = end - 1;
      break;
    }
  }

  async processWatermark(messageWatermark: number, context: OperatorContext): Promise<void> {
    if (this.processingTime && messageWatermark !== END_OF_TIME_WATERMARK) return; // only end of input fires early
    const watermark = this.clock.windowWatermark(messageWatermark);
    if (watermark <= this.watermark) return;
    const output = new WindowChangeBuffer(context.outputSchema.fields.length, !this.processingTime, this.clock);
    this.advanceTo(watermark, output);
    await output.flush(context);
    if (watermark === END_OF_TIME_WATERMARK) this.firedEnds.length = 0; // flushed by end of input, not by time
    this.recordEmitLatency(context);
    if (this.processingTime) this.scheduleFiring(context);
  }

  /**
   * For each event-time window just fired (by a row's or a message's watermark) and emitted: how long since the
   * sources' watermark reached its last millisecond.
   */
  private recordEmitLatency(context: OperatorContext): void {
    if (this.firedEnds.length === 0) return;
    const now = performance.now();
    for (const end of new Set(this.firedEnds)) {
      const reached = this.processingTime ? undefined : context.jobMetrics.watermarkClock.reachedAt(this.clock.firingWatermark(end - 1), context.operatorId);
      if (reached !== undefined) context.jobMetrics.emitLatencies.push(now - reached);
    }
    this.firedEnds.length = 0;
  }

  /**
   * Checkpoints: keyed state holds the windows; the snapshot adds the watermark this operator acted on (it may be
   * ahead of the task's) and the windows changed since their last emission. `nextAction` is recomputed, and in
   * processing time the wall-clock timer is set again.
   */
  snapshotState(): { watermark: number; changedWindows: number[] } {
    return { watermark: this.watermark, changedWindows: [...this.changedWindows] };
  }

  restoreState(snapshot: unknown, context: OperatorContext): void {
    if (snapshot && typeof snapshot === 'object') {
      const restored = snapshot as { watermark: number; changedWindows: number[] };
      this.watermark = restored.watermark;
      for (const end of restored.changedWindows) this.changedWindows.add(end);
    }
    this.nextAction = this.computeNextAction();
    if (this.processingTime) this.scheduleFiring(context);
  }

  close(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Processing time: keeps one wall-clock timer, at the end of the earliest open window (none when none is open). */
  private scheduleFiring(context: OperatorContext): void {
    let next = this.state.namespaces().find((end) => !windowHasFired({ start: end, end }, this.watermark));
    const sliced = this.slices?.firstOpenWindowEnd(this.watermark);
    if (sliced !== undefined && (next === undefined || sliced < next)) next = sliced;
    if (this.timer?.at === next) return;
    this.timer?.cancel();
    this.timer = undefined;
    if (next === undefined || !context.scheduleAt) return;
    const cancel = context.scheduleAt(this.clock.firingWatermark(next), () => this.fireByWallClock(context));
    this.timer = { at: next, cancel };
  }

  /** Processing time: fires every window whose last millisecond the wall clock has passed. */
  private async fireByWallClock(context: OperatorContext): Promise<void> {
    this.timer = undefined;
    const now = this.clock.windowWatermark(Date.now() - 1);
    if (now > this.watermark) {
      const output = new WindowChangeBuffer(context.outputSchema.fields.length, false);
      this.advanceTo(now, output);
      await output.flush(context);
    }
    this.scheduleFiring(context);
  }

  describeProgress(): WindowProgress {
    let open = this.state ? this.state.namespaces().filter((end) => !windowHasFired({ start: end, end }, this.watermark)) : [];
    if (this.slices) open = [...new Set([...open, ...this.slices.openWindowEnds(this.watermark)])].sort((a, b) => a - b);
    const oldestEnd = open[0];
    let oldest: WindowProgress['oldestOpenWindow'] = null;
    if (oldestEnd !== undefined && this.slices) oldest = { start: this.slices.geometry.windowStart(oldestEnd), end: oldestEnd };
    else if (oldestEnd !== undefined) {
      const first = this.state.entries(oldestEnd).next();
      oldest = { start: first.done ? oldestEnd : first.value[1].start, end: oldestEnd };
    }
    const firesAt = oldest && !this.clock.identity ? { oldestFiresAt: this.clock.firingWatermark(oldest.end - 1) } : {};
    return { kind: 'window', watermark: this.clock.firingWatermark(this.watermark), openWindows: open.length, oldestOpenWindow: oldest, ...firesAt };
  }

  private advanceTo(watermark: number, output: WindowChangeBuffer): void {
    if (watermark < this.nextAction) this.watermark = watermark; // nothing fires, changes or expires yet
    else this.advance(watermark, output);
  }

  /** Acts on the watermark advancing to `watermark`: final firings, lateness updates, early firings, purges. */
  private advance(watermark: number, output: WindowChangeBuffer): void {
    const previous = this.watermark;
    this.watermark = watermark;
    const purgeBound = firedWindowEndBound(watermark - this.lateness);
    const slices = this.slices;
    let ends = this.state.namespacesUpTo(firedWindowEndBound(watermark));
    if (slices) ends = [...new Set([...ends, ...slices.firingWindowEnds(previous, watermark)])].sort((a, b) => a - b);
    for (const end of ends) {
      const firingNow = !windowHasFired({ start: end, end }, previous);
      if (firingNow) this.firedEnds.push(end);
      if (!firingNow && !this.changedWindows.has(end)) continue; // fired before, retained, unchanged
      // Sliced: a window firing now merges its slices; once fired it holds its own results (allowed lateness).
      if (slices && firingNow) this.emitMerged(slices, end, true, end <= purgeBound, previous, output);
      else this.emitWindow(end, end <= purgeBound, previous, output);
    }
    if (this.earlyFireDelay !== undefined && earlyFireTick(watermark, this.earlyFireDelay) > earlyFireTick(previous, this.earlyFireDelay)) {
      const open = [...this.changedWindows].filter((end) => !windowHasFired({ start: end, end }, watermark)).sort((a, b) => a - b);
      for (const end of open) {
        if (slices) this.emitMerged(slices, end, false, false, previous, output);
        else this.emitWindow(end, false, previous, output);
      }
    }
    for (const end of this.state.namespacesUpTo(purgeBound)) {
      this.state.clearNamespace(end);
      this.changedWindows.delete(end);
    }
    slices?.purge(watermark);
    this.nextAction = this.computeNextAction();
  }

  /** After an advance: the next window to fire or expire, the next early-fire period if anything changed. */
  private computeNextAction(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const end of this.state.namespaces()) {
      const fired = windowHasFired({ start: end, end }, this.watermark);
      next = Math.min(next, fired ? end - 1 + this.lateness : end - 1);
      if (!fired) break; // namespaces ascend: later ones fire later still
    }
    const sliced = this.slices?.firstOpenWindowEnd(this.watermark);
    if (sliced !== undefined) next = Math.min(next, sliced - 1);
    if (this.earlyFireDelay !== undefined && this.changedWindows.size > 0) next = Math.min(next, nextEarlyFire(this.watermark, this.earlyFireDelay));
    return next;
  }

  /**
   * Emits a window's changed results, key by key: +I for a key emitted for the first time, -U/+U for one whose
   * result changed since. `purging`: the namespace is cleared right after, so entries need not be written back.
   */
  private emitWindow(end: number, purging: boolean, watermark: number, output: WindowChangeBuffer): void {
    const tracksChanges = this.emitsUpdates;
    const updated: [string, WindowEntry][] = [];
    for (const [key, entry] of this.state.entries(end)) {
      if (tracksChanges && entry.emitted !== undefined && !entry.changed) continue;
      const values = this.accumulators.values(entry.accs);
      if (entry.emitted === undefined) output.add(RowKind.Insert, entry.keys, entry.start, end, values, watermark);
      else if (encodeKey(entry.emitted) !== encodeKey(values)) {
        output.add(RowKind.UpdateBefore, entry.keys, entry.start, end, entry.emitted, watermark);
        output.add(RowKind.UpdateAfter, entry.keys, entry.start, end, values, watermark);
      }
      if (tracksChanges && !purging) updated.push([key, { ...entry, emitted: values, changed: false }]);
    }
    for (const [key, entry] of updated) this.state.put(end, key, entry);
    this.changedWindows.delete(end);
  }

  /**
   * Sliced: emits a window's results merged from its slices (and from its own entries: the results last emitted
   * early, and accumulators of state written per window), key by key as `emitWindow`. `final`: the window fires now;
   * kept for allowed lateness, it then holds its merged accumulators, as a per-window entry. Else an early firing:
   * only the emitted results are kept, the slices still hold the rows.
   */
  private emitMerged(slices: WindowSlices, end: number, final: boolean, purging: boolean, watermark: number, output: WindowChangeBuffer): void {
    const { accumulators } = this;
    const own = new Map<string, WindowEntry>();
    const merged = new Map<string, MergedEntry>();
    for (const [key, entry] of this.state.entries(end)) {
      own.set(key, entry);
      const accs = accumulators.create();
      if (entry.accs.length > 0) accumulators.merge(accs, entry.accs);
      merged.set(key, { keys: entry.keys, accs });
    }
    slices.merge(end, merged);
    const start = slices.geometry.windowStart(end);
    const keep = this.emitsUpdates && !purging;
    for (const key of [...merged.keys()].sort(compareKeys)) {
      const { keys, accs } = merged.get(key)!;
      const entry = own.get(key);
      const values = accumulators.values(accs);
      if (entry?.emitted === undefined) output.add(RowKind.Insert, keys, start, end, values, watermark);
      else if (encodeKey(entry.emitted) !== encodeKey(values)) {
        output.add(RowKind.UpdateBefore, keys, start, end, entry.emitted, watermark);
        output.add(RowKind.UpdateAfter, keys, start, end, values, watermark);
      }
      if (keep) this.state.put(end, key, { keys, start, accs: final ? accs : (entry?.accs ?? []), emitted: values, changed: false });
    }
    this.changedWindows.delete(end);
  }
}
