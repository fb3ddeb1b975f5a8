/**
 * The bookkeeping of a regular join, one input row at a time (after Flink's StreamingJoinOperator), over the two
 * sides' keyed state. Each side keeps, per join key, its distinct rows with their multiplicity (`count`) and, for
 * rows of an outer side, how many rows of the other side they currently match (`matches`). For one input row:
 *
 * - accumulate (+I / +U): store it; for each matching stored row m of the other side: if the other side is outer and m
 *   matched nothing so far, retract m's NULL-padded rows (-D); emit +I for every joined pair; if this side is outer
 *   and nothing matched, emit the NULL-padded row (+I).
 * - retract (-U / -D): remove it (a row never stored — e.g. expired by the state TTL — is ignored); emit -D for every
 *   joined pair; if this side is outer and nothing matched, retract its NULL-padded row (-D); if the other side is
 *   outer, each m whose last match this was gets its NULL-padded rows back (+I).
 *
 * Output is +I / -D only, as Flink's join emits. A NULL key value matches nothing (SQL `=`): such rows are not stored;
 * on an outer side they are emitted padded (+I) and retracted padded (-D) directly.
 */
import type { Value } from '../../common/values.js';
import { RowKind } from '../../common/values.js';
import type { RegularJoinType } from '../../dataflow/graph.js';
import { encodeKey, joinKeyOf } from '../keys.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { ResidualCondition } from './window-join-rows.js';

/** One distinct row of a side under a join key. */
export interface StoredRow {
  values: Value[];
  count: number;
  /** Rows of the other side this row currently matches (kept for every row; used for outer sides). */
  matches: number;
}

/**
 * A side's rows under one join key, by encoded row. A Map, not an object: an object's string keys are interned by
 * V8 on every lookup, which made a hot join key with 100,000s of rows cost seconds (Nexmark q7).
 */
export interface KeyedRows {
  /**
   * By encoded row (`encodeKey`), so that a retraction finds its row; rows of an insert-only side, never retracted,
   * are numbered instead (`nextId`): encoding every stored row (Nexmark q7 stores every bid) cost time and memory.
   */
  rows: Map<string | number, StoredRow>;
  /** The number the next row of an insert-only side gets. */
  nextId?: number;
  /** Wall-clock time of the last write for this key (only with a state TTL). */
  lastAccess?: number;
}

/** The rows stored under `key`; state written before rows were a Map (a plain object) is read as a Map. */
export function keyedRowsOf(state: NamespacedMapState<KeyedRows>, key: string): KeyedRows | undefined {
  const entry = state.get(NO_NAMESPACE, key);
  if (entry !== undefined && !(entry.rows instanceof Map)) {
    entry.rows = new Map<string | number, StoredRow>(Object.entries(entry.rows as unknown as Record<string, StoredRow>));
  }
  return entry;
}

export const NO_NAMESPACE = 0;

export interface JoinSideState {
  readonly keys: readonly number[];
  /** Keys compare with IS NOT DISTINCT FROM: a NULL key value is a value like any other. */
  readonly nullSafeKeys?: boolean;
  readonly width: number;
  /**
   * The input carries only inserts (the planner's changelog mode): its rows are stored numbered, not by encoded row.
   * Should a retraction arrive all the same, it is matched against the stored rows one by one.
   */
  readonly insertOnly?: boolean;
  /** Whether this side's unmatched rows appear NULL-padded in the output (LEFT: the left side; FULL: both). */
  readonly outer: boolean;
  readonly rows: NamespacedMapState<KeyedRows>;
}

export interface JoinChange {
  readonly kind: RowKind.Insert | RowKind.Delete;
  readonly values: Value[];
}

/** The encoded join key of `values` on `side`; undefined when a key value is NULL (unless the keys are null-safe). */
export function sideKeyOf(side: JoinSideState, values: readonly Value[]): string | undefined {
  return side.nullSafeKeys ? encodeKey(side.keys.map((k) => values[k]!)) : joinKeyOf(values, side.keys);
}

/** What storing or removing a row did: the other side's rows under its key, and those the row matches. */
export interface AppliedRow {
  readonly otherEntry: KeyedRows | undefined;
  readonly matches: StoredRow[];
  /** The matching rows counted with their multiplicity. */
  readonly total: number;
}

/**
 * The bookkeeping every regular join (inner, outer, semi, anti) does for one row under join key `key`: stores a
 * copy of it on `side` (accumulate) or removes one (retract), noting how many rows of `other` it matches now
 * (`matching` picks them from the candidates under the key). Undefined when a retraction finds no stored copy.
 */
export function applyToSide(
  side: JoinSideState, other: JoinSideState, key: string, values: Value[], accumulate: boolean, now: number | undefined,
  matching: (candidates: readonly StoredRow[]) => StoredRow[],
): AppliedRow | undefined {
  const own = keyedRowsOf(side.rows, key) ?? { rows: new Map<string | number, StoredRow>() };
  const [rowId, stored] = accumulate && side.insertOnly ? [newRowId(own), undefined] : storedRow(own, values);
  if (!accumulate && !stored) return undefined;
  const otherEntry = keyedRowsOf(other.rows, key);
  const matches = otherEntry ? matching([...otherEntry.rows.values()]) : [];
  const total = matches.reduce((sum, m) => sum + m.count, 0);
  if (accumulate) {
    if (stored) {
      stored.count++;
      stored.matches = total;
    } else {
      own.rows.set(rowId, { values, count: 1, matches: total });
    }
  } else {
    stored!.count--;
    if (stored!.count <= 0) own.rows.delete(rowId);
  }
  if (now !== undefined) own.lastAccess = now;
  if (!accumulate && own.rows.size === 0) side.rows.delete(NO_NAMESPACE, key);
  else side.rows.put(NO_NAMESPACE, key, own);
  return { otherEntry, matches, total };
}

function newRowId(own: KeyedRows): number {
  const id = own.nextId ?? 0;
  own.nextId = id + 1;
  return id;
}

/** The stored copy of `values` under its encoded row, or else among numbered rows equal to it. */
function storedRow(own: KeyedRows, values: readonly Value[]): [string | number, StoredRow | undefined] {
  const encoded = encodeKey(values);
  const stored = own.rows.get(encoded);
  if (stored || own.nextId === undefined) return [encoded, stored];
  for (const [id, row] of own.rows) if (typeof id === 'number' && encodeKey(row.values) === encoded) return [id, row];
  return [encoded, undefined];
}

export function isOuterSide(joinType: RegularJoinType, side: 0 | 1): boolean {
  return joinType === 'full' || (side === 0 ? joinType === 'left' : joinType === 'right');
}


export class RegularJoinRows {
  constructor(
    private readonly sides: readonly [JoinSideState, JoinSideState],
    private readonly residual: ResidualCondition | null,
  ) {}

  /**
   * Applies one row of side `sideIndex` and appends the resulting changes to `out`. Returns the join key written
   * (for the state TTL), or undefined when nothing was stored or removed.
   */
  apply(sideIndex: 0 | 1, values: Value[], accumulate: boolean, out: JoinChange[], now?: number): string | undefined {
    const side = this.sides[sideIndex];
    const other = this.sides[1 - sideIndex]!;
    const key = sideKeyOf(side, values);
    if (key === undefined) {
      if (side.outer) out.push({ kind: accumulate ? RowKind.Insert : RowKind.Delete, values: this.padded(sideIndex, values) });
      return undefined;
    }
    const applied = applyToSide(side, other, key, values, accumulate, now, (candidates) => this.matching(sideIndex, values, candidates));
    if (!applied) return undefined; // nothing known to retract
    const { otherEntry, matches, total } = applied;

    for (const m of matches) {
      const before = m.matches;
      m.matches += accumulate ? 1 : -1;
      if (!other.outer) continue;
      if (accumulate && before === 0) this.repeat(out, RowKind.Delete, this.padded(1 - sideIndex, m.values), m.count);
    }
    for (const m of matches) {
      this.repeat(out, accumulate ? RowKind.Insert : RowKind.Delete, this.joined(sideIndex, values, m.values), m.count);
    }
    if (!accumulate && other.outer) {
      for (const m of matches) if (m.matches === 0) this.repeat(out, RowKind.Insert, this.padded(1 - sideIndex, m.values), m.count);
    }
    if (side.outer && total === 0) out.push({ kind: accumulate ? RowKind.Insert : RowKind.Delete, values: this.padded(sideIndex, values) });
    if (otherEntry && matches.length > 0) other.rows.put(NO_NAMESPACE, key, otherEntry);
    return key;
  }

  /** The stored rows of the other side that `values` joins with (same key already; residual TRUE). */
  private matching(sideIndex: 0 | 1, values: readonly Value[], candidates: readonly StoredRow[]): StoredRow[] {
    if (!this.residual || candidates.length === 0) return [...candidates];
    const leftWidth = this.sides[0].width;
    const own = sideIndex === 0 ? (i: number) => i < leftWidth : (i: number) => i >= leftWidth;
    const offset = sideIndex === 0 ? 0 : leftWidth;
    const otherOffset = sideIndex === 0 ? leftWidth : 0;
    const column = (index: number): readonly Value[] =>
      own(index)
        ? new Array<Value>(candidates.length).fill(values[index - offset]!)
        : candidates.map((c) => c.values[index - otherOffset]!);
    const verdicts = this.residual(column, candidates.length);
    return candidates.filter((_, i) => verdicts[i] === true);
  }

  private joined(sideIndex: 0 | 1, values: readonly Value[], otherValues: readonly Value[]): Value[] {
    return sideIndex === 0 ? [...values, ...otherValues] : [...otherValues, ...values];
  }

  private padded(sideIndex: number, values: readonly Value[]): Value[] {
    const nulls = new Array<Value>(this.sides[1 - sideIndex]!.width).fill(null);
    return sideIndex === 0 ? [...values, ...nulls] : [...nulls, ...values];
  }

  private repeat(out: JoinChange[], kind: JoinChange['kind'], values: Value[], times: number): void {
    for (let i = 0; i < times; i++) out.push({ kind, values });
  }
}
