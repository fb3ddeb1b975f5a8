/**
 * The bookkeeping of a regular semi or anti join (Flink's StreamingSemiAntiJoinOperator), one input row at a time.
 * Both sides keep, per join key, their distinct rows with multiplicities (the same state layout as
 * `RegularJoinRows`); a left row also keeps how many right rows it currently matches. The output has the left
 * columns only, +I / -D:
 *
 * - left row: stored (or removed); a semi join emits (+I / -D) it when it has a match, an anti join when it has none.
 * - right row: each matching left row whose first match this is (accumulate) or whose last match this was
 *   (retract) flips: a semi join emits it (+I) or retracts it (-D), an anti join the reverse.
 *
 * A NULL key matches nothing: a left row with one is never stored; an anti join emits and retracts it directly, a semi
 * join drops it. A right row with a NULL key is dropped. (NOT IN's NULL-aware anti join is not this operator.)
 */
import type { Value } from '../../common/values.js';
import { RowKind } from '../../common/values.js';
import type { ResidualCondition } from './window-join-rows.js';
import { applyToSide, NO_NAMESPACE, sideKeyOf, type JoinChange, type JoinSideState, type StoredRow } from './regular-join-rows.js';

export class SemiAntiJoinRows {
  constructor(
    private readonly sides: readonly [JoinSideState, JoinSideState],
    private readonly residual: ResidualCondition | null,
    private readonly anti: boolean,
  ) {}

  /** Applies one row of side `sideIndex`, appending output to `out`; returns the join key written (for the state TTL). */
  apply(sideIndex: 0 | 1, values: Value[], accumulate: boolean, out: JoinChange[], now?: number): string | undefined {
    const side = this.sides[sideIndex];
    const other = this.sides[1 - sideIndex]!;
    const key = sideKeyOf(side, values);
    if (key === undefined) {
      if (sideIndex === 0 && this.anti) out.push({ kind: accumulate ? RowKind.Insert : RowKind.Delete, values });
      return undefined;
    }
    const applied = applyToSide(side, other, key, values, accumulate, now, (candidates) => this.matching(sideIndex, values, candidates));
    if (!applied) return undefined; // nothing known to retract
    const { otherEntry, matches, total } = applied;

    if (sideIndex === 0) {
      if ((total > 0) !== this.anti) out.push({ kind: accumulate ? RowKind.Insert : RowKind.Delete, values });
      return key;
    }
    // A right row: left rows gaining their first match or losing their last one flip in or out of the output.
    for (const m of matches) {
      const before = m.matches;
      m.matches += accumulate ? 1 : -1;
      const flipped = accumulate ? before === 0 : m.matches === 0;
      if (!flipped) continue;
      const appears = accumulate !== this.anti;
      for (let i = 0; i < m.count; i++) out.push({ kind: appears ? RowKind.Insert : RowKind.Delete, values: m.values });
    }
    if (otherEntry && matches.length > 0) other.rows.put(NO_NAMESPACE, key, otherEntry);
    return key;
  }

  /** The stored rows of the other side that `values` matches (same key already; residual TRUE over left ++ right). */
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
}
