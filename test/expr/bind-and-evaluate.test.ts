import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Value } from '../../src/common/values.js';
import { formatExpr } from '../../src/dataflow/display.js';
import { bindExpression } from '../../src/planner/binder/expressions.js';
import type { Expression } from '../../src/parser/ast.js';
import { evaluate } from '../../src/runtime/expr/evaluate.js';
import { bin, caseOf, cast, col, fn, interval, nullLit, num, str, typeName, unary } from '../binder/ast-builders.js';
import { SCOPE } from '../binder/scope-fixture.js';

const NAMES = SCOPE.columns.map((c) => c.name);
const ROWS = 3;
/** Column values by name: price DECIMAL(10, 2), item, bidtime, qty, big, ratio, flag. */
const DATA: Readonly<Record<string, readonly Value[]>> = {
  price: [400n, null, 1250n],
  item: ['apple', 'pear', null],
  bidtime: [Date.UTC(2020, 3, 15, 8, 5), Date.UTC(2020, 3, 15, 8, 7), Date.UTC(2020, 3, 15, 8, 9)],
  qty: [3, 0, null],
  big: [2n ** 60n, -1n, 0n],
  ratio: [0.5, 1.5, null],
  flag: [true, false, null],
};

function run(node: Expression): { values: Value[]; text: string } {
  const expr = bindExpression(node, SCOPE);
  const values = evaluate(expr, (i) => DATA[NAMES[i] as string] ?? new Array<Value>(ROWS).fill(null), ROWS);
  return { values, text: formatExpr(expr, NAMES) };
}

test('price * 2 stays an exact DECIMAL', () => {
  const { values, text } = run(bin(col('price'), '*', num('2')));
  assert.deepEqual(values, [800n, null, 2500n]);
  assert.equal(text, '(price * 2)');
});

test('price / qty is exact to 13 places and NULL where an operand is NULL; / 0 would fail', () => {
  const guarded = caseOf(null, [[bin(col('qty'), '<>', num('0')), bin(col('price'), '/', col('qty'))]]);
  const { values } = run(guarded);
  assert.deepEqual(values, [13333333333333n, null, null]);
  assert.deepEqual(run(bin(col('price'), '/', col('qty'))).values[1], null, 'NULL / 0 is NULL');
  assert.throws(() => run(bin(col('big'), '/', col('qty'))), { name: 'ExecutionError', message: 'Division by zero' });
});

test('mixed INT, BIGINT and DOUBLE arithmetic', () => {
  assert.deepEqual(run(bin(col('qty'), '+', col('big'))).values, [2n ** 60n + 3n, -1n, null]);
  assert.deepEqual(run(bin(col('qty'), '*', col('ratio'))).values, [1.5, 0, null]);
  assert.deepEqual(run(unary('-', col('qty'))).values, [-3, 0, null]);
});

test('timestamp arithmetic and comparison with a string literal', () => {
  const { values, text } = run(bin(bin(col('bidtime'), '-', interval('1', 'MINUTE')), '>=', str('2020-04-15 08:06:00')));
  assert.deepEqual(values, [false, true, true]);
  assert.equal(text, "((bidtime - INTERVAL '1' MINUTE) >= TIMESTAMP '2020-04-15 08:06:00.000')");
});

test('simple CASE, COALESCE, IFNULL, NULLIF and IF', () => {
  const simple = caseOf(col('item'), [[str('apple'), str('fruit')], [str('pear'), str('also fruit')]], str('?'));
  assert.deepEqual(run(simple).values, ['fruit', 'also fruit', '?']);
  assert.deepEqual(run(fn('COALESCE', [col('price'), num('0')])).values, [400n, 0n, 1250n]);
  assert.deepEqual(run(fn('IFNULL', [col('price'), num('0')])).values, [400n, 0n, 1250n]);
  assert.throws(() => run(fn('IFNULL', [col('price')])), /Function 'IFNULL' needs 2 arguments, got 1/);
  assert.throws(() => run(fn('TYPEOF', [col('price')])), /Function 'TYPEOF' is not supported yet/);
  assert.throws(() => run(fn('NO_SUCH_FN', [col('price')])), /No function named 'NO_SUCH_FN'/);
  assert.deepEqual(run(fn('NULLIF', [col('qty'), num('0')])).values, [3, null, null]);
  assert.deepEqual(run(fn('IF', [col('flag'), str('yes'), str('no')])).values, ['yes', 'no', 'no']);
});

test('CAST and concatenation', () => {
  assert.deepEqual(run(bin(col('item'), '||', cast(col('price'), typeName('STRING')))).values, ['apple4.00', null, null]);
  assert.deepEqual(run(cast(col('ratio'), typeName('DECIMAL', [3, 0]))).values, [1n, 2n, null]);
  assert.deepEqual(run(bin(nullLit(), '||', col('item'))).values, [null, null, null]);
});
