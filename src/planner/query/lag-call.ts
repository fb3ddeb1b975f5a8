/**
 * Plans `LAG(value [, offset [, default]])`, the one offset function Flink runs in stream mode (LEAD would wait for
 * rows after the current one). It is planned as an aggregate over the OVER frame (runtime/aggregates/lag.ts) whose
 * argument is `ROW(value, default)`: the offset is a non-negative integer literal (1 when not written); the default
 * (NULL when not written) may be any expression, and value and default meet in their common type — Flink asks for
 * an explicit CAST when their classes differ; Sluice widens as it does for CASE branches.
 */
import { PlanError } from '../../common/errors.js';
import { formatType, rowType, withoutRowtime } from '../../common/types.js';
import type { AggregateCall } from '../../dataflow/graph.js';
import { literalExpr, type Expr } from '../../dataflow/expr.js';
import { formatExpr } from '../../dataflow/display.js';
import type { FunctionCall } from '../../parser/ast.js';
import { bindExpression, coerce, commonType } from '../binder/expressions.js';
import type { PlannedRelation } from './context.js';

export interface PlannedLagCall {
  readonly call: Omit<AggregateCall, 'argIndex'>;
  readonly argument: Expr;
}

export function planLagCall(node: FunctionCall, input: PlannedRelation): PlannedLagCall {
  if (node.star) throw new PlanError('LAG(*) is not allowed: LAG takes a value, e.g. LAG(price)', { position: node.position });
  if (node.distinct) throw new PlanError('DISTINCT is not allowed in LAG', { position: node.position });
  if (node.filter) throw new PlanError('FILTER (WHERE …) is not allowed on LAG, a window function', { position: node.filter.position });
  if (node.args.length < 1 || node.args.length > 3) {
    throw new PlanError('LAG takes 1 to 3 arguments: LAG(value [, offset [, default]])', { position: node.position });
  }
  const names = input.plan.schema.fields.map((f) => f.name);
  const value = bindExpression(node.args[0]!, input.scope, { clause: 'the argument of LAG' });
  const offset = node.args.length > 1 ? offsetOf(node, input) : 1;
  let type = withoutRowtime(value.type);
  let fallback: Expr = literalExpr(null, type);
  if (node.args.length > 2) {
    const written = node.args[2]!;
    fallback = bindExpression(written, input.scope, { clause: 'the default of LAG' });
    const common = commonType(value.type, fallback.type);
    if (!common) {
      throw new PlanError(
        `LAG's default (${formatType(withoutRowtime(fallback.type))}) does not fit its value (${formatType(type)})`,
        { position: written.position, hint: `CAST the default AS ${formatType(type)}` },
      );
    }
    type = common;
  }
  const argument: Expr = {
    kind: 'call',
    op: 'row-constructor',
    args: [coerce(value, type), coerce(fallback, type)],
    type: rowType([{ name: 'value', type }, { name: 'default', type }]),
  };
  const written = node.args.slice(0, 3).map((arg, i) => (i === 1 ? String(offset) : formatExpr(i === 0 ? value : fallback, names)));
  return {
    call: { fn: 'LAG', argType: argument.type, distinct: false, type, display: `LAG(${written.join(', ')})`, lagOffset: offset },
    argument,
  };
}

function offsetOf(node: FunctionCall, input: PlannedRelation): number {
  const written = node.args[1]!;
  const offset = bindExpression(written, input.scope, { clause: 'the offset of LAG' });
  const integer = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT'].includes(offset.type.kind);
  const count = offset.kind === 'literal' && (typeof offset.value === 'number' || typeof offset.value === 'bigint') ? Number(offset.value) : NaN;
  if (!integer || !Number.isSafeInteger(count) || count < 0) {
    throw new PlanError("LAG's offset must be a non-negative integer literal, e.g. LAG(price, 2)", { position: written.position });
  }
  return count;
}
