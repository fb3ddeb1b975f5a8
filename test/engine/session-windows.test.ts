/**
 * SESSION windows through the embedded API: the four queries of Flink's SESSION window TVF documentation over its
 * Bid-S table (rows out of time order), the lateness rule of Flink's merging window operator, and the planner's
 * GROUP BY rule for partitioned sessions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotImplementedError } from '../../src/common/errors.js';
import { bid, engineWithBids, rowStrings, type Bid } from './helpers.js';

/** Bid-S of the Flink docs (../shared/reference/flink-docs/_BID_TABLES.md), in its documented arrival order. */
const BID_S: readonly Bid[] = [bid('08:07', '4.00', 'A'), bid('08:06', '2.00', 'A'), bid('08:09', '5.00', 'B'), bid('08:08', '3.00', 'A'), bid('08:17', '1.00', 'B')];

const session = (partition: string) => `TABLE(SESSION(TABLE Bid${partition}, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))`;
const at = (time: string) => `2020-04-15 ${time}`;

async function lateRecords(result: { done(): Promise<{ tables: readonly { table: string; lateRecords: number }[] }> }): Promise<number | undefined> {
  return (await result.done()).tables.find((t) => t.table === 'Bid')?.lateRecords;
}

for (const batchSize of ['1', '4096']) {
  const options = { config: { 'sluice.batch-size': batchSize } };

  test(`Query 1: session rows partitioned by item, in the documented order (batch size ${batchSize})`, async () => {
    const result = engineWithBids(BID_S, options).query(`SELECT * FROM ${session(' PARTITION BY item')}`);
    assert.deepEqual(result.columns.map((c) => c.name), ['bidtime', 'price', 'item', 'window_start', 'window_end', 'window_time']);
    assert.deepEqual(rowStringsInOrder(await result.toArray()), [
      `${at('08:07:00.000')},4.00,A,${at('08:06:00.000')},${at('08:13:00.000')},${at('08:12:59.999')}`,
      `${at('08:06:00.000')},2.00,A,${at('08:06:00.000')},${at('08:13:00.000')},${at('08:12:59.999')}`,
      `${at('08:08:00.000')},3.00,A,${at('08:06:00.000')},${at('08:13:00.000')},${at('08:12:59.999')}`,
      `${at('08:09:00.000')},5.00,B,${at('08:09:00.000')},${at('08:14:00.000')},${at('08:13:59.999')}`,
      `${at('08:17:00.000')},1.00,B,${at('08:17:00.000')},${at('08:22:00.000')},${at('08:21:59.999')}`,
    ]);
    assert.equal(await lateRecords(result), 0);
  });

  test(`Query 2: SUM per partitioned session (batch size ${batchSize})`, async () => {
    const result = engineWithBids(BID_S, options).query(`SELECT window_start, window_end, item, SUM(price) AS total_price
      FROM ${session(' PARTITION BY item')} GROUP BY item, window_start, window_end`);
    assert.equal(result.updating, false);
    assert.deepEqual(await result.toArray(), [
      { window_start: at('08:06:00.000'), window_end: at('08:13:00.000'), item: 'A', total_price: '9.00' },
      { window_start: at('08:09:00.000'), window_end: at('08:14:00.000'), item: 'B', total_price: '5.00' },
      { window_start: at('08:17:00.000'), window_end: at('08:22:00.000'), item: 'B', total_price: '1.00' },
    ]);
  });

  test(`Query 3: session rows without partition keys (batch size ${batchSize})`, async () => {
    const result = engineWithBids(BID_S, options).query(`SELECT * FROM ${session('')}`);
    // The docs list the first session's rows as 08:07, 08:06, 08:08, 08:09; rows of one session come out together,
    // in the order they were buffered, so only the set of rows is compared.
    assert.deepEqual(rowStrings(await result.toArray()), [
      `${at('08:06:00.000')},2.00,A,${at('08:06:00.000')},${at('08:14:00.000')},${at('08:13:59.999')}`,
      `${at('08:07:00.000')},4.00,A,${at('08:06:00.000')},${at('08:14:00.000')},${at('08:13:59.999')}`,
      `${at('08:08:00.000')},3.00,A,${at('08:06:00.000')},${at('08:14:00.000')},${at('08:13:59.999')}`,
      `${at('08:09:00.000')},5.00,B,${at('08:06:00.000')},${at('08:14:00.000')},${at('08:13:59.999')}`,
      `${at('08:17:00.000')},1.00,B,${at('08:17:00.000')},${at('08:22:00.000')},${at('08:21:59.999')}`,
    ]);
  });

  test(`Query 4: SUM per session without partition keys (batch size ${batchSize})`, async () => {
    const result = engineWithBids(BID_S, options).query(`SELECT window_start, window_end, SUM(price) AS total_price
      FROM ${session('')} GROUP BY window_start, window_end`);
    assert.deepEqual(await result.toArray(), [
      { window_start: at('08:06:00.000'), window_end: at('08:14:00.000'), total_price: '14.00' },
      { window_start: at('08:17:00.000'), window_end: at('08:22:00.000'), total_price: '1.00' },
    ]);
  });
}

function rowStringsInOrder(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'null' : String(v))).join(','));
}

test('Query 2 and Query 1 through the SQLite state backend', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-session-'));
  try {
    const options = { config: { 'state.backend': 'sqlite', 'state.dir': dir, 'sluice.batch-size': '2' } };
    const sums = engineWithBids(BID_S, options).query(`SELECT item, window_start, SUM(price) AS total
      FROM ${session(' PARTITION BY item')} GROUP BY item, window_start, window_end`);
    assert.deepEqual(rowStrings(await sums.toArray()), [`A,${at('08:06:00.000')},9.00`, `B,${at('08:09:00.000')},5.00`, `B,${at('08:17:00.000')},1.00`]);
    const rows = engineWithBids(BID_S, options).query(`SELECT bidtime, window_end FROM ${session(' PARTITION BY item')}`);
    assert.equal((await rows.toArray()).length, 5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a record whose merged session has fired is late: dropped and counted', async () => {
  // 08:20 moves the watermark to 08:19:59, so A's session [08:00, 08:05) has fired; 08:01 opens [08:01, 08:06),
  // which has fired too and merges with no open session.
  const rows = [bid('08:00', '1.00', 'A'), bid('08:20', '2.00', 'A'), bid('08:01', '4.00', 'A')];
  for (const sql of [
    `SELECT window_start, window_end, SUM(price) AS total FROM ${session(' PARTITION BY item')} GROUP BY item, window_start, window_end`,
    `SELECT window_start, window_end, price FROM ${session(' PARTITION BY item')}`,
  ]) {
    const result = engineWithBids(rows).query(sql);
    assert.deepEqual(rowStrings(await result.toArray()), [
      `${at('08:00:00.000')},${at('08:05:00.000')},1.00`,
      `${at('08:20:00.000')},${at('08:25:00.000')},2.00`,
    ]);
    assert.equal(await lateRecords(result), 1);
  }
});

test('a record whose own window has fired still joins an open session it touches', async () => {
  // After 08:12 the watermark is 08:11:59: [08:06, 08:11) alone has fired, but it touches the open session
  // [08:10, 08:17), so 08:06 joins it and moves its start back.
  const rows = [bid('08:10', '1.00', 'A'), bid('08:12', '2.00', 'A'), bid('08:06', '4.00', 'A')];
  const result = engineWithBids(rows).query(`SELECT window_start, window_end, SUM(price) AS total
    FROM ${session(' PARTITION BY item')} GROUP BY item, window_start, window_end`);
  assert.deepEqual(rowStrings(await result.toArray()), [`${at('08:06:00.000')},${at('08:17:00.000')},7.00`]);
  assert.equal(await lateRecords(result), 0);
});

for (const batchSize of ['1', '100']) {
  test(`a session that has fired for a record is not merged with it, even within one batch (batch size ${batchSize})`, async () => {
    // After 08:08 the watermark is 08:07:59: [08:00, 08:05) has fired. 08:05 touches it, but joins only the open
    // session [08:08, 08:13), whatever the batch boundaries (the Watermark message that emits [08:00, 08:05)
    // follows the batch).
    const rows = [bid('08:00', '1.00', 'A'), bid('08:08', '2.00', 'A'), bid('08:05', '4.00', 'A')];
    const result = engineWithBids(rows, { config: { 'sluice.batch-size': batchSize } }, "INTERVAL '3' MINUTE")
      .query(`SELECT window_start, window_end, SUM(price) AS total FROM ${session(' PARTITION BY item')} GROUP BY item, window_start, window_end`);
    assert.deepEqual(rowStrings(await result.toArray()), [
      `${at('08:00:00.000')},${at('08:05:00.000')},1.00`,
      `${at('08:05:00.000')},${at('08:13:00.000')},6.00`,
    ]);
  });
}

test('a record exactly gap after the previous one joins its session', async () => {
  const rows = [bid('08:00', '1.00', 'A'), bid('08:05', '2.00', 'A'), bid('08:11', '4.00', 'A')];
  const result = engineWithBids(rows).query(`SELECT window_start, window_end, COUNT(*) AS n FROM ${session('')} GROUP BY window_start, window_end`);
  assert.deepEqual(rowStrings(await result.toArray()), [`${at('08:00:00.000')},${at('08:10:00.000')},2`, `${at('08:11:00.000')},${at('08:16:00.000')},1`]);
});

test('without PARTITION BY, sessions span the stream and rows aggregate per GROUP BY key within each session', async () => {
  const result = engineWithBids(BID_S).query(`SELECT item, window_start, window_end, SUM(price) AS total
    FROM ${session('')} GROUP BY item, window_start, window_end`);
  assert.deepEqual(rowStrings(await result.toArray()), [
    `A,${at('08:06:00.000')},${at('08:14:00.000')},9.00`,
    `B,${at('08:06:00.000')},${at('08:14:00.000')},5.00`,
    `B,${at('08:17:00.000')},${at('08:22:00.000')},1.00`,
  ]);
});

test('a session aggregation must GROUP BY its PARTITION BY columns (NotImplementedError at the SESSION call)', () => {
  const engine = engineWithBids(BID_S);
  assert.throws(
    () => engine.query(`SELECT window_start, window_end, SUM(price) FROM TABLE(SESSION(TABLE Bid PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))
      GROUP BY window_start, window_end`),
    (error: unknown) => {
      assert.ok(error instanceof NotImplementedError);
      assert.match(error.message, /must GROUP BY every PARTITION BY column, but 'item' is not a GROUP BY key at 1:56/);
      return true;
    },
  );
});

test('window_time of a session aggregation is a time attribute: a TUMBLE can cascade on it', async () => {
  const engine = engineWithBids(BID_S);
  await engine.execute(`CREATE VIEW sessions AS SELECT item, window_time AS wt, SUM(price) AS total
    FROM ${session(' PARTITION BY item')} GROUP BY item, window_start, window_end, window_time`);
  const result = engine.query(`SELECT window_start, window_end, SUM(total) AS total
    FROM TABLE(TUMBLE(TABLE sessions, DESCRIPTOR(wt), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end`);
  assert.deepEqual(rowStrings(await result.toArray()), [`${at('08:10:00.000')},${at('08:20:00.000')},14.00`, `${at('08:20:00.000')},${at('08:30:00.000')},1.00`]);
});
