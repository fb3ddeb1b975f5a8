import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, BOOLEAN, DOUBLE, INT, INTERVAL, NULL_TYPE, STRING, decimal, timestamp } from '../../src/common/types.js';
import { PlanError } from '../../src/common/errors.js';
import { aggregateResultType } from '../../src/runtime/aggregates/index.js';

describe('aggregateResultType', () => {
  it('gives COUNT a BIGINT, with or without an argument', () => {
    assert.deepEqual(aggregateResultType('COUNT', null), BIGINT);
    assert.deepEqual(aggregateResultType('COUNT', STRING), BIGINT);
  });

  it('keeps the argument type for SUM of INT, BIGINT, DOUBLE and widens DECIMAL to precision 38', () => {
    assert.deepEqual(aggregateResultType('SUM', INT), INT);
    assert.deepEqual(aggregateResultType('SUM', BIGINT), BIGINT);
    assert.deepEqual(aggregateResultType('SUM', DOUBLE), DOUBLE);
    assert.deepEqual(aggregateResultType('SUM', decimal(10, 2)), decimal(38, 2));
  });

  it('keeps the argument type for AVG of INT, BIGINT, DOUBLE and gives DECIMAL a scale of at least 6', () => {
    assert.deepEqual(aggregateResultType('AVG', INT), INT);
    assert.deepEqual(aggregateResultType('AVG', BIGINT), BIGINT);
    assert.deepEqual(aggregateResultType('AVG', DOUBLE), DOUBLE);
    assert.deepEqual(aggregateResultType('AVG', decimal(10, 2)), decimal(38, 6));
    assert.deepEqual(aggregateResultType('AVG', decimal(20, 8)), decimal(38, 8));
  });

  it('gives MIN and MAX the argument type, dropping the rowtime mark', () => {
    for (const type of [INT, BIGINT, DOUBLE, decimal(5, 1), STRING, BOOLEAN, timestamp(3)]) {
      assert.deepEqual(aggregateResultType('MIN', type), type);
      assert.deepEqual(aggregateResultType('MAX', type), type);
    }
    // Flink 1.20's planner has no MIN/MAX of intervals (checked with the oracle).
    assert.throws(() => aggregateResultType('MIN', INTERVAL), /MIN does not take an interval/);
    assert.deepEqual(aggregateResultType('MAX', timestamp(3, true)), timestamp(3));
  });

  it('rejects SUM and AVG of non-numeric types with a PlanError carrying the position', () => {
    const position = { line: 2, column: 8 };
    for (const fn of ['SUM', 'AVG'] as const) {
      for (const type of [STRING, BOOLEAN, timestamp(3)]) {
        assert.throws(() => aggregateResultType(fn, type, position), (error: unknown) => {
          assert.ok(error instanceof PlanError);
          assert.deepEqual(error.position, position);
          assert.match(error.message, new RegExp(`${fn} needs a numeric argument.* at 2:8`));
          return true;
        });
      }
    }
  });

  it('rejects missing and untyped NULL arguments', () => {
    assert.throws(() => aggregateResultType('SUM', null), PlanError);
    assert.throws(() => aggregateResultType('MIN', NULL_TYPE), PlanError);
  });
});
