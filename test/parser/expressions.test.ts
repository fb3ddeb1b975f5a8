import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExpression, parseType } from '../../src/parser/index.js';
import { render } from './render.js';

function shape(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key: string, v: unknown) => (key === 'position' ? undefined : v)));
}

const parsed = (sql: string): string => render(parseExpression(sql));

describe('expression precedence', () => {
  it('binds OR < AND < NOT < comparison', () => {
    assert.equal(parsed('a OR b AND NOT c = 1'), '(a OR (b AND (NOT (c = 1))))');
    assert.equal(parsed('NOT a IS NULL AND b'), '((NOT (a IS NULL)) AND b)');
  });

  it('binds comparison < + - || < * / % < unary minus', () => {
    assert.equal(parsed('a + b * c >= -d % 2 - e'), '((a + (b * c)) >= (((-d) % 2) - e))');
    assert.equal(parsed("a || 'x' + 1"), "((a || 'x') + 1)");
    assert.equal(parsed('(a + b) * c'), '((a + b) * c)');
  });

  it('is left-associative and maps != to <>', () => {
    assert.equal(parsed('a - b - c'), '((a - b) - c)');
    assert.equal(parsed('a != b'), '(a <> b)');
  });

  it('puts a binary expression at its left operand', () => {
    const expr = parseExpression('  price * 2');
    assert.deepEqual(expr.position, { line: 1, column: 3, offset: 2 });
    assert.ok(expr.kind === 'binary');
    assert.deepEqual(expr.right.position, { line: 1, column: 11, offset: 10 });
  });
});

describe('literals and primaries', () => {
  it('keeps number text exactly and unescapes strings', () => {
    assert.deepEqual(shape(['4.00', '.5', '1e3', "'it''s'", 'TRUE', 'false', 'null'].map(parseExpression)), [
      { kind: 'literal', type: 'number', text: '4.00' },
      { kind: 'literal', type: 'number', text: '.5' },
      { kind: 'literal', type: 'number', text: '1e3' },
      { kind: 'literal', type: 'string', text: "it's" },
      { kind: 'literal', type: 'boolean', text: 'TRUE' },
      { kind: 'literal', type: 'boolean', text: 'FALSE' },
      { kind: 'literal', type: 'null', text: 'NULL' },
    ]);
  });

  it('parses intervals: plural units, signs, MINUTE TO SECOND', () => {
    assert.equal(parsed("INTERVAL '10' MINUTES"), "INTERVAL '10' MINUTE");
    assert.equal(parsed("interval -'1' hour"), "INTERVAL -'1' HOUR");
    assert.deepEqual(shape(parseExpression("INTERVAL '-1' HOUR")), { kind: 'interval', text: '-1', sign: 1, unit: 'HOUR' });
    assert.equal(parsed("INTERVAL '1:30' MINUTE TO SECOND"), "INTERVAL '1:30' MINUTE TO SECOND");
    assert.equal(parsed("INTERVAL '2' DAYS"), "INTERVAL '2' DAY");
  });

  it('turns TIMESTAMP literals into a CAST to TIMESTAMP(3)', () => {
    const expr = parseExpression("TIMESTAMP '2020-04-15 08:05:00'");
    assert.equal(render(expr), "CAST('2020-04-15 08:05:00' AS TIMESTAMP(3))");
    assert.ok(expr.kind === 'cast');
    assert.deepEqual(expr.operand.position, { line: 1, column: 11, offset: 10 });
  });

  it('parses function calls, COUNT(*), COUNT(DISTINCT x), DESCRIPTOR and CAST', () => {
    assert.equal(parsed('COUNT(*)'), 'COUNT(*)');
    assert.equal(parsed('count(DISTINCT b.item)'), 'count(DISTINCT b.item)');
    assert.equal(parsed("f(a, 1, 'x')"), "f(a, 1, 'x')");
    assert.equal(parsed('NOW()'), 'NOW()');
    assert.equal(parsed('DESCRIPTOR(ts)'), 'DESCRIPTOR(ts)');
    assert.equal(parsed('CAST(price AS DECIMAL(10, 2))'), 'CAST(price AS DECIMAL(10, 2))');
    const call = parseExpression('  upper(x)');
    assert.ok(call.kind === 'call');
    assert.deepEqual(call.position, { line: 1, column: 3, offset: 2 });
  });

  it('parses searched and simple CASE', () => {
    assert.equal(
      parsed("CASE WHEN a > 1 THEN 'big' WHEN a IS NULL THEN 'none' ELSE 'small' END"),
      "CASE WHEN (a > 1) THEN 'big' WHEN (a IS NULL) THEN 'none' ELSE 'small' END",
    );
    assert.equal(parsed('case x when 1 then 2 end'), 'CASE x WHEN 1 THEN 2 END');
  });

  it('parses qualified and backquoted column references', () => {
    assert.deepEqual(shape(parseExpression('`my tbl`.`a``b`')), {
      kind: 'column',
      path: [
        { kind: 'identifier', name: 'my tbl', quoted: true },
        { kind: 'identifier', name: 'a`b', quoted: true },
      ],
    });
    assert.equal(parsed('key + value + data + timestamp + window_start'), '((((key + value) + data) + timestamp) + window_start)');
  });
});

describe('types', () => {
  it('parses every type form', () => {
    const types = [
      'BOOLEAN', 'TINYINT', 'SMALLINT', 'int', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DOUBLE PRECISION', 'DECIMAL',
      'DEC(5)', 'NUMERIC(10, 2)', 'STRING', 'VARCHAR(20)', 'CHAR(3)', 'TIMESTAMP', 'TIMESTAMP(6) WITHOUT TIME ZONE',
      'DATE', 'TIME', 'BYTES', 'REAL', 'TIMESTAMP_LTZ(3)', 'TIMESTAMP(0) WITH LOCAL TIME ZONE', 'TIMESTAMP WITH LOCAL TIME ZONE',
    ];
    assert.deepEqual(
      types.map((text) => {
        const type = parseType(text);
        return `${type.name}${type.params.length > 0 ? `(${type.params.join(', ')})` : ''}`;
      }),
      [
        'BOOLEAN', 'TINYINT', 'SMALLINT', 'INT', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DOUBLE', 'DECIMAL', 'DEC(5)',
        'NUMERIC(10, 2)', 'STRING', 'VARCHAR(20)', 'CHAR(3)', 'TIMESTAMP', 'TIMESTAMP(6)', 'DATE', 'TIME', 'BYTES',
        'REAL', 'TIMESTAMP_LTZ(3)', 'TIMESTAMP_LTZ(0)', 'TIMESTAMP_LTZ',
      ],
    );
    assert.deepEqual(shape(parseType('DECIMAL(10, 2) NOT NULL')), { kind: 'type', name: 'DECIMAL', params: [10, 2], notNull: true });
  });

  it('rejects unknown type names with a suggestion', () => {
    assert.throws(() => parseType('INTT'), /Unknown type 'INTT' at 1:1 \(did you mean INT\?\)/);
    assert.throws(() => parseType('VARCHAR(1.5)'), /Expected an integer type parameter, found '1.5' at 1:9/);
    assert.throws(() => parseType('TIMESTAMP WITH GLOBAL TIME ZONE'), /Unexpected 'WITH GLOBAL' after TIMESTAMP/);
    assert.throws(() => parseType('INT WITH LOCAL TIME ZONE'), /Unexpected 'WITH LOCAL' after INT/);
  });
});
