/**
 * JSON_ARRAYAGG (test/conformance/json-arrayagg compares a window aggregation with Flink): arrival order, ON NULL
 * modes, nested JSON, and retraction over an updating input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';

function engine(): Engine {
  const e = new Engine({ printLine: () => {} });
  e.registerTable('t', { columns: [{ name: 'k', type: 'STRING' }, { name: 'v', type: 'INT' }], rows: [
    { k: 'a', v: 1 }, { k: 'a', v: null }, { k: 'b', v: 3 }, { k: 'a', v: 4 }, { k: 'b', v: 3 },
  ] });
  return e;
}

test('GROUP BY: values in arrival order, NULLs left out or written, JSON constructors inserted as JSON', async () => {
  const rows = await engine().query(
    "SELECT k, JSON_ARRAYAGG(v) AS a, JSON_ARRAYAGG(v NULL ON NULL) AS n, JSON_ARRAYAGG(JSON_ARRAY(v, k)) AS j FROM t GROUP BY k",
  ).toArray();
  assert.deepEqual(rows.sort((x, y) => String(x['k']).localeCompare(String(y['k']))), [
    { k: 'a', a: '[1,4]', n: '[1,null,4]', j: '[[1,"a"],["a"],[4,"a"]]' },
    { k: 'b', a: '[3,3]', n: '[3,3]', j: '[[3,"b"],[3,"b"]]' },
  ]);
});

test('over an updating input, a retraction takes the element back out', async () => {
  // counts per key change as rows arrive: each change retracts the old count from the array and adds the new one
  const rows = await engine().query('SELECT JSON_ARRAYAGG(c) AS counts FROM (SELECT k, COUNT(*) AS c FROM t GROUP BY k)').toArray();
  assert.deepEqual(rows, [{ counts: '[3,2]' }]);
});

test('JSON_OBJECTAGG: members sorted by key; a duplicate key fails the job as in Flink; a retraction removes its key', async () => {
  const e = new Engine({ printLine: () => {} });
  e.registerTable('p', { columns: [{ name: 'k', type: 'STRING' }, { name: 'v', type: 'INT' }], rows: [{ k: 'z', v: 1 }, { k: 'a', v: null }] });
  assert.deepEqual(await e.query('SELECT JSON_OBJECTAGG(KEY k VALUE v) AS o, JSON_OBJECTAGG(k VALUE v ABSENT ON NULL) AS p FROM p').toArray(),
    [{ o: '{"a":null,"z":1}', p: '{"z":1}' }]);
  await assert.rejects(engine().query('SELECT JSON_OBJECTAGG(KEY k VALUE v) FROM t').toArray(), /Key 'a' is already present\. Duplicate keys are not allowed in JSON_OBJECTAGG/);
  // per key the latest count: each new count retracts the key's old member first
  assert.deepEqual(await engine().query('SELECT JSON_OBJECTAGG(KEY k VALUE c) AS o FROM (SELECT k, COUNT(*) AS c FROM t GROUP BY k)').toArray(), [{ o: '{"a":3,"b":2}' }]);
});

test('FILTER leaves rows out of JSON_ARRAYAGG, also under NULL ON NULL (a Sluice extension: Flink 1.20 does not parse FILTER here)', async () => {
  const rows = await engine().query(
    "SELECT k, JSON_ARRAYAGG(v NULL ON NULL) FILTER (WHERE v > 2 OR v IS NULL) AS n, JSON_ARRAYAGG(v) FILTER (WHERE v > 2) AS a FROM t GROUP BY k",
  ).toArray();
  assert.deepEqual(rows.sort((x, y) => String(x['k']).localeCompare(String(y['k']))), [
    { k: 'a', n: '[null,4]', a: '[4]' },
    { k: 'b', n: '[3,3]', a: '[3,3]' },
  ]);
  // Over an updating input the left-out rows stay out when retracted too.
  assert.deepEqual(await engine().query(
    'SELECT JSON_ARRAYAGG(c NULL ON NULL) FILTER (WHERE c > 2) AS counts FROM (SELECT k, COUNT(*) AS c FROM t GROUP BY k)',
  ).toArray(), [{ counts: '[3]' }]);
});
