/**
 * The aggregate functions Sluice knows, by name, for the binder (which refuses them outside GROUP BY / SELECT)
 * and the planner (which collects them from the SELECT list and HAVING).
 */
import type { AggregateCall, AggregateFunctionName } from '../../dataflow/graph.js';

/** Every aggregate function, each listed once (the Record makes the compiler check the list is complete). */
const ARGUMENT_COUNTS: Readonly<Record<AggregateFunctionName, { readonly min: number; readonly max: number }>> = {
  COUNT: { min: 1, max: 1 },
  SUM: { min: 1, max: 1 },
  AVG: { min: 1, max: 1 },
  MIN: { min: 1, max: 1 },
  MAX: { min: 1, max: 1 },
  STDDEV_POP: { min: 1, max: 1 },
  STDDEV_SAMP: { min: 1, max: 1 },
  VAR_POP: { min: 1, max: 1 },
  VAR_SAMP: { min: 1, max: 1 },
  FIRST_VALUE: { min: 1, max: 1 },
  LAST_VALUE: { min: 1, max: 1 },
  LISTAGG: { min: 1, max: 2 },
  COLLECT: { min: 1, max: 1 },
  BOOL_AND: { min: 1, max: 1 },
  BOOL_OR: { min: 1, max: 1 },
  APPROX_COUNT_DISTINCT: { min: 1, max: 1 },
  JSON_ARRAYAGG: { min: 1, max: 2 },
  JSON_OBJECTAGG: { min: 1, max: 2 },
  ARRAY_AGG: { min: 1, max: 2 },
  LAG: { min: 1, max: 3 },
};

export const AGGREGATE_FUNCTION_NAMES: readonly AggregateFunctionName[] = Object.keys(ARGUMENT_COUNTS) as AggregateFunctionName[];

/** Flink's other names of aggregates: STDDEV is STDDEV_SAMP, VARIANCE is VAR_SAMP. */
const AGGREGATE_ALIASES: Readonly<Record<string, AggregateFunctionName>> = { STDDEV: 'STDDEV_SAMP', VARIANCE: 'VAR_SAMP' };

/** The aggregate function `name` (any case, aliases resolved) calls; undefined if it is none. */
export function aggregateFunctionName(name: string): AggregateFunctionName | undefined {
  const upper = name.toUpperCase();
  return Object.hasOwn(ARGUMENT_COUNTS, upper) ? (upper as AggregateFunctionName) : AGGREGATE_ALIASES[upper];
}

/** True if `name` (any case) is an aggregate function. */
export function isAggregateFunctionName(name: string): boolean {
  return aggregateFunctionName(name) !== undefined;
}

/** How many arguments a call of `fn` takes (COUNT(*) aside). */
export function argumentCount(fn: AggregateFunctionName): { readonly min: number; readonly max: number } {
  return ARGUMENT_COUNTS[fn];
}

/** Functions whose accumulator cannot undo a row: refused over an updating input. */
const NON_RETRACTABLE: ReadonlySet<AggregateFunctionName> = new Set(['APPROX_COUNT_DISTINCT', 'LAG']);

/** Window functions that are only called with OVER (…), never as a GROUP BY aggregate. */
export function isOverOnly(fn: AggregateCall['fn']): boolean {
  return fn === 'LAG';
}

/** Whether a built-in function can retract; a user-defined one (USER_DEFINED) says so in its `userFunction`. */
export function canRetract(fn: AggregateCall['fn']): boolean {
  return !NON_RETRACTABLE.has(fn as AggregateFunctionName);
}

/** Functions whose result is never NULL (0 for no rows). */
export function isNeverNull(fn: AggregateCall['fn']): boolean {
  return fn === 'COUNT' || fn === 'APPROX_COUNT_DISTINCT';
}
