import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlSyntaxError } from '../../src/common/errors.js';
import { parseExpression } from '../../src/parser/index.js';
import { render, shape } from './render.js';

const parsed = (sql: string): string => render(parseExpression(sql));

function syntaxError(sql: string): SqlSyntaxError {
  try {
    parseExpression(sql);
  } catch (error) {
    assert.ok(error instanceof SqlSyntaxError, `expected SqlSyntaxError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected a syntax error for ${sql}`);
}

describe('predicates', () => {
  it('parses [NOT] BETWEEN [SYMMETRIC] at comparison level', () => {
    assert.equal(parsed('a BETWEEN 1 AND 2 AND b'), '((a BETWEEN 1 AND 2) AND b)');
    assert.equal(parsed('a NOT BETWEEN SYMMETRIC 5 AND x + 1'), '(a NOT BETWEEN SYMMETRIC 5 AND (x + 1))');
    assert.deepEqual(shape(parseExpression('a BETWEEN ASYMMETRIC 1 AND 2')), {
      kind: 'between',
      operand: { kind: 'column', path: [{ kind: 'identifier', name: 'a', quoted: false }] },
      low: { kind: 'literal', type: 'number', text: '1' },
      high: { kind: 'literal', type: 'number', text: '2' },
      negated: false,
      symmetric: false,
    });
  });

  it('parses IN lists, NOT IN, IN (subquery) and EXISTS', () => {
    assert.equal(parsed("a IN (1, 2) OR b NOT IN ('x')"), "((a IN (1, 2)) OR (b NOT IN ('x')))");
    const sub = parseExpression('a NOT IN (SELECT b FROM t)');
    assert.ok(sub.kind === 'in-subquery');
    assert.equal(sub.negated, true);
    assert.equal(sub.query.from?.kind, 'table-ref');
    assert.equal(parsed('NOT EXISTS (SELECT 1 FROM t)'), '(NOT EXISTS(<query>))');
    assert.equal(parsed('a IN ((SELECT 1) UNION (SELECT 2))'), '(a IN (<query>))');
    assert.equal(parsed('exists(x)'), 'exists(x)');
  });

  it('parses LIKE … ESCAPE, NOT LIKE and SIMILAR TO', () => {
    assert.equal(parsed("s LIKE 'a%' ESCAPE '!'"), "(s LIKE 'a%' ESCAPE '!')");
    assert.equal(parsed("s NOT LIKE 'a%'"), "(s NOT LIKE 'a%')");
    assert.equal(parsed("s NOT SIMILAR TO '(a|b)%'"), "(s NOT SIMILAR TO '(a|b)%')");
  });

  it('parses IS [NOT] DISTINCT FROM and IS [NOT] TRUE / FALSE / UNKNOWN', () => {
    assert.equal(parsed('a IS NOT DISTINCT FROM b + 1'), '(a IS NOT DISTINCT FROM (b + 1))');
    assert.equal(parsed('a IS DISTINCT FROM b'), '(a IS DISTINCT FROM b)');
    assert.equal(parsed('x IS TRUE AND y IS NOT FALSE'), '((x IS TRUE) AND (y IS NOT FALSE))');
    assert.equal(parsed('x IS UNKNOWN'), '(x IS UNKNOWN)');
    assert.equal(parsed('x IS NOT NULL'), '(x IS NOT NULL)');
  });
});

describe('special function forms', () => {
  it('turns the keyword forms into ordinary arguments', () => {
    assert.equal(parsed('EXTRACT(HOUR FROM ts)'), 'EXTRACT(:HOUR, ts)');
    assert.equal(parsed('FLOOR(ts TO HOUR)'), 'FLOOR(ts, :HOUR)');
    assert.equal(parsed('CEIL(ts TO DAY)'), 'CEIL(ts, :DAY)');
    assert.equal(parsed("POSITION('a' IN s)"), "POSITION('a', s)");
    assert.equal(parsed('SUBSTRING(s FROM 2 FOR 3)'), 'SUBSTRING(s, 2, 3)');
    assert.equal(parsed('SUBSTRING(s, 2)'), 'SUBSTRING(s, 2)');
    assert.equal(parsed('TIMESTAMPADD(HOUR, 1, ts)'), 'TIMESTAMPADD(:HOUR, 1, ts)');
    assert.equal(parsed('TIMESTAMPDIFF(SECOND, a, b)'), 'TIMESTAMPDIFF(:SECOND, a, b)');
  });

  it('normalises TRIM to (mode, characters, string)', () => {
    assert.equal(parsed("TRIM(BOTH 'x' FROM s)"), "TRIM(:BOTH, 'x', s)");
    assert.equal(parsed('TRIM(LEADING FROM s)'), "TRIM(:LEADING, ' ', s)");
    assert.equal(parsed("TRIM('x' FROM s)"), "TRIM(:BOTH, 'x', s)");
    assert.equal(parsed('TRIM(s)'), 'TRIM(s)');
    assert.equal(parsed('TRIM(both)'), 'TRIM(both)');
  });

  it('parses niladic functions, LEFT/RIGHT calls, GROUPING and COUNT(ALL x)', () => {
    assert.equal(parsed("LOCALTIMESTAMP + INTERVAL '1' HOUR"), "(LOCALTIMESTAMP() + INTERVAL '1' HOUR)");
    assert.equal(parsed('CURRENT_TIMESTAMP'), 'CURRENT_TIMESTAMP()');
    assert.equal(parsed('CURRENT_DATE'), 'CURRENT_DATE()');
    assert.equal(parsed('`current_date`'), 'current_date');
    assert.equal(parsed('LEFT(s, 3) || RIGHT(s, 2)'), '(LEFT(s, 3) || RIGHT(s, 2))');
    assert.equal(parsed('GROUPING(a, b) + GROUPING_ID(a)'), '(GROUPING(a, b) + GROUPING_ID(a))');
    assert.deepEqual(shape(parseExpression('COUNT(ALL x)')), shape(parseExpression('COUNT(x)')));
  });

  it('reports misplaced keywords and bad time units', () => {
    const from = syntaxError('upper(s FROM 2)');
    assert.equal(from.detail, "Unexpected 'FROM' in the arguments of upper");
    assert.deepEqual(from.position, { line: 1, column: 9, offset: 8 });
    assert.match(syntaxError('EXTRACT(FOO FROM ts)').message, /Expected a time unit such as SECOND.* at 1:9/);
    assert.match(syntaxError('SUBSTRING(s FOR 2)').message, /Unexpected 'FOR' in the arguments of SUBSTRING at 1:13/);
  });
});

describe('literals, constructors and access', () => {
  it('parses DATE, TIME, binary and year-month interval literals', () => {
    assert.equal(parsed("DATE '2020-01-01'"), "CAST('2020-01-01' AS DATE())");
    assert.equal(parsed("TIME '10:00:00'"), "CAST('10:00:00' AS TIME())");
    assert.equal(parsed('date + 1'), '(date + 1)');
    assert.deepEqual(shape(parseExpression("x'0aff'")), { kind: 'binary-literal', hex: '0AFF' });
    assert.deepEqual(shape(parseExpression("INTERVAL '2' YEARS")), { kind: 'year-month-interval', text: '2', sign: 1, unit: 'YEAR' });
    assert.equal(parsed("INTERVAL -'1-6' YEAR TO MONTH"), "INTERVAL '1-6' YEAR TO MONTH");
    assert.equal(parsed("INTERVAL '3' MONTH"), "INTERVAL '3' MONTH");
    assert.equal(parsed("INTERVAL '1 10:00:00' DAY TO SECOND"), "INTERVAL '1 10:00:00' DAY TO SECOND");
    assert.equal(parsed("INTERVAL '10:30' HOUR TO MINUTE"), "INTERVAL '10:30' HOUR TO MINUTE");
  });

  it('rejects malformed binary literals and mixed interval units', () => {
    assert.match(syntaxError("x'0AF'").message, /Invalid binary literal x'0AF': expected an even number of hex digits at 1:1/);
    assert.match(syntaxError("INTERVAL '1' YEAR TO DAY").message, /Unexpected 'DAY'; expected MONTH after YEAR TO at 1:22/);
    assert.match(syntaxError("INTERVAL '1' DAY TO MONTH").message, /expected HOUR, MINUTE or SECOND after DAY TO/);
  });

  it('parses TRY_CAST, ARRAY / MAP / ROW constructors, element and field access', () => {
    assert.deepEqual(shape(parseExpression('TRY_CAST(x AS INT)')), {
      kind: 'try-cast',
      operand: { kind: 'column', path: [{ kind: 'identifier', name: 'x', quoted: false }] },
      type: { kind: 'type', name: 'INT', params: [], notNull: false },
    });
    assert.equal(parsed('ARRAY[1, 2][1]'), 'ARRAY[1, 2][1]');
    assert.equal(parsed("MAP['a', 1, 'b', 2]"), "MAP['a', 1, 'b', 2]");
    assert.equal(parsed('ROW(a, b)'), 'ROW[a, b]');
    assert.equal(parsed("m['k'].f"), "(m['k']).f");
    assert.equal(parsed('(r).f'), '(r).f');
    assert.equal(parsed('r.f.g'), 'r.f.g');
    assert.match(syntaxError("MAP['a']").message, /MAP\[…\] needs keys and values in pairs/);
  });
});

describe('aggregate FILTER and OVER windows', () => {
  it('keeps FILTER (WHERE …) on the call', () => {
    const call = parseExpression('COUNT(*) FILTER (WHERE price > 10)');
    assert.ok(call.kind === 'call');
    assert.equal(call.star, true);
    assert.equal(call.filter === undefined ? '' : render(call.filter), '(price > 10)');
    assert.equal(parseExpression('COUNT(*)').kind === 'call' && 'filter' in parseExpression('COUNT(*)'), false);
  });

  it('parses ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)', () => {
    const over = parseExpression('ROW_NUMBER() OVER (PARTITION BY a, b ORDER BY c DESC, d)');
    assert.ok(over.kind === 'over');
    assert.equal(over.call.name.name, 'ROW_NUMBER');
    assert.equal(over.window.name, null);
    assert.deepEqual(over.window.partitionBy.map(render), ['a', 'b']);
    assert.deepEqual(over.window.orderBy.map((item) => [render(item.expr), item.descending]), [['c', true], ['d', false]]);
    assert.equal(over.window.frame, null);
    assert.deepEqual(over.position, { line: 1, column: 1, offset: 0 });
  });

  it('parses RANGE and ROWS frames', () => {
    const range = parseExpression("SUM(x) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)");
    assert.ok(range.kind === 'over');
    assert.deepEqual(shape(range.window.frame), {
      units: 'RANGE',
      start: { kind: 'preceding', offset: { kind: 'interval', text: '1', sign: 1, unit: 'HOUR' } },
      end: { kind: 'current-row', offset: null },
    });
    const rows = parseExpression('AVG(x) OVER (ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)');
    assert.ok(rows.kind === 'over');
    assert.equal(rows.window.frame?.units, 'ROWS');
    assert.deepEqual(shape(rows.window.frame?.start), { kind: 'preceding', offset: { kind: 'literal', type: 'number', text: '10' } });
    const unbounded = parseExpression('COUNT(*) OVER (ORDER BY ts ROWS UNBOUNDED PRECEDING)');
    assert.ok(unbounded.kind === 'over');
    assert.deepEqual(shape(unbounded.window.frame), {
      units: 'ROWS',
      start: { kind: 'unbounded-preceding', offset: null },
      end: { kind: 'current-row', offset: null },
    });
    const following = parseExpression('MAX(x) OVER (ORDER BY ts ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)');
    assert.ok(following.kind === 'over');
    assert.equal(following.window.frame?.end.kind, 'unbounded-following');
  });

  it('refers to a named window with OVER w, and combines FILTER with OVER', () => {
    const named = parseExpression('RANK() OVER w');
    assert.ok(named.kind === 'over');
    assert.equal(named.window.name?.name, 'w');
    const both = parseExpression('COUNT(x) FILTER (WHERE x > 0) OVER (PARTITION BY k)');
    assert.ok(both.kind === 'over');
    assert.equal(both.call.filter?.kind, 'binary');
  });

  it('reports an unfinished frame', () => {
    const error = syntaxError('SUM(x) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING)');
    assert.equal(error.detail, "Unexpected ')'; expected AND");
    assert.equal(error.position?.column, 50);
  });
});
