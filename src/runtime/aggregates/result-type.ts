/**
 * Result types of aggregate calls, as Flink derives them:
 *
 * | call               | result                         |
 * |--------------------|--------------------------------|
 * | COUNT(…)           | BIGINT NOT NULL                |
 * | SUM(TINYINT/SMALLINT/INT/BIGINT/FLOAT/DOUBLE) | the argument's type (integers wrap) |
 * | SUM(DECIMAL(p,s))  | DECIMAL(38, s)                 |
 * | AVG(TINYINT/SMALLINT/INT/BIGINT/FLOAT/DOUBLE) | the argument's type (integer AVG truncates) |
 * | AVG(DECIMAL(p,s))  | DECIMAL(38, max(6, s))         |
 * | MIN/MAX(t)         | t (without the rowtime mark)   |
 * | STDDEV_POP/STDDEV_SAMP/VAR_POP/VAR_SAMP(t) | as AVG(t): INT stays INT, DECIMAL(p,s) → DECIMAL(38, max(6, s)) |
 * | FIRST_VALUE/LAST_VALUE(t) | t (without the rowtime mark) |
 * | LISTAGG(STRING [, separator]) | STRING                |
 * | JSON_ARRAYAGG(any)            | STRING (a JSON array) |
 * | COLLECT(t)         | MAP<t, INT>: each distinct value → its multiplicity (Flink's MULTISET<t>) |
 * | ARRAY_AGG(t)       | ARRAY<t>                       |
 * | BOOL_AND/BOOL_OR(BOOLEAN) | BOOLEAN                 |
 * | APPROX_COUNT_DISTINCT(…) | BIGINT NOT NULL          |
 * | LAG(ROW(t, t))     | t: its argument is ROW(value, default), both already of the result type |
 */
import { InternalError, PlanError } from '../../common/errors.js';
import type { SourcePosition } from '../../common/errors.js';
import { BIGINT, BOOLEAN, arrayType, INT, MAX_DECIMAL_PRECISION, STRING, decimal, formatType, isInterval, mapType, withoutRowtime } from '../../common/types.js';
import type { DataType } from '../../common/types.js';
import type { AggregateFunctionName } from '../../dataflow/graph.js';

/** The smallest scale of an AVG over DECIMAL (Flink's `findAvgAggType`). */
export const AVG_DECIMAL_MIN_SCALE = 6;

export type NumericType = Extract<DataType, { kind: 'TINYINT' | 'SMALLINT' | 'INT' | 'BIGINT' | 'FLOAT' | 'DOUBLE' | 'DECIMAL' }>;

export function aggregateResultType(fn: AggregateFunctionName, argType: DataType | null, position?: SourcePosition): DataType {
  if (fn === 'COUNT') return BIGINT;
  const type = requireArgumentType(fn, argType, position);
  switch (fn) {
    case 'SUM': {
      const numeric = requireNumeric(fn, type, position);
      return numeric.kind === 'DECIMAL' ? decimal(MAX_DECIMAL_PRECISION, numeric.scale) : numeric;
    }
    case 'AVG':
    case 'STDDEV_POP':
    case 'STDDEV_SAMP':
    case 'VAR_POP':
    case 'VAR_SAMP':
      return averageType(requireNumeric(fn, type, position));
    case 'MIN':
    case 'MAX':
      if (isInterval(type)) {
        // Flink 1.20's planner: "Min aggregate function does not support type: 'INTERVAL_YEAR_MONTH'".
        throw new PlanError(`${fn} does not take an interval (${formatType(type)}): Flink 1.20 has no ${fn} of intervals`, positionOption(position));
      }
      return withoutRowtime(type);
    case 'FIRST_VALUE':
    case 'LAST_VALUE':
      return withoutRowtime(type);
    case 'LISTAGG':
      requireKind(fn, type, 'STRING', position);
      return STRING;
    case 'COLLECT':
      return mapType(withoutRowtime(type), INT);
    case 'ARRAY_AGG':
      return arrayType(withoutRowtime(type));
    case 'BOOL_AND':
    case 'BOOL_OR':
      requireKind(fn, type, 'BOOLEAN', position);
      return BOOLEAN;
    case 'APPROX_COUNT_DISTINCT':
      return BIGINT;
    case 'JSON_ARRAYAGG':
    case 'JSON_OBJECTAGG':
      return STRING;
    case 'LAG':
      if (type.kind !== 'ROW' || type.fields.length !== 2) throw new InternalError(`LAG's argument must be ROW(value, default), not ${formatType(type)}`);
      return type.fields[0]!.type;
  }
}

/** AVG's result type (Flink's `findAvgAggType`), which the variance functions share. */
function averageType(numeric: NumericType): DataType {
  return numeric.kind === 'DECIMAL' ? decimal(MAX_DECIMAL_PRECISION, Math.max(AVG_DECIMAL_MIN_SCALE, numeric.scale)) : numeric;
}

function requireKind(fn: AggregateFunctionName, type: DataType, kind: 'STRING' | 'BOOLEAN', position: SourcePosition | undefined): void {
  if (type.kind !== kind) {
    throw new PlanError(`${fn} needs a ${kind} argument, got ${formatType(withoutRowtime(type))}`, positionOption(position));
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
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'FLOAT':
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
