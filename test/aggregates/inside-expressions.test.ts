/**
 * Aggregate calls anywhere inside a SELECT or HAVING expression of a grouped query: inside ARRAY[…], MAP[…] and
 * ROW(…) constructors, element access, BETWEEN, IN (…) lists, LIKE, IS DISTINCT FROM and TRY_CAST — each call is
 * computed by the aggregation and the expression around it over the aggregation's output, as Flink does
 * (test/conformance/aggregates-in-constructors checks the constructors against Flink).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineWithEvents, rowTexts } from './sql-support.js';

test('aggregates inside ARRAY, MAP and ROW constructors, per group', async () => {
  const rows = await engineWithEvents('memory').query(`
    SELECT k, CAST(ARRAY[MIN(v), MAX(v)] AS STRING), ARRAY[MIN(v) + 1, COUNT(*)][2], MAP['lo', MIN(v), 'hi', MAX(v)],
           CAST(ROW(MIN(v), COUNT(*)) AS STRING), ROW(MAX(v), k).EXPR$1
    FROM events GROUP BY k`).toArray();
  assert.deepEqual(rowTexts(rows), [
    'a|[1, 4]|4|{lo=1, hi=4}|(1, 4)|a',
    'b|[3, 3]|2|{lo=3, hi=3}|(3, 2)|b',
  ]);
});

test('aggregates inside BETWEEN, IN lists, LIKE, IS DISTINCT FROM and TRY_CAST, in SELECT and HAVING', async () => {
  const rows = await engineWithEvents('memory').query(`
    SELECT k, MAX(v) BETWEEN 2 AND 3, MIN(v) IN (1, 2), LISTAGG(s) LIKE 'x%', MAX(v) IS DISTINCT FROM 3, TRY_CAST(SUM(d) AS INT)
    FROM events GROUP BY k
    HAVING COUNT(*) BETWEEN 1 AND 10 AND MAP[k, COUNT(v)][k] > 0`).toArray();
  assert.deepEqual(rowTexts(rows), [
    'a|false|true|true|true|10',
    'b|true|false|false|false|3',
  ]);
});

test('an aggregate inside another aggregate is still refused, wherever it is written', async () => {
  await assert.rejects(async () => engineWithEvents('memory').query('SELECT k, MAX(ARRAY[MIN(v)][1]) FROM events GROUP BY k').toArray(),
    /Aggregate function calls cannot be nested at 1:15/);
});
