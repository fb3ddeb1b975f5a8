/**
 * Event-time temporal joins (Flink's "Event Time Temporal Join"): `FROM orders AS o [LEFT] JOIN currency_rates FOR
 * SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency`. The right side is a versioned table: it has a
 * primary key (a table's PRIMARY KEY … NOT ENFORCED, or the key of a keep-last-row deduplication on event time) and
 * an event-time attribute (a WATERMARK); the key equalities of the ON condition must cover the whole primary key.
 * Each left row joins the version of the right row valid at its event time. Output: left columns (time attributes
 * kept), then right columns (time attributes materialised); append-only. `FOR SYSTEM_TIME AS OF` a PROCTIME()
 * attribute is a lookup join instead (lookup-join.ts).
 */
import { NotImplementedError, PlanError, type SourcePosition } from '../../common/errors.js';
import { isProctime, isRowtime, withoutRowtime } from '../../common/types.js';
import type { Expr } from '../../dataflow/expr.js';
import type { WindowJoinType } from '../../dataflow/graph.js';
import type { TemporalTableRef } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import { isUpdating, updatingOperator, type JoinNode, type LogicalPlan } from '../logical/plan.js';
import type { Catalog } from '../catalog.js';
import { uniqueNames, type PlannedRelation } from './context.js';
import { planLookupJoin } from './lookup-join.js';
import { conjunction } from './regular-join.js';

export interface TemporalJoinInput {
  readonly joinType: WindowJoinType;
  readonly left: PlannedRelation;
  readonly right: PlannedRelation;
  readonly temporal: TemporalTableRef;
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  /** Conjuncts of the ON condition other than the key equalities, over the joined row. */
  readonly conditions: readonly Expr[];
  /** For a processing-time temporal join: the connectors' lookup support. */
  readonly catalog: Catalog;
  readonly position: SourcePosition;
}

/** Plans an event-time temporal join (see the module comment); errors name what is missing and where. */
export function planTemporalJoin(input: TemporalJoinInput): PlannedRelation {
  const { joinType, left, right, temporal, position } = input;
  const table = temporal.table.name.name;
  if (joinType !== 'inner' && joinType !== 'left') {
    throw new NotImplementedError(`A temporal join (FOR SYSTEM_TIME AS OF) is INNER or LEFT, not ${joinType.toUpperCase()}`, { position });
  }
  const asOf = bindExpression(temporal.asOf, left.scope, { clause: 'FOR SYSTEM_TIME AS OF' });
  if (asOf.kind === 'column' && isProctime(asOf.type)) {
    return planLookupJoin({ ...input, joinType, tableName: table, tablePosition: temporal.table.position });
  }
  if (asOf.kind !== 'column' || !isRowtime(asOf.type)) {
    throw new PlanError('FOR SYSTEM_TIME AS OF must name a time attribute of the left input (e.g. o.order_time)', { position: temporal.asOf.position });
  }
  const leftTimeIndex = asOf.index;
  if (isUpdating(left.plan)) {
    throw new PlanError(`A temporal join needs an append-only left input, but it produces updates (${updatingOperator(left.plan)})`, { position });
  }
  const versioned = versionedTable(right.plan);
  if (!versioned) {
    throw new PlanError(
      `'${table}' is not a versioned table: it needs a PRIMARY KEY (…) NOT ENFORCED and an event-time attribute (a WATERMARK), or to be a deduplication keeping the last row per key on event time`,
      { position: temporal.position },
    );
  }
  const primaryKey = versioned.key;
  const missing = primaryKey.filter((k) => !input.rightKeys.includes(k));
  if (missing.length > 0) {
    const names = missing.map((k) => right.plan.schema.fields[k]!.name).join(', ');
    throw new PlanError(`The ON condition of a temporal join must equate the primary key of '${table}', but does not equate ${names}`, { position });
  }
  const padRight = joinType === 'left';
  const fields = [
    ...left.plan.schema.fields,
    ...right.plan.schema.fields.map((f) => ({ ...f, type: withoutRowtime(f.type), nullable: f.nullable || padRight })),
  ];
  const names = uniqueNames(fields.map((f) => f.name));
  const plan: JoinNode = {
    kind: 'join',
    left: left.plan,
    right: right.plan,
    joinType,
    leftKeys: input.leftKeys,
    rightKeys: input.rightKeys,
    residual: conjunction(input.conditions),
    interval: null,
    temporal: { leftTimeIndex, rightTimeIndex: versioned.timeIndex },
    schema: { fields: fields.map((f, i) => ({ ...f, name: names[i]! })) },
  };
  const leftWidth = left.plan.schema.fields.length;
  const columns = [
    ...left.scope.columns,
    ...right.scope.columns.map((c) => ({ ...c, index: c.index + leftWidth })),
  ].map((c) => ({ ...c, type: fields[c.index]!.type, nullable: fields[c.index]!.nullable }));
  return { plan, scope: { columns } };
}

/** A versioned table's primary key and version time, as columns of its plan. */
export interface VersionedTable {
  readonly key: readonly number[];
  readonly timeIndex: number;
}

/**
 * The primary key and version time of a versioned table: a scanned table's PRIMARY KEY and event-time attribute,
 * or the key and ORDER BY time of a keep-last-row deduplication on event time, followed through projections and
 * filters; undefined when `plan` is not one.
 */
export function versionedTable(plan: LogicalPlan): VersionedTable | undefined {
  switch (plan.kind) {
    case 'scan': {
      const timeIndex = plan.schema.fields.findIndex((f) => isRowtime(f.type));
      if (plan.table.primaryKey.length === 0 || timeIndex < 0) return undefined;
      return { key: plan.table.primaryKey.map((name) => plan.schema.fields.findIndex((f) => f.name === name)), timeIndex };
    }
    case 'deduplicate':
      return plan.keep === 'last-row' && plan.order === 'rowtime' ? { key: plan.keys, timeIndex: plan.timeIndex } : undefined;
    case 'filter':
      return versionedTable(plan.input);
    case 'project': {
      const below = versionedTable(plan.input);
      if (!below) return undefined;
      const position = (k: number): number => plan.exprs.findIndex((e) => e.kind === 'column' && e.index === k);
      const key = below.key.map(position);
      const timeIndex = position(below.timeIndex);
      return key.every((k) => k >= 0) && timeIndex >= 0 ? { key, timeIndex } : undefined;
    }
    default:
      return undefined;
  }
}
