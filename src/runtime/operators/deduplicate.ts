/**
 * Deduplication over an append-only input (Flink's Deduplicate; see DeduplicateSpec), one kept row per key:
 * - keep first row, processing time: a key's first row is emitted (+I) and every later one ignored; only the fact
 *   that the key was seen is stored;
 * - keep last row, processing time: every row replaces the key's row: +I for the first, then -U (the previous row)
 *   and +U (the new one) — nothing when the new row equals the previous one and no state TTL is set, as in Flink;
 * - event time: a row replaces the kept one when its rowtime is not smaller (keep last; a tie goes to the later
 *   arrival) or smaller (keep first), emitted as +I / -U, +U whatever the values.
 *
 * State: one map, namespace 0, key = encoded key values. With a state TTL, a key not written for that long
 * (processing time) is forgotten, as in Flink: its next row is a first row again (+I).
 */
import type { DeduplicateSpec } from '../../dataflow/graph.js';
import { NotImplementedError } from '../../common/errors.js';
import { isAccumulate, RowKind, type Value } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import { makeBatch } from '../batch.js';
import { encodeKey } from '../keys.js';
import { ColumnCache } from './column-cache.js';
import { IdleKeyCleaner } from './idle-state-retention.js';

interface KeyEntry {
  /** The kept row; null under keep-first on processing time, which never needs it again. */
  row: Value[] | null;
  lastAccess?: number;
}

const NO_NAMESPACE = 0;

export class DeduplicateOperator implements Operator {
  private state!: NamespacedMapState<KeyEntry>;
  private cleaner: IdleKeyCleaner | undefined;

  constructor(
    private readonly spec: DeduplicateSpec,
    private readonly clock: () => number = Date.now,
  ) {}

  open(context: OperatorContext): void {
    this.state = context.state.mapState<KeyEntry>(`${context.operatorId}/rows`);
    this.cleaner = IdleKeyCleaner.forTtl(context, this.spec.stateTtl, this.clock, (key) => this.state.delete(NO_NAMESPACE, key));
  }

  close(): void {
    this.cleaner?.close();
  }

  /** The kept row of every key (keep-first on processing time keeps none: see keepsResultRows). */
  *currentResult(): Iterable<readonly Value[]> {
    for (const [, entry] of this.state.entries(NO_NAMESPACE)) if (entry.row) yield entry.row;
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    this.cleaner?.expire();
    const { spec } = this;
    const retention = this.cleaner?.retention;
    const now = retention?.now();
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const columns = context.inputSchema.fields.map((_, i) => input.column(i));
    const output: Value[][] = columns.map(() => []);
    const kinds: number[] = [];
    const emit = (kind: RowKind, row: readonly Value[]): void => {
      for (let c = 0; c < row.length; c++) output[c]!.push(row[c]!);
      kinds.push(kind);
    };
    for (let r = 0; r < message.batch.numRows; r++) {
      if (message.rowKinds && !isAccumulate(message.rowKinds[r] as RowKind)) {
        throw new NotImplementedError('Deduplication over an updating input is not supported');
      }
      const row = columns.map((column) => column[r] ?? null);
      const key = encodeKey(spec.keys.map((k) => row[k]!));
      const previous = this.state.get(NO_NAMESPACE, key);
      if (previous && !this.replaces(previous.row, row)) continue;
      if (!previous) emit(RowKind.Insert, row);
      else {
        emit(RowKind.UpdateBefore, previous.row!);
        emit(RowKind.UpdateAfter, row);
      }
      const entry: KeyEntry = { row: spec.keep === 'first-row' && spec.order === 'proctime' ? null : row };
      if (retention && now !== undefined) {
        retention.touch(key, now, previous?.lastAccess);
        entry.lastAccess = now;
      }
      this.state.put(NO_NAMESPACE, key, entry);
    }
    this.cleaner?.schedule(context);
    if (kinds.length === 0) return;
    await context.emit(makeBatch(context.outputSchema, output, kinds.length), { rowKinds: Uint8Array.from(kinds) });
  }

  /** Whether `row` takes the place of the kept row `previous` of its key. */
  private replaces(previous: Value[] | null, row: Value[]): boolean {
    const { spec } = this;
    if (spec.order === 'proctime') {
      if (spec.keep === 'first-row' || previous === null) return false;
      return this.cleaner !== undefined || !sameRow(previous, row);
    }
    const time = (values: readonly Value[] | null): number => {
      const value = values?.[spec.timeIndex];
      return typeof value === 'number' ? value : Number.NEGATIVE_INFINITY;
    };
    return spec.keep === 'last-row' ? time(row) >= time(previous) : time(row) < time(previous);
  }
}

function sameRow(a: readonly Value[], b: readonly Value[]): boolean {
  return encodeKey(a) === encodeKey(b);
}
