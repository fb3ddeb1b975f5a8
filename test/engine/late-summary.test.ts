/** The job summary names the operators that dropped records, with their watermark. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJobSummary } from '../../src/cli/format-summary.js';
import { bid, engineWithBids, TUMBLE_SUM } from './helpers.js';

test('the CLI summary has a [WARN] line per operator that dropped records, pointing at the late table', async () => {
  const engine = engineWithBids([bid('08:07', '2.00', 'A'), bid('08:11', '3.00', 'B'), bid('08:05', '4.00', 'C')]);
  const result = engine.query(TUMBLE_SUM);
  await result.toArray();
  const summary = await result.done();
  const operator = summary.operators?.find((o) => o.lateRecords > 0);
  assert.ok(operator);
  assert.equal(operator.watermark, 'end of input');
  assert.ok(operator.recordsIn >= 3);
  const lines = formatJobSummary(summary);
  assert.ok(lines.includes('[WARN] Bid: 1 late record dropped (arrived after their windows fired)'));
  assert.ok(lines.includes(`[WARN]   ${operator.name} dropped 1 late record (watermark end of input); see \`Bid$late\``), lines.join('\n'));
});

test('operators that dropped nothing get no warning', () => {
  const lines = formatJobSummary({
    jobName: 'j', status: 'finished', elapsedMs: 5, recordsIn: 1,
    tables: [{ table: 't', recordsRead: 1, recordsWritten: 0, lateRecords: 0, malformedRecords: 0, nullRowtimeRecords: 0, futureRecords: 2 }],
    operators: [
      { name: 'Calc#2', recordsIn: 1, recordsOut: 1, lateRecords: 0, futureRecords: 0, watermark: null },
      { name: 'WatermarkAssigner#3', recordsIn: 3, recordsOut: 1, lateRecords: 0, futureRecords: 2, watermark: '2020-04-15 08:00:00.000' },
    ],
  });
  assert.deepEqual(lines.slice(1), [
    '[INFO]   t: 1 read',
    "[WARN] t: 2 records dropped as too far in the future ('table.exec.watermark.max-future-skew')",
    '[WARN]   WatermarkAssigner#3 dropped 2 records too far in the future (watermark 2020-04-15 08:00:00.000); see `t$late`',
  ]);
});
