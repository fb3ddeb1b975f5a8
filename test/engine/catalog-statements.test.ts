/**
 * SHOW FUNCTIONS (built-in and user-defined), SHOW VIEWS, SHOW COLUMNS FROM t [[NOT] LIKE 'p'], and SHOW CREATE
 * TABLE / VIEW, whose DDL re-creates the entry (checked by running it in a fresh engine).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError, type StatementResult } from '../../src/index.js';

const DDL = `CREATE TABLE Bid (bidtime TIMESTAMP(3), price DECIMAL(10, 2) NOT NULL, item STRING,
  total AS price * 2, -- doubled
  \`odd name\` AS UPPER(item),
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND,
  PRIMARY KEY (item) NOT ENFORCED)
  WITH ('connector' = 'filesystem', 'path' = 'it''s.json', 'format' = 'json');
CREATE VIEW cheap AS SELECT item, price
  FROM Bid WHERE price < 3`;

function rows(result: StatementResult): unknown[][] {
  if (result.kind !== 'table') assert.fail(`expected a table, got ${result.kind}`);
  return result.rows.map((row) => [...row]);
}

async function engine(): Promise<Engine> {
  const e = new Engine({ printLine: () => {} });
  await e.execute(DDL);
  return e;
}

test('SHOW CREATE TABLE prints DDL that re-creates the table', async () => {
  const e = await engine();
  const [[ddl]] = rows(await e.execute('SHOW CREATE TABLE Bid')) as [[string]];
  assert.equal(ddl, [
    'CREATE TABLE `Bid` (',
    '  `bidtime` TIMESTAMP(3),',
    '  `price` DECIMAL(10, 2) NOT NULL,',
    '  `item` STRING,',
    '  `total` AS price * 2,',
    '  `odd name` AS UPPER(item),',
    "  WATERMARK FOR `bidtime` AS bidtime - INTERVAL '1' SECOND,",
    '  PRIMARY KEY (`item`) NOT ENFORCED',
    ') WITH (',
    "  'connector' = 'filesystem',",
    "  'path' = 'it''s.json',",
    "  'format' = 'json'",
    ')',
  ].join('\n'));
  const fresh = new Engine({ printLine: () => {} });
  await fresh.execute(ddl);
  assert.deepEqual(rows(await fresh.execute('DESCRIBE Bid')), rows(await e.execute('DESCRIBE Bid')));
  assert.deepEqual(rows(await fresh.execute('SHOW CREATE TABLE Bid')), [[ddl]]);
});

test('SHOW CREATE VIEW prints the query as written; the wrong object kind is an error at the name', async () => {
  const e = await engine();
  assert.deepEqual(rows(await e.execute('SHOW CREATE VIEW cheap')), [['CREATE VIEW `cheap` AS\nSELECT item, price\n  FROM Bid WHERE price < 3']]);
  await assert.rejects(e.execute('SHOW CREATE TABLE cheap'), (error: unknown) => error instanceof PlanError && /'cheap' is a view; use SHOW CREATE VIEW at 1:19$/.test(error.message));
  await assert.rejects(e.execute('SHOW CREATE VIEW Bid'), /'Bid' is a table; use SHOW CREATE TABLE at 1:18/);
  await assert.rejects(e.execute('SHOW CREATE TABLE nope'), /nope/);
});

test('SHOW VIEWS lists the views only; SHOW COLUMNS filters DESCRIBE by [NOT] LIKE', async () => {
  const e = await engine();
  await e.execute('CREATE VIEW a_view AS SELECT 1 AS one');
  assert.deepEqual(rows(await e.execute('SHOW VIEWS')), [['a_view'], ['cheap']]);
  assert.deepEqual(rows(await e.execute('SHOW COLUMNS FROM Bid')), rows(await e.execute('DESCRIBE Bid')));
  assert.deepEqual(rows(await e.execute("SHOW COLUMNS IN Bid LIKE '%i%'")).map((row) => row[0]), ['bidtime', 'price', 'item']);
  assert.deepEqual(rows(await e.execute("SHOW COLUMNS FROM Bid NOT LIKE '_ri%'")).map((row) => row[0]), ['bidtime', 'item', 'total', 'odd name']);
});

test('SHOW FUNCTIONS lists the built-in functions and the user-defined ones, sorted', async () => {
  const e = await engine();
  e.registerFunction('twice', { parameters: ['INT'], returns: 'INT', eval: (x) => (typeof x === 'number' ? x * 2 : null) });
  const names = rows(await e.execute('SHOW FUNCTIONS')).map((row) => row[0] as string);
  for (const name of ['ABS', 'COUNT', 'CAST', 'TUMBLE', 'ROW_NUMBER', 'JSON_OBJECTAGG', 'twice']) assert.ok(names.includes(name), name);
  assert.deepEqual(names, [...names].sort((a, b) => a.toUpperCase().localeCompare(b.toUpperCase())));
  assert.equal(new Set(names).size, names.length);
});
