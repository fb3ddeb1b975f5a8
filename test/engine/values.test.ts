/**
 * VALUES tables and SELECT without FROM (Flink's semantics; test/conformance/values-* compare with Flink itself):
 * rows, names, common column types, use in joins and INSERT, EXPLAIN, and the errors for malformed VALUES.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, SluiceError } from '../../src/index.js';

const engine = (batchSize = '1024') => new Engine({ printLine: () => {}, config: { 'sluice.batch-size': batchSize } });

test('VALUES rows come out in order, with EXPR$n names or the names given, at batch sizes 1 and 1024', async () => {
  for (const batchSize of ['1', '1024']) {
    assert.deepEqual(await engine(batchSize).query("VALUES (1, 'a'), (2, 'b')").toArray(), [{ EXPR$0: 1, EXPR$1: 'a' }, { EXPR$0: 2, EXPR$1: 'b' }]);
    const named = await engine(batchSize).query("SELECT id, UPPER(name) AS n FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS t (id, name) WHERE id <> 2").toArray();
    assert.deepEqual(named, [{ id: 1, n: 'A' }, { id: 3, n: 'C' }]);
  }
});

test('a column has the common type of its rows; values are converted to it exactly', async () => {
  const rows = await engine().query('SELECT * FROM (VALUES (1, 1.5), (9007199254740993, 2)) AS t (big, d)').toArray();
  assert.deepEqual(rows, [{ big: 1n, d: '1.5' }, { big: 9007199254740993n, d: '2.0' }]);
});

test('a TIMESTAMP_LTZ value of VALUES is read in the session time zone, as in a SELECT', async () => {
  const e = engine();
  await e.execute("SET 'table.local-time-zone' = 'Europe/Berlin'");
  const rows = await e.query("SELECT CAST(t AS STRING) AS s FROM (VALUES (CAST('2024-01-01 00:00:00' AS TIMESTAMP_LTZ(3)))) AS v (t)").toArray();
  assert.deepEqual(rows, [{ s: '2024-01-01 00:00:00.000' }]);
});

test('SELECT without FROM reads one row', async () => {
  assert.deepEqual(await engine().query("SELECT 1 + 2 AS three, CONCAT('a', 'b') AS ab").toArray(), [{ three: 3, ab: 'ab' }]);
});

test('INSERT INTO … VALUES writes the rows into the sink, converted to its columns', async () => {
  const lines: string[] = [];
  const e = new Engine({ printLine: (line) => lines.push(line) });
  await e.execute("CREATE TABLE out (id BIGINT, price DECIMAL(10, 2)) WITH ('connector' = 'print')");
  const job = await e.execute('INSERT INTO out VALUES (1, 2.5), (2, 3)');
  assert.equal(job.kind, 'job');
  if (job.kind === 'job') await job.job.done();
  assert.deepEqual(lines, ['+I[1, 2.50]', '+I[2, 3.00]']);
});

test('EXPLAIN shows the Values operator with its tuples', async () => {
  const result = await engine().execute("EXPLAIN SELECT * FROM (VALUES (1, 'a'), (2, CAST(NULL AS STRING))) AS t (id, name)");
  assert.match(JSON.stringify(result), /Values\(tuples=\[\[\{ 1, 'a' \}, \{ 2, CAST\(NULL AS STRING\) \}\]\], fields=\[EXPR\$0, EXPR\$1\]\)/);
});

function planError(sql: string): SluiceError {
  try {
    engine().query(sql);
  } catch (error) {
    assert.ok(error instanceof SluiceError, String(error));
    return error;
  }
  assert.fail(`no error for ${sql}`);
}

test('malformed VALUES are refused at their position', () => {
  const width = planError("SELECT * FROM (VALUES (1, 'a'), (2)) AS t (id, name)");
  assert.match(width.message, /Each row of VALUES must have the same number of values: the first has 2, this one 1 at 1:34/);
  const names = planError("SELECT * FROM (VALUES (1, 'a')) AS t (id)");
  assert.match(names.message, /The subquery has 2 columns but 1 name is given for them at 1:39/);
  const types = planError("VALUES (1), ('a')");
  assert.match(types.message, /Column 1 of VALUES has values of types INT and STRING, which have no common type/);
  const nulls = planError('VALUES (NULL), (NULL)');
  assert.match(nulls.message, /holds only NULLs: give it a type, e.g. CAST\(NULL AS INT\)/);
  const column = planError('VALUES (x)');
  assert.match(column.message, /Unknown column 'x' at 1:9/);
  const star = planError('SELECT *');
  assert.match(star.message, /SELECT \* needs a FROM clause at 1:8/);
});
