/**
 * Result types of aggregate calls, as Flink derives them:
 *
 * | call               | result                         |
 * |--------------------|--------------------------------|
 * | COUNT(…)           | BIGINT NOT NULL                |
 * | SUM(INT/BIGINT/DOUBLE) | the argument's type        |
 * | SUM(DECIMAL(p,s))  | DECIMAL(38, s)                 |
 * | AVG(INT/BIGINT/DOUBLE) | the argument's type (integer AVG truncates) |
 * | AVG(DECIMAL(p,s))  | DECIMAL(38, max(6, s))         |
 * | MIN/MAX(t)         | t (without the rowtime mark)   |
 */
import { PlanError } from '../../common/errors.js';
import type { SourcePosition } from '../../common/errors.js';
import { BIGINT, MAX_DECIMAL_PRECISION, decimal, formatType, withoutRowtime } from '../../common/types.js';
import type { DataType } from '../../common/types.js';
import type { AggregateFunctionName } from '../../dataflow/graph.js';

/** The smallest scale of an AVG over DECIMAL (Flink's `findAvgAggType`). */
export const AVG_DECIMAL_MIN_SCALE = 6;

export type NumericType = Extract<DataType, { kind: 'INT' | 'BIGINT' | 'DOUBLE' | 'DECIMAL' }>;

export function aggregateResultType(fn: AggregateFunctionName, argType: DataType | null, position?: SourcePosition): DataType {
  if (fn === 'COUNT') return BIGINT;
  const type = requireArgumentType(fn, argType, position);
  switch (fn) {
    case 'SUM': {
      const numeric = requireNumeric(fn, type, position);
      return numeric.kind === 'DECIMAL' ? decimal(MAX_DECIMAL_PRECISION, numeric.scale) : numeric;
    }
    case 'AVG': {
      const numeric = requireNumeric(fn, type, position);
      return numeric.kind === 'DECIMAL' ? decimal(MAX_DECIMAL_PRECISION, Math.max(AVG_DECIMAL_MIN_SCALE, numeric.scale)) : numeric;
    }
    case 'MIN':
    case 'MAX':
      return withoutRowtime(type);
  }
}

/** The argument's type; PlanError for a missing argument or an untyped NULL. */
export function requireArgumentType(fn: AggregateFunctionName, argType: DataType | null, position?: SourcePosition): DataType {
  if (argType === null) throw new PlanError(`${fn} needs an argument`, positionOption(position));
  if (argType.kind === 'NULL') {
    throw new PlanError(`Illegal use of NULL: ${fn} needs a typed argument`, { ...positionOption(position), hint: 'CAST the NULL to a type' });
  }
  return argType;
}

/** The argument's type if numeric; PlanError otherwise. */
export function requireNumeric(fn: AggregateFunctionName, type: DataType, position?: SourcePosition): NumericType {
  switch (type.kind) {
    case 'INT':
    case 'BIGINT':
    case 'DOUBLE':
    case 'DECIMAL':
      return type;
    default:
      throw new PlanError(`${fn} needs a numeric argument, got ${formatType(type)}`, positionOption(position));
  }
}

function positionOption(position: SourcePosition | undefined): { position?: SourcePosition } {
  return position ? { position } : {};
}
