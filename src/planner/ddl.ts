/** CREATE TABLE / CREATE VIEW → catalog entries, validated: types, computed columns, the watermark. */
import { NotImplementedError, PlanError } from '../common/errors.js';
import { isProctime, isRowtime, formatType, type DataType } from '../common/types.js';
import type { CreateTable } from '../parser/ast.js';
import { formatExpr } from '../dataflow/display.js';
import { bindExpression, resolveType } from './binder/expressions.js';
import type { Scope, ScopeColumn } from './binder/scope.js';
import type { CatalogColumn, CatalogTable, WatermarkDeclaration } from './catalog.js';
import { elementText } from './source-text.js';

/** Column types a partition directory name can hold (`dt=2024-01-01`), as text Flink and Hive read back. */
const PARTITION_KINDS: ReadonlySet<DataType['kind']> = new Set(['STRING', 'TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'BOOLEAN', 'DECIMAL', 'DATE']);

export function tableFromDdl(ddl: CreateTable): CatalogTable {
  const seen = new Set<string>();
  for (const column of ddl.columns) {
    const key = column.name.name.toLowerCase();
    if (seen.has(key)) throw new PlanError(`Duplicate column '${column.name.name}'`, { position: column.name.position });
    seen.add(key);
  }
  const physical: CatalogColumn[] = [];
  for (const column of ddl.columns) {
    if (column.kind !== 'physical-column') continue;
    const metadata = column.metadata ? { metadata: { key: column.metadata.key ?? column.name.name, virtual: column.metadata.virtual } } : {};
    physical.push({ name: column.name.name, type: resolveType(column.type), nullable: !column.type.notNull, computed: null, ...metadata });
  }
  const physicalScope = scopeOf(ddl.name.name, physical);
  const columns: CatalogColumn[] = [];
  for (const column of ddl.columns) {
    if (column.kind === 'physical-column') {
      columns.push(physical.find((p) => p.name === column.name.name)!);
    } else {
      const bound = bindExpression(column.expr, physicalScope, { clause: 'a computed column' });
      const sql = elementText(ddl, column.expr.position);
      // PROCTIME() is never NULL: Flink's DESCRIBE shows it as TIMESTAMP_LTZ(3) NOT NULL *PROCTIME*.
      const nullable = !isProctime(bound.type);
      columns.push({ name: column.name.name, type: bound.type, nullable, computed: column.expr, ...(sql ? { computedSql: sql } : {}) });
    }
  }
  let watermark: WatermarkDeclaration | null = null;
  if (ddl.watermark) {
    const { column: columnId, expr, position } = ddl.watermark;
    const index = columns.findIndex((c) => c.name === columnId.name);
    const fallback = index >= 0 ? index : columns.findIndex((c) => c.name.toLowerCase() === columnId.name.toLowerCase());
    if (fallback < 0) throw new PlanError(`Unknown column '${columnId.name}' in WATERMARK FOR`, { position: columnId.position });
    const target = columns[fallback]!;
    // A rowtime is a TIMESTAMP(p) or, as in Flink, a TIMESTAMP_LTZ(p) (an instant; windows align in the session zone).
    const kind = target.type.kind;
    if (kind !== 'TIMESTAMP' && kind !== 'TIMESTAMP_LTZ') {
      throw new PlanError(`Invalid data type of time field for watermark definition. The field '${target.name}' must be of type TIMESTAMP(3) or TIMESTAMP_LTZ(3), but is ${formatType(target.type)}`, { position: columnId.position });
    }
    // Event time is kept in milliseconds, as in Flink: a rowtime of precision 4–9 is refused, with Flink's rule.
    if (target.type.precision > 3) {
      throw new PlanError(`Invalid data type of time field for watermark definition. The field '${target.name}' must be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but is ${formatType(target.type)}`, { position });
    }
    const scope = scopeOf(ddl.name.name, columns);
    const bound = bindExpression(expr, scope, { clause: 'a WATERMARK expression' });
    if (bound.type.kind !== kind) {
      const wanted = kind === 'TIMESTAMP' ? 'TIMESTAMP(3)' : 'TIMESTAMP_LTZ(3), as its rowtime column';
      throw new PlanError(`Watermark expression must return ${wanted}, but returns ${formatType(bound.type)}`, { position: expr.position ?? position });
    }
    columns[fallback] = { ...target, type: { kind, precision: target.type.precision, rowtime: true } };
    const sql = elementText(ddl, expr.position);
    watermark = { column: target.name, expression: expr, text: formatExpr(bound, columns.map((c) => c.name)), ...(sql ? { sql } : {}) };
  }
  const options: Record<string, string> = {};
  for (const option of ddl.options) {
    if (option.key in options) throw new PlanError(`Duplicate option '${option.key}'`, { position: option.position });
    options[option.key] = option.value;
  }
  if (!('connector' in options)) {
    throw new PlanError(`Table '${ddl.name.name}' needs a 'connector' option, e.g. WITH ('connector' = 'filesystem', 'path' = '…', 'format' = 'json')`, { position: ddl.name.position });
  }
  const primaryKey = ddl.primaryKey.map((id) => {
    const column = columns.find((c) => c.name.toLowerCase() === id.name.toLowerCase());
    if (!column) throw new PlanError(`Unknown column '${id.name}' in PRIMARY KEY`, { position: id.position });
    return column.name;
  });
  const partitionKeys = (ddl.partitionedBy ?? []).map((id) => {
    const column = columns.find((c) => c.name.toLowerCase() === id.name.toLowerCase());
    if (!column || column.computed !== null) throw new PlanError(`PARTITIONED BY names '${id.name}', which is not a physical column of '${ddl.name.name}'`, { position: id.position });
    if (options['connector'] !== 'filesystem') {
      throw new NotImplementedError(`PARTITIONED BY is supported by the filesystem connector only, not '${options['connector']}'`, { position: id.position });
    }
    if (!PARTITION_KINDS.has(column.type.kind)) {
      throw new NotImplementedError(`A partition column of type ${formatType(column.type)} is not supported yet: use STRING, an integer type, BOOLEAN, DECIMAL or DATE`, { position: id.position });
    }
    return column.name;
  });
  if (new Set(partitionKeys).size < partitionKeys.length) throw new PlanError('PARTITIONED BY names a column twice', { position: ddl.partitionedBy![0]!.position });
  if (partitionKeys.length > 0 && partitionKeys.length === columns.filter((c) => c.computed === null).length) {
    throw new PlanError('A partitioned table needs a column that is not a partition column (the files hold those)', { position: ddl.partitionedBy![0]!.position });
  }
  return {
    kind: 'table', name: ddl.name.name, columns, watermark, primaryKey, ...(partitionKeys.length > 0 ? { partitionKeys } : {}), options, position: ddl.position,
  };
}

export function scopeOf(qualifier: string, columns: readonly { name: string; type: DataType; nullable: boolean }[]): Scope {
  const scopeColumns: ScopeColumn[] = columns.map((c, index) => ({ name: c.name, qualifier, type: c.type, nullable: c.nullable, index }));
  return { columns: scopeColumns };
}

export function rowtimeColumn(table: CatalogTable): number {
  return table.columns.findIndex((c) => isRowtime(c.type));
}
