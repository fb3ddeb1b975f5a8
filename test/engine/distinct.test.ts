/**
 * SELECT DISTINCT: insert-only over an append-only input (each distinct row once, when first seen), a changelog
 * over an updating input, a window aggregation over a window TVF, EXPLAIN, batch sizes, both state backends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change, Row } from '../../src/index.js';
import { bid, engineWithBids } from './helpers.js';

/** Bids with repeated items and prices. */
const BIDS = [
  bid('08:05', '4.00', 'C'),
  bid('08:07', '2.00', 'A'),
  bid('08:09', '4.00', 'C'),
  bid('08:11', '3.00', 'A'),
  bid('08:13', '2.00', 'A'),
  bid('08:17', '6.00', 'C'),
];

function strings(rows: readonly Row[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'null' : String(v))).join(' ')).sort();
}

function changeStrings(changes: readonly Change[]): string[] {
  return changes.map((c) => `${c.op} ${Object.values(c.row).map(String).join(' ')}`);
}

for (const batchSize of ['1', '4096']) {
  test(`SELECT DISTINCT over an append-only table is insert-only: each row once (batch size ${batchSize})`, async () => {
    const result = engineWithBids(BIDS, { config: { 'sluice.batch-size': batchSize } }).query('SELECT DISTINCT item, price FROM Bid');
    assert.equal(result.updating, false);
    const changes: Change[] = [];
    for await (const change of result) changes.push(change);
    assert.deepEqual(changeStrings(changes), ['+I C 4.00', '+I A 2.00', '+I A 3.00', '+I C 6.00'], 'in first-seen order');
  });
}

test('SELECT DISTINCT over an updating input retracts a row when its last copy goes', async () => {
  const result = engineWithBids(BIDS).query('SELECT DISTINCT n FROM (SELECT item, COUNT(*) AS n FROM Bid GROUP BY item)');
  assert.equal(result.updating, true);
  const changes: Change[] = [];
  for await (const change of result) changes.push(change);
  // C: 1, A: 1, C: 2, A: 2, A: 3, C: 3 — count 1 goes when both keys moved on, 2 likewise.
  assert.deepEqual(changeStrings(changes), ['+I 1', '+I 2', '-D 1', '+I 3', '-D 2']);
});

test('SELECT DISTINCT with expressions, WHERE, and inside a subquery with an aggregate over it', async () => {
  const engine = engineWithBids(BIDS);
  assert.deepEqual(strings(await engine.query("SELECT DISTINCT item || '!' AS u FROM Bid WHERE price > 2").toArray()), ['A!', 'C!']);
  const counted = await engine.query('SELECT COUNT(*) AS n FROM (SELECT DISTINCT item, price FROM Bid)').toArray();
  assert.deepEqual(counted.at(-1), { n: 4n });
});

test('SELECT DISTINCT over a window TVF becomes a window aggregation, emitted once per window', async () => {
  const engine = engineWithBids(BIDS);
  const sql = "SELECT DISTINCT window_start, window_end, item FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))";
  assert.match(engine.explain(sql), /WindowAggregate\(groupBy=\[item\]/);
  const result = engine.query(sql);
  assert.equal(result.updating, false);
  assert.deepEqual(strings(await result.toArray()), [
    '2020-04-15 08:00:00.000 2020-04-15 08:10:00.000 A',
    '2020-04-15 08:00:00.000 2020-04-15 08:10:00.000 C',
    '2020-04-15 08:10:00.000 2020-04-15 08:20:00.000 A',
    '2020-04-15 08:10:00.000 2020-04-15 08:20:00.000 C',
  ]);
});

test('EXPLAIN: a GroupAggregate over every column, insert-only on an append-only input', () => {
  const plan = engineWithBids(BIDS).explain('SELECT DISTINCT item FROM Bid');
  assert.match(plan, /GroupAggregate\(groupBy=\[item\], select=\[item\], changelog=\[\+I\]\)/);
  assert.match(plan, /append-only \(\+I\): item STRING/);
});

test('DISTINCT turns the time attribute into a plain TIMESTAMP(3) and writes to an append-only sink', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-distinct-'));
  try {
    const engine = engineWithBids(BIDS, { baseDirectory: directory, config: { 'state.backend': 'sqlite' } });
    const result = engine.query('SELECT DISTINCT bidtime, item FROM Bid');
    assert.deepEqual(result.columns.map((c) => c.type), ['TIMESTAMP(3)', 'STRING']);
    assert.equal((await result.toArray()).length, 6);
    await engine.execute("CREATE TABLE items (item STRING) WITH ('connector' = 'filesystem', 'path' = 'items', 'format' = 'csv')");
    assert.match(engine.explain('INSERT INTO items SELECT DISTINCT item FROM Bid'), /Sink\(table=\[items\]/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
