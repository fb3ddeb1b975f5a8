/** ARRAY_CONTAINS, ARRAY_REVERSE, MAP_KEYS, MAP_VALUES: SQL in, rows out, with NULL arrays and NULL elements. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';

async function row(sql: string): Promise<Record<string, unknown>> {
  const rows = await new Engine().query(sql).toArray();
  return rows[0]!;
}

test('ARRAY_CONTAINS finds values and NULL elements; a NULL array gives NULL', async () => {
  const r = await row(`SELECT ARRAY_CONTAINS(ARRAY[1, 2, 3], 2) AS yes, ARRAY_CONTAINS(ARRAY[1, 2], 5) AS no,
    ARRAY_CONTAINS(ARRAY[1, CAST(NULL AS INT)], CAST(NULL AS INT)) AS has_null,
    ARRAY_CONTAINS(ARRAY['a'], CAST(NULL AS STRING)) AS no_null,
    ARRAY_CONTAINS(CAST(NULL AS ARRAY<INT>), 1) AS null_array`);
  assert.deepEqual({ ...r }, { yes: true, no: false, has_null: true, no_null: false, null_array: null });
});

test('ARRAY_REVERSE, MAP_KEYS and MAP_VALUES', async () => {
  const r = await row(`SELECT ARRAY_REVERSE(ARRAY[1, 2, 3])[1] AS first, CARDINALITY(ARRAY_REVERSE(ARRAY['x', 'y'])) AS n,
    MAP_KEYS(MAP['a', 1, 'b', 2])[2] AS k2, MAP_VALUES(MAP['a', 1, 'b', 2])[2] AS v2`);
  assert.deepEqual({ ...r }, { first: 3, n: 2, k2: 'b', v2: 2 });
});
