/**
 * JSON paths beyond keys and indexes, with the answers Flink 1.20 (Jayway JsonPath 2.9) gives: filters, `..`,
 * slices, index unions, member lists and functions, in lax and strict mode; and the paths Sluice refuses (when
 * planning a literal path) or fails the job on (where Flink fails too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, ExecutionError, NotImplementedError } from '../../src/index.js';

const DOC = JSON.stringify({
  items: [{ sku: 'a', qty: 1, tag: 'red' }, { sku: 'b', qty: 5, tag: 'Blue' }, { sku: 'c', qty: 12, tag: null }, { sku: 'd', qty: '7' }],
  limit: 4,
  n: [10, 20, 30, 40, 50],
  deep: { b: 1, c: { b: 2, d: [{ b: 3 }] } },
  o: { x: 1, y: 's' },
  neg: [-3, -1],
});

async function row(select: string, doc: string = DOC): Promise<Record<string, unknown>> {
  const engine = new Engine();
  engine.registerTable('t', { columns: [{ name: 'j', type: 'STRING' }], rows: [{ j: doc }] });
  const rows = await engine.query(`SELECT ${select} FROM t`).toArray();
  return rows[0]!;
}

async function failure(select: string): Promise<Error> {
  try {
    await row(select);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`expected ${select} to fail`);
}

test('filters compare with literals and the root; && binds tighter than ||; a filter selects a list', async () => {
  assert.deepEqual(await row(`JSON_QUERY(j, '$.items[?(@.qty > 3)].sku') AS big,
      JSON_QUERY(j, '$.items[?(@.qty >= $.limit && @.tag =~ /blue/i)].sku') AS blue,
      JSON_QUERY(j, '$.items[?(@.sku == ''a'' || @.qty == 7 && @.sku == ''d'')].sku') AS a_or_d,
      JSON_QUERY(j, '$.items[?(!(@.qty < 5))].qty') AS not_small,
      JSON_VALUE(j, 'lax $.items[?(@.qty > 3)].sku' DEFAULT 'empty' ON EMPTY) AS value_lax,
      JSON_VALUE(j, 'strict $.items[?(@.qty > 3)].sku' DEFAULT 'error' ON ERROR) AS value_strict,
      JSON_EXISTS(j, 'lax $.items[?(@.qty > 100)]') AS exists_none`), {
    big: '["b","c"]', blue: '["b"]', a_or_d: '["a","d"]', not_small: '[5,12,"7"]',
    value_lax: 'empty', value_strict: 'error', exists_none: true,
  });
});

test('a missing filter operand is JSON null in lax mode and matches nothing in strict mode (so != holds)', async () => {
  assert.deepEqual(await row(`JSON_QUERY(j, 'lax $.items[?(@.tag == null)].sku') AS null_lax,
      JSON_QUERY(j, 'strict $.items[?(@.tag == null)].sku') AS null_strict,
      JSON_QUERY(j, 'strict $.items[?(@.tag != ''red'')].sku') AS ne_strict`), {
    null_lax: '["c","d"]', null_strict: '["c"]', ne_strict: '["b","c","d"]',
  });
});

test('recursive descent, slices, index unions and member lists', async () => {
  assert.deepEqual(await row(`JSON_QUERY(j, '$.deep..b') AS all_b, JSON_QUERY(j, '$..d[0]') AS first_d,
      JSON_QUERY(j, '$.n[1:3]') AS mid, JSON_QUERY(j, '$.n[-2:]') AS tail, JSON_QUERY(j, '$.n[:2]') AS head,
      JSON_QUERY(j, '$.n[-7:2]') AS unclamped, JSON_QUERY(j, '$.n[0, 2, 9]') AS picked,
      JSON_QUERY(j, '$.o[''x'',''q'']') AS members, JSON_VALUE(j, 'lax $.deep..b' DEFAULT 'list' ON EMPTY) AS descent_value`), {
    all_b: '[1,2,3]', first_d: '[{"b":3}]', mid: '[20,30]', tail: '[40,50]', head: '[10,20]',
    unclamped: '[10,20,30,40,50,10,20]', picked: '[10,30]', members: '{"x":1}', descent_value: 'list',
  });
  assert.deepEqual(await row(`JSON_QUERY(j, 'strict $.o[0:2]' EMPTY OBJECT ON ERROR) AS slice_object_strict,
      JSON_QUERY(j, 'lax $.o[0:2]') AS slice_object_lax`), { slice_object_strict: '{}', slice_object_lax: '[]' });
});

test('functions: length, aggregations as DOUBLE, first / last / index, keys; per item after a wildcard', async () => {
  assert.deepEqual(await row(`JSON_VALUE(j, '$.n.length()' RETURNING INT) AS len, JSON_VALUE(j, '$.o.size()') AS members,
      JSON_VALUE(j, '$.n.avg()' RETURNING DOUBLE) AS avg, JSON_VALUE(j, '$.n.sum()') AS total,
      JSON_VALUE(j, '$.neg.min()') AS low, JSON_VALUE(j, '$.n.stddev()') AS sd,
      JSON_VALUE(j, '$.n.first()') AS first, JSON_VALUE(j, '$.n.last()') AS last, JSON_VALUE(j, '$.n.index(-2)') AS idx,
      JSON_QUERY(j, '$.o.keys()') AS keys, JSON_QUERY(j, '$.items[*].length()') AS per_item,
      JSON_VALUE(j, '$..b.max()') AS deep_max, JSON_QUERY(j, '$.items[?(@.sku.length() > 0)]') AS string_length`), {
    len: 5, members: '2', avg: 30, total: '150.0', low: '-3.0', sd: '14.142135623730951', first: '10', last: '50',
    idx: '40', keys: '["x","y"]', per_item: '[3,3,3,2]', deep_max: '3.0', string_length: '[]',
  });
  assert.deepEqual(await row(`JSON_VALUE(j, 'lax $.o.sum()' DEFAULT 'error' ON ERROR) AS no_numbers,
      JSON_VALUE(j, 'lax $.neg.index(-2)' DEFAULT 'error' ON ERROR) AS minus_length,
      JSON_VALUE(j, 'strict $.o.x.length()' DEFAULT 'error' ON ERROR) AS scalar_length`), {
    no_numbers: 'error', minus_length: 'error', scalar_length: 'error',
  });
});

test('paths Flink 1.20 rejects or fails on are refused when planning, at the path', async () => {
  for (const [path, reason] of [
    ['$.items[?(@.tag)]', /an existence test '@\.tag' in a filter is not supported yet \(Flink 1\.20 fails the job/],
    ['$.n[?(@ in [10, 20])]', /the operator 'in' in a filter is not supported yet/],
    ['lax $.n[1 to 3]', /the SQL-standard range '\[a to b\]' .* is not supported yet/],
    ['lax $.n[last]', /'\[last\]' .* is not supported yet/],
    ['lax $.items ? (@.qty > 1)', /filter '\? \( … \)' .* is not supported yet/],
    ['lax $.items[*] ? (@.sku like_regex "a.*")', /'like_regex' and 'starts with' are not supported yet/],
    ['$.n.type()', /the path function 'type\(\)' is not supported yet/],
    ['$.n.concat(1)', /the path function 'concat\(1\)' is not supported yet/],
    ['$..[?(@.b > 1)]', /after '\.\.' is not supported yet/],
    ['$..*.b', /a step after '\.\.\*' is not supported yet/],
  ] as const) {
    const error = await failure(`JSON_QUERY(j, '${path.replace(/'/g, "''")}')`);
    assert.ok(error instanceof NotImplementedError, `${path}: ${error.message}`);
    assert.match(error.message, reason);
    assert.match(error.message, / at 1:22$/);
  }
});

test('where Flink 1.20 fails the job for a row, Sluice fails it too, saying what is not supported', async () => {
  const object = await failure(`JSON_QUERY(j, '$.items[?(@ == 1)]')`);
  assert.ok(object instanceof ExecutionError, object.message);
  assert.match(object.message, /^JSON_QUERY: a filter operand '@' that finds an object is not supported yet .* at 1:8$/);
  const max = await failure(`JSON_VALUE(j, '$.neg.max()')`);
  assert.match(max.message, /max\(\) over numbers none of which is positive is not supported yet \(Flink 1\.20 answers 4\.9E-324 there\)/);
});
