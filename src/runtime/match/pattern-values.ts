/**
 * Evaluates DEFINE conditions and MEASURES over the rows of a match. Each expression reads a virtual row whose
 * column i is the value of pattern reference i (see MatchRecognizeSpec), computed on demand from the match's rows:
 * a navigation reads one row of a variable (or of the whole match), an aggregate folds the variable's rows.
 */
import type { Value } from '../../common/values.js';
import type { Expr } from '../../dataflow/expr.js';
import type { MatchRecognizeSpec, PatternRef } from '../../dataflow/match-spec.js';
import { AccumulatorSet } from '../aggregates/index.js';
import { compileExpr } from '../expr/evaluate.js';
import type { MatchedRow } from './pattern-matcher.js';

type Compiled = (column: (index: number) => readonly Value[], rowCount: number) => Value[];

interface CompiledRef {
  readonly ref: PatternRef;
  /** The element indexes the reference reads (all of them for the default variable). */
  readonly elements: ReadonlySet<number> | null;
  readonly argument: Compiled | null;
  readonly accumulators: AccumulatorSet | null;
}

export class PatternValues {
  private readonly refs: readonly CompiledRef[];
  private readonly conditions: readonly (Compiled | null)[];
  private readonly measures: readonly Compiled[];

  constructor(spec: Pick<MatchRecognizeSpec, 'refs' | 'pattern' | 'measures'>) {
    const elementsOf = (variable: string | null): ReadonlySet<number> | null =>
      variable === null ? null : new Set(spec.pattern.flatMap((element, i) => (element.variable === variable ? [i] : [])));
    this.refs = spec.refs.map((ref) => ({
      ref,
      elements: ref.kind === 'proctime' ? null : elementsOf(ref.variable),
      argument: ref.kind === 'aggregate' && ref.argument !== null ? compileExpr(ref.argument) : null,
      accumulators: ref.kind === 'aggregate' ? new AccumulatorSet([ref.call]) : null,
    }));
    this.conditions = spec.pattern.map((element) => (element.condition === null ? null : compileExpr(element.condition)));
    this.measures = spec.measures.map((measure: Expr) => compileExpr(measure));
  }

  /** Whether `candidate`, mapped to `element` after `rows`, fits the element's DEFINE condition (TRUE; FALSE and NULL do not). */
  fits(element: number, rows: readonly MatchedRow[], candidate: MatchedRow): boolean {
    const condition = this.conditions[element];
    if (condition === null || condition === undefined) return true;
    return condition(this.virtualRow(rows, candidate), 1)[0] === true;
  }

  /** The MEASURES of a complete match. */
  measure(rows: readonly MatchedRow[]): Value[] {
    const column = this.virtualRow(rows);
    return this.measures.map((measure) => measure(column, 1)[0] ?? null);
  }

  /** Column i of the virtual row, computed when first read; `candidate` (if any) comes after `rows`. */
  private virtualRow(rows: readonly MatchedRow[], candidate?: MatchedRow): (index: number) => readonly Value[] {
    const cache: (Value[] | undefined)[] = [];
    return (index) => {
      let value = cache[index];
      if (value === undefined) {
        value = [this.value(this.refs[index]!, rows, candidate)];
        cache[index] = value;
      }
      return value;
    };
  }

  private value(compiled: CompiledRef, rows: readonly MatchedRow[], candidate: MatchedRow | undefined): Value {
    const { ref, elements } = compiled;
    if (ref.kind === 'proctime') return Date.now();
    const counts = (row: MatchedRow): boolean => elements === null || elements.has(row.element);
    if (ref.kind === 'navigate') {
      const row = ref.from === 'last' ? nthFromLast(rows, candidate, counts, ref.offset) : nthFromFirst(rows, candidate, counts, ref.offset);
      return row === undefined ? null : (row.values[ref.column] ?? null);
    }
    const selected = rows.filter(counts);
    if (candidate !== undefined && counts(candidate)) selected.push(candidate);
    const accumulators = compiled.accumulators!;
    const accs = accumulators.create();
    if (compiled.argument === null) {
      for (let i = 0; i < selected.length; i++) accumulators.accumulate(accs, [], false);
    } else {
      const argument = compiled.argument((column) => selected.map((row) => row.values[column] ?? null), selected.length);
      for (const value of argument) accumulators.accumulate(accs, [value], false);
    }
    return accumulators.values(accs)[0] ?? null;
  }
}

/** The row `offset` back from the last of `rows` then `candidate` that `counts`. */
function nthFromLast(rows: readonly MatchedRow[], candidate: MatchedRow | undefined, counts: (row: MatchedRow) => boolean, offset: number): MatchedRow | undefined {
  let remaining = offset;
  if (candidate !== undefined && counts(candidate)) {
    if (remaining === 0) return candidate;
    remaining--;
  }
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (!counts(row)) continue;
    if (remaining === 0) return row;
    remaining--;
  }
  return undefined;
}

/** The row `offset` on from the first of `rows` then `candidate` that `counts`. */
function nthFromFirst(rows: readonly MatchedRow[], candidate: MatchedRow | undefined, counts: (row: MatchedRow) => boolean, offset: number): MatchedRow | undefined {
  let remaining = offset;
  for (const row of rows) {
    if (!counts(row)) continue;
    if (remaining === 0) return row;
    remaining--;
  }
  return candidate !== undefined && counts(candidate) && remaining === 0 ? candidate : undefined;
}
