import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../../src/common/errors.js';
import { bindExpression, parseIntervalLiteral } from '../../src/planner/binder/expressions.js';
import type { IntervalUnit } from '../../src/parser/ast.js';
import { at, bool, interval, nullLit, num, str, unary } from './ast-builders.js';
import { SCOPE } from './scope-fixture.js';

const bindNum = (text: string) => bindExpression(num(text), SCOPE);

test('integer literals are INT, then BIGINT, then DECIMAL(p, 0)', () => {
  assert.deepEqual(bindNum('12'), { kind: 'literal', value: 12, type: { kind: 'INT' } });
  assert.deepEqual(bindNum('2147483647'), { kind: 'literal', value: 2147483647, type: { kind: 'INT' } });
  assert.deepEqual(bindNum('2147483648'), { kind: 'literal', value: 2147483648n, type: { kind: 'BIGINT' } });
  assert.deepEqual(bindNum('9223372036854775807'), { kind: 'literal', value: 9223372036854775807n, type: { kind: 'BIGINT' } });
  assert.deepEqual(bindNum('9223372036854775808'), {
    kind: 'literal', value: 9223372036854775808n, type: { kind: 'DECIMAL', precision: 19, scale: 0 },
  });
});

test('a minus sign folds into the literal, so -2147483648 is still an INT', () => {
  assert.deepEqual(bindExpression(unary('-', num('2147483648')), SCOPE), { kind: 'literal', value: -2147483648, type: { kind: 'INT' } });
  assert.deepEqual(bindExpression(unary('-', num('1.50')), SCOPE), {
    kind: 'literal', value: -150n, type: { kind: 'DECIMAL', precision: 3, scale: 2 },
  });
});

test('literals with a point are exact DECIMALs', () => {
  assert.deepEqual(bindNum('4.00'), { kind: 'literal', value: 400n, type: { kind: 'DECIMAL', precision: 3, scale: 2 } });
  assert.deepEqual(bindNum('.5'), { kind: 'literal', value: 5n, type: { kind: 'DECIMAL', precision: 1, scale: 1 } });
  assert.deepEqual(bindNum('0.05'), { kind: 'literal', value: 5n, type: { kind: 'DECIMAL', precision: 2, scale: 2 } });
  assert.deepEqual(bindNum('123.4'), { kind: 'literal', value: 1234n, type: { kind: 'DECIMAL', precision: 4, scale: 1 } });
});

test('literals with an exponent are DOUBLE', () => {
  assert.deepEqual(bindNum('1e3'), { kind: 'literal', value: 1000, type: { kind: 'DOUBLE' } });
  assert.deepEqual(bindNum('2.5E-1'), { kind: 'literal', value: 0.25, type: { kind: 'DOUBLE' } });
});

test('a numeric literal beyond 38 digits is a PlanError at its position', () => {
  assert.throws(() => bindExpression(num('1'.repeat(39), at(4, 2)), SCOPE), {
    name: 'PlanError', message: `Numeric literal '${'1'.repeat(39)}' is out of range at 4:2`,
  });
});

test('string, boolean and NULL literals', () => {
  assert.deepEqual(bindExpression(str("it's"), SCOPE), { kind: 'literal', value: "it's", type: { kind: 'STRING' } });
  assert.deepEqual(bindExpression(bool(true), SCOPE), { kind: 'literal', value: true, type: { kind: 'BOOLEAN' } });
  assert.deepEqual(bindExpression(bool(false), SCOPE), { kind: 'literal', value: false, type: { kind: 'BOOLEAN' } });
  assert.deepEqual(bindExpression(nullLit(), SCOPE), { kind: 'literal', value: null, type: { kind: 'NULL' } });
});

test('interval literals are milliseconds', () => {
  const cases: [string, IntervalUnit, IntervalUnit | undefined, number][] = [
    ['10', 'SECOND', undefined, 10_000],
    ['1.5', 'SECOND', undefined, 1_500],
    ['0.001', 'SECOND', undefined, 1],
    ['10', 'MINUTE', undefined, 600_000],
    ['2', 'HOUR', undefined, 7_200_000],
    ['1', 'DAY', undefined, 86_400_000],
    ['99', 'DAY', undefined, 8_553_600_000],
    ['1:30', 'MINUTE', 'SECOND', 90_000],
    ['1:30.25', 'MINUTE', 'SECOND', 90_250],
    ['2:30', 'HOUR', 'MINUTE', 9_000_000],
    ['1:00:05', 'HOUR', 'SECOND', 3_605_000],
    ['1 02', 'DAY', 'HOUR', 93_600_000],
    ['1 02:30', 'DAY', 'MINUTE', 95_400_000],
    ['1 02:00:00', 'DAY', 'SECOND', 93_600_000],
    [' -5 ', 'SECOND', undefined, -5_000],
  ];
  for (const [text, unit, toUnit, millis] of cases) {
    assert.equal(parseIntervalLiteral(interval(text, unit, toUnit)), millis, `'${text}' ${unit}${toUnit ? ` TO ${toUnit}` : ''}`);
  }
});

test('the interval sign applies and the bound literal has type INTERVAL', () => {
  assert.equal(parseIntervalLiteral(interval('10', 'MINUTE', undefined, -1)), -600_000);
  assert.equal(parseIntervalLiteral(interval('-10', 'MINUTE', undefined, -1)), 600_000);
  assert.deepEqual(bindExpression(interval('1', 'SECOND'), SCOPE), { kind: 'literal', value: 1000, type: { kind: 'INTERVAL' } });
});

test('malformed interval text is a PlanError at the literal', () => {
  const bad: [string, IntervalUnit, IntervalUnit | undefined][] = [
    ['abc', 'SECOND', undefined],
    ['1:30', 'MINUTE', undefined],
    ['1:60', 'MINUTE', 'SECOND'],
    ['1 24', 'DAY', 'HOUR'],
    ['1.5', 'MINUTE', undefined],
    ['', 'DAY', undefined],
  ];
  for (const [text, unit, toUnit] of bad) {
    assert.throws(() => parseIntervalLiteral(interval(text, unit, toUnit, 1, at(2, 7))), (error: unknown) => {
      assert.ok(error instanceof PlanError);
      assert.deepEqual(error.position, { line: 2, column: 7 });
      assert.match(error.message, /^Invalid interval literal '.*' for (MINUTE|SECOND|DAY)/);
      return true;
    }, `'${text}' ${unit}`);
  }
  assert.throws(() => parseIntervalLiteral(interval('1', 'SECOND', 'MINUTE', 1, at(1, 3))), {
    message: 'Invalid interval qualifier SECOND TO MINUTE at 1:3',
  });
});
