/**
 * UNION ALL end to end: a window aggregation over the union of two event-time tables (the union's watermark is the
 * minimum of its inputs'), chains of three, type coercion, an updating side, EXPLAIN and errors with positions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotImplementedError, PlanError } from '../../src/common/errors.js';
import { Engine, type Row } from '../../src/index.js';

type Entry = readonly [time: string, v: number, src: string];

function table(entries: readonly Entry[], vType = 'INT') {
  return {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'v', type: vType }, { name: 'src', type: 'STRING' }],
    rows: entries.map(([time, v, src]) => ({ ts: `2020-04-15 ${time}:00`, v, src })),
    watermark: { column: 'ts', expression: "ts - INTERVAL '1' SECOND" },
  };
}

/** A runs ahead (its watermark passes 12:10 early); B is slower, with rows in windows A has already passed. */
const A: readonly Entry[] = [['12:01', 1, 'a'], ['12:03', 2, 'a'], ['12:12', 4, 'a'], ['12:16', 8, 'a']];
const B: readonly Entry[] = [['12:02', 10, 'b'], ['12:07', 20, 'b'], ['12:08', 30, 'b']];
const C: readonly Entry[] = [['12:04', 100, 'c']];

function engine(): Engine {
  const e = new Engine({ printLine: () => {} });
  e.registerTable('A', table(A));
  e.registerTable('B', table(B));
  e.registerTable('C', table(C));
  e.registerTable('Wide', table([['12:05', 7, 'w']], 'BIGINT'));
  return e;
}

function strings(rows: readonly Row[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'null' : String(v).replace(/^2020-04-15 (\d\d:\d\d):00\.000$/, '$1'))).join(' ')).sort();
}

function failsWith(type: typeof PlanError | typeof NotImplementedError, message: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  };
}

test('a TUMBLE window over the union of two tables: windows fire on the minimum watermark, no row is late', async () => {
  const e = engine();
  await e.execute('CREATE VIEW AB AS SELECT ts, v, src FROM A UNION ALL SELECT ts, v, src FROM B');
  const result = e.query(`SELECT window_start, window_end, SUM(v) AS total, COUNT(*) AS n
    FROM TABLE(TUMBLE(TABLE AB, DESCRIPTOR(ts), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end`);
  assert.equal(result.updating, false);
  const rows = await result.toArray();
  // B's rows at 12:02, 12:07 and 12:08 count although A's watermark passed their windows: the union waits for B.
  assert.deepEqual(strings(rows), ['12:00 12:05 13 3', '12:05 12:10 50 2', '12:10 12:15 4 1', '12:15 12:20 8 1']);
  const summary = await result.done();
  assert.deepEqual(summary.tables.map((t) => `${t.table} ${t.lateRecords}`), ['A 0', 'B 0']);
});

test('the union keeps a time attribute only where every side has one', async () => {
  const e = engine();
  await e.execute('CREATE VIEW Mixed AS SELECT ts, v FROM A UNION ALL SELECT CAST(ts AS TIMESTAMP(3)) AS ts, v FROM B');
  assert.throws(
    () => e.explain("SELECT * FROM TABLE(TUMBLE(TABLE Mixed, DESCRIPTOR(ts), INTERVAL '5' MINUTES))"),
    (error: unknown) => error instanceof PlanError,
  );
  const result = e.query('SELECT ts, v FROM A UNION ALL SELECT ts, v FROM B');
  assert.deepEqual(result.columns.map((c) => c.name), ['ts', 'v']);
  assert.match(e.explain('SELECT ts FROM A UNION ALL SELECT ts FROM B'), /\*ROWTIME\*/);
  await result.cancel();
});

test('UNION ALL of three tables keeps every row, duplicates included, with the first side’s names', async () => {
  const result = engine().query('SELECT src AS origin, v FROM A UNION ALL SELECT src, v FROM B UNION ALL SELECT src, v FROM C UNION ALL SELECT src, v FROM C');
  assert.deepEqual(result.columns.map((c) => c.name), ['origin', 'v']);
  const rows = await result.toArray();
  assert.equal(rows.length, A.length + B.length + 2 * C.length);
  assert.deepEqual(strings(rows), [
    'a 1', 'a 2', 'a 4', 'a 8', 'b 10', 'b 20', 'b 30', 'c 100', 'c 100',
  ]);
});

test('INT and BIGINT sides give a BIGINT column; EXPLAIN shows the Union with a cast on the narrow side', async () => {
  const e = engine();
  const sql = 'SELECT v, src FROM A UNION ALL SELECT v, src FROM Wide';
  const result = e.query(sql);
  assert.deepEqual(result.columns.map((c) => `${c.name} ${c.type}`), ['v BIGINT', 'src STRING']);
  assert.deepEqual(strings(await result.toArray()), ['1 a', '2 a', '4 a', '7 w', '8 a']);
  const plan = e.explain(sql);
  assert.match(plan, /Union\(all=\[true\]\)/);
  assert.match(plan, /CAST\(v AS BIGINT\)/);
  assert.match(plan, /append-only \(\+I\): v BIGINT, src STRING/);
});

test('a changelog side (GROUP BY) makes the union updating; its updates pass through with their row kinds', async () => {
  const e = engine();
  const sql = 'SELECT src, COUNT(*) AS n FROM A GROUP BY src UNION ALL SELECT src, CAST(v AS BIGINT) FROM B';
  const result = e.query(sql);
  assert.equal(result.updating, true);
  assert.deepEqual(strings(await result.toArray()), ['a 4', 'b 10', 'b 20', 'b 30']);
  assert.match(e.explain(sql), /changelog \(\+I, -U, \+U, -D\): src STRING, n BIGINT/);
});

test('UNION (DISTINCT) keeps one copy of each row of both sides, also in a chain with UNION ALL', async () => {
  const e = engine();
  const rows = async (sql: string) => (await e.query(sql).toArray()).map((r) => JSON.stringify(r)).sort();
  const distinct = await rows('SELECT v FROM A UNION SELECT v FROM B');
  const all = [...new Set(await rows('SELECT v FROM A UNION ALL SELECT v FROM B'))].sort();
  assert.deepEqual(distinct, all);
  assert.deepEqual(await rows('SELECT v FROM A UNION DISTINCT SELECT v FROM B'), distinct);
  // (A UNION B) UNION ALL B: the distinct rows, then B's rows again
  const chained = await rows('SELECT v FROM A UNION SELECT v FROM B UNION ALL SELECT v FROM B');
  assert.equal(chained.length, distinct.length + (await rows('SELECT v FROM B')).length);
  assert.match(e.explain('SELECT v FROM A UNION SELECT v FROM B'), /GroupAggregate\(groupBy=\[v\], select=\[v\]/);
});

test('INTERSECT and EXCEPT: distinct rows of the left side found (or not found) on the right, NULL matching NULL', async () => {
  const e = new Engine({ printLine: () => {} });
  e.registerTable('L', { columns: [{ name: 'k', type: 'STRING' }, { name: 'n', type: 'INT' }], rows: [
    { k: 'a', n: 1 }, { k: 'a', n: 1 }, { k: 'b', n: 2 }, { k: null, n: 3 }, { k: 'c', n: null }, { k: 'd', n: 4 },
  ] });
  e.registerTable('R', { columns: [{ name: 'k', type: 'STRING' }, { name: 'n', type: 'BIGINT' }], rows: [
    { k: 'a', n: '1' }, { k: null, n: '3' }, { k: 'c', n: null }, { k: 'd', n: '5' }, { k: 'x', n: '9' },
  ] });
  const text = (r: Row) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  const rows = async (sql: string) => (await e.query(sql).toArray()).map(text).sort();
  assert.deepEqual(await rows('SELECT k, n FROM L INTERSECT SELECT k, n FROM R'), ['{"k":"a","n":1}', '{"k":"c","n":null}', '{"k":null,"n":3}']);
  assert.deepEqual(await rows('SELECT k FROM L EXCEPT SELECT k FROM R'), ['{"k":"b"}']);
  assert.deepEqual(await rows('SELECT k FROM L EXCEPT SELECT k FROM R WHERE n > 100'), ['{"k":"a"}', '{"k":"b"}', '{"k":"c"}', '{"k":"d"}', '{"k":null}']);
  assert.match(e.explain('SELECT k FROM L INTERSECT SELECT k FROM R'), /joinType=\[LeftSemiJoin\], where=\[k IS NOT DISTINCT FROM k0?\]/);
});

test('errors: column counts differ, no common type', async () => {
  const e = engine();
  assert.throws(
    () => e.explain('SELECT v, src FROM A UNION ALL\nSELECT v FROM B'),
    failsWith(PlanError, /^Each side of UNION ALL must have the same number of columns: the first has 2, this one 1 at 2:1$/),
  );
  assert.throws(
    () => e.explain('SELECT v FROM A UNION ALL SELECT v FROM B UNION ALL SELECT src FROM C'),
    failsWith(PlanError, /^Column 1 \(v\) of UNION ALL has no common type: INT and STRING at 1:53$/),
  );
  assert.throws(
    () => e.explain('SELECT v FROM A UNION SELECT src FROM B'),
    failsWith(PlanError, /^Column 1 \(v\) of UNION has no common type: INT and STRING/),
  );
  assert.throws(
    () => e.explain('SELECT v FROM A UNION ALL SELECT v FROM B EXCEPT ALL SELECT src FROM C'),
    failsWith(PlanError, /^Column 1 \(v\) of EXCEPT ALL has no common type: INT and STRING at 1:54$/),
  );
  assert.throws(
    () => e.explain('SELECT v FROM A UNION ALL SELECT v FROM B INTERSECT ALL SELECT v, src FROM C'),
    failsWith(PlanError, /^Each side of INTERSECT ALL must have the same number of columns: the first has 1, this one 2 at 1:57$/),
  );
  assert.throws(
    () => e.explain('SELECT v, src FROM A INTERSECT SELECT v FROM B'),
    failsWith(PlanError, /^Each side of INTERSECT must have the same number of columns: the first has 2, this one 1 at 1:32$/),
  );
});
