/**
 * Window joins end to end: Flink's documented LeftTable / RightTable example with every join type, extra keys and
 * a residual condition, window aggregations as inputs, late rows, batch-size determinism and file sources.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineOptions, type JobHandle, type Row } from '../../src/index.js';

type Entry = readonly [time: string, num: number | null, id: string];

/** LeftTable and RightTable of Flink's window join documentation, in time order (see the late-row test). */
const LEFT: readonly Entry[] = [['12:02', 1, 'L1'], ['12:03', 3, 'L3'], ['12:06', 2, 'L2']];
const RIGHT: readonly Entry[] = [['12:01', 2, 'R2'], ['12:04', 3, 'R3'], ['12:05', 4, 'R4']];

function table(entries: readonly Entry[]) {
  return {
    columns: [{ name: 'row_time', type: 'TIMESTAMP(3)' }, { name: 'num', type: 'INT' }, { name: 'id', type: 'STRING' }],
    rows: entries.map(([time, num, id]) => ({ row_time: `2020-04-15 ${time}:00`, num, id })),
    watermark: { column: 'row_time', expression: "row_time - INTERVAL '1' SECOND" },
  };
}

function engineWith(left: readonly Entry[], right: readonly Entry[], options: EngineOptions = {}): Engine {
  const engine = new Engine({ printLine: () => {}, ...options });
  engine.registerTable('LeftTable', table(left));
  engine.registerTable('RightTable', table(right));
  return engine;
}

const tumble = (name: string) => `(SELECT * FROM TABLE(TUMBLE(TABLE ${name}, DESCRIPTOR(row_time), INTERVAL '5' MINUTES)))`;

function joinQuery(joinType: string, extra = ''): string {
  return `SELECT L.num AS L_Num, L.id AS L_Id, R.num AS R_Num, R.id AS R_Id,
      COALESCE(L.window_start, R.window_start) AS window_start, COALESCE(L.window_end, R.window_end) AS window_end
    FROM ${tumble('LeftTable')} L ${joinType} JOIN ${tumble('RightTable')} R
    ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end${extra}`;
}

/** Rows as `L_Num L_Id R_Num R_Id start-end` with times shortened to HH:mm. */
function compact(rows: readonly Row[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? '-' : String(v).replace(/^2020-04-15 (\d\d:\d\d):00\.000$/, '$1'))).join(' '));
}

const FULL = ['1 L1 - - 12:00 12:05', '3 L3 3 R3 12:00 12:05', '- - 2 R2 12:00 12:05', '2 L2 - - 12:05 12:10', '- - 4 R4 12:05 12:10'];
const EXPECTED: Record<string, string[]> = {
  INNER: ['3 L3 3 R3 12:00 12:05'],
  LEFT: ['1 L1 - - 12:00 12:05', '3 L3 3 R3 12:00 12:05', '2 L2 - - 12:05 12:10'],
  RIGHT: ['3 L3 3 R3 12:00 12:05', '- - 2 R2 12:00 12:05', '- - 4 R4 12:05 12:10'],
  FULL,
  'FULL OUTER': FULL,
};

for (const [joinType, expected] of Object.entries(EXPECTED)) {
  test(`${joinType} window join of the documented tables`, async () => {
    const result = engineWith(LEFT, RIGHT).query(joinQuery(joinType));
    assert.equal(result.updating, false);
    assert.deepEqual(compact(await result.toArray()), expected, 'rows in window order, left arrival order, then unmatched right rows');
  });
}

test('the output keeps both sides’ window columns as plain TIMESTAMP(3), nullable on a padded side', async () => {
  const result = engineWith(LEFT, RIGHT).query(`SELECT * FROM ${tumble('LeftTable')} L LEFT JOIN ${tumble('RightTable')} R
    ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end`);
  assert.deepEqual(result.columns.map((c) => `${c.name} ${c.type}`), [
    'row_time TIMESTAMP(3)', 'num INT', 'id STRING', 'window_start TIMESTAMP(3)', 'window_end TIMESTAMP(3)', 'window_time TIMESTAMP(3)',
    'row_time0 TIMESTAMP(3)', 'num0 INT', 'id0 STRING', 'window_start0 TIMESTAMP(3)', 'window_end0 TIMESTAMP(3)', 'window_time0 TIMESTAMP(3)',
  ]);
  const rows = await result.toArray();
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[1], {
    row_time: '2020-04-15 12:03:00.000', num: 3, id: 'L3', window_start: '2020-04-15 12:00:00.000', window_end: '2020-04-15 12:05:00.000',
    window_time: '2020-04-15 12:04:59.999', row_time0: '2020-04-15 12:04:00.000', num0: 3, id0: 'R3', window_start0: '2020-04-15 12:00:00.000',
    window_end0: '2020-04-15 12:05:00.000', window_time0: '2020-04-15 12:04:59.999',
  });
});

test('extra key equalities and a residual condition (part of the match, so outer rows are padded)', async () => {
  const left: Entry[] = [['12:01', 1, 'a'], ['12:02', 1, 'b'], ['12:03', 2, 'a'], ['12:04', null, 'a']];
  const right: Entry[] = [['12:00', 1, 'a'], ['12:03', 1, 'b'], ['12:03', 2, 'b'], ['12:04', null, 'a']];
  // Keys: num and id; residual: the right row is not later than the left one.
  const sql = joinQuery('FULL', ' AND L.id = R.id AND R.row_time <= L.row_time');
  const rows = compact(await engineWith(left, right).query(sql).toArray());
  assert.deepEqual(rows, [
    '1 a 1 a 12:00 12:05',
    '1 b - - 12:00 12:05', // R(1, b) at 12:03 is later than L(1, b) at 12:02: no match
    '2 a - - 12:00 12:05',
    '- a - - 12:00 12:05', // a NULL key matches nothing
    '- - 1 b 12:00 12:05',
    '- - 2 b 12:00 12:05',
    '- - - a 12:00 12:05',
  ]);
});

test('a join without key columns pairs every row of a window (residual only)', async () => {
  const sql = `SELECT L.id, R.id AS rid FROM ${tumble('LeftTable')} L JOIN ${tumble('RightTable')} R
    ON L.window_start = R.window_start AND L.window_end = R.window_end AND L.num < R.num`;
  assert.deepEqual(compact(await engineWith(LEFT, RIGHT).query(sql).toArray()), ['L1 R2', 'L1 R3', 'L2 R4']);
});

test('window aggregations as inputs, joined on their group key', async () => {
  const counts = (name: string) => `(SELECT num, window_start, window_end, COUNT(*) AS n
    FROM TABLE(TUMBLE(TABLE ${name}, DESCRIPTOR(row_time), INTERVAL '5' MINUTES)) GROUP BY num, window_start, window_end)`;
  const left: Entry[] = [['12:01', 1, 'a'], ['12:02', 1, 'b'], ['12:03', 2, 'c'], ['12:07', 1, 'd']];
  const right: Entry[] = [['12:00', 1, 'x'], ['12:04', 2, 'y'], ['12:04', 2, 'z'], ['12:08', 3, 'w']];
  const sql = `SELECT L.num, L.n AS left_count, R.n AS right_count, L.window_start
    FROM ${counts('LeftTable')} L JOIN ${counts('RightTable')} R
    ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end`;
  const engine = engineWith(left, right);
  const plan = engine.explain(sql);
  assert.match(plan, /WindowJoin\(joinType=\[InnerJoin\]/);
  assert.equal(plan.match(/WindowAggregate\(groupBy=\[num\]/g)?.length, 2, 'both inputs are window aggregations');
  assert.deepEqual(compact(await engine.query(sql).toArray()), ['1 2 1 12:00', '2 1 2 12:00']);
});

test('HOP windows: a row joins once per window it belongs to', async () => {
  const hop = (name: string) => `TABLE(HOP(TABLE ${name}, DESCRIPTOR(row_time), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))`;
  const sql = `SELECT L.id, R.id AS rid, L.window_start FROM ${hop('LeftTable')} L JOIN ${hop('RightTable')} R
    ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end`;
  // L2 (12:06) and R2 (12:01) share num 2 and the window [12:00, 12:10); L3/R3 share [11:55, 12:05) and [12:00, 12:10).
  assert.deepEqual(compact(await engineWith(LEFT, RIGHT).query(sql).toArray()), ['L3 R3 11:55', 'L3 R3 12:00', 'L2 R2 12:00']);
});

test('rows arriving after their window fired are dropped and counted for their own table', async () => {
  // The documented arrival order: L3 (12:03) comes after L2 (12:06) moved LeftTable's watermark to 12:05:59, so
  // the window [12:00, 12:05) has fired on the left: L3 is late (Flink's periodic watermarks may keep it).
  const arrival: Entry[] = [['12:02', 1, 'L1'], ['12:06', 2, 'L2'], ['12:03', 3, 'L3']];
  const result = engineWith(arrival, RIGHT).query(joinQuery('FULL'));
  assert.deepEqual(compact(await result.toArray()), [
    '1 L1 - - 12:00 12:05', '- - 2 R2 12:00 12:05', '- - 3 R3 12:00 12:05', '2 L2 - - 12:05 12:10', '- - 4 R4 12:05 12:10',
  ]);
  const summary = await result.done();
  assert.equal(summary.tables.find((t) => t.table === 'LeftTable')?.lateRecords, 1);
  assert.equal(summary.tables.find((t) => t.table === 'RightTable')?.lateRecords, 0);
});

test('the same rows in the same order at batch sizes 1, 2 and 4096', async () => {
  const left: Entry[] = [];
  const right: Entry[] = [];
  for (let i = 0; i < 40; i++) {
    const minute = (m: number) => `12:${String(m).padStart(2, '0')}`;
    left.push([minute((i * 7) % 60), i % 5, `L${i}`]);
    right.push([minute((i * 11) % 60), i % 4, `R${i}`]);
  }
  const outputs: string[][] = [];
  const late: number[][] = [];
  for (const batchSize of ['1', '2', '4096']) {
    const result = engineWith(left, right, { config: { 'sluice.batch-size': batchSize } }).query(joinQuery('FULL'));
    outputs.push(compact(await result.toArray()));
    late.push((await result.done()).tables.map((t) => t.lateRecords));
  }
  assert.ok(outputs[0]!.length >= 15, `enough output rows: ${outputs[0]!.length}`);
  assert.deepEqual(outputs[1], outputs[0]);
  assert.deepEqual(outputs[2], outputs[0]);
  assert.deepEqual(late[1], late[0]);
  assert.deepEqual(late[2], late[0]);
});

test('two filesystem sources joined into a filesystem sink', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-window-join-'));
  const lines = (entries: readonly Entry[]) => entries.map(([time, num, id]) => JSON.stringify({ row_time: `2020-04-15 ${time}:00`, num, id })).join('\n');
  writeFileSync(join(dir, 'left.json'), lines(LEFT));
  writeFileSync(join(dir, 'right.json'), lines(RIGHT));
  const engine = new Engine({ baseDirectory: dir, printLine: () => {} });
  const columns = "row_time TIMESTAMP(3), num INT, id STRING, WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND";
  await engine.execute(`
    CREATE TABLE LeftTable (${columns}) WITH ('connector' = 'filesystem', 'path' = 'left.json', 'format' = 'json');
    CREATE TABLE RightTable (${columns}) WITH ('connector' = 'filesystem', 'path' = 'right.json', 'format' = 'json');
    CREATE TABLE joined (l_id STRING, r_id STRING, window_start TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv')`);
  const result = await engine.execute(`INSERT INTO joined SELECT L.id, R.id, COALESCE(L.window_start, R.window_start)
    FROM ${tumble('LeftTable')} L FULL JOIN ${tumble('RightTable')} R
    ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end`);
  assert.equal(result.kind, 'job');
  const summary = await (result as { kind: 'job'; job: JobHandle }).job.done();
  assert.equal(summary.status, 'finished');
  const written = readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.'));
  assert.deepEqual(written.flatMap((f) => readFileSync(join(dir, 'out', f), 'utf8').trim().split('\n')), [
    'L1,,"2020-04-15 12:00:00"', 'L3,R3,"2020-04-15 12:00:00"', ',R2,"2020-04-15 12:00:00"',
    'L2,,"2020-04-15 12:05:00"', ',R4,"2020-04-15 12:05:00"',
  ]);
});
