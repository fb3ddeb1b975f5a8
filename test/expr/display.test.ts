import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatExpr, formatIntervalLiteral, formatYearMonthLiteral } from '../../src/dataflow/display.js';
import type { Expr } from '../../src/dataflow/expr.js';
import { T, call, castTo, column, lit } from './expr-builders.js';

const NAMES = ['price', 'bidtime', 'item', 'order id'];
const price = column(0, T.dec(10, 2));
const bidtime = column(1, { kind: 'TIMESTAMP', precision: 3, rowtime: true });

test('binary operations are parenthesised infix', () => {
  assert.equal(formatExpr(call('multiply', [price, lit(2n, T.dec(10, 0))], T.dec(20, 2)), NAMES), '(price * 2)');
  const watermark = call('timestamp-subtract-interval', [bidtime, lit(1000, T.INTERVAL)], T.TS3);
  assert.equal(formatExpr(watermark, NAMES), "(bidtime - INTERVAL '1' SECOND)");
  const condition = call('and', [
    call('greater', [price, lit(150n, T.dec(3, 2))], T.BOOLEAN),
    call('equal', [column(2, T.STRING), lit("it's", T.STRING)], T.BOOLEAN),
  ], T.BOOLEAN);
  assert.equal(formatExpr(condition, NAMES), "((price > 1.50) AND (item = 'it''s'))");
});

test('casts, CASE, unary operators, literals and odd column names', () => {
  assert.equal(formatExpr(castTo(column(3, T.INT), T.dec(10, 2)), NAMES), 'CAST(`order id` AS DECIMAL(10, 2))');
  const expr: Expr = {
    kind: 'case',
    whens: [{ when: call('is-null', [column(2, T.STRING)], T.BOOLEAN), then: lit('none', T.STRING) }],
    otherwise: column(2, T.STRING),
    type: T.STRING,
  };
  assert.equal(formatExpr(expr, NAMES), "CASE WHEN (item IS NULL) THEN 'none' ELSE item END");
  assert.equal(formatExpr(call('not', [lit(true, T.BOOLEAN)], T.BOOLEAN), NAMES), '(NOT TRUE)');
  assert.equal(formatExpr(call('negate', [lit(-5, T.INT)], T.INT), NAMES), '(- -5)');
  assert.equal(formatExpr(call('negate', [price], T.dec(10, 2)), NAMES), '(-price)');
  assert.equal(formatExpr(lit(Date.UTC(2020, 3, 15, 8, 5), T.TS3), NAMES), "TIMESTAMP '2020-04-15 08:05:00.000'");
  assert.equal(formatExpr(lit(null, T.INT), NAMES), 'CAST(NULL AS INT)');
  assert.equal(formatExpr(lit(null, { kind: 'NULL' }), NAMES), 'NULL');
  assert.equal(formatExpr(column(9, T.INT), NAMES), '$9');
});

test('intervals are shown in the largest whole unit', () => {
  assert.equal(formatIntervalLiteral(600_000), "INTERVAL '10' MINUTE");
  assert.equal(formatIntervalLiteral(7_200_000), "INTERVAL '2' HOUR");
  assert.equal(formatIntervalLiteral(86_400_000), "INTERVAL '1' DAY");
  assert.equal(formatIntervalLiteral(90_000), "INTERVAL '90' SECOND");
  assert.equal(formatIntervalLiteral(1_500), "INTERVAL '1.5' SECOND");
  assert.equal(formatIntervalLiteral(-60_000), "INTERVAL '-1' MINUTE");
  assert.equal(formatIntervalLiteral(0), "INTERVAL '0' SECOND");
  assert.deepEqual([24, 14, -5, 123, -123, 0].map(formatYearMonthLiteral), [
    "INTERVAL '2' YEAR", "INTERVAL '14' MONTH", "INTERVAL '-5' MONTH", "INTERVAL '10-3' YEAR TO MONTH", "INTERVAL '-10-3' YEAR TO MONTH", "INTERVAL '0' MONTH",
  ]);
});
