/**
 * CREATE TABLE … LIKE with Flink's merging rules: the base's columns first, then the new ones; INCLUDING /
 * EXCLUDING / OVERWRITING per feature (OPTIONS, GENERATED, WATERMARKS, CONSTRAINTS, METADATA), INCLUDING ALL
 * OVERWRITING OPTIONS by default; conflicts under INCLUDING are errors at the new definition.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError, type StatementResult } from '../../src/index.js';

const BASE = `CREATE TABLE base (id BIGINT NOT NULL, ts TIMESTAMP(3), name STRING,
  upper_name AS UPPER(name),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
  PRIMARY KEY (id) NOT ENFORCED)
  WITH ('connector' = 'filesystem', 'path' = 'in.json', 'format' = 'json')`;

function ddl(result: StatementResult): string {
  if (result.kind !== 'table') assert.fail(`expected a table, got ${result.kind}`);
  return String(result.rows[0]![0]);
}

async function engine(): Promise<Engine> {
  const e = new Engine({ printLine: () => {} });
  await e.execute(BASE);
  return e;
}

test('LIKE without options: INCLUDING ALL, OVERWRITING OPTIONS; new columns after the base ones', async () => {
  const e = await engine();
  await e.execute("CREATE TABLE t2 (extra INT) WITH ('path' = 'other.json') LIKE base");
  assert.equal(ddl(await e.execute('SHOW CREATE TABLE t2')), [
    'CREATE TABLE `t2` (',
    '  `id` BIGINT NOT NULL,',
    '  `ts` TIMESTAMP(3),',
    '  `name` STRING,',
    '  `upper_name` AS UPPER(name),',
    '  `extra` INT,',
    "  WATERMARK FOR `ts` AS ts - INTERVAL '5' SECOND,",
    '  PRIMARY KEY (`id`) NOT ENFORCED',
    ') WITH (',
    "  'connector' = 'filesystem',",
    "  'format' = 'json',",
    "  'path' = 'other.json'",
    ')',
  ].join('\n'));
});

test('EXCLUDING ALL INCLUDING OPTIONS, EXCLUDING OPTIONS, OVERWRITING WATERMARKS and GENERATED', async () => {
  const e = await engine();
  await e.execute('CREATE TABLE bare LIKE base (EXCLUDING ALL INCLUDING OPTIONS)');
  assert.match(ddl(await e.execute('SHOW CREATE TABLE bare')), /^CREATE TABLE `bare` \(\n {2}`id` BIGINT NOT NULL,\n {2}`ts` TIMESTAMP\(3\),\n {2}`name` STRING\n\) WITH \(\n {2}'connector' = 'filesystem'/);
  await e.execute("CREATE TABLE printed (upper_name AS LOWER(name), WATERMARK FOR ts AS ts) WITH ('connector' = 'print') LIKE base (EXCLUDING OPTIONS, OVERWRITING WATERMARKS, OVERWRITING GENERATED, EXCLUDING CONSTRAINTS)");
  const text = ddl(await e.execute('SHOW CREATE TABLE printed'));
  assert.match(text, /`upper_name` AS LOWER\(name\),\n {2}WATERMARK FOR `ts` AS ts\n\) WITH \(\n {2}'connector' = 'print'\n\)$/);
});

test('conflicts under INCLUDING and redefined physical columns are errors at the new definition', async () => {
  const e = await engine();
  const fails = async (sql: string, message: RegExp): Promise<void> => {
    await assert.rejects(e.execute(sql), (error: unknown) => error instanceof PlanError && message.test(error.message), sql);
  };
  await fails("CREATE TABLE a (name INT) WITH ('connector' = 'blackhole') LIKE base", /A column named 'name' already exists in the base table 'base' at 1:17/);
  await fails("CREATE TABLE b (WATERMARK FOR ts AS ts) WITH ('connector' = 'blackhole') LIKE base", /already has a watermark; use OVERWRITING WATERMARKS at 1:17/);
  await fails("CREATE TABLE c (PRIMARY KEY (name) NOT ENFORCED) WITH ('connector' = 'blackhole') LIKE base", /already has a primary key; use EXCLUDING CONSTRAINTS/);
  await fails("CREATE TABLE d WITH ('connector' = 'blackhole') LIKE base (INCLUDING OPTIONS)", /Option 'connector' is set in the base table 'base' too; use OVERWRITING OPTIONS at 1:22/);
  await fails("CREATE TABLE e WITH ('connector' = 'blackhole') LIKE base (OVERWRITING CONSTRAINTS)", /OVERWRITING CONSTRAINTS is not allowed/);
  await fails("CREATE TABLE f WITH ('connector' = 'blackhole') LIKE nope", /nope/);
  assert.deepEqual(e.tableNames().sort(), ['base']);
});
