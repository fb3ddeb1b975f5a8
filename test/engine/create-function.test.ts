/**
 * CREATE [TEMPORARY] [SYSTEM] FUNCTION [IF NOT EXISTS] name AS 'module.mjs' LANGUAGE JAVASCRIPT and DROP FUNCTION:
 * a module on disk whose default export is what `engine.registerFunction` takes, resolved against the engine's
 * function directory; JVM and Python functions refused at their position. (Through the CLI:
 * test/cli/create-function-e2e.test.ts.)
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, NotImplementedError, PlanError, type StatementResult } from '../../src/index.js';

let directory = '';

before(() => {
  directory = mkdtempSync(join(tmpdir(), 'sluice-create-function-'));
  writeFileSync(join(directory, 'count-char.mjs'), `export default {
  parameters: ['STRING', 'STRING'], returns: 'BIGINT',
  eval: (text, char) => (text === null ? 0n : BigInt([...String(text)].filter((c) => c === char).length)),
};
`);
  writeFileSync(join(directory, 'not-a-function.mjs'), 'export default { returns: 42 };\n');
});

after(() => rmSync(directory, { recursive: true, force: true }));

function engine(): Engine {
  const e = new Engine({ functionDirectory: directory, printLine: () => {} });
  e.registerTable('t', { columns: [{ name: 's', type: 'STRING' }], rows: [{ s: 'abcabc' }, { s: null }] });
  return e;
}

function names(result: StatementResult): string[] {
  assert.equal(result.kind, 'table');
  return result.kind === 'table' ? result.rows.map((row) => String(row[0])) : [];
}

test('a JavaScript module\'s function is called like a registered one, listed, and dropped', async () => {
  const e = engine();
  assert.deepEqual(await e.execute("CREATE TEMPORARY SYSTEM FUNCTION count_char AS 'count-char.mjs' LANGUAGE JAVASCRIPT"), { kind: 'ok', message: "Function 'count_char' created." });
  assert.deepEqual(await e.query("SELECT count_char(s, 'a') AS n FROM t").toArray(), [{ n: 2n }, { n: 0n }]);
  assert.deepEqual(names(await e.execute('SHOW USER FUNCTIONS')), ['count_char']);
  assert.ok(names(await e.execute('SHOW FUNCTIONS')).includes('count_char'));
  assert.deepEqual(await e.execute("CREATE FUNCTION IF NOT EXISTS count_char AS 'count-char.mjs' LANGUAGE JAVASCRIPT"), { kind: 'ok', message: "Function 'count_char' already exists; skipped." });
  await assert.rejects(e.execute("CREATE FUNCTION count_char AS 'count-char.mjs' LANGUAGE JAVASCRIPT"), (error: unknown) => error instanceof PlanError && error.message === "Function 'count_char' already exists at 1:17");
  assert.deepEqual(await e.execute('DROP TEMPORARY SYSTEM FUNCTION count_char'), { kind: 'ok', message: "Function 'count_char' dropped." });
  assert.deepEqual(names(await e.execute('SHOW USER FUNCTIONS')), []);
  assert.throws(() => e.explain("SELECT count_char(s, 'a') FROM t"), PlanError);
  assert.deepEqual(await e.execute('DROP FUNCTION IF EXISTS count_char'), { kind: 'ok', message: "Function 'count_char' does not exist; skipped." });
  await assert.rejects(e.execute('DROP FUNCTION count_char'), (error: unknown) => error instanceof PlanError && error.message === "Function 'count_char' does not exist at 1:15");
  await e.close();
});

test('JVM and Python functions fail as not supported yet, at the LANGUAGE or the class name', async () => {
  const e = engine();
  const cases: [string, RegExp][] = [
    ["CREATE FUNCTION f AS 'com.example.F'", /^CREATE FUNCTION with a 'com\.example\.F' class \(Flink's default LANGUAGE JAVA\) is not supported yet: Sluice runs JavaScript functions; .* at 1:22$/],
    ["CREATE FUNCTION f AS 'com.example.F' LANGUAGE JAVA", /^CREATE FUNCTION with LANGUAGE JAVA is not supported yet: Sluice runs JavaScript functions; .* at 1:47$/],
    ["CREATE FUNCTION f AS 'f.py'\n  LANGUAGE PYTHON", /^CREATE FUNCTION with LANGUAGE PYTHON is not supported yet: .* at 2:12$/],
  ];
  for (const [sql, message] of cases) {
    await assert.rejects(e.execute(sql), (error: unknown) => error instanceof NotImplementedError && message.test(error.message), sql);
  }
  await e.close();
});

test('a module that is missing or exports no function definition fails at the path', async () => {
  const e = engine();
  await assert.rejects(e.execute("CREATE FUNCTION f AS 'missing.mjs' LANGUAGE JAVASCRIPT"), (error: unknown) => error instanceof PlanError && /^Function 'f': cannot load the module '.*missing\.mjs'.* at 1:22$/s.test(error.message));
  await assert.rejects(e.execute("CREATE FUNCTION f AS 'not-a-function.mjs' LANGUAGE JAVASCRIPT"), (error: unknown) => error instanceof PlanError && /must export by default \{ parameters: \[SQL types\], returns: 'SQL type', eval\(\.\.\.args\) \} at 1:22$/.test(error.message));
  await assert.rejects(e.execute("CREATE FUNCTION upper AS 'count-char.mjs' LANGUAGE JAVASCRIPT"), (error: unknown) => error instanceof PlanError && /^'upper' is a built-in function; choose another name at 1:17$/.test(error.message));
  await e.close();
});
