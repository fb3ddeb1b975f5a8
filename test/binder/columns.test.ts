import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../../src/common/errors.js';
import { bindExpression, suggestName } from '../../src/planner/binder/expressions.js';
import { editDistance } from '../../src/planner/binder/suggest.js';
import { at, col } from './ast-builders.js';
import { SCOPE, indexOf } from './scope-fixture.js';

function planError(fn: () => unknown): PlanError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof PlanError, `expected a PlanError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a PlanError');
}

test('resolves unqualified and qualified columns to their index and type', () => {
  const price = bindExpression(col('price'), SCOPE);
  assert.deepEqual(price, { kind: 'column', index: indexOf('b', 'price'), type: SCOPE.columns[0]?.type });
  const pid = bindExpression(col('p.id'), SCOPE);
  assert.equal(pid.kind === 'column' && pid.index, indexOf('p', 'id'));
  const bare = bindExpression(col('rate'), SCOPE);
  assert.equal(bare.kind === 'column' && bare.index, indexOf(null, 'rate'));
});

test('a bare column reference keeps the rowtime mark', () => {
  const bidtime = bindExpression(col('bidtime'), SCOPE);
  assert.deepEqual(bidtime.type, { kind: 'TIMESTAMP', precision: 3, rowtime: true });
});

test('exact case wins over a case-insensitive match; otherwise case is ignored', () => {
  const exact = bindExpression(col('Name'), SCOPE);
  assert.equal(exact.kind === 'column' && exact.index, indexOf('p', 'Name'));
  const insensitive = bindExpression(col('PRICE'), SCOPE);
  assert.equal(insensitive.kind === 'column' && insensitive.index, indexOf('b', 'price'));
  const qualified = bindExpression(col('B.Qty'), SCOPE);
  assert.equal(qualified.kind === 'column' && qualified.index, indexOf('b', 'qty'));
});

test('an unknown column names the position and suggests a near name', () => {
  const error = planError(() => bindExpression(col('pric', at(3, 10)), SCOPE));
  assert.equal(error.message, "Unknown column 'pric' at 3:10 (did you mean 'price'?)");
  assert.equal(error.detail, "Unknown column 'pric'");
  assert.deepEqual(error.position, { line: 3, column: 10 });
  assert.equal(error.hint, "did you mean 'price'?");
});

test('an unknown column far from every name gets no hint', () => {
  const error = planError(() => bindExpression(col('zzzzzz', at(1, 8)), SCOPE));
  assert.equal(error.message, "Unknown column 'zzzzzz' at 1:8");
});

test('an ambiguous column names the candidates', () => {
  const error = planError(() => bindExpression(col('id', at(2, 5)), SCOPE));
  assert.equal(error.message, "Column 'id' is ambiguous; it could be any of: b.id, p.id at 2:5");
});

test('an unknown qualifier is reported at the qualifier, with a suggestion', () => {
  const error = planError(() => bindExpression(col('bb.price', at(1, 8)), SCOPE));
  assert.equal(error.message, "Unknown table or alias 'bb' at 1:8 (did you mean 'b'?)");
});

test('an unknown column under a known qualifier is reported at the column name', () => {
  const error = planError(() => bindExpression(col('p.nam', at(1, 8)), SCOPE));
  assert.equal(error.message, "Unknown column 'nam' in 'p' at 1:10 (did you mean 'Name'?)");
});

test('edit distance counts a transposition as one edit', () => {
  assert.equal(editDistance('price', 'price'), 0);
  assert.equal(editDistance('prcie', 'price'), 1);
  assert.equal(editDistance('pric', 'price'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('suggestName picks the closest candidate within the allowed distance', () => {
  assert.equal(suggestName('bidtme', ['price', 'bidtime', 'item']), 'bidtime');
  assert.equal(suggestName('ITEMS', ['price', 'item']), 'item');
  assert.equal(suggestName('window_strat', ['window_start', 'window_end']), 'window_start');
  assert.equal(suggestName('xyz', ['price', 'item']), undefined);
  assert.equal(suggestName('ab', ['xy']), undefined);
});
