import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FromItem, Join, Query } from '../../src/parser/ast.js';
import { parseStatement } from '../../src/parser/index.js';
import { render, shape } from './render.js';

function query(sql: string): Query {
  const statement = parseStatement(sql);
  assert.ok(statement.kind === 'query', `expected a query, got ${statement.kind}`);
  return statement.query;
}

function join(item: FromItem | null): Join {
  assert.ok(item?.kind === 'join', `expected a join, got ${item?.kind}`);
  return item;
}

/** `a JOIN b` as text, to see the tree's grouping. */
function joinTree(item: FromItem): string {
  switch (item.kind) {
    case 'join':
      return `(${joinTree(item.left)} ${item.implicit ? ',' : `${item.joinType} JOIN`} ${joinTree(item.right)})`;
    case 'table-ref':
      return item.name.name;
    case 'temporal-table':
      return `${item.table.name.name}@${render(item.asOf)}`;
    case 'lateral-table':
      return `LATERAL ${render(item.call)}`;
    case 'unnest':
      return `UNNEST(${render(item.argument)})`;
    case 'subquery':
      return '(subquery)';
    case 'window-tvf':
      return item.fn;
    case 'values':
      return 'VALUES';
    case 'match-recognize':
      return `${joinTree(item.input)} MATCH_RECOGNIZE`;
  }
}

const groupingSets = (q: Query): string[] | undefined => q.groupingSets?.map((set) => `(${set.map(render).join(', ')})`);

describe('joins', () => {
  it('parses every join type, left-deep, with ON and USING', () => {
    const q = query('SELECT * FROM a JOIN b ON a.k = b.k LEFT OUTER JOIN c USING (k, j), d CROSS JOIN e RIGHT JOIN f ON TRUE FULL JOIN g ON TRUE');
    assert.equal(
      joinTree(q.from!),
      '((((((a INNER JOIN b) LEFT JOIN c) , d) CROSS JOIN e) RIGHT JOIN f) FULL JOIN g)',
    );
    const full = join(q.from);
    const right = join(full.left);
    const cross = join(right.left);
    const comma = join(cross.left);
    assert.equal(comma.implicit, true);
    assert.equal(comma.joinType, 'CROSS');
    const left = join(comma.left);
    assert.deepEqual(left.using.map((id) => id.name), ['k', 'j']);
    assert.equal(left.condition, null);
    assert.equal(render(join(left.left).condition!), '(a.k = b.k)');
  });

  it('puts a join at its first keyword', () => {
    const q = query('SELECT * FROM t\n  LEFT JOIN u ON t.k = u.k');
    assert.deepEqual(q.from?.position, { line: 2, column: 3, offset: 18 });
    assert.deepEqual(query('SELECT * FROM t, u').from?.position, { line: 1, column: 16, offset: 15 });
    assert.deepEqual(query('SELECT * FROM t INNER JOIN u ON TRUE').from?.position, { line: 1, column: 17, offset: 16 });
  });

  it('parses temporal joins with FOR SYSTEM_TIME AS OF', () => {
    const q = query('SELECT * FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.cur = r.cur');
    const temporal = join(q.from).right;
    assert.ok(temporal.kind === 'temporal-table');
    assert.equal(temporal.table.name.name, 'rates');
    assert.equal(temporal.table.alias?.name, 'r');
    assert.equal(render(temporal.asOf), 'o.ts');
    assert.deepEqual(temporal.position, { line: 1, column: 32, offset: 31 });
  });

  it('parses LATERAL TABLE with an alias and column names', () => {
    const left = join(query('SELECT * FROM t LEFT JOIN LATERAL TABLE(f(x)) ON TRUE').from);
    assert.equal(left.joinType, 'LEFT');
    assert.ok(left.right.kind === 'lateral-table');
    assert.equal(render(left.right.call), 'f(x)');
    const comma = join(query('SELECT * FROM t, LATERAL TABLE(split(s)) AS x(a, b)').from);
    assert.ok(comma.right.kind === 'lateral-table');
    assert.equal(comma.right.alias?.name, 'x');
    assert.deepEqual(comma.right.columnAliases.map((id) => id.name), ['a', 'b']);
  });

  it('parses UNNEST with WITH ORDINALITY, an alias and column names', () => {
    const cross = join(query('SELECT * FROM t CROSS JOIN UNNEST(t.tags) AS x (tag)').from);
    assert.ok(cross.right.kind === 'unnest');
    assert.equal(render(cross.right.argument), 't.tags');
    assert.equal(cross.right.withOrdinality, null);
    assert.equal(cross.right.alias?.name, 'x');
    assert.deepEqual(cross.right.columnAliases.map((id) => id.name), ['tag']);
    const ordinal = join(query('SELECT * FROM t, UNNEST(m) WITH ORDINALITY').from);
    assert.ok(ordinal.right.kind === 'unnest');
    assert.deepEqual(ordinal.right.withOrdinality, { line: 1, column: 28, offset: 27 });
    assert.equal(ordinal.right.alias, null);
  });

  it('takes window TVFs and subqueries as join inputs', () => {
    const q = query(
      "SELECT * FROM TABLE(TUMBLE(TABLE a, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) L JOIN (SELECT * FROM b) R ON L.k = R.k",
    );
    const j = join(q.from);
    assert.equal(j.left.kind, 'window-tvf');
    assert.equal(j.left.kind === 'window-tvf' && j.left.alias?.name, 'L');
    assert.equal(j.right.kind, 'subquery');
    assert.equal(j.right.kind === 'subquery' && j.right.alias?.name, 'R');
  });
});

describe('set operations and WITH', () => {
  it('binds INTERSECT tighter than UNION and EXCEPT; ORDER BY and LIMIT apply to the whole', () => {
    const q = query('SELECT a FROM t UNION ALL SELECT a FROM u INTERSECT SELECT a FROM v EXCEPT SELECT a FROM w ORDER BY a LIMIT 3');
    const except = q.setOperation;
    assert.equal(except?.op, 'EXCEPT');
    assert.equal(except?.all, false);
    const union = except?.left.setOperation;
    assert.equal(union?.op, 'UNION');
    assert.equal(union?.all, true);
    assert.equal(union?.right.setOperation?.op, 'INTERSECT');
    assert.deepEqual(q.orderBy.map((item) => render(item.expr)), ['a']);
    assert.equal(q.limit, 3);
    assert.equal(union?.left.limit, null);
    // The compound repeats its leftmost SELECT, so the result's column names are at hand.
    assert.equal(q.from?.kind === 'table-ref' && q.from.name.name, 't');
    assert.deepEqual(except?.position, { line: 1, column: 69, offset: 68 });
  });

  it('parses parenthesised sides and UNION DISTINCT', () => {
    const q = query('(SELECT 1 AS x) UNION DISTINCT (SELECT 2 LIMIT 1)');
    assert.equal(q.setOperation?.op, 'UNION');
    assert.equal(q.setOperation?.all, false);
    assert.equal(q.setOperation?.right.limit, 1);
    assert.equal(q.setOperation?.left.items[0]?.alias?.name, 'x');
    assert.throws(() => query('(SELECT 1 LIMIT 1) LIMIT 2'), /A query can have only one LIMIT at 1:26/);
  });

  it('parses WITH … AS (…) with column lists, and set operations in subqueries', () => {
    const statement = parseStatement('WITH x AS (SELECT 1 AS a), y (b) AS (SELECT 2) SELECT * FROM x, y');
    assert.ok(statement.kind === 'query');
    assert.equal(statement.text, 'WITH x AS (SELECT 1 AS a), y (b) AS (SELECT 2) SELECT * FROM x, y');
    const q = statement.query;
    assert.deepEqual(q.with?.map((cte) => [cte.name.name, cte.columns.map((c) => c.name)]), [['x', []], ['y', ['b']]]);
    assert.deepEqual(q.position, { line: 1, column: 1, offset: 0 });
    const sub = query('SELECT * FROM (SELECT a FROM t UNION ALL SELECT a FROM u) s');
    assert.ok(sub.from?.kind === 'subquery');
    assert.equal(sub.from.query.setOperation?.op, 'UNION');
    assert.equal(query('SELECT 1').setOperation, undefined);
    assert.equal('with' in query('SELECT 1'), false);
  });
});

describe('GROUP BY extensions and WINDOW', () => {
  it('expands GROUPING SETS, keeping plain keys in groupBy', () => {
    const q = query('SELECT 1 FROM t GROUP BY window_start, window_end, GROUPING SETS ((item), ())');
    assert.deepEqual(q.groupBy.map(render), ['window_start', 'window_end']);
    assert.deepEqual(groupingSets(q), ['(item)', '()']);
    assert.deepEqual(q.groupingSetsPosition, { line: 1, column: 52, offset: 51 });
    assert.deepEqual(groupingSets(query('SELECT 1 FROM t GROUP BY GROUPING SETS ((a, b), (a), ())')), ['(a, b)', '(a)', '()']);
  });

  it('expands ROLLUP and CUBE, and multiplies several constructs out', () => {
    assert.deepEqual(groupingSets(query('SELECT 1 FROM t GROUP BY ROLLUP (a, b)')), ['(a, b)', '(a)', '()']);
    assert.deepEqual(groupingSets(query('SELECT 1 FROM t GROUP BY CUBE (a, b)')), ['(a, b)', '(a)', '(b)', '()']);
    assert.deepEqual(groupingSets(query('SELECT 1 FROM t GROUP BY ROLLUP ((a, b), c)')), ['(a, b, c)', '(a, b)', '()']);
    assert.deepEqual(groupingSets(query('SELECT 1 FROM t GROUP BY ROLLUP (a), CUBE (b)')), ['(a, b)', '(a)', '(b)', '()']);
    assert.deepEqual(groupingSets(query('SELECT 1 FROM t GROUP BY GROUPING SETS (ROLLUP (a), b)')), ['(a)', '()', '(b)']);
    assert.deepEqual(groupingSets(query('SELECT COUNT(*) FROM t GROUP BY ()')), ['()']);
  });

  it('tells a parenthesised group from a parenthesised expression by what follows its closing parenthesis', () => {
    assert.deepEqual(groupingSets(query('SELECT 1 FROM t GROUP BY ROLLUP ((a + b) * 2, c)')), ['(((a + b) * 2), c)', '(((a + b) * 2))', '()']);
    assert.deepEqual(groupingSets(query('SELECT 1 FROM t GROUP BY GROUPING SETS ((a + b), (c, (d)))')), ['((a + b))', '(c, d)']);
  });

  it('leaves a plain GROUP BY and rollup(…) calls alone', () => {
    const q = query('SELECT 1 FROM t GROUP BY a, b');
    assert.equal(q.groupingSets, undefined);
    assert.deepEqual(q.groupBy.map(render), ['a', 'b']);
    assert.equal(render(query('SELECT 1 FROM t GROUP BY rollup + 1').groupBy[0]!), '(rollup + 1)');
  });

  it('parses a WINDOW clause referred to by OVER w', () => {
    const q = query('SELECT SUM(x) OVER w FROM t WINDOW w AS (PARTITION BY k ORDER BY ts), v AS (ORDER BY ts) ORDER BY k');
    assert.deepEqual(q.windows?.map((w) => w.name.name), ['w', 'v']);
    assert.deepEqual(q.windows?.[0]?.spec.partitionBy.map(render), ['k']);
    assert.deepEqual(q.orderBy.map((item) => render(item.expr)), ['k']);
    const over = q.items[0]?.expr;
    assert.ok(over?.kind === 'over');
    assert.deepEqual(shape(over.window), {
      kind: 'window-spec', name: { kind: 'identifier', name: 'w', quoted: false }, partitionBy: [], orderBy: [], frame: null,
    });
  });
});
