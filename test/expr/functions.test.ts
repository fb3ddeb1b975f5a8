/**
 * Built-in string and math functions through the engine (SQL in, rows out): results as Flink documents them, NULL
 * in gives NULL out (CONCAT_WS skips NULLs), exact DECIMALs stay exact, and wrong arguments fail naming the function
 * and the argument at its position.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError } from '../../src/index.js';

async function row(select: string): Promise<Record<string, unknown>> {
  const engine = new Engine();
  engine.registerTable('t', {
    columns: [{ name: 's', type: 'STRING' }, { name: 'n', type: 'INT' }, { name: 'b', type: 'BIGINT' }, { name: 'd', type: 'DECIMAL(10, 3)' }, { name: 'x', type: 'DOUBLE' }],
    rows: [{ s: '  Flink SQL  ', n: -7, b: '9007199254740993', d: '-2.345', x: 2.5 }],
  });
  const rows = await engine.query(`SELECT ${select} FROM t`).toArray();
  return rows[0]!;
}

test('string functions', async () => {
  assert.deepEqual(await row(`UPPER(s) AS u, LOWER(s) AS l, TRIM(s) AS t, LTRIM(s) AS lt, RTRIM(s) AS rt, CHAR_LENGTH(TRIM(s)) AS n,
      INITCAP('hello wORLD-foo') AS i, TRIM(BOTH 'x' FROM 'xxaxx') AS bx, TRIM(TRAILING 'x' FROM 'xxaxx') AS tx`), {
    u: '  FLINK SQL  ', l: '  flink sql  ', t: 'Flink SQL', lt: 'Flink SQL  ', rt: '  Flink SQL', n: 9, i: 'Hello World-Foo', bx: 'a', tx: 'xxa',
  });
  assert.deepEqual(await row(`SUBSTRING(TRIM(s) FROM 7) AS a, SUBSTRING(TRIM(s), 1, 5) AS b, SUBSTR('abc', 5) AS c, SUBSTRING('abc', 0, 2) AS d,
      REPLACE(s, ' ', '') AS e, POSITION('SQL' IN s) AS f, POSITION('x' IN s) AS g`), {
    a: 'SQL', b: 'Flink', c: '', d: 'a', e: 'FlinkSQL', f: 9, g: 0,
  });
  assert.deepEqual(await row(`CONCAT('a', 'b', 'c') AS a, CONCAT('a', CAST(NULL AS STRING)) AS b, CONCAT_WS('-', 'a', CAST(NULL AS STRING), 'c') AS c,
      CONCAT_WS(CAST(NULL AS STRING), 'a') AS d, LPAD('hi', 5, '*+') AS e, RPAD('hi', 4, '.') AS f, LPAD('hello', 2, '*') AS g`), {
    a: 'abc', b: null, c: 'a-c', d: null, e: '*+*hi', f: 'hi..', g: 'he',
  });
});

test('math functions: integers, exact decimals and doubles', async () => {
  assert.deepEqual(await row(`ABS(n) AS a, ABS(d) AS b, ABS(b) AS c, MOD(n, 3) AS m, SIGN(n) AS s, SIGN(d) AS sd`), {
    a: 7, b: '2.345', c: 9007199254740993n, m: -1, s: -1, sd: '-1.000',
  });
  assert.deepEqual(await row(`CEIL(d) AS c, FLOOR(d) AS f, ROUND(d, 2) AS r2, ROUND(d) AS r0, ROUND(x) AS rx, ROUND(1250, -2) AS ri, FLOOR(x) AS fx`), {
    c: '-2', f: '-3', r2: '-2.35', r0: '-2', rx: 3, ri: 1300, fx: 2,
  });
  assert.deepEqual(await row(`POWER(2, 10) AS p, SQRT(16) AS q, EXP(0) AS e, LN(1) AS l, LOG10(1000) AS l10, LOG2(8) AS l2, PI() AS pi`), {
    p: 1024, q: 4, e: 1, l: 0, l10: 3, l2: 3, pi: Math.PI,
  });
  assert.deepEqual(await row(`SIN(0) AS s, COS(0) AS c, TAN(0) AS t, COT(1) AS ct, ASIN(1) AS asn, ACOS(1) AS acs, ATAN2(1, 1) AS a2,
      COSH(0) AS ch, DEGREES(PI()) AS deg, RADIANS(180) AS rad, E() AS e, SIN(CAST(NULL AS DOUBLE)) AS sn, ACOS(2) AS nan`), {
    s: 0, c: 1, t: 0, ct: 0.6420926159343306, asn: Math.PI / 2, acs: 0, a2: Math.PI / 4, ch: 1, deg: 180, rad: Math.PI, e: Math.E, sn: null, nan: NaN,
  });
  assert.deepEqual(await row(`UPPER(CAST(NULL AS STRING)) AS u, ABS(CAST(NULL AS INT)) AS a, ROUND(CAST(NULL AS DOUBLE), 1) AS r`), { u: null, a: null, r: null });
});

test('GREATEST and LEAST over a common type; NULL if any argument is NULL', async () => {
  assert.deepEqual(await row(`GREATEST(n, 3, -10) AS a, LEAST(n, 3) AS b, GREATEST(d, 1) AS c, LEAST(x, d) AS e, GREATEST('b', 'abc') AS f,
      GREATEST(n, CAST(NULL AS INT)) AS g, LEAST(b, 1) AS h`), {
    a: 3, b: -7, c: '1.000', e: -2.345, f: 'b', g: null, h: 1n,
  });
  await assert.rejects(row("GREATEST(n, 'a')"), /Function 'GREATEST' cannot compare INT with STRING/);
});

test('TRY_CAST gives NULL where CAST would fail; NOW() and CURRENT_TIMESTAMP read the wall clock', async () => {
  assert.deepEqual(await row(`TRY_CAST('12' AS INT) AS a, TRY_CAST('x' AS INT) AS b, TRY_CAST('1.5' AS DECIMAL(5, 2)) AS c, TRY_CAST('2024-13-01' AS TIMESTAMP(3)) AS d,
      TRY_CAST(s AS INT) AS e`), { a: 12, b: null, c: '1.50', d: null, e: null });
  await assert.rejects(row("CAST('x' AS INT)"), /Cannot cast 'x' to INT/);
  const before = Date.now();
  const { now, ts } = await row('NOW() AS now, CURRENT_TIMESTAMP AS ts');
  assert.ok(now instanceof Date && ts instanceof Date, 'NOW() and CURRENT_TIMESTAMP are TIMESTAMP_LTZ(3) instants');
  const parsed = now.getTime();
  assert.ok(parsed >= before - 1 && parsed <= Date.now() + 1, `${String(now)} is the wall clock`);
});

test('LIKE and NOT LIKE with % and _, ESCAPE, NULL, and regex characters taken literally', async () => {
  assert.deepEqual(await row(`s LIKE '%SQL%' AS a, TRIM(s) LIKE 'Flink_SQL' AS b, TRIM(s) LIKE 'flink%' AS c, TRIM(s) NOT LIKE 'F%' AS d,
      '100%' LIKE '100!%' ESCAPE '!' AS e, '1000' LIKE '100!%' ESCAPE '!' AS f, 'a.c' LIKE 'a.c' AS g, 'abc' LIKE 'a.c' AS h,
      CAST(NULL AS STRING) LIKE '%' AS i, 'x(y)' LIKE 'x(_)' AS j`), {
    a: true, b: true, c: false, d: false, e: true, f: false, g: true, h: false, i: null, j: true,
  });
  await assert.rejects(row("s LIKE 'a' ESCAPE 'ab'"), /ESCAPE takes a string literal of one character/);
  assert.deepEqual(await row(`'abc' SIMILAR TO 'a(b|x)c' AS a, 'abbbc' SIMILAR TO 'ab+c' AS b, 'a.c' SIMILAR TO 'a.c' AS c,
      'abc' SIMILAR TO 'a.c' AS d, 'xyz' SIMILAR TO '%(y|q)_' AS e, 'b' SIMILAR TO '[a-c]' AS f, 'ab' NOT SIMILAR TO 'a' AS g,
      'a%' SIMILAR TO 'a!%' ESCAPE '!' AS h, 'abab' SIMILAR TO '(ab){2}' AS i`), {
    a: true, b: true, c: true, d: false, e: true, f: true, g: true, h: true, i: true,
  });
});

test('wrong arguments fail naming the function, the argument and its position', async () => {
  await assert.rejects(row('UPPER(n)'), (error: unknown) => {
    assert.ok(error instanceof PlanError);
    assert.match(error.message, /^Function 'UPPER' takes a STRING as argument 1, not INT at 1:14$/);
    return true;
  });
  await assert.rejects(row('SUBSTRING(s)'), /Function 'SUBSTRING' needs 2 or 3 arguments, got 1/);
  await assert.rejects(row('ABS(s)'), /Function 'ABS' takes a number as argument 1, not STRING/);
  await assert.rejects(row('ROUND(x, n)'), /Function 'ROUND' takes an integer literal as argument 2, not INT/);
  await assert.rejects(row('UPPPER(s)'), /No function named 'UPPPER'.*did you mean 'UPPER'/);
});
