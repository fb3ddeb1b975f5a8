/**
 * Filters, projections and watermarks give the same rows with the vector kernels on (the default) and off
 * (`SET 'sluice.expressions.vectorized' = 'false'`), at several batch sizes, including batches the vector kernels
 * decline (a BIGINT beyond 2^53, a division by zero that a CASE guards), and ROW fields read from struct vectors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, type Row } from '../../src/index.js';

const rows = Array.from({ length: 300 }, (_, i) => ({
  id: i,
  big: i === 150 ? '9007199254740993' : String((i * 7919) % 1000 - 500),
  score: i % 11 === 0 ? null : (i % 13) * 1.5 - 4,
  ok: i % 5 === 0 ? null : i % 3 === 0,
  name: i % 9 === 0 ? null : `n${i % 17}`,
  ts: 1_600_000_000_000 + ((i * 37) % 300) * 1000,
  r: i % 7 === 0 ? null : {
    a: i % 4 === 0 ? null : i - 100,
    b: (i % 23) / 4,
    s: i % 6 === 0 ? null : `s${i % 5}`,
    nested: i % 8 === 0 ? null : { x: i % 3 === 0 ? null : String(i * 1000) },
  },
}));

function engine(vectorized: string, batchSize: string): Engine {
  const e = new Engine({ printLine: () => {}, config: { 'sluice.expressions.vectorized': vectorized, 'sluice.batch-size': batchSize } });
  e.registerTable('t', {
    columns: [
      { name: 'id', type: 'INT' }, { name: 'big', type: 'BIGINT' }, { name: 'score', type: 'DOUBLE' },
      { name: 'ok', type: 'BOOLEAN' }, { name: 'name', type: 'STRING' }, { name: 'ts', type: 'TIMESTAMP(3)' },
      { name: 'r', type: 'ROW<a INT, b DOUBLE, s STRING, nested ROW<x BIGINT>>' },
    ],
    rows,
    watermark: { column: 'ts', expression: "ts - INTERVAL '5' SECOND" },
  });
  return e;
}

const QUERIES = [
  'SELECT id, big, name FROM t WHERE MOD(big, 7) = 3 OR id > 290',
  'SELECT id * 3 - 1 AS a, big + 1 AS b, score * 2 AS c, ts + INTERVAL \'1\' SECOND AS d, id IS NULL AS e FROM t WHERE score > 0 AND ok IS NOT NULL',
  'SELECT id, CASE WHEN id % 10 <> 0 THEN 100 / (id % 10) END AS q, name FROM t WHERE NOT (ok) OR name IS NULL',
  'SELECT id, CAST(id AS BIGINT) * big AS p, CAST(big AS DOUBLE) / 2 AS h FROM t WHERE big < 0',
  `SELECT window_start, COUNT(*) AS n, SUM(big) AS s FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
     WHERE id % 2 = 0 GROUP BY window_start, window_end`,
  // ROW fields pass through as Arrow data and feed the kernels, NULL where the row (or an enclosing row) is NULL
  'SELECT id, t.r.a AS a, t.r.s AS s, t.r.nested.x AS x, t.r.nested AS nested_row FROM t',
  'SELECT id, t.r.a AS a, t.r.s AS s, t.r.nested.x AS x FROM t WHERE t.r.b > 2 OR t.r.a IS NULL',
  'SELECT t.r.a * 2 + id AS a, t.r.b * t.r.b AS b, t.r.nested.x + 1 AS x FROM t WHERE t.r.nested.x IS NOT NULL OR id % 10 = 0',
];

const text = (result: readonly Row[]): string[] => result.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();

for (const [index, sql] of QUERIES.entries()) {
  test(`query ${index + 1}: vector kernels on and off agree at batch sizes 1, 7 and 1024`, async () => {
    const reference = text(await engine('false', '1024').query(sql).toArray());
    assert.ok(reference.length > 0, 'the query returns rows');
    for (const batchSize of ['1', '7', '1024']) {
      assert.deepEqual(text(await engine('true', batchSize).query(sql).toArray()), reference, `batch size ${batchSize}`);
    }
  });
}

test('late rows are counted the same with and without vector kernels', async () => {
  const late = async (vectorized: string): Promise<number | undefined> => {
    const result = engine(vectorized, '16').query("SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
    await result.toArray();
    return (await result.done()).tables.find((t) => t.table === 't')?.lateRecords;
  };
  const expected = await late('false');
  assert.ok(expected !== undefined && expected > 0);
  assert.equal(await late('true'), expected);
});
