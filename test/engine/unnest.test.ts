/**
 * UNNEST in FROM, as Flink 1.20: `CROSS JOIN UNNEST(arr) AS t (x)`, the comma form, `LEFT JOIN … ON TRUE`, MAPs as
 * key and value, ARRAYs of ROWs as the row's fields, the change kind of an updating input passed to every produced
 * row, the Correlate in EXPLAIN, and the refusals (WITH ORDINALITY, RIGHT joins, a LEFT join's condition, …).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, NotImplementedError, PlanError, type Change, type EngineOptions, type JobHandle } from '../../src/index.js';

function engineWithOrders(options: EngineOptions = {}): Engine {
  const engine = new Engine({ printLine: () => {}, ...options });
  engine.registerTable('orders', {
    columns: [
      { name: 'id', type: 'INT' },
      { name: 'tags', type: 'ARRAY<STRING>' },
      { name: 'qty', type: 'MAP<STRING, INT>' },
      { name: 'lines', type: 'ARRAY<ROW<sku STRING, price DECIMAL(10, 2)>>' },
    ],
    rows: [
      { id: 1, tags: ['red', null, 'big'], qty: new Map([['a', 2]]), lines: [{ sku: 'p1', price: '1.50' }, { sku: 'p2', price: '2.00' }] },
      { id: 2, tags: [], qty: new Map(), lines: [] },
      { id: 3, tags: null, qty: null, lines: null },
      { id: 4, tags: ['small'], qty: new Map([['b', 1], ['c', 3]]), lines: [null] }, // a NULL ROW element
    ],
  });
  return engine;
}

const text = (rows: readonly Record<string, unknown>[]): string[] => rows.map((r) => Object.values(r).map(String).join(',')).sort();

test('CROSS JOIN UNNEST and the comma form expand an ARRAY; empty and NULL arrays produce nothing', async () => {
  for (const batchSize of ['1', '4096']) {
    const engine = engineWithOrders({ config: { 'sluice.batch-size': batchSize } });
    const cross = await engine.query('SELECT o.id, t.tag FROM orders o CROSS JOIN UNNEST(o.tags) AS t (tag)').toArray();
    assert.deepEqual(text(cross), ['1,big', '1,null', '1,red', '4,small']);
    const comma = await engine.query('SELECT id, tag FROM orders, UNNEST(tags) AS t (tag) WHERE tag IS NOT NULL').toArray();
    assert.deepEqual(text(comma), ['1,big', '1,red', '4,small']);
    await engine.close();
  }
});

test('UNNEST without column names: EXPR$0 for an element, KEY and VALUE for a MAP, the fields of a ROW', async () => {
  const engine = engineWithOrders();
  const element = engine.query('SELECT * FROM orders CROSS JOIN UNNEST(tags) WHERE id = 4');
  assert.deepEqual(element.columns.map((c) => c.name), ['id', 'tags', 'qty', 'lines', 'EXPR$0']);
  const map = await engine.query('SELECT id, KEY, `VALUE` FROM orders CROSS JOIN UNNEST(qty)').toArray();
  assert.deepEqual(text(map), ['1,a,2', '4,b,1', '4,c,3']);
  const rows = await engine.query('SELECT id, sku, price FROM orders CROSS JOIN UNNEST(lines)').toArray();
  assert.deepEqual(text(rows), ['1,p1,1.50', '1,p2,2.00']); // a NULL ROW element produces no row, as in Flink
  const named = await engine.query('SELECT id, l.s, l.p * 2 AS twice FROM orders CROSS JOIN UNNEST(lines) AS l (s, p) WHERE l.s IS NOT NULL').toArray();
  assert.deepEqual(named, [{ id: 1, s: 'p1', twice: '3.00' }, { id: 1, s: 'p2', twice: '4.00' }]);
  await element.cancel();
  await engine.close();
});

test('LEFT JOIN UNNEST … ON TRUE keeps the rows with empty or NULL collections, NULL-padded', async () => {
  const engine = engineWithOrders();
  const rows = await engine.query('SELECT id, tag FROM orders LEFT JOIN UNNEST(tags) AS t (tag) ON TRUE').toArray();
  assert.deepEqual(text(rows), ['1,big', '1,null', '1,red', '2,null', '3,null', '4,small']);
  const entries = await engine.query('SELECT id, k, v FROM orders LEFT JOIN UNNEST(qty) AS e (k, v) ON TRUE').toArray();
  assert.deepEqual(text(entries), ['1,a,2', '2,null,null', '3,null,null', '4,b,1', '4,c,3']);
  await engine.close();
});

test('an INNER JOIN … ON condition filters the joined rows', async () => {
  const engine = engineWithOrders();
  const rows = await engine.query("SELECT id, tag FROM orders JOIN UNNEST(tags) AS t (tag) ON tag <> 'red'").toArray();
  assert.deepEqual(text(rows), ['1,big', '4,small']);
  await engine.close();
});

test('over an updating input, every produced row carries its input row\'s change kind', async () => {
  const engine = new Engine({ printLine: () => {} });
  engine.registerTable('clicks', { columns: [{ name: 'user_id', type: 'STRING' }], rows: [{ user_id: 'u1' }, { user_id: 'u1' }] });
  const sql = `SELECT c.user_id, x
    FROM (SELECT user_id, ARRAY[n, 10] AS arr FROM (SELECT user_id, CAST(COUNT(*) AS INT) AS n FROM clicks GROUP BY user_id)) c
    CROSS JOIN UNNEST(c.arr) AS t (x)`;
  assert.match(engine.explain(sql), /changelog \(\+I, -U, \+U, -D\): user_id STRING, x INT/);
  const result = engine.query(sql);
  assert.equal(result.updating, true);
  const changes: Change[] = [];
  for await (const change of result) changes.push(change);
  assert.deepEqual(changes.map((c) => `${c.op} ${c.row['user_id']} ${c.row['x']}`), [
    '+I u1 1', '+I u1 10',
    '-U u1 1', '-U u1 10',
    '+U u1 2', '+U u1 10',
  ]);
  await engine.close();
});

test('an UNNEST job checkpoints: barriers pass the stateless correlate and every row is written once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-unnest-'));
  const engine = new Engine({ baseDirectory: dir, printLine: () => {}, config: { 'execution.checkpointing.interval': '5 ms', 'sluice.batch-size': '1' } });
  engine.registerTable('events', {
    columns: [{ name: 'id', type: 'INT' }, { name: 'tags', type: 'ARRAY<STRING>' }],
    rows: (async function* () {
      for (let id = 0; id < 20; id++) {
        yield { id, tags: [`a${id}`, `b${id}`] };
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    })(),
  });
  await engine.execute("CREATE TABLE out_t (id INT, tag STRING) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv')");
  const result = await engine.execute('INSERT INTO out_t SELECT id, tag FROM events CROSS JOIN UNNEST(tags) AS t (tag)');
  assert.equal(result.kind, 'job');
  const summary = await (result as { job: JobHandle }).job.done();
  assert.equal(summary.status, 'finished');
  assert.ok((summary.checkpoints?.completed ?? 0) > 1, `checkpoints: ${JSON.stringify(summary.checkpoints)}`);
  const out = join(dir, 'out');
  const lines = readdirSync(out).filter((f) => !f.startsWith('.')).flatMap((f) => readFileSync(join(out, f), 'utf8').split('\n').filter((l) => l !== ''));
  const expected = Array.from({ length: 20 }, (_, id) => [`${id},a${id}`, `${id},b${id}`]).flat();
  assert.deepEqual(lines.sort(), expected.sort());
  await engine.close();
});

test('EXPLAIN shows a Correlate with its invocation, row type and join type', () => {
  const engine = engineWithOrders();
  const plan = engine.explain('SELECT id, tag FROM orders LEFT JOIN UNNEST(tags) AS t (tag) ON TRUE');
  assert.match(plan, /Correlate\(invocation=\[UNNEST\(tags\)\], correlate=\[table\(UNNEST\(tags\)\)\], select=\[id, tags, qty, lines, tag\], rowType=\[RecordType\(INT id, ARRAY<STRING> tags, .*, STRING tag\)\], joinType=\[LEFT\]\)/);
  assert.match(plan, /^append-only \(\+I\): id INT, tag STRING$/m);
});

test('refusals: WITH ORDINALITY (Flink 2.1), RIGHT joins, a LEFT join condition other than TRUE, wrong types and alias counts', () => {
  const engine = engineWithOrders();
  const fails = (sql: string, kind: typeof PlanError | typeof NotImplementedError, message: string): void => {
    assert.throws(() => engine.explain(sql), (error: unknown) => {
      assert.ok(error instanceof kind, String(error));
      assert.equal(error.message, message);
      return true;
    }, sql);
  };
  fails('SELECT * FROM orders CROSS JOIN UNNEST(tags) WITH ORDINALITY AS t (tag, n)', NotImplementedError,
    'UNNEST … WITH ORDINALITY is not supported (Flink 1.20 does not support it; it arrives in Flink 2.1) at 1:46');
  fails('SELECT * FROM orders RIGHT JOIN UNNEST(tags) AS t (tag) ON TRUE', NotImplementedError,
    'RIGHT JOIN with UNNEST is not supported (Flink correlates only INNER and LEFT joins) at 1:22');
  fails("SELECT * FROM orders LEFT JOIN UNNEST(tags) AS t (tag) ON tag = 'x'", PlanError,
    'A LEFT JOIN with UNNEST takes only ON TRUE as its condition (as in Flink); filter the joined rows in WHERE at 1:59');
  fails('SELECT * FROM orders CROSS JOIN UNNEST(id)', PlanError, 'UNNEST takes an ARRAY or a MAP, not INT at 1:40');
  fails('SELECT * FROM orders CROSS JOIN UNNEST(qty) AS e (k)', PlanError,
    'UNNEST produces 2 columns (KEY STRING, VALUE INT), but the alias names 1 at 1:51');
  fails('SELECT * FROM UNNEST(ARRAY[1, 2])', NotImplementedError,
    'UNNEST is supported only on the right side of a join: FROM t CROSS JOIN …, FROM t, … or FROM t LEFT JOIN … ON TRUE at 1:15');
  fails('SELECT * FROM orders CROSS JOIN UNNEST(nope)', PlanError, "Unknown column 'nope' at 1:40");
});
