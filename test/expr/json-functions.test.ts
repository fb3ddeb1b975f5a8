/**
 * JSON functions over JSON text with Flink's default clauses: JSON_VALUE (scalars as STRING, exact digits),
 * JSON_QUERY (objects and arrays), JSON_EXISTS, JSON_STRING and JSON_ARRAY; NULL on a missing item or on bad JSON
 * (strict and lax paths alike under NULL ON EMPTY / NULL ON ERROR); a literal path that is not one is refused when
 * planning. The clauses themselves are in json-clauses.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError } from '../../src/index.js';

const DOC = '{"a": {"b": [10, 20, {"c": "x"}], "big": 9007199254740993, "t": true, "n": null}, "k y": "v"}';

async function row(select: string, doc: string | null = DOC): Promise<Record<string, unknown>> {
  const engine = new Engine();
  engine.registerTable('t', { columns: [{ name: 'j', type: 'STRING' }, { name: 'i', type: 'INT' }, { name: 'd', type: 'DECIMAL(5, 2)' }], rows: [{ j: doc, i: 7, d: '1.50' }] });
  const rows = await engine.query(`SELECT ${select} FROM t`).toArray();
  return rows[0]!;
}

test('JSON_VALUE, JSON_QUERY and JSON_EXISTS with paths', async () => {
  assert.deepEqual(await row(`JSON_VALUE(j, '$.a.b[1]') AS v1, JSON_VALUE(j, '$.a.big') AS big, JSON_VALUE(j, '$.a.t') AS t,
      JSON_VALUE(j, '$.a.b[2].c') AS c, JSON_VALUE(j, '$["k y"]') AS quoted, JSON_VALUE(j, 'lax $.a.b') AS notscalar,
      JSON_VALUE(j, '$.a.n') AS isnull, JSON_VALUE(j, '$.nope') AS missing`), {
    v1: '20', big: '9007199254740993', t: 'true', c: 'x', quoted: 'v', notscalar: null, isnull: null, missing: null,
  });
  assert.deepEqual(await row(`JSON_QUERY(j, '$.a.b') AS arr, JSON_QUERY(j, '$.a.b[2]') AS obj, JSON_QUERY(j, '$.a.b[0]') AS scalar,
      JSON_EXISTS(j, '$.a.b[2].c') AS e1, JSON_EXISTS(j, '$.a.b[5]') AS e2, JSON_EXISTS(j, '$.a.b[*]') AS e3`), {
    arr: '[10,20,{"c":"x"}]', obj: '{"c":"x"}', scalar: null, e1: true, e2: false, e3: true,
  });
  assert.deepEqual(await row(`JSON_VALUE(j, '$.a') AS v, JSON_EXISTS(j, '$.a') AS e, JSON_QUERY(j, '$') AS q`, '{not json'), { v: null, e: false, q: null });
  assert.deepEqual(await row(`JSON_VALUE(j, '$.a') AS v`, null), { v: null });
});

test('JSON_STRING and JSON_ARRAY write SQL values as JSON (ABSENT ON NULL); a bad literal path is refused', async () => {
  assert.deepEqual(await row(`JSON_STRING(i) AS a, JSON_STRING('say "hi"') AS b, JSON_STRING(d) AS c, JSON_STRING(CAST(NULL AS INT)) AS n,
      JSON_ARRAY(i, 'x', d, CAST(NULL AS STRING), TRUE) AS arr, JSON_ARRAY() AS empty`), {
    a: '7', b: '"say \\"hi\\""', c: '1.50', n: null, arr: '[7,"x",1.5,true]', empty: '[]',
  });
  await assert.rejects(async () => row(`JSON_VALUE(j, 'a.b')`), (error: unknown) => {
    assert.ok(error instanceof PlanError);
    assert.match(error.message, /^Function 'JSON_VALUE': invalid JSON path 'a\.b'/);
    return true;
  });
});
