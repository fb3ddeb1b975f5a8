/**
 * Lookup joins (Flink's processing-time temporal join against a lookup table): `FROM orders AS o [LEFT] JOIN
 * customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id [AND …]`, where `proc_time` is a
 * PROCTIME() attribute of the left input and `customers` a table whose connector can be looked up (sqlite). The
 * lookup keys are the ON conjuncts `c.col = <expression over the left row>` (a column, a computation, or a constant
 * such as `c.status = 'active'`); every other conjunct is a residual filter on the joined row. Each left row joins
 * the lookup table's rows as they are when it is processed; row kinds pass through (an updating left input gives an
 * updating output, as in Flink). Output: left columns (time attributes kept), then the lookup table's columns.
 */
import { NotImplementedError, PlanError, type SourcePosition } from '../../common/errors.js';
import { sameType, withoutRowtime } from '../../common/types.js';
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import type { ConnectorDescriptor, LookupKey } from '../../dataflow/graph.js';
import { coerce } from '../binder/expressions.js';
import { commonType } from '../binder/coercion.js';
import type { Catalog } from '../catalog.js';
import type { LookupJoinNode } from '../logical/plan.js';
import { referencedColumns } from '../rules/expr-utils.js';
import { uniqueNames, type PlannedRelation } from './context.js';
import { conjunction } from './regular-join.js';

export interface LookupJoinInput {
  readonly joinType: 'inner' | 'left';
  readonly left: PlannedRelation;
  readonly right: PlannedRelation;
  /** The lookup table's name as written, and where (for errors). */
  readonly tableName: string;
  readonly tablePosition: SourcePosition;
  /** Column equalities `left column = right column` (same type) of the ON condition. */
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  /** The other ON conjuncts, over the joined row. */
  readonly conditions: readonly Expr[];
  readonly catalog: Catalog;
  readonly position: SourcePosition;
}

/** Plans a lookup join (see the module comment); errors name what is missing and where. */
export function planLookupJoin(input: LookupJoinInput): PlannedRelation {
  const { joinType, left, right, tableName, tablePosition, position } = input;
  const descriptor = lookupDescriptor(right, tableName, tablePosition);
  const cache = input.catalog.lookupCache(descriptor);
  if (cache === undefined) {
    throw new PlanError(
      `Table '${descriptor.table}' (connector '${descriptor.connector}') cannot be looked up: a processing-time temporal join (FOR SYSTEM_TIME AS OF a PROCTIME() attribute) needs a lookup table, such as a table with 'connector' = 'sqlite'`,
      { position: tablePosition },
    );
  }
  const leftWidth = left.plan.schema.fields.length;
  const { keys, residual } = lookupKeys(input, leftWidth);
  if (keys.length === 0) {
    throw new PlanError(`Temporal table join requires an equality condition on fields of table '${descriptor.table}'`, { position });
  }
  const padRight = joinType === 'left';
  const fields = [
    ...left.plan.schema.fields,
    ...right.plan.schema.fields.map((f) => ({ ...f, type: withoutRowtime(f.type), nullable: f.nullable || padRight })),
  ];
  const names = uniqueNames(fields.map((f) => f.name));
  const plan: LookupJoinNode = {
    kind: 'lookup-join',
    input: left.plan,
    joinType,
    table: descriptor,
    keys,
    residual: conjunction(residual),
    cache,
    schema: { fields: fields.map((f, i) => ({ ...f, name: names[i]! })) },
  };
  const columns = [
    ...left.scope.columns,
    ...right.scope.columns.map((c) => ({ ...c, index: c.index + leftWidth })),
  ].map((c) => ({ ...c, type: fields[c.index]!.type, nullable: fields[c.index]!.nullable }));
  return { plan, scope: { columns } };
}

/** The lookup table as a connector descriptor: the right side must be a table itself, with physical columns only. */
function lookupDescriptor(right: PlannedRelation, tableName: string, position: SourcePosition): ConnectorDescriptor {
  if (right.plan.kind !== 'scan') {
    throw new PlanError(`A processing-time temporal join needs a lookup table on its right side, but '${tableName}' is a view or a query`, { position });
  }
  const table = right.plan.table;
  const derived = table.columns.find((c) => c.computed !== null || c.metadata !== undefined);
  if (derived) {
    throw new NotImplementedError(`Lookup table '${table.name}' has a ${derived.computed ? 'computed' : 'METADATA'} column ('${derived.name}'); lookup tables with such columns are not supported yet`, { position });
  }
  return {
    table: table.name,
    connector: table.options['connector'] ?? '',
    options: table.options,
    schema: { fields: table.columns.map((c) => ({ name: c.name, type: withoutRowtime(c.type), nullable: c.nullable })) },
    ...(table.primaryKey.length > 0 ? { primaryKey: table.primaryKey } : {}),
  };
}

/**
 * The lookup keys: the column equalities, then conjuncts `right column = expression` whose expression reads only
 * left columns (or none) and has, or widens to, the column's type. A column is a key once; the rest is residual.
 */
function lookupKeys(input: LookupJoinInput, leftWidth: number): { keys: LookupKey[]; residual: Expr[] } {
  const keys: LookupKey[] = [];
  const used = new Set<number>();
  input.leftKeys.forEach((l, i) => {
    const column = input.rightKeys[i]!;
    if (used.has(column)) return;
    used.add(column);
    keys.push({ column, probe: columnExpr(l, withoutRowtime(input.left.plan.schema.fields[l]!.type)) });
  });
  const residual: Expr[] = [];
  for (const condition of input.conditions) {
    const key = lookupKeyOf(condition, leftWidth);
    if (key && !used.has(key.column)) {
      used.add(key.column);
      keys.push(key);
    } else {
      residual.push(condition);
    }
  }
  return { keys, residual };
}

function lookupKeyOf(condition: Expr, leftWidth: number): LookupKey | undefined {
  if (condition.kind !== 'call' || condition.op !== 'equal') return undefined;
  const [a, b] = condition.args;
  if (!a || !b) return undefined;
  for (const [column, other] of [[a, b], [b, a]] as const) {
    if (column.kind !== 'column' || column.index < leftWidth) continue;
    if ([...referencedColumns(other)].some((i) => i >= leftWidth)) continue;
    const target = withoutRowtime(column.type);
    const widened = commonType(other.type, target);
    if (!widened || !sameType(widened, target) || other.type.kind === 'NULL') continue;
    // Left columns have the same indexes in the left row as in the joined row: `other` is over the probe row.
    return { column: column.index - leftWidth, probe: coerce(other, target) };
  }
  return undefined;
}
