/**
 * JSON_OBJECT([KEY] k VALUE v, … [NULL | ABSENT ON NULL]) and the ON NULL clause of JSON_ARRAY, as Flink's: NULL ON
 * NULL is JSON_OBJECT's default and ABSENT ON NULL JSON_ARRAY's; nested JSON_OBJECT / JSON_ARRAY values are inserted
 * as JSON, not as strings; keys must be strings; a column named `key` still works as a key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError, SqlSyntaxError } from '../../src/index.js';

async function row(select: string): Promise<Record<string, unknown>> {
  const engine = new Engine();
  engine.registerTable('t', {
    columns: [{ name: 'key', type: 'STRING' }, { name: 'i', type: 'INT' }, { name: 'd', type: 'DECIMAL(5, 2)' }, { name: 'n', type: 'STRING' }],
    rows: [{ key: 'k', i: 7, d: '1.50', n: null }],
  });
  const rows = await engine.query(`SELECT ${select} FROM t`).toArray();
  return rows[0]!;
}

test('JSON_OBJECT with KEY … VALUE and without KEY, NULL ON NULL by default, ABSENT ON NULL on request', async () => {
  assert.deepEqual(await row(`JSON_OBJECT(KEY 'a' VALUE i, KEY 'b' VALUE 'x') AS o1, JSON_OBJECT('d' VALUE d, 'n' VALUE n) AS o2,
      JSON_OBJECT('d' VALUE d, 'n' VALUE n ABSENT ON NULL) AS o3, JSON_OBJECT('n' VALUE n NULL ON NULL) AS o4,
      JSON_OBJECT() AS empty, JSON_OBJECT(key VALUE i) AS bycolumn, JSON_OBJECT(KEY key VALUE TRUE) AS keyed`), {
    o1: '{"a":7,"b":"x"}', o2: '{"d":1.50,"n":null}', o3: '{"d":1.50}', o4: '{"n":null}', empty: '{}', bycolumn: '{"k":7}', keyed: '{"k":true}',
  });
});

test('nested JSON_OBJECT / JSON_ARRAY values are JSON, not strings; JSON_ARRAY takes NULL ON NULL', async () => {
  assert.deepEqual(await row(`JSON_OBJECT('o' VALUE JSON_OBJECT('a' VALUE 1), 'arr' VALUE JSON_ARRAY(1, n, 'x'), 's' VALUE '[1]') AS o,
      JSON_ARRAY(1, n NULL ON NULL) AS a1, JSON_ARRAY(1, n ABSENT ON NULL) AS a2, JSON_ARRAY(JSON_ARRAY(2)) AS a3`), {
    o: '{"o":{"a":1},"arr":[1,"x"],"s":"[1]"}', a1: '[1,null]', a2: '[1]', a3: '[[2]]',
  });
});

test('JSON_OBJECT refuses a missing VALUE, a comma in place of VALUE and a key that is not a string', async () => {
  await assert.rejects(row(`JSON_OBJECT('a' VALUE 1, 'b') AS o`), SqlSyntaxError);
  await assert.rejects(row(`JSON_OBJECT('a', 1) AS o`), SqlSyntaxError);
  await assert.rejects(row(`JSON_OBJECT(i VALUE 1) AS o`), PlanError);
  await assert.rejects(row(`UPPER('a' ABSENT ON NULL) AS o`), SqlSyntaxError);
});
