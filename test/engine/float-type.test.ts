/**
 * FLOAT (REAL; Arrow Float32): values rounded to float32 wherever a FLOAT is produced, text as Java's Float.toString
 * (`1.1`, `3.3000002`, `2.49999995E10`), Flink's result types (FLOAT with integers, DOUBLE with DECIMAL, the first
 * operand's type for FLOAT/DOUBLE), casts, comparisons, aggregates and the JSON/CSV formats.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, PlanError, type JobHandle, type StatementResult } from '../../src/index.js';
import { javaFloatText } from '../../src/common/java-float-text.js';
import { DOUBLE, FLOAT, BOOLEAN, timestampLtz } from '../../src/common/types.js';
import { compileVectorExpr } from '../../src/runtime/expr/vector/compile.js';
import type { Expr } from '../../src/dataflow/expr.js';

function engineWithFloats(): Engine {
  const engine = new Engine();
  engine.registerTable('t', {
    columns: [{ name: 'f', type: 'FLOAT' }, { name: 'd', type: 'DOUBLE' }, { name: 'i', type: 'INT' }, { name: 'k', type: 'STRING' }],
    rows: [{ f: 1.1, d: 0.3, i: 16777217, k: 'x' }, { f: 0.1, d: 0.1, i: 3, k: 'x' }, { f: null, d: 1, i: 1, k: 'y' }],
  });
  return engine;
}

test("Java's Float.toString, including Java 17's non-shortest forms", () => {
  const cases: Array<[number, string]> = [
    [1.1, '1.1'], [0.1, '0.1'], [3.3000002, '3.3000002'], [1, '1.0'], [-0, '-0.0'], [1e7, '1.0E7'], [1e-5, '1.0E-5'],
    [2.5e10, '2.49999995E10'], [9007199254740993, '9.0071993E15'], [16777216, '1.6777216E7'], [0.001, '0.001'],
    [3.4028235e38, '3.4028235E38'], [1.4e-45, '1.4E-45'], [Number.NaN, 'NaN'], [-Infinity, '-Infinity'],
    [-4.7211323e25, '-4.7211323E25'],
  ];
  for (const [value, text] of cases) assert.equal(javaFloatText(Math.fround(value)), text, String(value));
});

test('the vector kernels leave FLOAT and TIMESTAMP_LTZ to the row kernels (no number-vector form)', async () => {
  const f: Expr = { kind: 'column', index: 0, type: FLOAT };
  const one: Expr = { kind: 'literal', value: 1, type: FLOAT };
  assert.equal(compileVectorExpr(f), null);
  assert.equal(compileVectorExpr({ kind: 'call', op: 'add', args: [f, one], type: FLOAT }), null);
  assert.equal(compileVectorExpr({ kind: 'cast', arg: f, type: DOUBLE }), null);
  assert.equal(compileVectorExpr({ kind: 'call', op: 'greater', args: [f, one], type: BOOLEAN }), null);
  const ltz: Expr = { kind: 'column', index: 1, type: timestampLtz(3) };
  assert.equal(compileVectorExpr({ kind: 'call', op: 'less', args: [ltz, ltz], type: BOOLEAN }), null);
  // With the kernels on (the default) or off, FLOAT filters and projections give the same rows.
  const sql = 'SELECT f * 2 AS g, f > 1 AS big FROM t WHERE f < 2 AND i > 0';
  const vectorized = await engineWithFloats().query(sql).toArray();
  const rowByRow = engineWithFloats();
  await rowByRow.execute("SET 'sluice.expressions.vectorized' = 'false'");
  assert.deepEqual(await rowByRow.query(sql).toArray(), vectorized);
  assert.deepEqual(vectorized, [{ g: Math.fround(2.2), big: true }, { g: Math.fround(0.2), big: false }]);
});

test('FLOAT arithmetic is float32 arithmetic with Flink result types', async () => {
  const engine = engineWithFloats();
  const rows = await engine.query(`SELECT f + d AS fd, d + f AS df, f + i AS fi, f * 3 AS f3, -f AS nf, f / 2 AS half,
    f + 1.5 AS fdec, CAST(f + d AS STRING) AS fds, CAST(f * 3 AS STRING) AS f3s FROM t WHERE k = 'x'`).toArray();
  assert.deepEqual(rows, [
    { fd: Math.fround(1.4000001), df: Math.fround(1.1) + 0.3, fi: 16777218, f3: Math.fround(3.3000002), nf: Math.fround(-1.1),
      half: Math.fround(0.55), fdec: Math.fround(1.1) + 1.5, fds: '1.4000001', f3s: '3.3000002' },
    { fd: Math.fround(0.2), df: Math.fround(0.1) + 0.1, fi: Math.fround(3.1), f3: Math.fround(0.3), nf: Math.fround(-0.1),
      half: Math.fround(0.05), fdec: Math.fround(0.1) + 1.5, fds: '0.2', f3s: '0.3' },
  ]);
  const explained = engine.explain('SELECT f + d, d + f, f + i, f + 1.5, CASE WHEN i > 0 THEN f ELSE d END, COALESCE(f, d) FROM t');
  assert.match(explained, /FLOAT/);
  assert.throws(() => engine.explain('SELECT f % i FROM t'), PlanError);
});

test('FLOAT comparisons follow the operand order as Flink: FLOAT = DOUBLE compares as FLOAT', async () => {
  const engine = engineWithFloats();
  const rows = await engine.query(`SELECT f = d AS fd, d = f AS df, f > 1 AS gt, f = CAST(0.1 AS FLOAT) AS eq FROM t`).toArray();
  assert.deepEqual(rows, [
    { fd: false, df: false, gt: true, eq: false },
    { fd: true, df: false, gt: false, eq: true },
    { fd: null, df: null, gt: null, eq: null },
  ]);
});

test('CAST to and from FLOAT: rounding to float32, Java text, BIGINT rounded once', async () => {
  const engine = engineWithFloats();
  const [row] = await engine.query(`SELECT CAST(i AS FLOAT) AS a, CAST(CAST(9007199254740993 AS BIGINT) AS FLOAT) AS b,
    CAST(' 2.5e10 ' AS FLOAT) AS c, CAST(CAST('2.5e10' AS FLOAT) AS STRING) AS cs, CAST(f AS DECIMAL(12, 10)) AS d,
    CAST(f AS INT) AS e, CAST(f AS DOUBLE) AS g, CAST(1e40 AS FLOAT) AS h, CAST(CAST(-7.9 AS FLOAT) AS TINYINT) AS j,
    CAST(f AS STRING) AS s, CAST(CAST(2.75 AS DECIMAL(5, 2)) AS FLOAT) AS dec FROM t WHERE k = 'x' AND i > 3`).toArray();
  assert.deepEqual(row, {
    a: 16777216, b: 9007199254740992, c: Math.fround(2.5e10), cs: '2.49999995E10', d: '1.1000000238', e: 1,
    g: Math.fround(1.1), h: Infinity, j: -7, s: '1.1', dec: 2.75,
  });
});

test('SUM/AVG/MIN/MAX/COUNT and STDDEV over FLOAT are FLOATs computed as Flink does', async () => {
  const engine = engineWithFloats();
  const rows = await engine.query(`SELECT k, SUM(f) AS s, AVG(f) AS a, MIN(f) AS lo, MAX(f) AS hi, COUNT(f) AS n,
    STDDEV_POP(f) AS sd, CAST(SUM(f) AS STRING) AS st, CAST(AVG(f) AS STRING) AS at FROM t GROUP BY k`).toArray();
  const byKey = new Map(rows.map((r) => [r['k'], r]));
  assert.deepEqual(byKey.get('x'), {
    k: 'x', s: Math.fround(1.2), a: Math.fround(0.6), lo: Math.fround(0.1), hi: Math.fround(1.1), n: 2n, sd: 0.5, st: '1.2', at: '0.6',
  });
  assert.deepEqual(byKey.get('y'), { k: 'y', s: null, a: null, lo: null, hi: null, n: 0n, sd: null, st: null, at: null });
  const explained = engine.explain('SELECT SUM(f), AVG(f) FROM t');
  assert.doesNotMatch(explained, /DOUBLE/);
});

test('FLOAT in the JSON and CSV formats: read rounded, written as Java prints floats', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-float-'));
  writeFileSync(join(dir, 'in.json'), '{"f": 1.1, "g": "2.5e10"}\n{"f": 0.30000001192092896, "g": null}\n');
  const engine = new Engine({ baseDirectory: dir });
  await engine.execute(`CREATE TABLE src (f FLOAT, g REAL) WITH ('connector' = 'filesystem', 'path' = 'in.json', 'format' = 'json');
    CREATE TABLE outj (f FLOAT, g FLOAT, h FLOAT) WITH ('connector' = 'filesystem', 'path' = 'outj', 'format' = 'json');
    CREATE TABLE outc (f FLOAT, g FLOAT) WITH ('connector' = 'filesystem', 'path' = 'outc', 'format' = 'csv')`);
  await job(await engine.execute('INSERT INTO outj SELECT f, g, f * 3 FROM src')).done();
  await job(await engine.execute('INSERT INTO outc SELECT f, g FROM src')).done();
  const rows = await engine.query('SELECT f, g FROM src').toArray();
  assert.deepEqual(rows, [{ f: Math.fround(1.1), g: Math.fround(2.5e10) }, { f: Math.fround(0.3), g: null }]);
  assert.deepEqual(outputLines(join(dir, 'outj')), ['{"f":1.1,"g":2.49999995E10,"h":3.3000002}', '{"f":0.3,"g":null,"h":0.90000004}']);
  assert.deepEqual(outputLines(join(dir, 'outc')), ['1.1,2.49999995E10', '0.3,']);
});

function job(result: StatementResult): JobHandle {
  assert.equal(result.kind, 'job');
  return (result as { kind: 'job'; job: JobHandle }).job;
}

function outputLines(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
  return files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l !== ''));
}
