import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../../src/common/errors.js';
import { decimal, formatType, type DataType } from '../../src/common/types.js';
import type { Expr } from '../../src/dataflow/expr.js';
import { bindExpression, commonType, coerce } from '../../src/planner/binder/expressions.js';
import { decimalResultType } from '../../src/planner/binder/coercion.js';
import type { Expression } from '../../src/parser/ast.js';
import { at, bin, bool, col, interval, isNull, nullLit, num, str, unary } from './ast-builders.js';
import { SCOPE } from './scope-fixture.js';

const bind = (node: Expression): Expr => bindExpression(node, SCOPE);
const typeOf = (node: Expression): string => formatType(bind(node).type);

test('arithmetic widens INT < BIGINT < DECIMAL < DOUBLE', () => {
  assert.equal(typeOf(bin(col('qty'), '+', num('1'))), 'INT');
  assert.equal(typeOf(bin(col('qty'), '*', col('big'))), 'BIGINT');
  assert.equal(typeOf(bin(col('qty'), '/', num('2'))), 'INT');
  assert.equal(typeOf(bin(col('big'), '-', col('ratio'))), 'DOUBLE');
  assert.equal(typeOf(bin(col('price'), '+', col('ratio'))), 'DOUBLE');
  const widened = bind(bin(col('qty'), '+', col('big')));
  assert.ok(widened.kind === 'call');
  assert.deepEqual(widened.args[0], { kind: 'cast', arg: { kind: 'column', index: 3, type: { kind: 'INT' } }, type: { kind: 'BIGINT' } });
});

test('DECIMAL result types follow Flink: + - * / %', () => {
  // price is DECIMAL(10, 2); the INT literal 2 becomes DECIMAL(10, 0); a product has p1 + p2 + 1 digits, as in Flink
  assert.equal(typeOf(bin(col('price'), '*', num('2'))), 'DECIMAL(21, 2)');
  assert.equal(typeOf(bin(col('price'), '+', num('1.5'))), 'DECIMAL(11, 2)');
  assert.equal(typeOf(bin(col('price'), '-', col('qty'))), 'DECIMAL(13, 2)');
  assert.equal(typeOf(bin(col('price'), '/', num('3'))), 'DECIMAL(21, 13)');
  assert.equal(typeOf(bin(col('price'), '%', num('3'))), 'DECIMAL(10, 2)');
  assert.equal(typeOf(bin(col('price'), '*', col('big'))), 'DECIMAL(30, 2)');
});

test('DECIMAL result types above 38 digits are reduced, keeping up to 6 fraction digits', () => {
  const p38s10 = decimal(38, 10) as Extract<DataType, { kind: 'DECIMAL' }>;
  const p10s2 = decimal(10, 2) as Extract<DataType, { kind: 'DECIMAL' }>;
  assert.deepEqual(decimalResultType('multiply', p38s10, p10s2), { kind: 'DECIMAL', precision: 38, scale: 6 });
  assert.deepEqual(decimalResultType('add', p38s10, p38s10), { kind: 'DECIMAL', precision: 38, scale: 9 });
  assert.deepEqual(decimalResultType('divide', p10s2, p10s2), { kind: 'DECIMAL', precision: 23, scale: 13 });
  assert.deepEqual(decimalResultType('divide', p38s10, p38s10), { kind: 'DECIMAL', precision: 38, scale: 6 });
  assert.equal(typeOf(bin(col('rate'), '*', col('price'))), 'DECIMAL(38, 6)');
});

test('TIMESTAMP ± INTERVAL is a TIMESTAMP without the rowtime mark', () => {
  const minus = bind(bin(col('bidtime'), '-', interval('1', 'SECOND')));
  assert.ok(minus.kind === 'call');
  assert.equal(minus.op, 'timestamp-subtract-interval');
  assert.deepEqual(minus.type, { kind: 'TIMESTAMP', precision: 3 });
  const plus = bind(bin(interval('5', 'MINUTE'), '+', col('bidtime')));
  assert.ok(plus.kind === 'call');
  assert.equal(plus.op, 'timestamp-add-interval');
  assert.equal(plus.args[0]?.kind, 'column');
  assert.throws(() => bind(bin(interval('5', 'MINUTE'), '-', col('bidtime'), at(1, 4))), {
    message: "Cannot apply '-' to arguments of type INTERVAL SECOND(3) and TIMESTAMP(3) at 1:4",
  });
});

test('type errors name the operator, the operand types and the operator position', () => {
  assert.throws(() => bind(bin(col('item'), '+', col('qty'), at(1, 12))), (error: unknown) => {
    assert.ok(error instanceof PlanError);
    assert.equal(error.message, "Cannot apply '+' to arguments of type STRING and INT at 1:12");
    return true;
  });
  assert.throws(() => bind(bin(col('qty'), 'AND', col('flag'), at(2, 1))), {
    message: "Cannot apply 'AND' to arguments of type INT and BOOLEAN at 2:1",
  });
  assert.throws(() => bind(bin(col('qty'), '||', col('item'), at(1, 5))), {
    message: "Cannot apply '||' to arguments of type INT and STRING at 1:5",
  });
  assert.throws(() => bind(unary('-', col('item'), at(1, 3))), {
    message: "Cannot apply '-' to an argument of type STRING at 1:3",
  });
  assert.throws(() => bind(unary('NOT', col('qty'), at(1, 3))), {
    message: "Cannot apply 'NOT' to an argument of type INT at 1:3",
  });
});

test('comparisons need comparable types and widen numerics', () => {
  const mixed = bind(bin(col('price'), '>', col('qty')));
  assert.ok(mixed.kind === 'call' && mixed.op === 'greater');
  assert.deepEqual(mixed.args.map((a) => formatType(a.type)), ['DECIMAL(10, 2)', 'DECIMAL(10, 0)']);
  assert.equal(typeOf(bin(col('item'), '=', str('x'))), 'BOOLEAN');
  assert.equal(typeOf(bin(col('flag'), '<>', bool(true))), 'BOOLEAN');
  assert.throws(() => bind(bin(col('item'), '=', col('qty'), at(3, 14))), {
    message: "Cannot apply '=' to arguments of type STRING and INT at 3:14",
  });
  assert.throws(() => bind(bin(col('bidtime'), '<', col('qty'), at(1, 1))), {
    message: "Cannot apply '<' to arguments of type TIMESTAMP(3) and INT at 1:1",
  });
});

test('a TIMESTAMP compared with a string literal parses the literal at plan time', () => {
  const compared = bind(bin(col('bidtime'), '>=', str('2020-04-15 08:05:00')));
  assert.ok(compared.kind === 'call');
  assert.deepEqual(compared.args[1], { kind: 'literal', value: Date.UTC(2020, 3, 15, 8, 5), type: { kind: 'TIMESTAMP', precision: 3 } });
  assert.throws(() => bind(bin(col('bidtime'), '>=', str('yesterday', at(1, 20)))), {
    name: 'PlanError', message: "Cannot cast 'yesterday' to TIMESTAMP(3) at 1:20",
  });
});

test('NULL takes the type of the other operand; IS NULL is BOOLEAN', () => {
  const plus = bind(bin(col('qty'), '+', nullLit()));
  assert.ok(plus.kind === 'call');
  assert.deepEqual(plus.args[1], { kind: 'literal', value: null, type: { kind: 'INT' } });
  assert.equal(typeOf(bin(nullLit(), 'AND', col('flag'))), 'BOOLEAN');
  assert.deepEqual(bind(isNull(col('item'), true)), {
    kind: 'call', op: 'is-not-null', args: [{ kind: 'column', index: 1, type: { kind: 'STRING' } }], type: { kind: 'BOOLEAN' },
  });
});

test('commonType and coerce', () => {
  assert.deepEqual(commonType({ kind: 'INT' }, decimal(5, 2)), decimal(12, 2));
  assert.deepEqual(commonType({ kind: 'BIGINT' }, { kind: 'DOUBLE' }), { kind: 'DOUBLE' });
  // TINYINT < SMALLINT < INT < BIGINT < DECIMAL < DOUBLE; TINYINT as DECIMAL(3, 0), SMALLINT as DECIMAL(5, 0).
  assert.deepEqual(commonType({ kind: 'TINYINT' }, { kind: 'SMALLINT' }), { kind: 'SMALLINT' });
  assert.deepEqual(commonType({ kind: 'TINYINT' }, { kind: 'INT' }), { kind: 'INT' });
  assert.deepEqual(commonType({ kind: 'SMALLINT' }, { kind: 'TINYINT' }), { kind: 'SMALLINT' });
  assert.deepEqual(commonType({ kind: 'TINYINT' }, { kind: 'TINYINT' }), { kind: 'TINYINT' });
  assert.deepEqual(commonType({ kind: 'TINYINT' }, decimal(5, 2)), decimal(5, 2));
  assert.deepEqual(commonType({ kind: 'SMALLINT' }, decimal(2, 1)), decimal(6, 1));
  assert.deepEqual(commonType({ kind: 'NULL' }, { kind: 'STRING' }), { kind: 'STRING' });
  assert.deepEqual(commonType({ kind: 'TIMESTAMP', precision: 3, rowtime: true }, { kind: 'TIMESTAMP', precision: 0 }), { kind: 'TIMESTAMP', precision: 3 });
  assert.equal(commonType({ kind: 'STRING' }, { kind: 'INT' }), undefined);
  assert.equal(commonType({ kind: 'BOOLEAN' }, { kind: 'TIMESTAMP', precision: 3 }), undefined);
  const column: Expr = { kind: 'column', index: 0, type: { kind: 'INT' } };
  assert.equal(coerce(column, { kind: 'INT' }), column);
  assert.deepEqual(coerce(column, { kind: 'DOUBLE' }), { kind: 'cast', arg: column, type: { kind: 'DOUBLE' } });
  assert.deepEqual(coerce({ kind: 'literal', value: 7, type: { kind: 'INT' } }, decimal(4, 1)), { kind: 'literal', value: 70n, type: decimal(4, 1) });
});
