/**
 * `VALUES (1, 'a'), (2, 'b')` → a scan of a constant table. Each row's expressions are bound without columns (they
 * may only use literals and functions of them) and evaluated once now, to catch errors early and learn which
 * columns hold NULLs; the source evaluates them again when the job runs, after the session time zone is stamped
 * into their TIMESTAMP_LTZ casts. Each column gets the common type of its rows
 * (as UNION ALL does), its values converted to it. The columns are named `EXPR$0`, `EXPR$1`, … as in Flink, unless
 * the FROM item renames them (`AS t (id, name)`). The scan reads a bounded, append-only source of the rows, without
 * a watermark. A SELECT without FROM reads a one-row VALUES table.
 */
import { PlanError } from '../../common/errors.js';
import { formatType, withoutRowtime, type DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import type { Expr } from '../../dataflow/expr.js';
import { VALUES_CONNECTOR } from '../../dataflow/graph.js';
import type { ValuesTable } from '../../parser/ast.js';
import { compileExpr } from '../../runtime/expr/evaluate.js';
import { bindExpression, coerce, commonType } from '../binder/expressions.js';
import type { CatalogTable } from '../catalog.js';
import type { ScanNode } from '../logical/plan.js';
import { scopeForPlan, type PlannedRelation } from './context.js';


export function planValues(item: ValuesTable, qualifier: string | null): PlannedRelation {
  const width = item.rows[0]?.length ?? 0;
  const bound = item.rows.map((row) => {
    if (row.length !== width) {
      throw new PlanError(`Each row of VALUES must have the same number of values: the first has ${width}, this one ${row.length}`, {
        position: row[0]?.position ?? item.position,
      });
    }
    return row.map((value) => bindExpression(value, { columns: [] }, { clause: 'VALUES' }));
  });
  const types = Array.from({ length: width }, (_, column) => columnType(bound, column, item));
  const values = bound.map((row) => row.map((expr, column) => coerce(expr, types[column]!)));
  const evaluated = values.map((row) => row.map((expr) => constant(expr, item)));
  const table: CatalogTable = {
    kind: 'table',
    name: `VALUES(${item.position.line}:${item.position.column})`,
    columns: types.map((type, i) => ({ name: `EXPR$${i}`, type, nullable: evaluated.some((row) => row[i] === null), computed: null })),
    watermark: null,
    primaryKey: [],
    options: { connector: VALUES_CONNECTOR },
    position: item.position,
    values,
  };
  const schema = { fields: table.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })) };
  const plan: ScanNode = { kind: 'scan', table, schema };
  return { plan, scope: scopeForPlan(plan, qualifier) };
}

function columnType(rows: readonly (readonly Expr[])[], column: number, item: ValuesTable): DataType {
  let type: DataType = withoutRowtime(rows[0]![column]!.type);
  for (const row of rows.slice(1)) {
    const next = commonType(type, row[column]!.type);
    if (next === undefined) {
      throw new PlanError(`Column ${column + 1} of VALUES has values of types ${formatType(type)} and ${formatType(row[column]!.type)}, which have no common type`, {
        position: item.position,
      });
    }
    type = next;
  }
  if (type.kind === 'NULL') {
    throw new PlanError(`Column ${column + 1} of VALUES holds only NULLs: give it a type, e.g. CAST(NULL AS INT)`, { position: item.position });
  }
  return type;
}

/** The value of a constant expression; a reference to a column cannot occur (no scope). */
function constant(expr: Expr, item: ValuesTable): Value {
  if (expr.kind === 'literal') return expr.value;
  try {
    return compileExpr(expr)(() => [], 1)[0] ?? null;
  } catch (error) {
    throw new PlanError(`A value of VALUES cannot be computed: ${error instanceof Error ? error.message : String(error)}`, { position: item.position });
  }
}
