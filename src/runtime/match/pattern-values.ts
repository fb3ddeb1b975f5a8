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

  /** Whether the last of `rows` fits its element's DEFINE condition (TRUE; FALSE and NULL do not). */
  fits(element: number, rows: readonly MatchedRow[]): boolean {
    const condition = this.conditions[element];
    if (condition === null || condition === undefined) return true;
    return condition(this.virtualRow(rows), 1)[0] === true;
  }

  /** The MEASURES of a complete match. */
  measure(rows: readonly MatchedRow[]): Value[] {
    const column = this.virtualRow(rows);
    return this.measures.map((measure) => measure(column, 1)[0] ?? null);
  }

  /** Column i of the virtual row, computed when first read. */
  private virtualRow(rows: readonly MatchedRow[]): (index: number) => readonly Value[] {
    const cache = new Map<number, Value[]>();
    return (index) => {
      let value = cache.get(index);
      if (value === undefined) {
        value = [this.value(this.refs[index]!, rows)];
        cache.set(index, value);
      }
      return value;
    };
  }

  private value(compiled: CompiledRef, rows: readonly MatchedRow[]): Value {
    const { ref, elements } = compiled;
    if (ref.kind === 'proctime') return Date.now();
    const selected = elements === null ? rows : rows.filter((row) => elements.has(row.element));
    if (ref.kind === 'navigate') {
      const row = ref.from === 'last' ? selected[selected.length - 1 - ref.offset] : selected[ref.offset];
      return row === undefined ? null : (row.values[ref.column] ?? null);
    }
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
