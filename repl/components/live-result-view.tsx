import { Box, Text } from 'ink';
import { formatTable } from '../../src/cli/format-table.js';
import { visibleRows } from '../state/output.js';
import type { ResultTable } from '../state/result-table.js';

/** The running query's result, redrawn in place as changes arrive. */
export function LiveResultView({ table }: { readonly table: ResultTable }) {
  const { rows, hidden } = visibleRows(table.rows());
  const lines = formatTable({ columns: table.columns, rows }).slice(0, -1);
  return (
    <Box flexDirection="column">
      {hidden > 0 ? <Text dimColor>{`... ${hidden} earlier rows not shown`}</Text> : null}
      <Text>{lines.join('\n')}</Text>
      <Text color="gray">{`Running: ${table.rowCount} rows, ${table.changes} changes. Ctrl-C to cancel.`}</Text>
    </Box>
  );
}
