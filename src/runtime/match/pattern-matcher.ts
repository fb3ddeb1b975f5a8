/**
 * The pattern matcher of MATCH_RECOGNIZE for one partition, with the semantics of Flink's CEP NFA as the SQL
 * translation uses it (strict contiguity between variables):
 *
 * - Every row is offered to every partial match and may start a new one. A partial match at variable i with c rows
 *   mapped to it may take the row as i (if c < max and i's condition holds with the row mapped to i) and, once
 *   c ≥ min, may move on to variable i+1 and try the row there (and further on over variables that may match zero
 *   rows). A greedy variable with a variable count never moves on while the row fits its condition — as in Flink,
 *   even when it already has its maximum of rows, so that partial match ends; a reluctant one, and (as in Flink) an
 *   optional `?` one, tries both ways. A partial match that cannot take the row ends.
 * - A match is complete when its last row was taken by variable i, c ≥ min(i), and every later variable may match
 *   zero rows. Completed matches are emitted earliest start first, and only once no partial match that started
 *   earlier is still running (an earlier match may still come). Each emitted match then discards the partial and
 *   completed matches its AFTER MATCH SKIP strategy rules out: SKIP PAST LAST ROW those starting at or before its
 *   last row, SKIP TO NEXT ROW those starting at or before its first row, SKIP TO FIRST/LAST v those starting before
 *   v's first/last row.
 * - WITHIN w: before the rows of time t are matched, and when the watermark moves, partial matches that started at
 *   or before t − w are dropped.
 *
 * Rows are numbered in the order they are matched (`seq`), which is time order; starts compare by that number.
 */
import { ExecutionError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import type { AfterMatchStrategy, PatternElement } from '../../dataflow/match-spec.js';

export interface MatchedRow {
  readonly seq: number;
  /** The pattern element (variable) the row is mapped to. */
  readonly element: number;
  readonly time: number;
  readonly values: readonly Value[];
}

/** A partial or complete match: the rows mapped so far, the last one to `element` as its `count`-th row. */
export interface Match {
  readonly element: number;
  readonly count: number;
  readonly rows: readonly MatchedRow[];
}

/** What a partition keeps between rows (in the state backend). */
export interface PartitionMatches {
  partials: Match[];
  /** Complete matches waiting for an earlier-starting partial match to end. */
  completed: Match[];
  /** The number the next row gets. */
  nextSeq: number;
}

/** Whether `candidate` fits pattern element `element` when the match so far is `rows` (the candidate counts as mapped). */
export type ConditionCheck = (element: number, rows: readonly MatchedRow[], candidate: MatchedRow) => boolean;

export function emptyPartition(): PartitionMatches {
  return { partials: [], completed: [], nextSeq: 0 };
}

export class PatternMatcher {
  /** Whether every element after i may match zero rows. */
  private readonly restOptional: readonly boolean[];

  constructor(
    private readonly pattern: readonly PatternElement[],
    private readonly afterMatch: AfterMatchStrategy,
    private readonly within: number | null,
    private readonly fits: ConditionCheck,
  ) {
    this.restOptional = pattern.map((_, i) => pattern.slice(i + 1).every((element) => element.min === 0));
  }

  /** Matches one row (time `time`); returns the matches it lets out, in order. */
  step(state: PartitionMatches, values: readonly Value[], time: number): Match[] {
    const seq = state.nextSeq++;
    const partials: Match[] = [];
    const completed: Match[] = [];
    const offer = (rows: readonly MatchedRow[], element: number, count: number): void => {
      const { min, max, greedy } = this.pattern[element]!;
      const row: MatchedRow = { seq, element, time, values };
      const fitsHere = this.fits(element, rows, row);
      if (fitsHere && (max === null || count < max)) this.taken([...rows, row], element, count + 1, partials, completed);
      // Greedy, as Flink's NFA: the next variable never takes a row that fits this one — even once this one has
      // its maximum of rows, which ends the match (`A{1,2} B` with both conditions true never matches). Flink
      // makes neither a fixed count nor `?` greedy: an optional variable tries both ways.
      const held = greedy && min !== max && !(min === 0 && max === 1) && fitsHere;
      if (count >= min && element + 1 < this.pattern.length && !held) offer(rows, element + 1, 0);
    };
    for (const partial of state.partials) offer(partial.rows, partial.element, partial.count);
    offer([], 0, 0);
    state.partials = partials;
    // Earliest start first; among equal starts, in the order they completed.
    if (completed.length > 0) state.completed = [...state.completed, ...completed].sort((a, b) => startOf(a) - startOf(b));
    return this.emitReady(state);
  }

  /** Drops the partial matches timed out at `time` (WITHIN) and returns the matches that lets out. */
  advanceTime(state: PartitionMatches, time: number): Match[] {
    if (this.within !== null) {
      const within = this.within;
      state.partials = state.partials.filter((partial) => time - partial.rows[0]!.time < within);
    }
    return this.emitReady(state);
  }

  /** The time from which the earliest partial match is timed out; null without WITHIN or partial matches. */
  expiry(state: PartitionMatches): number | null {
    if (this.within === null || state.partials.length === 0) return null;
    return Math.min(...state.partials.map((partial) => partial.rows[0]!.time)) + this.within;
  }

  private taken(rows: readonly MatchedRow[], element: number, count: number, partials: Match[], completed: Match[]): void {
    const { min, max } = this.pattern[element]!;
    const match: Match = { element, count, rows };
    if (count >= min && this.restOptional[element]!) completed.push(match);
    // It can go on: more rows for this variable, or the next variables.
    if (max === null || count < max || element + 1 < this.pattern.length) partials.push(match);
  }

  private emitReady(state: PartitionMatches): Match[] {
    const emitted: Match[] = [];
    while (state.completed.length > 0) {
      const next = state.completed[0]!;
      let earliestPartial = Number.POSITIVE_INFINITY;
      for (const partial of state.partials) earliestPartial = Math.min(earliestPartial, startOf(partial));
      if (startOf(next) > earliestPartial) break;
      state.completed.shift();
      emitted.push(next);
      this.prune(state, next);
    }
    return emitted;
  }

  private prune(state: PartitionMatches, match: Match): void {
    const rule = this.pruneRule(match);
    state.partials = state.partials.filter((partial) => !rule(startOf(partial)));
    state.completed = state.completed.filter((other) => !rule(startOf(other)));
  }

  /** Which starts the emitted match rules out. */
  private pruneRule(match: Match): (start: number) => boolean {
    const rows = match.rows;
    switch (this.afterMatch.kind) {
      case 'past-last-row': {
        const last = rows[rows.length - 1]!.seq;
        return (start) => start <= last;
      }
      case 'to-next-row': {
        const first = rows[0]!.seq;
        return (start) => start <= first;
      }
      case 'to-first':
      case 'to-last': {
        const { variable, kind } = this.afterMatch;
        const mapped = rows.filter((row) => this.pattern[row.element]!.variable === variable);
        if (mapped.length === 0) {
          // As Flink (its SQL skips with throwExceptionOnMiss).
          throw new ExecutionError(`AFTER MATCH SKIP TO ${kind === 'to-first' ? 'FIRST' : 'LAST'} ${variable}: the match has no row mapped to ${variable}`);
        }
        const target = (kind === 'to-first' ? mapped[0]! : mapped[mapped.length - 1]!).seq;
        if (target === rows[0]!.seq) {
          // Flink fails the job here too ("Could not skip to first element of a match").
          throw new ExecutionError(
            `AFTER MATCH SKIP TO ${kind === 'to-first' ? 'FIRST' : 'LAST'} ${variable}: the row to skip to is the match's first row, so the next match would start where this one did`,
            { hint: 'skip to a variable that cannot map the first row, or use SKIP TO NEXT ROW / SKIP PAST LAST ROW' },
          );
        }
        return (start) => start < target;
      }
    }
  }
}

function startOf(match: Match): number {
  return match.rows[0]!.seq;
}
