/** Reporting a row a window aggregation drops as late: counted for its table and logged with the table's columns. */
import type { WindowAggregateSpec } from '../../dataflow/graph.js';
import type { TableMetrics } from '../metrics.js';
import type { OperatorContext } from '../operator.js';
import type { ColumnCache } from './column-cache.js';

export function reportLateRow(
  spec: Pick<WindowAggregateSpec, 'lateRow' | 'lateTable'>,
  tableMetrics: TableMetrics,
  input: ColumnCache,
  row: number,
  watermark: number,
  context: OperatorContext,
): void {
  tableMetrics.lateRecords++;
  const mapping = spec.lateRow ?? context.inputSchema.fields.map((_, c) => c);
  const values = mapping.map((c) => (c < 0 ? null : input.column(c)[row]!));
  context.reportDropped({ table: spec.lateTable, values, reason: 'late', watermark });
}
