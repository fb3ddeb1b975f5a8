import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatType } from '../../src/common/types.js';
import { bindExpression } from '../../src/planner/binder/expressions.js';
import type { Expression } from '../../src/parser/ast.js';
import { bin, col, num } from './ast-builders.js';
import { SCOPE } from './scope-fixture.js';

const typeOf = (node: Expression): string => formatType(bindExpression(node, SCOPE).type);

// Found by the differential fuzzer (test/conformance/fuzz-bigint-modulo-int-type): Flink gives `%` the divisor's type.
test('an integer remainder has the type of its divisor, as in Flink: BIGINT % INT is INT', () => {
  assert.equal(typeOf(bin(col('big'), '%', num('3'))), 'INT');
  assert.equal(typeOf(bin(col('big'), '%', col('qty'))), 'INT');
  assert.equal(typeOf(bin(col('qty'), '%', col('big'))), 'BIGINT');
  assert.equal(typeOf(bin(col('big'), '%', col('big'))), 'BIGINT');
  assert.equal(typeOf(bin(col('qty'), '%', num('3'))), 'INT');
});
