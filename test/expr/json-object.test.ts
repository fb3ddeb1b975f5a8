/**
 * JSON_OBJECT([KEY] k VALUE v, … [NULL | ABSENT ON NULL]) and the ON NULL clause of JSON_ARRAY, as Flink's: NULL ON
 * NULL is JSON_OBJECT's default and ABSENT ON NULL JSON_ARRAY's; nested JSON_OBJECT / JSON_ARRAY values are inserted
 * as JSON, not as strings; keys must be strings; a column named `key` still works as a key. As Flink, members come
 * out sorted by key and DECIMALs as Java's BigDecimal.stripTrailingZeros() writes them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError, SqlSyntaxError } from '../../src/index.js';
import { strippedDecimal } from '../../src/runtime/expr/json-functions.js';

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
    o1: '{"a":7,"b":"x"}', o2: '{"d":1.5,"n":null}', o3: '{"d":1.5}', o4: '{"n":null}', empty: '{}', bycolumn: '{"k":7}', keyed: '{"k":true}',
  });
});

test('nested JSON_OBJECT / JSON_ARRAY values are JSON, not strings; JSON_ARRAY takes NULL ON NULL', async () => {
  assert.deepEqual(await row(`JSON_OBJECT('o' VALUE JSON_OBJECT('a' VALUE 1), 'arr' VALUE JSON_ARRAY(1, n, 'x'), 's' VALUE '[1]') AS o,
      JSON_ARRAY(1, n NULL ON NULL) AS a1, JSON_ARRAY(1, n ABSENT ON NULL) AS a2, JSON_ARRAY(JSON_ARRAY(2)) AS a3`), {
    o: '{"arr":[1,"x"],"o":{"a":1},"s":"[1]"}', a1: '[1,null]', a2: '[1]', a3: '[[2]]',
  });
});

test('JSON_OBJECT refuses a missing VALUE, a comma in place of VALUE and a key that is not a string', async () => {
  await assert.rejects(row(`JSON_OBJECT('a' VALUE 1, 'b') AS o`), SqlSyntaxError);
  await assert.rejects(row(`JSON_OBJECT('a', 1) AS o`), SqlSyntaxError);
  await assert.rejects(row(`JSON_OBJECT(i VALUE 1) AS o`), PlanError);
  await assert.rejects(row(`UPPER('a' ABSENT ON NULL) AS o`), SqlSyntaxError);
});

test('members sorted by key (UTF-16 order, last duplicate wins); DECIMAL written as Java strips it', async () => {
  assert.deepEqual(await row(`JSON_OBJECT('z' VALUE 1, 'Z' VALUE 2, 'a' VALUE JSON_OBJECT('y' VALUE 1, 'x' VALUE 2)) AS o,
      JSON_ARRAY(CAST(100.00 AS DECIMAL(5, 2)), CAST(0.00 AS DECIMAL(3, 2)), CAST(-0.50 AS DECIMAL(3, 2))) AS a`), {
    o: '{"Z":2,"a":{"x":2,"y":1},"z":1}', a: '[1E+2,0,-0.5]',
  });
  assert.equal(strippedDecimal(125n, 2), '1.25');
  assert.equal(strippedDecimal(-1200n, 0), '-1.2E+3');
  assert.equal(strippedDecimal(1n, 7), '1E-7');
  assert.equal(strippedDecimal(1n, 6), '0.000001');
  assert.equal(strippedDecimal(120n, 1), '12');
});
