/**
 * Flink's ChangelogNormalize, after an upsert source: the input is upserts (+U, or +I) and deletes by key (-D, the
 * row holding just the key); the output is a proper changelog. A key's first row is +I, a changed row -U (the
 * previous row) then +U, an unchanged row nothing, a delete -D with the last row (a delete of an unknown key: nothing).
 * The last row per key lives in keyed state (either backend, checkpointed with it); with a state TTL an idle key is
 * forgotten and its next row starts over with +I, as in Flink.
 */
import type { ChangelogNormalizeSpec } from '../../dataflow/graph.js';
import { RowKind, type Value } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import { makeBatch } from '../batch.js';
import { encodeKey, encodeValue } from '../keys.js';
import { ColumnCache } from './column-cache.js';
import { IdleKeyCleaner } from './idle-state-retention.js';

interface KeyEntry {
  row: Value[];
  lastAccess?: number;
}

const NO_NAMESPACE = 0;

export class ChangelogNormalizeOperator implements Operator {
  private state!: NamespacedMapState<KeyEntry>;
  private cleaner: IdleKeyCleaner | undefined;

  constructor(private readonly spec: ChangelogNormalizeSpec, private readonly clock: () => number = Date.now) {}

  open(context: OperatorContext): void {
    this.state = context.state.mapState<KeyEntry>(`${context.operatorId}/rows`);
    this.cleaner = IdleKeyCleaner.forTtl(context, this.spec.stateTtl, this.clock, (key) => this.state.delete(NO_NAMESPACE, key));
  }

  close(): void {
    this.cleaner?.close();
  }

  /** The current row of every key. */
  *currentResult(): Iterable<readonly Value[]> {
    for (const [, entry] of this.state.entries(NO_NAMESPACE)) yield entry.row;
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    this.cleaner?.expire();
    const retention = this.cleaner?.retention;
    const now = retention?.now();
    const rows = message.batch.numRows;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const columns = context.inputSchema.fields.map((_, i) => input.column(i));
    const output: Value[][] = columns.map(() => []);
    const kinds: number[] = [];
    const emit = (kind: RowKind, row: readonly Value[]): void => {
      for (let c = 0; c < row.length; c++) output[c]!.push(row[c]!);
      kinds.push(kind);
    };
    for (let r = 0; r < rows; r++) {
      const row = columns.map((column) => column[r] ?? null);
      const key = encodeKey(this.spec.keys.map((k) => row[k]!));
      const previous = this.state.get(NO_NAMESPACE, key);
      const kind = (message.rowKinds?.[r] ?? RowKind.Insert) as RowKind;
      if (kind === RowKind.Delete || kind === RowKind.UpdateBefore) {
        if (!previous) continue;
        this.state.delete(NO_NAMESPACE, key);
        if (retention && previous.lastAccess !== undefined) retention.forget(key, previous.lastAccess);
        emit(RowKind.Delete, previous.row);
        continue;
      }
      const entry: KeyEntry = { row };
      if (retention && now !== undefined) {
        retention.touch(key, now, previous?.lastAccess);
        entry.lastAccess = now;
      }
      this.state.put(NO_NAMESPACE, key, entry);
      if (!previous) emit(RowKind.Insert, row);
      else if (!sameRow(previous.row, row)) {
        emit(RowKind.UpdateBefore, previous.row);
        emit(RowKind.UpdateAfter, row);
      }
    }
    this.cleaner?.schedule(context);
    if (kinds.length === 0) return;
    await context.emit(makeBatch(context.outputSchema, output, kinds.length), { rowKinds: Uint8Array.from(kinds) });
  }
}

function sameRow(a: readonly Value[], b: readonly Value[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && encodeValue(a[i]!) !== encodeValue(b[i]!)) return false;
  return true;
}
