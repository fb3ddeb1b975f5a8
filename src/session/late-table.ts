/**
 * The `<table>$late` system table: a bounded snapshot of the rows this Engine's jobs dropped from `<table>` as late
 * or too far in the future. Its columns are the table's columns (time attributes materialised, computed columns
 * as plain columns) followed by:
 *
 *   late_reason STRING        'late' | 'future'
 *   late_operator STRING      the operator that dropped it, e.g. 'WindowAggregate#5'
 *   late_watermark TIMESTAMP(3)  the watermark it was judged against (NULL before the first watermark)
 *   late_job STRING           the job's name
 *   late_at TIMESTAMP(3)      the wall-clock time it was dropped
 *
 * It is read through the in-process connector: the rows are taken from the log when a job that reads it starts.
 */
import { formatDecimal } from '../common/decimal.js';
import { STRING, TIMESTAMP3, withoutRowtime, type DataType } from '../common/types.js';
import type { Value } from '../common/values.js';
import type { CatalogColumn, CatalogTable, SystemTableProvider } from '../planner/index.js';
import type { LateRecordLog } from './late-record-log.js';

export const LATE_SUFFIX = 'late';

const LATE_COLUMNS: readonly CatalogColumn[] = [
  { name: 'late_reason', type: STRING, nullable: false, computed: null },
  { name: 'late_operator', type: STRING, nullable: false, computed: null },
  { name: 'late_watermark', type: TIMESTAMP3, nullable: true, computed: null },
  { name: 'late_job', type: STRING, nullable: false, computed: null },
  { name: 'late_at', type: TIMESTAMP3, nullable: false, computed: null },
];

export const lateTableProvider: SystemTableProvider = {
  suffix: LATE_SUFFIX,
  tableFor(base, name) {
    if (!base.watermark) return undefined;
    const columns: CatalogColumn[] = base.columns.map((c) => ({ name: c.name, type: withoutRowtime(c.type), nullable: true, computed: null }));
    return {
      kind: 'table',
      name,
      columns: [...columns, ...LATE_COLUMNS],
      watermark: null,
      primaryKey: [],
      options: { connector: 'in-process' },
      position: base.position,
    };
  },
  missingReason(base) {
    return `table '${base.name}' has no WATERMARK, so none of its records can be late`;
  },
};


/** The rows of `<base>$late` as the in-process connector reads them (objects keyed by column name). */
export function lateTableRows(log: LateRecordLog, base: CatalogTable): object[] {
  const columns = base.columns.map((c) => ({ name: c.name, type: withoutRowtime(c.type) }));
  return log.snapshot(base.name).map((record) => {
    const row: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      row[column.name] = inProcessValue(record.values[i] ?? null, column.type);
    });
    row['late_reason'] = record.reason;
    row['late_operator'] = record.operator;
    row['late_watermark'] = Number.isFinite(record.watermark) ? record.watermark : null;
    row['late_job'] = record.job;
    row['late_at'] = record.at;
    return row;
  });
}

/** A runtime value as the in-process connector accepts it (DECIMAL as exact text; the rest as they are). */
function inProcessValue(value: Value, type: DataType): unknown {
  if (value === null) return null;
  if (type.kind === 'DECIMAL' && typeof value === 'bigint') return formatDecimal(value, type.scale);
  return value;
}
