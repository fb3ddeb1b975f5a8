/**
 * Interval literals checked as Flink 1.20 (Calcite) checks them: the text against the qualifier, the leading field
 * against its precision (2 unless written), day-time precisions at most 3; errors at the literal's position.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotImplementedError, PlanError, SqlSyntaxError } from '../../src/common/errors.js';
import { bindFailure, bindInScope } from './scope-fixture.js';

const bind = bindInScope;

function literal(sql: string): { value: unknown; type: string } {
  const expr = bind(sql);
  assert.equal(expr.kind, 'literal', sql);
  return { value: expr.kind === 'literal' ? expr.value : undefined, type: expr.type.kind };
}

const failure = bindFailure;

test('year-month literals are months; the sign may be before or inside the text', () => {
  const cases: [string, number][] = [
    ["INTERVAL '1' YEAR", 12], ["INTERVAL '2' YEARS", 24], ["INTERVAL '3' MONTH", 3], ["INTERVAL '99' MONTH", 99],
    ["INTERVAL '2-3' YEAR TO MONTH", 27], ["INTERVAL '0-11' YEAR TO MONTH", 11], ["INTERVAL '12-0' YEAR TO MONTH", 144],
    ["INTERVAL '+1-2' YEAR TO MONTH", 14], ["INTERVAL '-1' YEAR", -12], ["INTERVAL -'1-6' YEAR TO MONTH", -18],
    ["INTERVAL -'-5' MONTH", 5], ["INTERVAL '0' MONTH", 0], ["INTERVAL '100' YEAR(3)", 1200],
    ["INTERVAL '1-2' YEAR(3) TO MONTH", 14], ["INTERVAL '2147483647' MONTH(10)", 2147483647],
  ];
  for (const [sql, months] of cases) assert.deepEqual(literal(sql), { value: months, type: 'INTERVAL_YEAR_MONTH' }, sql);
});

test('day-time literals take a leading precision up to 3 and a fraction precision', () => {
  const cases: [string, number][] = [
    ["INTERVAL '100' DAY(3)", 8_640_000_000], ["INTERVAL '100 10' DAY(3) TO HOUR", 8_676_000_000],
    ["INTERVAL '1.5' SECOND(2, 3)", 1_500], ["INTERVAL '1 02:00:00.5' DAY(1) TO SECOND(3)", 93_600_500],
    ["INTERVAL '99:30' HOUR TO MINUTE", 358_200_000], ["INTERVAL '999' MINUTE(3)", 59_940_000],
  ];
  for (const [sql, millis] of cases) assert.deepEqual(literal(sql), { value: millis, type: 'INTERVAL' }, sql);
});

test('a leading field beyond its precision, a bad precision or bad text is a PlanError at the literal', () => {
  const cases: [string, string][] = [
    ["qty + INTERVAL '100' YEAR", 'Interval field value 100 exceeds precision of YEAR(2) field at 1:7'],
    ["qty + INTERVAL '100' MONTH", 'Interval field value 100 exceeds precision of MONTH(2) field at 1:7'],
    ["qty + INTERVAL '100' DAY", 'Interval field value 100 exceeds precision of DAY(2) field at 1:7'],
    ["qty + INTERVAL '120' MINUTE", 'Interval field value 120 exceeds precision of MINUTE(2) field at 1:7'],
    ["qty + INTERVAL '3600' SECOND", 'Interval field value 3600 exceeds precision of SECOND(2) field at 1:7'],
    ["qty + INTERVAL '100 10' DAY TO HOUR", 'Interval field value 100 exceeds precision of DAY(2) field at 1:7'],
    ["qty + INTERVAL '1' YEAR(0)", "Interval leading field precision '0' out of range for INTERVAL YEAR(0) at 1:7"],
    ["qty + INTERVAL '1' YEAR(11)", "Interval leading field precision '11' out of range for INTERVAL YEAR(11) at 1:7"],
    ["qty + INTERVAL '1000' SECOND(4)",
      'Interval leading field precision 4 is not supported for a day-time interval (INTERVAL SECOND(4)); Flink allows at most 3 at 1:7'],
    ["qty + INTERVAL '1' SECOND(2, 10)", "Interval fractional second precision '10' out of range for INTERVAL SECOND at 1:7"],
    ["qty + INTERVAL '1-13' YEAR TO MONTH", "Invalid interval literal '1-13' for YEAR TO MONTH at 1:7"],
    ["qty + INTERVAL '1' YEAR TO MONTH", "Invalid interval literal '1' for YEAR TO MONTH at 1:7"],
    ["qty + INTERVAL '1 2' YEAR TO MONTH", "Invalid interval literal '1 2' for YEAR TO MONTH at 1:7"],
    ["qty + INTERVAL '1.5' YEAR", "Invalid interval literal '1.5' for YEAR at 1:7"],
    ["qty + INTERVAL '9999999999' YEAR(10)",
      "Interval literal '9999999999' for YEAR is out of range (more than 2147483647 months) at 1:7"],
  ];
  for (const [sql, message] of cases) {
    const error = failure(sql);
    assert.ok(error instanceof PlanError, `${sql}: ${String(error)}`);
    assert.equal(error.message, message);
  }
});

test('a fraction precision anywhere but on SECOND is a syntax error at the parenthesis', () => {
  for (const [sql, at] of [["INTERVAL '1' HOUR(2, 3)", '1:18'], ["INTERVAL '1' DAY TO HOUR(2)", '1:25'], ["INTERVAL '1' YEAR TO MONTH(2)", '1:27']]) {
    const error = failure(sql!);
    assert.ok(error instanceof SqlSyntaxError, `${sql}: ${String(error)}`);
    assert.equal(error.message, `Unexpected interval precision; only SECOND takes fraction digits: SECOND(p, f), or TO SECOND(f) at ${at}`);
  }
  assert.match(failure("INTERVAL '1' DAY TO YEAR").message, /^Unexpected 'YEAR'; expected HOUR, MINUTE or SECOND after DAY TO at 1:21$/);
});

test('interval types are parsed and reported as not supported yet as CAST types', () => {
  for (const type of ['INTERVAL MONTH', 'INTERVAL YEAR TO MONTH', 'INTERVAL DAY(2) TO SECOND(3)', 'INTERVAL SECOND(3)']) {
    const error = failure(`CAST(qty AS ${type})`);
    assert.ok(error instanceof NotImplementedError, `${type}: ${String(error)}`);
    assert.match(error.message, /^Interval types .* are not supported yet as column or CAST types; .* at 1:13$/);
  }
});
