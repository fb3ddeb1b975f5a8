/** ALTER TABLE … SET / RESET / RENAME TO on real files; USE and SHOW of Flink's default catalog and database. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, PlanError } from '../../src/index.js';

async function engineWithFiles(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-alter-'));
  writeFileSync(join(dir, 'a.jsonl'), '{"x": 1}\n{"x": 2}\n');
  writeFileSync(join(dir, 'b.jsonl'), '{"x": 10}\nnot json\n{"x": 20}\n');
  const engine = new Engine({ printLine: () => {}, baseDirectory: dir });
  await engine.execute("CREATE TABLE t (x INT) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json')");
  return engine;
}

const xs = async (engine: Engine, table: string): Promise<unknown[]> => (await engine.query(`SELECT x FROM ${table}`).toArray()).map((r) => r['x']);

const message = async (engine: Engine, sql: string): Promise<string> => {
  const result = await engine.execute(sql);
  assert.equal(result.kind, 'ok');
  return result.kind === 'ok' ? result.message : '';
};

const showCreate = async (engine: Engine, table: string): Promise<string> => {
  const result = await engine.execute(`SHOW CREATE TABLE ${table}`);
  return result.kind === 'table' ? String(result.rows[0]![0]) : '';
};

test('SET merges options (later queries read the new file), RESET removes them, as SHOW CREATE TABLE shows', async () => {
  const engine = await engineWithFiles();
  assert.deepEqual(await xs(engine, 't'), [1, 2]);
  assert.equal(await message(engine, "ALTER TABLE t SET ('path' = 'b.jsonl', 'json.ignore-parse-errors' = 'true')"), "Table 't' altered.");
  assert.deepEqual(await xs(engine, 't'), [10, 20], 'the malformed line is skipped as the new option says');
  assert.match(await showCreate(engine, 't'), /'path' = 'b\.jsonl'[\s\S]*'json\.ignore-parse-errors' = 'true'/);
  await message(engine, "ALTER TABLE t RESET ('json.ignore-parse-errors', 'not-there')");
  assert.doesNotMatch(await showCreate(engine, 't'), /ignore-parse-errors/);
  await assert.rejects(xs(engine, 't'), /b\.jsonl:2/, 'malformed input fails the job again, naming file:line');
  await engine.close();
});

test('RENAME TO: the table answers to its new name only', async () => {
  const engine = await engineWithFiles();
  await engine.execute('CREATE VIEW v AS SELECT x FROM t');
  assert.equal(await message(engine, 'ALTER TABLE t RENAME TO u'), "Table 't' renamed to 'u'.");
  assert.deepEqual(await xs(engine, 'u'), [1, 2]);
  await assert.rejects(xs(engine, 't'), /Unknown table 't'/);
  await assert.rejects(engine.execute('ALTER TABLE u RENAME TO v'), (error: unknown) =>
    error instanceof PlanError && error.message === "Table or view 'v' already exists at 1:25");
  await engine.close();
});

test('errors: a missing table (skipped with IF EXISTS), a view, a table from the API, RESET of the connector', async () => {
  const engine = await engineWithFiles();
  await engine.execute('CREATE VIEW v AS SELECT x FROM t');
  engine.registerTable('api', { columns: [{ name: 'x', type: 'INT' }], rows: [] });
  assert.equal(await message(engine, "ALTER TABLE IF EXISTS nope SET ('a' = 'b')"), "Table 'nope' does not exist; skipped.");
  const fails = (sql: string, text: string) => assert.rejects(engine.execute(sql), (error: unknown) => error instanceof PlanError && error.message === text, sql);
  await fails("ALTER TABLE nope SET ('a' = 'b')", "Table 'nope' does not exist at 1:13");
  await fails("ALTER TABLE v SET ('a' = 'b')", "'v' is a view; ALTER TABLE changes tables at 1:13");
  await fails("ALTER TABLE api SET ('a' = 'b')", "'api' is registered from the API and has no WITH options to change at 1:13");
  await fails("ALTER TABLE t RESET ('connector')", "ALTER TABLE RESET cannot remove 'connector'; SET it to another connector instead at 1:22");
  await fails("ALTER TABLE t SET ('a' = 'b', 'a' = 'c')", "Duplicate option 'a' at 1:31");
  await fails("ALTER TABLE `t$late` SET ('a' = 'b')", "'t$late' is a system table; it cannot be altered at 1:13");
  await engine.close();
});

test("USE CATALOG default_catalog and USE default_database (Flink's default names) are accepted; other names are not", async () => {
  const engine = await engineWithFiles();
  assert.equal(await message(engine, 'USE CATALOG default_catalog'), 'Using catalog default_catalog.');
  assert.equal(await message(engine, 'USE default_database'), 'Using database default_database.');
  await assert.rejects(engine.execute('USE CATALOG hive'), (error: unknown) => error instanceof PlanError
    && error.message === "Catalog 'hive' does not exist: Sluice has one catalog, default_catalog, with one database, default_database at 1:13");
  await engine.close();
});

test('SHOW CATALOGS, SHOW DATABASES, SHOW CURRENT CATALOG, SHOW CURRENT DATABASE: the one catalog and database', async () => {
  const engine = new Engine({ printLine: () => {} });
  const answer = async (sql: string): Promise<unknown[]> => {
    const result = await engine.execute(sql);
    assert.equal(result.kind, 'table');
    return result.kind === 'table' ? [result.columns[0], ...result.rows.map((r) => r[0])] : [];
  };
  assert.deepEqual(await answer('SHOW CATALOGS'), ['catalog name', 'default_catalog']);
  assert.deepEqual(await answer('show databases'), ['database name', 'default_database']);
  assert.deepEqual(await answer('SHOW CURRENT CATALOG'), ['current catalog name', 'default_catalog']);
  assert.deepEqual(await answer('SHOW CURRENT DATABASE'), ['current database name', 'default_database']);
  await engine.close();
});
