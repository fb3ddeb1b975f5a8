/**
 * Plans one aggregate call of a GROUP BY: checks its arguments, binds the argument the aggregate reads, and turns
 * `FILTER (WHERE cond)` into that argument: `agg(x) FILTER (WHERE cond)` aggregates `CASE WHEN cond THEN x END`
 * (and `COUNT(*) FILTER (WHERE cond)` counts `CASE WHEN cond THEN TRUE END`). Every aggregate ignores NULL
 * arguments, so a row whose condition is not TRUE leaves the aggregate untouched — for DISTINCT too — and its
 * retraction (-U/-D, which carries the same values) is ignored the same way, undoing exactly what it did.
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { BOOLEAN, STRING, formatType, isNumeric, rowType, withoutRowtime } from '../../common/types.js';
import type { AggregateCall, AggregateFunctionName } from '../../dataflow/graph.js';
import { literalExpr, type Expr } from '../../dataflow/expr.js';
import { formatExpr } from '../../dataflow/display.js';
import type { FunctionCall } from '../../parser/ast.js';
import { bindExpression, coerce } from '../binder/expressions.js';
import { aggregateFunctionName, aggregateResultType, argumentCount, canRetract, isOverOnly } from '../../runtime/aggregates/index.js';
import { isUpdating, updatingOperator } from '../logical/plan.js';
import { collectAggregateCalls } from './ast-utils.js';
import { lookupUserAggregate } from '../binder/user-aggregates.js';
import { planUserAggregateCall } from './user-aggregate-call.js';
import type { PlannedRelation } from './context.js';
import { planLagCall } from './lag-call.js';

export interface PlannedAggregateCall {
  /** The call, with `argIndex` still to be set by the caller when `argument` is given. */
  readonly call: Omit<AggregateCall, 'argIndex'>;
  /** The expression over the input that the aggregate reads; undefined for a plain COUNT(*). */
  readonly argument: Expr | undefined;
}

export interface AggregateCallOptions {
  /** The call is `… OVER (…)`: window functions (LAG) are allowed. */
  readonly over?: boolean;
}

export function planAggregateCall(node: FunctionCall, input: PlannedRelation, options: AggregateCallOptions = {}): PlannedAggregateCall {
  const name = node.name.name.toUpperCase();
  const fn = aggregateFunctionName(name) ?? (name as AggregateFunctionName);
  const inputNames = input.plan.schema.fields.map((f) => f.name);
  for (const arg of [...node.args, ...(node.filter ? [node.filter] : [])]) {
    if (collectAggregateCalls(arg).length > 0) throw new PlanError('Aggregate function calls cannot be nested', { position: arg.position });
  }
  if (isOverOnly(fn)) {
    if (!options.over) {
      throw new PlanError(`${fn}(…) is a window function: call it with OVER (PARTITION BY … ORDER BY <time attribute>)`, { position: node.position });
    }
    return planLagCall(node, input);
  }
  const userFunction = lookupUserAggregate(name);
  if (userFunction) {
    const condition = node.filter ? bindCondition(node, input) : undefined;
    return planUserAggregateCall(node, userFunction, input, condition, condition ? ` FILTER (WHERE ${formatExpr(condition, inputNames)})` : '');
  }
  if (!canRetract(fn) && isUpdating(input.plan)) {
    throw new NotImplementedError(
      `${fn} cannot retract rows, so it is not supported over an updating input (${updatingOperator(input.plan)})`,
      { position: node.position, hint: 'aggregate an append-only input, e.g. in a window aggregation, or use COUNT(DISTINCT …)' },
    );
  }
  const condition = node.filter ? bindCondition(node, input) : undefined;
  const filterText = condition ? ` FILTER (WHERE ${formatExpr(condition, inputNames)})` : '';

  if (node.star) {
    if (fn !== 'COUNT') throw new PlanError(`${fn}(*) is not allowed; only COUNT(*)`, { position: node.position });
    const base = { fn, distinct: false, type: aggregateResultType(fn, null), display: `COUNT(*)${filterText}` };
    if (!condition) return { call: { ...base, argType: null }, argument: undefined };
    return { call: { ...base, argType: BOOLEAN }, argument: onlyWhen(condition, literalExpr(true, BOOLEAN)) };
  }
  const { min, max } = argumentCount(fn);
  if (node.args.length < min || node.args.length > max) {
    const expected = min === max ? `exactly ${min === 1 ? 'one argument' : `${min} arguments`}` : `${min} to ${max} arguments`;
    throw new PlanError(`${fn} takes ${expected}`, { position: node.position });
  }
  let arg = bindExpression(node.args[0]!, input.scope, { clause: `the argument of ${fn}` });
  if ((fn === 'SUM' || fn === 'AVG') && !isNumeric(arg.type) && arg.type.kind !== 'NULL') {
    throw new PlanError(`Cannot apply '${fn}' to an argument of type ${formatType(withoutRowtime(arg.type))}`, { position: node.position });
  }
  const type = aggregateResultType(fn, arg.type, node.position);
  const separator = fn === 'LISTAGG' && node.args.length > 1 ? literalSeparator(node, input) : undefined;
  let json = fn === 'JSON_ARRAYAGG' || fn === 'JSON_OBJECTAGG' ? jsonAggregateOptions(node) : undefined;
  const argText = formatExpr(arg, inputNames);
  const ignoreNulls = fn === 'ARRAY_AGG' ? nullTreatment(node) === 'IGNORE NULLS' : undefined;
  if (fn === 'ARRAY_AGG') arg = oneFieldRow(arg);
  if (fn === 'JSON_ARRAYAGG' && condition && json && !json.absentOnNull) {
    arg = oneFieldRow(arg);
    json = { ...json, wrapped: true };
  }
  if (condition) arg = onlyWhen(condition, arg);
  const separatorText = separator === undefined ? '' : `, ${JSON.stringify(separator).replace(/^"|"$/g, "'")}`;
  const modeText = json ? (json.absentOnNull !== (fn === 'JSON_ARRAYAGG') ? ` ${json.absentOnNull ? 'ABSENT' : 'NULL'} ON NULL` : '') : '';
  const nullsText = ignoreNulls ? ' IGNORE NULLS' : '';
  const display = `${fn}(${node.distinct ? 'DISTINCT ' : ''}${argText}${separatorText}${modeText}${nullsText})${filterText}`;
  return {
    call: {
      fn, argType: arg.type, distinct: node.distinct, type, display,
      ...(separator === undefined ? {} : { separator }), ...(json ? { json } : {}), ...(ignoreNulls === undefined ? {} : { ignoreNulls }),
    },
    argument: arg,
  };
}

function bindCondition(node: FunctionCall, input: PlannedRelation): Expr {
  const filter = node.filter!;
  const condition = bindExpression(filter, input.scope, { clause: 'FILTER (WHERE …)' });
  if (condition.type.kind !== 'BOOLEAN' && condition.type.kind !== 'NULL') {
    throw new PlanError(`FILTER (WHERE …) needs a BOOLEAN condition, not ${formatType(withoutRowtime(condition.type))}`, { position: filter.position });
  }
  return coerce(condition, BOOLEAN);
}

/** `CASE WHEN condition THEN value END`: the value where the condition is TRUE, else NULL. */
function onlyWhen(condition: Expr, value: Expr): Expr {
  const type = withoutRowtime(value.type);
  return { kind: 'case', whens: [{ when: condition, then: value }], otherwise: null, type };
}

/**
 * ARRAY_AGG's argument (and JSON_ARRAYAGG's with NULL ON NULL and FILTER): `ROW(value)`, so that a NULL value stays
 * apart from a row FILTER leaves out (NULL).
 */
function oneFieldRow(value: Expr): Expr {
  return { kind: 'call', op: 'row-constructor', args: [value], type: rowType([{ name: 'EXPR$0', type: withoutRowtime(value.type) }]) };
}

/** ARRAY_AGG(value, mode) as the parser writes it: RESPECT NULLS or IGNORE NULLS. */
function nullTreatment(node: FunctionCall): string {
  const mode = node.args[1];
  return mode?.kind === 'symbol' ? mode.name : 'RESPECT NULLS';
}

/**
 * JSON_ARRAYAGG(value, mode) and JSON_OBJECTAGG(ROW(key, value), mode) as the parser writes them: the ON NULL mode,
 * and whether the value is a JSON constructor.
 */
function jsonAggregateOptions(node: FunctionCall): { absentOnNull: boolean; raw: boolean; wrapped?: boolean } {
  const first = node.args[0]!;
  const value = first.kind === 'constructor' && first.type === 'ROW' ? first.args[1]! : first;
  const mode = node.args[1];
  const raw = value.kind === 'call' && ['JSON_OBJECT', 'JSON_ARRAY'].includes(value.name.name.toUpperCase());
  return { absentOnNull: mode?.kind === 'symbol' && mode.name === 'ABSENT ON NULL', raw };
}

function literalSeparator(node: FunctionCall, input: PlannedRelation): string {
  const arg = node.args[1]!;
  const separator = bindExpression(arg, input.scope, { clause: 'the separator of LISTAGG' });
  if (separator.kind !== 'literal' || typeof separator.value !== 'string' || separator.type.kind !== STRING.kind) {
    throw new PlanError('The separator of LISTAGG must be a string literal', { position: arg.position });
  }
  return separator.value;
}
