/**
 * The aggregates of one aggregate operator, side by side: one accumulator per call, kept together in an array
 * (which is what the operator stores in state per group and window).
 */
import type { Value } from '../../common/values.js';
import type { AggregateCall } from '../../dataflow/graph.js';
import type { AggregateFunction } from './aggregate-function.js';
import { createAggregateFunction, type AggregateFunctionOptions } from './create.js';

export class AccumulatorSet {
  readonly functions: readonly AggregateFunction<unknown>[];
  /** Input column of each call's argument; null for COUNT(*). */
  private readonly argIndexes: readonly (number | null)[];

  constructor(calls: readonly AggregateCall[], options: AggregateFunctionOptions = {}) {
    this.functions = calls.map((call) => createAggregateFunction(call, options));
    this.argIndexes = calls.map((call) => call.argIndex);
  }

  /** Fresh accumulators, one per call. */
  create(): unknown[] {
    return this.functions.map((fn) => fn.createAccumulator());
  }

  /**
   * Accumulates (or, if `retract`, retracts) one row given its argument values, one per call. The value given
   * for a COUNT(*) call is ignored: COUNT(*) always counts the row.
   */
  accumulate(accs: unknown[], argValues: readonly Value[], retract: boolean): void {
    const { functions, argIndexes } = this;
    for (let i = 0; i < functions.length; i++) {
      const fn = functions[i] as AggregateFunction<unknown>;
      const value = argIndexes[i] === null ? true : (argValues[i] as Value);
      accs[i] = retract ? fn.retract(accs[i], value) : fn.accumulate(accs[i], value);
    }
  }

  /** Accumulates (or retracts) row `row` of decoded input columns (`columns[column][row]`). */
  accumulateRow(accs: unknown[], columns: readonly (readonly Value[])[], row: number, retract: boolean): void {
    const { functions, argIndexes } = this;
    for (let i = 0; i < functions.length; i++) {
      const fn = functions[i] as AggregateFunction<unknown>;
      const argIndex = argIndexes[i] as number | null;
      const value = argIndex === null ? true : ((columns[argIndex] as readonly Value[])[row] as Value);
      accs[i] = retract ? fn.retract(accs[i], value) : fn.accumulate(accs[i], value);
    }
  }

  /** Folds `other` into `accs`, call by call (when two session windows merge); `other` is not used afterwards. */
  merge(accs: unknown[], other: readonly unknown[]): void {
    const { functions } = this;
    for (let i = 0; i < functions.length; i++) accs[i] = (functions[i] as AggregateFunction<unknown>).merge(accs[i], other[i]);
  }

  /** The current result of each call. */
  values(accs: readonly unknown[]): Value[] {
    return this.functions.map((fn, i) => fn.getValue(accs[i]));
  }
}
