/**
 * Plans a call of a user-defined aggregate function (`engine.registerAggregateFunction`). Its arguments are widened
 * to the declared parameter types (as a scalar UDF's are) and packed into one ROW, the argument the operators read;
 * `FILTER (WHERE cond)` makes that ROW NULL where the condition is not TRUE, and a NULL ROW never reaches the
 * function. A function without parameters reads TRUE instead (NULL where filtered out).
 *
 * Flink's rules for what a function must implement: `retract` when its input is updating (or, see over-aggregate.ts,
 * in a bounded OVER frame); `merge` where the window operator merges accumulators (SESSION windows, see
 * `requireMerge`). Missing ones are refused here, naming the function.
 */
import { PlanError, type SourcePosition } from '../../common/errors.js';
import { formatType, rowType, sameType, withoutRowtime, BOOLEAN } from '../../common/types.js';
import type { AggregateCall } from '../../dataflow/graph.js';
import { literalExpr, type Expr } from '../../dataflow/expr.js';
import { formatExpr } from '../../dataflow/display.js';
import type { FunctionCall } from '../../parser/ast.js';
import { coerce, commonType } from '../binder/coercion.js';
import { bindExpression } from '../binder/expressions.js';
import type { UserAggregateSignature } from '../binder/user-aggregates.js';
import { isUpdating, updatingOperator } from '../logical/plan.js';
import type { PlannedRelation } from './context.js';

export interface PlannedUserAggregateCall {
  readonly call: Omit<AggregateCall, 'argIndex'>;
  readonly argument: Expr;
}

/** `condition` and `filterText` are the call's bound FILTER (WHERE …) and its EXPLAIN text, if it has one. */
export function planUserAggregateCall(
  node: FunctionCall, fn: UserAggregateSignature, input: PlannedRelation, condition: Expr | undefined, filterText: string,
): PlannedUserAggregateCall {
  const position = node.position;
  if (node.star) throw new PlanError(`'*' is not allowed in '${fn.name}'`, { position });
  if (node.args.length !== fn.parameters.length) {
    throw new PlanError(`Function '${fn.name}' takes ${fn.parameters.length} argument${fn.parameters.length === 1 ? '' : 's'}, got ${node.args.length}`, { position });
  }
  if (isUpdating(input.plan)) requireRetract(fn.name, fn.retracts, `over an updating input (${updatingOperator(input.plan)})`, position);

  const inputNames = input.plan.schema.fields.map((f) => f.name);
  const args = node.args.map((arg, i) => {
    const bound = bindExpression(arg, input.scope, { clause: `the arguments of ${fn.name}` });
    const wanted = fn.parameters[i]!;
    // Implicit widening only (INT → BIGINT, DECIMAL scales, NULL), as for scalar UDFs.
    const common = commonType(bound.type, wanted);
    if (common === undefined || !sameType(common, wanted)) {
      throw new PlanError(`Function '${fn.name}' takes ${formatType(wanted)} as argument ${i + 1}, not ${formatType(withoutRowtime(bound.type))}`, {
        position: arg.position ?? position,
      });
    }
    return { text: formatExpr(bound, inputNames), expr: coerce(bound, wanted) };
  });
  const packed: Expr = args.length === 0
    ? literalExpr(true, BOOLEAN)
    : { kind: 'call', op: 'row-constructor', args: args.map((a) => a.expr), type: rowType(fn.parameters.map((type, i) => ({ name: `EXPR$${i}`, type }))) };
  const argument: Expr = condition ? { kind: 'case', whens: [{ when: condition, then: packed }], otherwise: null, type: packed.type } : packed;
  const display = `${fn.name}(${node.distinct ? 'DISTINCT ' : ''}${args.map((a) => a.text).join(', ')})${filterText}`;
  return {
    call: {
      fn: 'USER_DEFINED',
      argType: packed.type,
      distinct: node.distinct,
      type: fn.returns,
      display,
      userFunction: { name: fn.name, id: fn.id, parameterCount: fn.parameters.length, retracts: fn.retracts, merges: fn.merges, position },
    },
    argument,
  };
}

function requireRetract(name: string, retracts: boolean, where: string, position: SourcePosition | undefined): void {
  if (retracts) return;
  throw new PlanError(`Function '${name}' does not implement retract, which it needs ${where}`, {
    ...(position ? { position } : {}),
    hint: 'give its definition a retract(acc, …args) method',
  });
}

/** A bounded OVER frame takes rows out of the accumulators again: user-defined functions need `retract`. */
export function requireRetractInFrame(call: Omit<AggregateCall, 'argIndex'>): void {
  const fn = call.userFunction;
  if (fn) requireRetract(fn.name, fn.retracts, 'in a bounded OVER frame (rows leaving the frame are retracted)', fn.position);
}

/** Windows whose accumulators are merged (SESSION windows) need `merge` of every user-defined function. */
export function requireMerge(aggregates: readonly AggregateCall[], window: string): void {
  for (const { userFunction: fn } of aggregates) {
    if (!fn || fn.merges) continue;
    throw new PlanError(`Function '${fn.name}' does not implement merge, which ${window} windows need (their accumulators merge as sessions do)`, {
      ...(fn.position ? { position: fn.position } : {}),
      hint: 'give its definition a merge(acc, other) method',
    });
  }
}
