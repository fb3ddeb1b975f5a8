import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Query, WindowTvf } from '../../src/parser/ast.js';
import { parseStatement } from '../../src/parser/index.js';

function shape(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key: string, v: unknown) => (key === 'position' || key === 'fnPosition' ? undefined : v)));
}

function query(sql: string): Query {
  const statement = parseStatement(sql);
  assert.ok(statement.kind === 'query', `expected a query, got ${statement.kind}`);
  return statement.query;
}

function windowTvf(sql: string): WindowTvf {
  const from = query(sql).from;
  assert.ok(from?.kind === 'window-tvf', `expected a window TVF, got ${from?.kind}`);
  return from;
}

const column = (...names: string[]): unknown => ({
  kind: 'column',
  path: names.map((name) => ({ kind: 'identifier', name, quoted: false })),
});

describe('SELECT', () => {
  it('parses every clause', () => {
    const q = query(
      'select distinct item, SUM(price) AS total FROM Bid b WHERE price > 1 GROUP BY item HAVING COUNT(*) > 2 ORDER BY total DESC, item LIMIT 10',
    );
    assert.equal(q.distinct, true);
    assert.deepEqual(
      q.items.map((item) => item.alias?.name ?? null),
      [null, 'total'],
    );
    assert.deepEqual(shape(q.from), {
      kind: 'table-ref',
      name: { kind: 'identifier', name: 'Bid', quoted: false },
      alias: { kind: 'identifier', name: 'b', quoted: false },
    });
    assert.equal(q.where?.kind, 'binary');
    assert.deepEqual(shape(q.groupBy), [column('item')]);
    assert.equal(q.having?.kind, 'binary');
    assert.deepEqual(
      q.orderBy.map((item) => [shape(item.expr), item.descending]),
      [
        [column('total'), true],
        [column('item'), false],
      ],
    );
    assert.equal(q.limit, 10);
  });

  it('parses NULLS FIRST / NULLS LAST after a direction (words, so `nulls` stays a column name)', () => {
    const q = query('SELECT nulls FROM t ORDER BY a DESC NULLS FIRST, b NULLS LAST, nulls, c ASC');
    assert.deepEqual(
      q.orderBy.map((item) => [shape(item.expr), item.descending, item.nullsFirst]),
      [[column('a'), true, true], [column('b'), false, false], [column('nulls'), false, undefined], [column('c'), false, undefined]],
    );
  });

  it('parses OFFSET … ROWS and FETCH FIRST | NEXT … ROWS ONLY as the row limit; `offset` stays an alias elsewhere', () => {
    const limitOf = (sql: string): unknown => { const q = query(sql); return [q.limit, q.offset]; };
    assert.deepEqual(limitOf('SELECT * FROM t FETCH FIRST 3 ROWS ONLY'), [3, undefined]);
    assert.deepEqual(limitOf('SELECT * FROM t x OFFSET 2 ROWS FETCH NEXT 3 ROWS ONLY'), [3, 2]);
    assert.deepEqual(limitOf('SELECT * FROM t OFFSET 2 ROW FETCH FIRST ROW ONLY'), [1, 2]);
    assert.deepEqual(limitOf('SELECT * FROM t ORDER BY a LIMIT 4 OFFSET 1 ROWS'), [4, 1]);
    const aliased = query('SELECT * FROM (SELECT * FROM t) offset');
    assert.ok(aliased.from?.kind === 'subquery' && aliased.from.alias?.name === 'offset');
    assert.throws(() => query('SELECT * FROM t LIMIT 2 FETCH FIRST 2 ROWS ONLY'), /A query takes LIMIT or FETCH, not both at 1:25/);
    assert.throws(() => query('SELECT * FROM t FETCH FIRST 2 ROWS SOLELY'), /Unexpected 'SOLELY'; expected ONLY at 1:36/);
    assert.throws(() => query('SELECT * FROM t OFFSET 2 ROWS'), /OFFSET without LIMIT or FETCH is not supported yet at 1:17/);
  });

  it('parses *, t.*, aliases without AS and SELECT without FROM', () => {
    const q = query('SELECT *, b.*, price p, `weird name` FROM Bid AS b');
    assert.deepEqual(shape(q.items.map((item) => item.expr)), [
      { kind: 'star', qualifier: null },
      { kind: 'star', qualifier: { kind: 'identifier', name: 'b', quoted: false } },
      column('price'),
      { kind: 'column', path: [{ kind: 'identifier', name: 'weird name', quoted: true }] },
    ]);
    assert.equal(q.items[2]?.alias?.name, 'p');
    assert.equal(query('SELECT 1').from, null);
  });

  it('parses a subquery in FROM with an alias', () => {
    const q = query('SELECT s.a FROM (SELECT a FROM t WHERE a IS NOT NULL) s');
    assert.equal(q.from?.kind, 'subquery');
    assert.ok(q.from?.kind === 'subquery');
    assert.equal(q.from.alias?.name, 's');
    assert.deepEqual(shape(q.from.query.where), { kind: 'is-null', operand: column('a'), negated: true });
    assert.deepEqual(q.from.position, { line: 1, column: 17, offset: 16 });
  });

  it('keeps positions: items at their first token, select at SELECT', () => {
    const q = query('SELECT\n  t.price * 2 AS double_price\nFROM t');
    assert.deepEqual(q.position, { line: 1, column: 1, offset: 0 });
    assert.deepEqual(q.items[0]?.position, { line: 2, column: 3, offset: 9 });
    assert.deepEqual(q.items[0]?.alias?.position, { line: 2, column: 18, offset: 24 });
  });
});

describe('window table-valued functions', () => {
  it('parses the Flink TUMBLE query', () => {
    const sql = `SELECT window_start, window_end, SUM(price) AS total_price
  FROM TABLE(
    TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
  GROUP BY window_start, window_end`;
    const q = query(sql);
    const tvf = q.from;
    assert.ok(tvf?.kind === 'window-tvf');
    assert.equal(tvf.fn, 'TUMBLE');
    assert.deepEqual(tvf.position, { line: 2, column: 8, offset: 66 });
    assert.deepEqual(tvf.fnPosition, { line: 3, column: 5, offset: 77 });
    assert.deepEqual(shape(tvf.input), { kind: 'table-ref', name: { kind: 'identifier', name: 'Bid', quoted: false }, alias: null });
    assert.deepEqual(shape(tvf.descriptor), column('bidtime'));
    assert.deepEqual(shape(tvf.args), [{ name: null, value: { kind: 'interval', text: '10', sign: 1, unit: 'MINUTE' } }]);
    assert.deepEqual(shape(q.groupBy), [column('window_start'), column('window_end')]);
  });

  it('accepts the call without the outer TABLE(...) and HOP with two sizes', () => {
    const tvf = windowTvf("SELECT * FROM hop(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES) AS w");
    assert.equal(tvf.fn, 'HOP');
    assert.equal(tvf.alias?.name, 'w');
    assert.deepEqual(
      tvf.args.map((arg) => arg.value.kind === 'interval' && arg.value.text),
      ['5', '10'],
    );
  });

  it('takes named arguments in any order, keeping the rest in written order', () => {
    const tvf = windowTvf(
      "SELECT * FROM TABLE(CUMULATE(TIMECOL => DESCRIPTOR(ts), STEP => INTERVAL '2' MINUTES, DATA => TABLE Bid, SIZE => INTERVAL '10' MINUTES))",
    );
    assert.equal(tvf.fn, 'CUMULATE');
    assert.equal(tvf.input.kind === 'table-ref' && tvf.input.name.name, 'Bid');
    assert.deepEqual(shape(tvf.descriptor), column('ts'));
    assert.deepEqual(
      tvf.args.map((arg) => arg.name),
      ['STEP', 'SIZE'],
    );
  });

  it('parses SESSION with PARTITION BY keys, bare or parenthesised', () => {
    const bare = windowTvf("SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY item, b.supplier, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))");
    assert.deepEqual(shape(bare.partitionBy), [column('item'), column('b', 'supplier')]);
    assert.deepEqual(shape(bare.descriptor), column('bidtime'));
    assert.equal(bare.args.length, 1);
    const parenthesised = windowTvf("SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY (a, b), DESCRIPTOR(ts), INTERVAL '1' HOUR))");
    assert.deepEqual(shape(parenthesised.partitionBy), [column('a'), column('b')]);
  });

  it('takes a subquery as the table argument', () => {
    const tvf = windowTvf("SELECT * FROM TABLE(TUMBLE((SELECT * FROM Bid WHERE price > 2), DESCRIPTOR(bidtime), INTERVAL '1' HOUR))");
    assert.equal(tvf.input.kind, 'subquery');
  });

  it('reports a missing DESCRIPTOR or table argument', () => {
    assert.throws(
      () => query("SELECT * FROM TABLE(TUMBLE(TABLE Bid, bidtime, INTERVAL '1' HOUR))"),
      /Expected DESCRIPTOR\(<time column>\) as the time attribute argument of TUMBLE at 1:39/,
    );
    assert.throws(
      () => query("SELECT * FROM TABLE(TUMBLE(DESCRIPTOR(ts), INTERVAL '1' HOUR))"),
      /Expected TABLE <name> or a subquery as the first argument of TUMBLE at 1:28/,
    );
  });
});
