/**
 * JOIN … USING (test/conformance/join-using-* compare with Flink): the merged column per join type, `*` order,
 * qualified access to each side's column, chains of USING joins, and errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError } from '../../src/index.js';

function engine(): Engine {
  const e = new Engine({ printLine: () => {} });
  e.registerTable('a', { columns: [{ name: 'k', type: 'INT' }, { name: 'x', type: 'STRING' }], rows: [{ k: 1, x: 'a1' }, { k: 2, x: 'a2' }] });
  e.registerTable('b', { columns: [{ name: 'k', type: 'INT' }, { name: 'y', type: 'STRING' }], rows: [{ k: 1, y: 'b1' }, { k: 3, y: 'b3' }] });
  e.registerTable('c', { columns: [{ name: 'z', type: 'STRING' }, { name: 'k', type: 'INT' }], rows: [{ z: 'c1', k: 1 }, { z: 'c3', k: 3 }] });
  return e;
}

const sorted = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();

test('SELECT * lists the USING column once, first; a RIGHT join takes the right side\'s value', async () => {
  assert.deepEqual(sorted(await engine().query('SELECT * FROM a JOIN b USING (k)').toArray()), ['{"k":1,"x":"a1","y":"b1"}']);
  assert.deepEqual(sorted(await engine().query('SELECT * FROM a RIGHT JOIN b USING (k)').toArray()),
    ['{"k":1,"x":"a1","y":"b1"}', '{"k":3,"x":null,"y":"b3"}']);
  assert.deepEqual(sorted(await engine().query('SELECT k, a.k AS ak, b.k AS bk FROM a LEFT JOIN b USING (k)').toArray()),
    ['{"k":1,"ak":1,"bk":1}', '{"k":2,"ak":2,"bk":null}']);
  assert.deepEqual(sorted(await engine().query('SELECT b.* FROM a JOIN b USING (k)').toArray()), ['{"k":1,"y":"b1"}']);
});

test('USING joins chain: the merged column of the first join is the left key of the next', async () => {
  const rows = await engine().query('SELECT * FROM a FULL JOIN b USING (k) JOIN c USING (k)').toArray();
  assert.deepEqual(sorted(rows), ['{"k":1,"x":"a1","y":"b1","z":"c1"}', '{"k":3,"x":null,"y":"b3","z":"c3"}']);
});

test('a USING column missing on a side, or of types that cannot be compared, is refused at its position', () => {
  const e = engine();
  e.registerTable('d', { columns: [{ name: 'k', type: 'STRING' }], rows: [] });
  assert.throws(() => e.query('SELECT * FROM a JOIN b USING (x)'), (error: unknown) =>
    error instanceof PlanError && /^Column 'x' of USING is not a column of the right side of the join at 1:31$/.test(error.message));
  assert.throws(() => e.query('SELECT * FROM a JOIN d USING (k)'), (error: unknown) =>
    error instanceof PlanError && /Column 'k' of USING has types INT and STRING, which cannot be compared at 1:31/.test(error.message));
});
