/**
 * GROUP BY and aggregate functions. The input is first projected to [group keys…, aggregate arguments…]; the
 * Aggregate node groups by the keys; HAVING and the SELECT list are then bound over the aggregate's output,
 * with aggregate calls and grouped expressions substituted by its columns.
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { BIGINT, BOOLEAN, withoutRowtime } from '../../common/types.js';
import type { AggregateCall } from '../../dataflow/graph.js';
import { columnExpr, literalExpr, type Expr } from '../../dataflow/expr.js';
import type { Expression, FunctionCall, Query } from '../../parser/ast.js';
import { bindExpression, type BindOptions } from '../binder/expressions.js';
import { resolveColumn, type Scope } from '../binder/scope.js';
import { isNeverNull } from '../../runtime/aggregates/index.js';
import { planAggregateCall } from './aggregate-call.js';
import type { AggregateNode, LogicalPlan, ProjectNode } from '../logical/plan.js';
import { canonicalText, collectAggregateCalls, columnNameOf } from './ast-utils.js';
import { attachWindowAggregate } from '../rules/attach-window-aggregate.js';
import { fuseWindowAggregate } from '../rules/fuse-window-aggregate.js';
import { propagateTimeAttributes } from '../rules/propagate-time-attributes.js';
import type { PlannedRelation } from './context.js';

const LEGACY_GROUP_WINDOWS = new Set(['CUMULATE']);

function distinctExpressions(exprs: readonly Expression[]): Expression[] {
  const seen = new Set<string>();
  return exprs.filter((e) => {
    const text = canonicalText(e);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/**
 * GROUPING(a, …) / GROUPING_ID(a, …): a bit per argument, most significant first, set when the argument is not
 * grouped in the row's grouping set (Flink returns BIGINT). Without grouping sets every key is grouped: 0.
 */
function groupingFunction(call: FunctionCall, keyTexts: readonly string[], sets: readonly number[][] | undefined, setColumn: number): Expr {
  if (call.args.length === 0) throw new PlanError(`${call.name.name.toUpperCase()} needs at least one argument`, { position: call.position });
  const positions = call.args.map((arg) => {
    const index = keyTexts.indexOf(canonicalText(arg));
    if (index < 0) throw new PlanError(`Argument of ${call.name.name.toUpperCase()} must be a GROUP BY expression`, { position: arg.position });
    return index;
  });
  const mask = (set: readonly number[]): bigint =>
    positions.reduce((bits, key) => (bits << 1n) | (set.includes(key) ? 0n : 1n), 0n);
  if (!sets) return literalExpr(0n, BIGINT);
  const setIndex = columnExpr(setColumn, BIGINT);
  return {
    kind: 'case',
    whens: sets.map((set, i) => ({
      when: { kind: 'call', op: 'equal', args: [setIndex, literalExpr(BigInt(i), BIGINT)], type: BOOLEAN } as Expr,
      then: literalExpr(mask(set), BIGINT),
    })),
    otherwise: null,
    type: BIGINT,
  };
}

export interface AggregatePlan {
  /** The Aggregate node (keys…, aggregates…). */
  readonly plan: LogicalPlan;
  /** Binding options that map aggregate calls and grouped expressions onto the aggregate's output. */
  readonly bindOptions: (clause: string) => BindOptions;
  /** The input's grouped columns, by their names, at their place in the output (what correlated subqueries see). */
  readonly groupedScope: Scope;
}

export function hasAggregation(query: Query): boolean {
  if (query.groupBy.length > 0 || (query.groupingSets?.length ?? 0) > 0) return true;
  const exprs: Expression[] = query.items.map((i) => i.expr).filter((e) => e.kind !== 'star');
  if (query.having) exprs.push(query.having);
  return exprs.some((e) => collectAggregateCalls(e).length > 0);
}

export function planAggregation(query: Query, input: PlannedRelation): AggregatePlan {
  for (const item of query.items) {
    if (item.expr.kind === 'star') throw new PlanError("'*' cannot be used with GROUP BY or aggregate functions", { position: item.position });
  }
  const keyAsts = distinctExpressions([...query.groupBy, ...(query.groupingSets ?? []).flat()]);
  const keyTexts = keyAsts.map(canonicalText);
  const groupingSets = query.groupingSets?.map((set) =>
    [...new Set([...query.groupBy, ...set].map((e) => keyTexts.indexOf(canonicalText(e))))].sort((a, b) => a - b),
  );
  const keyExprs = keyAsts.map((key) => {
    if (key.kind === 'call' && LEGACY_GROUP_WINDOWS.has(key.name.name.toUpperCase())) {
      throw new NotImplementedError(`Group window ${key.name.name.toUpperCase()}(…) is not supported in GROUP BY; use TUMBLE, HOP or SESSION, or the window TVFs`, { position: key.position });
    }
    return bindExpression(key, input.scope, { clause: 'GROUP BY' });
  });

  const calls: FunctionCall[] = [];
  const callTexts: string[] = [];
  const sources = [...query.items.map((i) => i.expr), ...(query.having ? [query.having] : [])];
  for (const source of sources) {
    for (const call of collectAggregateCalls(source)) {
      const text = canonicalText(call);
      if (!callTexts.includes(text)) {
        calls.push(call);
        callTexts.push(text);
      }
    }
  }

  const projections: Expr[] = [...keyExprs];
  const projectionNames = keyAsts.map((key, i) => columnNameOf(key) ?? `$key${i}`);
  const aggregates: AggregateCall[] = calls.map((call, j) => {
    const planned = planAggregateCall(call, input);
    if (planned.argument === undefined) return { ...planned.call, argIndex: null };
    const argIndex = projections.length;
    projections.push(planned.argument);
    projectionNames.push(`$arg${j}`);
    return { ...planned.call, argIndex };
  });

  const preProject: ProjectNode = {
    kind: 'project',
    input: input.plan,
    exprs: projections,
    schema: { fields: projections.map((e, i) => ({ name: projectionNames[i]!, type: e.type, nullable: true })) },
  };
  const keyCount = keyExprs.length;
  // With grouping sets the output carries the set's number after the keys; GROUPING()/GROUPING_ID() read it.
  const setColumn = groupingSets ? keyCount : -1;
  const aggregateOffset = keyCount + (groupingSets ? 1 : 0);
  const aggregate: AggregateNode = {
    kind: 'aggregate',
    input: preProject,
    keys: keyExprs.map((_, i) => i),
    aggregates,
    ...(groupingSets ? { groupingSets } : {}),
    schema: {
      fields: [
        ...keyExprs.map((e, i) => ({ name: projectionNames[i]!, type: withoutRowtime(e.type), nullable: true })),
        ...(groupingSets ? [{ name: '$grouping_set', type: BIGINT, nullable: false }] : []),
        ...aggregates.map((a, j) => ({ name: `EXPR$${j}`, type: a.type, nullable: !isNeverNull(a.fn) })),
      ],
    },
  };

  // Window aggregation is decided here, not only in the rewrite phase, because it decides whether window_time
  // stays a time attribute for the enclosing query (cascaded windows).
  const fused = fuseWindowAggregate.apply(aggregate) ?? attachWindowAggregate.apply(aggregate);
  const output = fused ? propagateTimeAttributes(fused) : aggregate;
  const keyType = (i: number) => output.schema.fields[i]!.type;
  const substitute = (node: Expression): Expr | undefined => {
    const text = canonicalText(node);
    const callIndex = callTexts.indexOf(text);
    if (callIndex >= 0) return columnExpr(aggregateOffset + callIndex, aggregates[callIndex]!.type);
    if (node.kind === 'call' && /^GROUPING(_ID)?$/i.test(node.name.name)) return groupingFunction(node, keyTexts, groupingSets, setColumn);
    const keyIndex = keyTexts.indexOf(text);
    if (keyIndex >= 0) return columnExpr(keyIndex, keyType(keyIndex));
    if (node.kind === 'column') {
      const column = resolveColumn(node, input.scope);
      const grouped = keyExprs.findIndex((k) => k.kind === 'column' && k.index === column.index);
      if (grouped >= 0) return columnExpr(grouped, keyType(grouped));
      const name = node.path.map((p) => p.name).join('.');
      throw new PlanError(`Expression '${name}' is not being grouped`, { position: node.position, hint: `add it to GROUP BY or use it inside an aggregate function` });
    }
    return undefined;
  };
  const groupedScope: Scope = {
    columns: input.scope.columns.flatMap((column) => {
      const key = keyExprs.findIndex((k) => k.kind === 'column' && k.index === column.index);
      return key < 0 ? [] : [{ ...column, index: key, type: keyType(key) }];
    }),
  };
  return { plan: output, bindOptions: (clause) => ({ substitute, clause }), groupedScope };
}
