import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../../src/common/errors.js';
import { formatType } from '../../src/common/types.js';
import { columnExpr, type Expr } from '../../src/dataflow/expr.js';
import { bindExpression, type BindOptions } from '../../src/planner/binder/expressions.js';
import type { Expression } from '../../src/parser/ast.js';
import { at, bin, caseOf, cast, col, fn, nullLit, num, str, typeName } from './ast-builders.js';
import { SCOPE } from './scope-fixture.js';

const bind = (node: Expression, options?: BindOptions): Expr => bindExpression(node, SCOPE, options);

test('searched CASE unifies branch types and coerces each branch', () => {
  const bound = bind(caseOf(null, [[bin(col('qty'), '>', num('1')), col('price')]], num('0')));
  assert.ok(bound.kind === 'case');
  assert.equal(formatType(bound.type), 'DECIMAL(12, 2)');
  assert.equal(bound.whens[0]?.then.kind, 'cast');
  assert.deepEqual(bound.otherwise, { kind: 'literal', value: 0n, type: { kind: 'DECIMAL', precision: 12, scale: 2 } });
  const noElse = bind(caseOf(null, [[col('flag'), col('bidtime')]]));
  assert.deepEqual(noElse.type, { kind: 'TIMESTAMP', precision: 3 }, 'a CASE result is never a rowtime');
});

test('simple CASE is rewritten to equality tests', () => {
  const bound = bind(caseOf(col('item'), [[str('a'), num('1')], [str('b'), num('2')]], nullLit()));
  assert.ok(bound.kind === 'case');
  assert.equal(bound.whens.length, 2);
  const first = bound.whens[0]?.when;
  assert.ok(first?.kind === 'call');
  assert.equal(first.op, 'equal');
  assert.deepEqual(first.args[1], { kind: 'literal', value: 'a', type: { kind: 'STRING' } });
  assert.deepEqual(bound.type, { kind: 'INT' });
});

test('CASE errors: non-boolean condition, incompatible branches, mismatched simple operand', () => {
  assert.throws(() => bind(caseOf(null, [[col('qty', at(1, 11)), num('1')]])), {
    name: 'PlanError', message: 'CASE WHEN needs a BOOLEAN condition, not INT at 1:11',
  });
  assert.throws(() => bind(caseOf(null, [[col('flag'), num('1')]], str('x', at(1, 30)))), {
    name: 'PlanError', message: 'CASE results have incompatible types INT and STRING at 1:30',
  });
  assert.throws(() => bind(caseOf(col('qty'), [[str('x', at(1, 15)), num('1')]])), {
    message: "Cannot apply '=' to arguments of type INT and STRING at 1:15",
  });
});

test('CAST allows numeric, to/from STRING and TIMESTAMP conversions and refuses others', () => {
  assert.deepEqual(bind(cast(col('qty'), typeName('DECIMAL', [10, 2]))), {
    kind: 'cast', arg: { kind: 'column', index: 3, type: { kind: 'INT' } }, type: { kind: 'DECIMAL', precision: 10, scale: 2 },
  });
  assert.equal(formatType(bind(cast(col('bidtime'), typeName('STRING'))).type), 'STRING');
  assert.equal(formatType(bind(cast(col('item'), typeName('BOOLEAN'))).type), 'BOOLEAN');
  assert.equal(formatType(bind(cast(col('flag'), typeName('VARCHAR', [5]))).type), 'VARCHAR(5)');
  assert.throws(() => bind(cast(col('flag'), typeName('INT'), at(1, 8))), {
    name: 'PlanError', message: 'Cannot cast BOOLEAN to INT at 1:8',
  });
  assert.throws(() => bind(cast(col('bidtime'), typeName('BIGINT'), at(1, 8))), {
    name: 'PlanError', message: 'Cannot cast TIMESTAMP(3) to BIGINT at 1:8',
  });
});

test('CAST of a string literal to TIMESTAMP is folded at plan time (TIMESTAMP literals)', () => {
  assert.deepEqual(bind(cast(str('2020-04-15 08:05:00.123'), typeName('TIMESTAMP', [3]))), {
    kind: 'literal', value: Date.UTC(2020, 3, 15, 8, 5, 0, 123), type: { kind: 'TIMESTAMP', precision: 3 },
  });
  assert.throws(() => bind(cast(str('2020-02-30 00:00:00', at(1, 18)), typeName('TIMESTAMP', [3]))), {
    name: 'PlanError', message: "Cannot cast '2020-02-30 00:00:00' to TIMESTAMP(3) at 1:18",
  });
});

test('CAST of a rowtime column to TIMESTAMP(3) drops the time attribute', () => {
  const bound = bind(cast(col('bidtime'), typeName('TIMESTAMP', [3])));
  assert.equal(bound.kind, 'cast');
  assert.deepEqual(bound.type, { kind: 'TIMESTAMP', precision: 3 });
});

test('COALESCE binds as a CASE over IS NOT NULL with a common type', () => {
  const bound = bind(fn('coalesce', [col('qty'), col('price'), num('0')]));
  assert.ok(bound.kind === 'case');
  assert.equal(formatType(bound.type), 'DECIMAL(12, 2)');
  assert.equal(bound.whens.length, 2);
  assert.equal(bound.whens[0]?.when.kind === 'call' && bound.whens[0].when.op, 'is-not-null');
  assert.deepEqual(bound.otherwise, { kind: 'literal', value: 0n, type: { kind: 'DECIMAL', precision: 12, scale: 2 } });
});

test('unknown functions, misplaced aggregates, window functions', () => {
  assert.throws(() => bind(fn('FOO', [], at(1, 8))), { name: 'PlanError', message: "No function named 'FOO' at 1:8" });
  assert.throws(() => bind(fn('COALESE', [num('1')], at(1, 8))), {
    message: "No function named 'COALESE' at 1:8 (did you mean 'COALESCE'?)",
  });
  assert.throws(() => bind(fn('sum', [col('price')], at(2, 9)), { clause: 'WHERE' }), {
    name: 'PlanError', message: "Aggregate function 'SUM' is not allowed in WHERE at 2:9",
  });
  assert.throws(() => bind(fn('TUMBLE', [col('bidtime')], at(1, 1))), PlanError);
  assert.throws(() => bind(fn('DESCRIPTOR', [col('bidtime')], at(1, 1))), PlanError);
  assert.throws(() => bind(fn('JSON_OBJECTAGG', [col('item')], at(1, 1))), {
    name: 'PlanError', message: "Aggregate function 'JSON_OBJECTAGG' is not allowed here at 1:1",
  });
});

test('substitute replaces nodes before binding, at any depth', () => {
  const sum = fn('SUM', [col('price')]);
  const options: BindOptions = {
    substitute: (node) => (node === sum ? columnExpr(7, { kind: 'DECIMAL', precision: 38, scale: 2 }) : undefined),
  };
  const bound = bind(bin(sum, '*', num('2')), options);
  assert.ok(bound.kind === 'call');
  assert.deepEqual(bound.args[0], { kind: 'column', index: 7, type: { kind: 'DECIMAL', precision: 38, scale: 2 } });
  assert.equal(formatType(bound.type), 'DECIMAL(38, 2)');
});
