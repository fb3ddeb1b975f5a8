/**
 * User-defined table functions from the embedded API (`engine.registerTableFunction`), used as `LATERAL TABLE(f(x))`
 * with a comma, CROSS JOIN and LEFT JOIN … ON TRUE: declared column types, aliases, NULL-padding, EXPLAIN, and
 * errors naming the function (plan time: arguments, names; run time: a throw or a wrong value, with the call's
 * position and the input row).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, ExecutionError, PlanError, type EngineOptions, type ResultValue } from '../../src/index.js';

function engineWithText(options: EngineOptions = {}): Engine {
  const engine = new Engine({ printLine: () => {}, ...options });
  engine.registerTable('t', {
    columns: [{ name: 'id', type: 'INT' }, { name: 's', type: 'STRING' }],
    rows: [{ id: 1, s: 'hello big world' }, { id: 2, s: '' }, { id: 3, s: null }, { id: 4, s: 'one' }],
  });
  engine.registerTableFunction('split_words', {
    parameters: ['STRING'],
    returns: { word: 'STRING', length: 'INT' },
    *eval(text: ResultValue) {
      if (text === null) return;
      for (const word of (text as string).split(' ')) if (word !== '') yield { word, length: word.length };
    },
  });
  return engine;
}

const text = (rows: readonly Record<string, unknown>[]): string[] => rows.map((r) => Object.values(r).map(String).join(',')).sort();

test('a comma join and CROSS JOIN with LATERAL TABLE join each row with the rows the function yields', async () => {
  for (const batchSize of ['1', '4096']) {
    const engine = engineWithText({ config: { 'sluice.batch-size': batchSize } });
    const comma = await engine.query('SELECT t.id, word, length FROM t, LATERAL TABLE(split_words(t.s))').toArray();
    assert.deepEqual(text(comma), ['1,big,3', '1,hello,5', '1,world,5', '4,one,3']);
    const cross = await engine.query('SELECT id, T.a, T.b * 10 AS b10 FROM t CROSS JOIN LATERAL TABLE(split_words(s)) AS T(a, b) WHERE T.b > 3').toArray();
    assert.deepEqual(text(cross), ['1,hello,50', '1,world,50']);
    await engine.close();
  }
});

test('LEFT JOIN LATERAL TABLE … ON TRUE NULL-pads the rows the function yields nothing for', async () => {
  const engine = engineWithText();
  const rows = await engine.query('SELECT id, a, b FROM t LEFT JOIN LATERAL TABLE(split_words(s)) AS T(a, b) ON TRUE').toArray();
  assert.deepEqual(text(rows), ['1,big,3', '1,hello,5', '1,world,5', '2,null,null', '3,null,null', '4,one,3']);
  assert.match(engine.explain('SELECT id, a FROM t LEFT JOIN LATERAL TABLE(split_words(s)) AS T(a, b) ON TRUE'),
    /Correlate\(invocation=\[SPLIT_WORDS\(s\)\], correlate=\[table\(SPLIT_WORDS\(s\)\)\], select=\[id, s, a, b\], rowType=\[RecordType\(INT id, STRING s, STRING a, INT b\)\], joinType=\[LEFT\]\)/);
  await engine.close();
});

test('values are converted to the declared types; arrays and any iterable work as well as generators', async () => {
  const engine = engineWithText();
  engine.registerTableFunction('expand', {
    parameters: ['BIGINT', 'DECIMAL(10, 2)'],
    returns: { n: 'BIGINT', price: 'DECIMAL(10, 2)', at: 'TIMESTAMP(3)', tags: 'ARRAY<STRING>' },
    eval: (n, price) => [
      { n: (n as bigint) + 1n, price, at: '2020-04-15 08:05:00', tags: ['a'] },
      { n: 7, price: 1.5, at: Date.UTC(2020, 3, 15, 8, 6) }, // numbers for BIGINT / DECIMAL, epoch millis; a missing column is NULL
    ],
  });
  const rows = await engine.query('SELECT n, price, at, tags FROM t, LATERAL TABLE(expand(id, 2.5)) WHERE id = 1').toArray();
  assert.deepEqual(rows, [
    { n: 2n, price: '2.50', at: '2020-04-15 08:05:00.000', tags: ['a'] },
    { n: 7n, price: '1.50', at: '2020-04-15 08:06:00.000', tags: null },
  ]);
  await engine.close();
});

test('plan-time errors name the table function: arguments, misspelt names, scalar use, registration', () => {
  const engine = engineWithText();
  const planError = (sql: string): string => {
    try {
      engine.explain(sql);
    } catch (error) {
      assert.ok(error instanceof PlanError, String(error));
      return error.message;
    }
    return 'no error';
  };
  assert.equal(planError('SELECT * FROM t, LATERAL TABLE(split_words(s, s))'), "Table function 'split_words' takes 1 argument, got 2 at 1:32");
  assert.equal(planError('SELECT * FROM t, LATERAL TABLE(split_words(id))'), "Table function 'split_words' takes STRING as argument 1, not INT at 1:44");
  assert.equal(planError('SELECT * FROM t, LATERAL TABLE(split_word(s))'), "No table function named 'split_word' at 1:32 (did you mean 'split_words'?)");
  assert.equal(planError('SELECT split_words(s) FROM t'), "'split_words' is a table function; call it in FROM as LATERAL TABLE(split_words(…)) at 1:8");
  assert.equal(planError('SELECT * FROM t, LATERAL TABLE(split_words(s)) AS w(a)'), 'LATERAL TABLE produces 2 columns (word STRING, length INT), but the alias names 1 at 1:53');
  assert.equal(planError('SELECT * FROM t LEFT JOIN LATERAL TABLE(split_words(s)) ON id > 1'),
    'A LEFT JOIN with LATERAL TABLE takes only ON TRUE as its condition (as in Flink); filter the joined rows in WHERE at 1:60');
  assert.throws(() => engine.registerTableFunction('upper', { parameters: [], returns: { x: 'INT' }, eval: () => [] }), /'upper' is a built-in function/);
  assert.throws(() => engine.registerTableFunction('f', { parameters: [], returns: { x: 'INTT' }, eval: () => [] }), /Table function 'f': column 'x' 'INTT' is not a type/);
  assert.throws(() => engine.registerTableFunction('g', { parameters: [], returns: {}, eval: () => [] }), /Table function 'g' must return at least one column/);
});

test('a function that throws fails the job naming it, the call\'s position and the input row', async () => {
  const engine = engineWithText();
  engine.registerTableFunction('explode', {
    parameters: ['INT'],
    returns: { x: 'INT' },
    *eval(id) {
      yield { x: id };
      if (id === 3) throw new Error('boom');
    },
  });
  await assert.rejects(async () => engine.query('SELECT id, x FROM t,\n  LATERAL TABLE(explode(id))').toArray(), (error: unknown) => {
    assert.ok(error instanceof ExecutionError, String(error));
    assert.equal(error.message, "Table function 'explode' failed on input row 3: boom at 2:17");
    return true;
  });
  await engine.close();
});

test('a yielded value of the wrong type, or something that is not a row, fails naming the column', async () => {
  const engine = engineWithText();
  engine.registerTableFunction('wrong_type', { parameters: ['INT'], returns: { word: 'STRING', n: 'INT' }, eval: () => [{ word: 'w', n: 'many' }] });
  engine.registerTableFunction('not_rows', { parameters: ['INT'], returns: { n: 'INT' }, eval: () => [5] as never });
  engine.registerTableFunction('not_iterable', { parameters: ['INT'], returns: { n: 'INT' }, eval: () => ({ n: 1 }) as never });
  const failure = async (sql: string): Promise<string> => {
    try {
      await engine.query(sql).toArray();
    } catch (error) {
      assert.ok(error instanceof ExecutionError, String(error));
      return error.message;
    }
    return 'no error';
  };
  assert.equal(await failure('SELECT * FROM t, LATERAL TABLE(wrong_type(id))'),
    'Cannot read column \'n\' of table function \'wrong_type\' as INT: "many" is not an integer (input row 1) at 1:32');
  assert.equal(await failure('SELECT * FROM t, LATERAL TABLE(not_rows(id))'),
    "Table function 'not_rows' produced 5, not a row object with the columns n (input row 1) at 1:32");
  assert.match(await failure('SELECT * FROM t, LATERAL TABLE(not_iterable(id))'), /^Table function 'not_iterable' must return an iterable of rows/);
  await engine.close();
});
