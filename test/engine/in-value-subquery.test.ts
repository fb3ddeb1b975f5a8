/**
 * `x [NOT] IN (SELECT …)` as a value — in the SELECT list, under OR in WHERE, in HAVING — with SQL's three-valued
 * logic, planned as LEFT joins with the subquery's counts and a marker joined on x (test/conformance/subquery-in-value
 * compares with Flink). AND-ed IN conditions of WHERE stay semi / anti joins (semi-anti-join.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, type Change, type EngineOptions } from '../../src/index.js';
import { NotImplementedError } from '../../src/common/errors.js';
import { materialise } from './changelog.js';

function engine(options: EngineOptions = {}): Engine {
  const e = new Engine({ printLine: () => {}, ...options });
  e.registerTable('Orders', {
    columns: [{ name: 'id', type: 'STRING' }, { name: 'cust', type: 'INT' }, { name: 'amount', type: 'INT' }],
    rows: [
      { id: 'o1', cust: 1, amount: 10 },
      { id: 'o2', cust: 2, amount: 20 },
      { id: 'o3', cust: 3, amount: 30 },
      { id: 'o4', cust: null, amount: 40 },
    ],
  });
  e.registerTable('Customers', {
    columns: [{ name: 'cust', type: 'INT' }, { name: 'name', type: 'STRING' }],
    rows: [{ cust: 1, name: 'Ann' }, { cust: 2, name: 'Bob' }, { cust: null, name: 'Nil' }, { cust: 1, name: 'Ann2' }],
  });
  return e;
}

async function rows(sql: string, options: EngineOptions = {}): Promise<string[]> {
  const changes: Change[] = [];
  for await (const change of engine(options).query(sql)) changes.push(change);
  return materialise(changes);
}

const CASES: readonly (readonly [string, string, readonly string[]])[] = [
  ['in SELECT: TRUE on a match; no match is NULL when the subquery has a NULL, FALSE when it has none',
    "SELECT id, cust IN (SELECT cust FROM Customers) AS with_null, cust IN (SELECT cust FROM Customers WHERE name <> 'Nil') AS without_null FROM Orders",
    ['o1 true true', 'o2 true true', 'o3 - false', 'o4 - -']],
  ['NOT IN in SELECT; over an empty subquery IN is FALSE and NOT IN TRUE, even for a NULL operand',
    "SELECT id, cust NOT IN (SELECT cust FROM Customers WHERE name <> 'Nil') AS n, cust IN (SELECT cust FROM Customers WHERE name = 'Zed') AS e, cust NOT IN (SELECT cust FROM Customers WHERE name = 'Zed') AS ne FROM Orders",
    ['o1 false false true', 'o2 false false true', 'o3 true false true', 'o4 - false true']],
  ['under OR in WHERE',
    "SELECT id FROM Orders WHERE amount > 35 OR cust IN (SELECT cust FROM Customers WHERE name LIKE 'Ann%')",
    ['o1', 'o4']],
  ['over a grouped subquery, in HAVING',
    'SELECT cust, COUNT(*) AS n FROM Orders GROUP BY cust HAVING cust IN (SELECT cust FROM Customers GROUP BY cust HAVING COUNT(*) > 1) OR COUNT(*) > 5',
    ['1 1']],
];

for (const [name, sql, expected] of CASES) {
  for (const batchSize of ['1', '4096']) {
    test(`IN ${name}, batch size ${batchSize}`, async () => {
      assert.deepEqual(await rows(sql, { config: { 'sluice.batch-size': batchSize } }), [...expected].sort());
    });
  }
}

test('EXPLAIN: the counts joined on TRUE, the marker joined on the operand, and the CASE of three-valued logic', () => {
  const plan = engine().explain('SELECT id, cust IN (SELECT cust FROM Customers) AS known FROM Orders');
  assert.match(plan, /CASE WHEN \(\(`EXPR\$0` IS NULL\) OR \(`EXPR\$0` = 0\)\) THEN FALSE WHEN \(`EXPR\$1` IS NOT NULL\) THEN TRUE WHEN \(cust IS NULL\) THEN CAST\(NULL AS BOOLEAN\) WHEN \(`EXPR\$00` < `EXPR\$0`\) THEN CAST\(NULL AS BOOLEAN\) ELSE FALSE END AS known/);
  assert.match(plan, /Join\(joinType=\[LeftOuterJoin\], where=\[cust = \$corr0\]/);
  assert.equal(plan.match(/Join\(joinType=\[LeftOuterJoin\], where=\[true\]/g)?.length, 2);
});

test('an expression on the left and a correlated subquery are refused at the IN', () => {
  assert.throws(() => engine().explain('SELECT id, cust + 1 IN (SELECT cust FROM Customers) AS x FROM Orders'),
    (error: unknown) => error instanceof NotImplementedError && /^IN \(SELECT …\) with an expression on its left is not supported yet.* at 1:12$/.test(error.message));
  assert.throws(() => engine().explain('SELECT id, cust IN (SELECT c.cust FROM Customers c WHERE c.name = o.id) AS x FROM Orders o'),
    (error: unknown) => error instanceof NotImplementedError && /^A correlated IN \(SELECT …\) is not supported yet.* at 1:12$/.test(error.message));
});
