/** Builds the aggregate function of a planned `AggregateCall`. */
import type { AggregateCall } from '../../dataflow/graph.js';
import type { AggregateFunction } from './aggregate-function.js';
import { APPROX_COUNT_DISTINCT } from './approx-count-distinct.js';
import { createAvg } from './avg.js';
import { BOOL_AND, BOOL_OR } from './bool-and-or.js';
import { createArrayAgg } from './array-agg.js';
import { COLLECT } from './collect.js';
import { COUNT } from './count.js';
import { distinctAggregate, distinctTupleAggregate } from './distinct.js';
import { createFirstLastValue } from './first-last-value.js';
import { createLag } from './lag.js';
import { createListAgg, DEFAULT_LISTAGG_SEPARATOR } from './listagg.js';
import { createJsonArrayAgg, createJsonObjectAgg } from './json-arrayagg.js';
import { MAX, MIN } from './min-max.js';
import { requireArgumentType, requireNumeric } from './result-type.js';
import { createSingleValue } from './single-value.js';
import { createSum } from './sum.js';
import { userDefinedAggregate } from './user-defined.js';
import { createVariance } from './variance.js';

export interface AggregateFunctionOptions {
  /**
   * Whether the input may retract rows (-U/-D). Functions that need more state to undo a row (FIRST_VALUE,
   * LAST_VALUE) keep it only then. Default true: always correct, at the cost of that state.
   */
  readonly retracts?: boolean;
}

/** The function for `call` (wrapped for DISTINCT if asked); PlanError if its argument type does not fit. */
export function createAggregateFunction(call: AggregateCall, options: AggregateFunctionOptions = {}): AggregateFunction<unknown> {
  const fn = baseFunction(call, options.retracts ?? true);
  if (!call.distinct) return fn;
  return call.fn === 'USER_DEFINED' || call.fn === 'ARRAY_AGG' ? distinctTupleAggregate(fn) : distinctAggregate(fn);
}

function baseFunction(call: AggregateCall, retracts: boolean): AggregateFunction<unknown> {
  switch (call.fn) {
    case 'COUNT':
      return COUNT;
    case 'SUM':
      return createSum(requireNumeric(call.fn, requireArgumentType(call.fn, call.argType)), call.type);
    case 'AVG':
      return createAvg(requireNumeric(call.fn, requireArgumentType(call.fn, call.argType)), call.type);
    case 'STDDEV_POP':
    case 'STDDEV_SAMP':
    case 'VAR_POP':
    case 'VAR_SAMP':
      return createVariance(call.fn, requireNumeric(call.fn, requireArgumentType(call.fn, call.argType)), call.type);
    case 'MIN':
      requireArgumentType(call.fn, call.argType);
      return MIN;
    case 'MAX':
      requireArgumentType(call.fn, call.argType);
      return MAX;
    case 'FIRST_VALUE':
    case 'LAST_VALUE':
      requireArgumentType(call.fn, call.argType);
      return createFirstLastValue(call.fn, retracts) as AggregateFunction<unknown>;
    case 'LISTAGG':
      return createListAgg(call.separator ?? DEFAULT_LISTAGG_SEPARATOR) as AggregateFunction<unknown>;
    case 'COLLECT':
      return COLLECT as AggregateFunction<unknown>;
    case 'ARRAY_AGG':
      return createArrayAgg(call.ignoreNulls ?? false) as AggregateFunction<unknown>;
    case 'BOOL_AND':
      return BOOL_AND as AggregateFunction<unknown>;
    case 'BOOL_OR':
      return BOOL_OR as AggregateFunction<unknown>;
    case 'APPROX_COUNT_DISTINCT':
      return APPROX_COUNT_DISTINCT as AggregateFunction<unknown>;
    case 'JSON_ARRAYAGG':
      return createJsonArrayAgg(requireArgumentType(call.fn, call.argType), call.json ?? { absentOnNull: true, raw: false }) as AggregateFunction<unknown>;
    case 'JSON_OBJECTAGG':
      return createJsonObjectAgg(requireArgumentType(call.fn, call.argType), call.json ?? { absentOnNull: false, raw: false }) as AggregateFunction<unknown>;
    case 'USER_DEFINED':
      return userDefinedAggregate(call);
    case 'LAG':
      return createLag(call.lagOffset ?? 1) as AggregateFunction<unknown>;
    case 'SINGLE_VALUE':
      return createSingleValue(call.position) as AggregateFunction<unknown>;
  }
}
