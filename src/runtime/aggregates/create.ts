/** Builds the aggregate function of a planned `AggregateCall`. */
import type { AggregateCall } from '../../dataflow/graph.js';
import type { AggregateFunction } from './aggregate-function.js';
import { createAvg } from './avg.js';
import { COUNT } from './count.js';
import { distinctAggregate } from './distinct.js';
import { MAX, MIN } from './min-max.js';
import { requireArgumentType, requireNumeric } from './result-type.js';
import { createSum } from './sum.js';

/** The function for `call` (wrapped for DISTINCT if asked); PlanError if its argument type does not fit. */
export function createAggregateFunction(call: AggregateCall): AggregateFunction<unknown> {
  const fn = baseFunction(call);
  return call.distinct ? distinctAggregate(fn) : fn;
}

function baseFunction(call: AggregateCall): AggregateFunction<unknown> {
  switch (call.fn) {
    case 'COUNT':
      return COUNT;
    case 'SUM':
      return createSum(requireNumeric(call.fn, requireArgumentType(call.fn, call.argType)), call.type);
    case 'AVG':
      return createAvg(requireNumeric(call.fn, requireArgumentType(call.fn, call.argType)), call.type);
    case 'MIN':
      requireArgumentType(call.fn, call.argType);
      return MIN;
    case 'MAX':
      requireArgumentType(call.fn, call.argType);
      return MAX;
  }
}
