/**
 * User-defined scalar functions from the embedded API: declared SQL types, arguments as the API hands out values
 * (NULL included), results converted to the declared type, EXPLAIN showing the name, and errors that name the
 * function: wrong arguments at plan time, a throwing function or a wrong result at run time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, ExecutionError, PlanError } from '../../src/index.js';

function engineWithData(): Engine {
  const engine = new Engine();
  engine.registerTable('t', {
    columns: [{ name: 's', type: 'STRING' }, { name: 'n', type: 'BIGINT' }, { name: 'd', type: 'DECIMAL(10, 2)' }, { name: 'ts', type: 'TIMESTAMP(3)' }],
    rows: [{ s: 'character', n: '9007199254740993', d: '2.50', ts: '2020-04-15 08:05:00' }, { s: null, n: null, d: null, ts: null }],
  });
  // Nexmark q14's count_char, as a TypeScript function.
  engine.registerFunction('count_char', {
    parameters: ['STRING', 'STRING'],
    returns: 'BIGINT',
    eval: (text, char) => (text === null ? 0n : BigInt([...(text as string)].filter((c) => c === char).length)),
  });
  engine.registerFunction('describe_row', {
    parameters: ['BIGINT', 'DECIMAL(10, 2)', 'TIMESTAMP(3)'],
    returns: 'STRING',
    eval: (n, d, ts) => `${typeof n}:${String(n)} ${typeof d}:${String(d)} ${String(ts)}`,
  });
  return engine;
}

test('a UDF is called per row with API values (NULL too), and its result is converted to the declared type', async () => {
  const engine = engineWithData();
  const rows = await engine.query(`SELECT COUNT_CHAR(s, 'c') AS c, count_char('abc' || s, 'a') AS a, describe_row(n, d, ts) AS r FROM t`).toArray();
  assert.deepEqual(rows, [
    { c: 2n, a: 3n, r: 'bigint:9007199254740993 string:2.50 2020-04-15 08:05:00.000' },
    { c: 0n, a: 0n, r: 'object:null object:null null' }, // 'abc' || NULL is NULL: count_char gets null
  ]);
  assert.match(engine.explain(`SELECT count_char(s, 'c') FROM t WHERE count_char(s, 'x') = 0`), /COUNT_CHAR\(s, 'c'\)/);
});

test('wrong arguments fail at plan time naming the function; a misspelt name gets a suggestion', () => {
  const engine = engineWithData();
  const planError = (sql: string): string => {
    try {
      engine.explain(sql);
    } catch (error) {
      assert.ok(error instanceof PlanError, String(error));
      return error.message;
    }
    return 'no error';
  };
  assert.equal(planError('SELECT count_char(s) FROM t'), "Function 'count_char' takes 2 arguments, got 1 at 1:8");
  assert.equal(planError('SELECT count_char(s, ts) FROM t'), "Function 'count_char' takes STRING as argument 2, not TIMESTAMP(3) at 1:22");
  assert.match(planError("SELECT count_chr(s, 'c') FROM t"), /No function named 'count_chr' at 1:8 \(did you mean 'count_char'\?\)/);
  assert.throws(() => engine.registerFunction('upper', { parameters: ['STRING'], returns: 'STRING', eval: (s) => s }), /'upper' is a built-in function/);
  assert.throws(() => engine.registerFunction('f', { parameters: ['STRNG'], returns: 'STRING', eval: (s) => s }), /Function 'f': parameter 1 'STRNG' is not a type/);
});

test('a UDF that throws or returns the wrong type fails the job with an error naming it', async () => {
  const engine = engineWithData();
  engine.registerFunction('explode', { parameters: ['STRING'], returns: 'INT', eval: () => { throw new Error('boom'); } });
  engine.registerFunction('wrong', { parameters: ['STRING'], returns: 'INT', eval: () => 'not a number' });
  await assert.rejects(async () => engine.query('SELECT explode(s) FROM t').toArray(), (error: unknown) => {
    assert.ok(error instanceof ExecutionError, String(error));
    assert.equal(error.message, "Function 'explode' failed: boom");
    return true;
  });
  await assert.rejects(async () => engine.query('SELECT wrong(s) FROM t').toArray(), /Cannot read the result of function 'wrong' as INT: "not a number" is not an integer/);
  await engine.close();
});
