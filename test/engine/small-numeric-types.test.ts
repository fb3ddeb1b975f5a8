/**
 * TINYINT and SMALLINT (Arrow Int8/Int16): DDL columns, CAST to and from them (Java narrowing: out-of-range numbers
 * wrap, out-of-range text fails), arithmetic that keeps the type and wraps like Java's byte/short, implicit widening
 * TINYINT < SMALLINT < INT < BIGINT < DECIMAL < DOUBLE, comparisons, GROUP BY keys, MIN/MAX, SUM/AVG keeping the
 * type, and STDDEV/VAR in the type (wrapping as Flink's arithmetic does; more in test/conformance/variance-tinyint-smallint).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, ExecutionError } from '../../src/index.js';

function engineWithSmallInts(): Engine {
  const engine = new Engine();
  engine.registerTable('t', {
    columns: [{ name: 'b', type: 'TINYINT' }, { name: 's', type: 'SMALLINT' }, { name: 'k', type: 'STRING' }],
    rows: [{ b: 100, s: 30000, k: 'x' }, { b: -128, s: -5, k: 'y' }, { b: 7, s: 1, k: 'x' }, { b: null, s: null, k: 'y' }],
  });
  return engine;
}

test('TINYINT/SMALLINT columns: arithmetic keeps the type and wraps like Java; mixing widens', async () => {
  const engine = engineWithSmallInts();
  const rows = await engine.query('SELECT b + b AS bb, s * s AS ss, b + s AS bs, b + 1 AS bi, -b AS nb, b / 2 AS half, b * 1.5 AS bd FROM t').toArray();
  assert.deepEqual(rows, [
    { bb: -56, ss: -5888, bs: 30100, bi: 101, nb: -100, half: 50, bd: '150.0' },
    { bb: 0, ss: 25, bs: -133, bi: -127, nb: -128, half: -64, bd: '-192.0' },
    { bb: 14, ss: 1, bs: 8, bi: 8, nb: -7, half: 3, bd: '10.5' },
    { bb: null, ss: null, bs: null, bi: null, nb: null, half: null, bd: null },
  ]);
  const explained = engine.explain('SELECT b + b, b + s, s + 1, b + CAST(1 AS BIGINT), b * 1.5, b + 1e0 FROM t');
  assert.match(explained, /TINYINT/);
});

test('CAST to TINYINT/SMALLINT narrows numbers like Java and parses text in range', async () => {
  const engine = new Engine();
  engine.registerTable('one', { columns: [{ name: 'x', type: 'INT' }], rows: [{ x: 1 }] });
  const [row] = await engine.query(`SELECT CAST(200 AS TINYINT) AS a, CAST(-129 AS TINYINT) AS b, CAST(70000 AS SMALLINT) AS c,
    CAST(CAST(300 AS SMALLINT) AS TINYINT) AS d, CAST(' 42 ' AS TINYINT) AS e, CAST('-32768' AS SMALLINT) AS f,
    CAST(1e3 AS TINYINT) AS g, CAST(CAST(5 AS TINYINT) AS STRING) AS h, CAST(CAST(5 AS TINYINT) AS DECIMAL(5, 2)) AS i,
    CAST(CAST(-7 AS SMALLINT) AS BIGINT) AS j, CAST(CAST(3 AS TINYINT) AS DOUBLE) AS l, CAST(12.9 AS TINYINT) AS m FROM one`).toArray();
  assert.deepEqual(row, { a: -56, b: 127, c: 4464, d: 44, e: 42, f: -32768, g: -24, h: '5', i: '5.00', j: -7n, l: 3, m: 12 });
  await assert.rejects(engine.query(`SELECT CAST('128' AS TINYINT) FROM one`).toArray(), (error: unknown) => {
    assert.ok(error instanceof ExecutionError);
    assert.match(error.message, /Cannot cast '128' to TINYINT/);
    return true;
  });
});

test('TINYINT/SMALLINT compare, group and take MIN/MAX; SUM/AVG keep the type; STDDEV on them is refused for now', async () => {
  const engine = engineWithSmallInts();
  const filtered = await engine.query('SELECT b FROM t WHERE b > 5 AND s < CAST(30000 AS SMALLINT) OR b = -128').toArray();
  assert.deepEqual(filtered, [{ b: -128 }, { b: 7 }]);
  const grouped = await engine.query('SELECT b % 2 AS odd, MIN(s) AS lo, MAX(b) AS hi, COUNT(*) AS n FROM t GROUP BY b % 2').toArray();
  assert.deepEqual(grouped.at(-1), { odd: null, lo: null, hi: null, n: 1n });
  const final = new Map(grouped.map((r) => [r['odd'], r]));
  assert.deepEqual(final.get(0), { odd: 0, lo: -5, hi: 100, n: 2n });
  assert.deepEqual(final.get(1), { odd: 1, lo: 1, hi: 7, n: 1n });
  // As Flink: SUM and AVG keep the type; the sum wraps like Java's byte (100 + -128 + 7 = -21), AVG truncates.
  const [sums] = await engine.query('SELECT SUM(b) AS sb, AVG(b) AS ab, SUM(s) AS ss, AVG(s) AS avs FROM t').toArray().then((r) => r.slice(-1));
  assert.deepEqual(sums, { sb: -21, ab: -7, ss: 29996, avs: 9998 });
  const [wrapped] = await engine.query("SELECT SUM(b) AS sb FROM t WHERE k = 'x'").toArray().then((r) => r.slice(-1));
  assert.deepEqual(wrapped, { sb: 107 });
  // VAR/STDDEV keep the type too, and Flink's SUM(x·x), SUM(x) arithmetic wraps at 8 bits: for 100 and 7 the squares
  // sum to 65 (10000 wraps to 16), SUM(x)·SUM(x) = 11449 wraps to -71, / 2 = -35, so VAR_POP = (65 + 35) / 2 = 50.
  const [variance] = await engine.query("SELECT VAR_POP(b) AS vp, VAR_SAMP(b) AS vs, STDDEV_POP(b) AS sp FROM t WHERE k = 'x'").toArray().then((r) => r.slice(-1));
  assert.deepEqual(variance, { vp: 50, vs: 100, sp: 7 });
});
