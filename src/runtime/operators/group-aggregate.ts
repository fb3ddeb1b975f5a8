/**
 * Unbounded GROUP BY producing a changelog (Flink's GroupAggFunction): the first row of a key emits +I; later rows
 * emit -U (previous result) and +U (new result) — nothing if the result did not change; when retractions bring
 * a key's row count to zero, -D and the key's state is dropped.
 *
 * With a state TTL (`spec.stateTtl`), a key that sees no row for that long (processing time) is dropped silently,
 * as in Flink: its last result stays downstream, and a later row for the key starts over with +I.
 */
import type { GroupAggregateSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import { isAccumulate, RowKind } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import { makeBatch } from '../batch.js';
import { AccumulatorSet } from '../aggregates/index.js';
import { sameValue } from '../aggregates/value-identity.js';
import { GroupingSetExpander } from '../aggregates/grouping-sets.js';
import { ColumnCache } from './column-cache.js';
import { IdleKeyCleaner } from './idle-state-retention.js';

interface GroupEntry {
  keys: Value[];
  accs: unknown[];
  /** Rows accumulated minus rows retracted. */
  count: number;
  /** Wall-clock time of the last row for this key (only with a state TTL). */
  lastAccess?: number;
}

const NO_NAMESPACE = 0;

export class GroupAggregateOperator implements Operator {
  private readonly accumulators: AccumulatorSet;
  private readonly expander: GroupingSetExpander;
  private state!: NamespacedMapState<GroupEntry>;
  private cleaner: IdleKeyCleaner | undefined;

  constructor(
    private readonly spec: GroupAggregateSpec,
    private readonly clock: () => number = Date.now,
  ) {
    this.accumulators = new AccumulatorSet(spec.aggregates, { retracts: spec.inputUpdates });
    this.expander = new GroupingSetExpander(spec.groupingSets);
  }

  open(context: OperatorContext): void {
    this.state = context.state.mapState<GroupEntry>(`${context.operatorId}/groups`);
    this.cleaner = IdleKeyCleaner.forTtl(context, this.spec.stateTtl, this.clock, (key) => this.state.delete(NO_NAMESPACE, key));
  }

  close(): void {
    this.cleaner?.close();
  }

  *currentResult(): Iterable<readonly Value[]> {
    for (const [, entry] of this.state.entries(NO_NAMESPACE)) {
      if (entry.count > 0) yield [...entry.keys, ...this.accumulators.values(entry.accs)];
    }
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    this.cleaner?.expire();
    const { spec } = this;
    const retention = this.cleaner?.retention;
    const now = retention?.now();
    const rows = message.batch.numRows;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const keyColumns = spec.keys.map((k) => input.column(k));
    const argColumns = spec.aggregates.map((a) => (a.argIndex === null ? null : input.column(a.argIndex)));
    const args: Value[] = new Array(argColumns.length);
    const output: Value[][] = Array.from({ length: context.outputSchema.fields.length }, () => []);
    const kinds: number[] = [];
    const emit = (kind: RowKind, keys: readonly Value[], values: readonly Value[]): void => {
      let c = 0;
      for (const key of keys) output[c++]!.push(key);
      for (const value of values) output[c++]!.push(value);
      kinds.push(kind);
    };
    for (let row = 0; row < rows; row++) {
      const retract = message.rowKinds ? !isAccumulate(message.rowKinds[row] as RowKind) : false;
      for (let a = 0; a < argColumns.length; a++) args[a] = argColumns[a] ? argColumns[a]![row]! : true;
      for (const { values: keys, encoded: key } of this.expander.expand(keyColumns.map((column) => column[row]!))) {
        let entry = this.state.get(NO_NAMESPACE, key);
        if (!entry) {
          if (retract) continue; // retraction of a row never seen (e.g. state expired): nothing to undo
          entry = { keys, accs: this.accumulators.create(), count: 0 };
        }
        const previous = entry.count > 0 ? this.accumulators.values(entry.accs) : null;
        this.accumulators.accumulate(entry.accs, args, retract);
        entry.count += retract ? -1 : 1;
        if (entry.count <= 0) {
          this.state.delete(NO_NAMESPACE, key);
          if (retention && entry.lastAccess !== undefined) retention.forget(key, entry.lastAccess);
          if (previous) emit(RowKind.Delete, entry.keys, previous);
          continue;
        }
        if (retention && now !== undefined) {
          retention.touch(key, now, entry.lastAccess);
          entry.lastAccess = now;
        }
        this.state.put(NO_NAMESPACE, key, entry);
        const current = this.accumulators.values(entry.accs);
        if (!previous) emit(RowKind.Insert, entry.keys, current);
        else if (!sameValues(previous, current)) {
          emit(RowKind.UpdateBefore, entry.keys, previous);
          emit(RowKind.UpdateAfter, entry.keys, current);
        }
      }
    }
    this.cleaner?.schedule(context);
    if (kinds.length === 0) return;
    await context.emit(makeBatch(context.outputSchema, output, kinds.length), { rowKinds: Uint8Array.from(kinds) });
  }
}

/** Whether two results are equal: nested ones (ARRAY_AGG's arrays, COLLECT's maps) by content, as Flink compares rows. */
function sameValues(a: readonly Value[], b: readonly Value[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Value;
    const y = b[i] as Value;
    if (x !== y && (typeof x !== 'object' || x === null || !sameValue(x, y))) return false;
  }
  return true;
}
