import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExecutionError } from '../../src/common/errors.js';
import type { DataType } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import { T, castTo, column, run } from './expr-builders.js';

function cast(from: DataType, to: DataType, values: readonly Value[]): Value[] {
  return run(castTo(column(0, from), to), values);
}

test('numbers to INT / BIGINT truncate toward zero; DOUBLE saturates, BIGINT wraps', () => {
  assert.deepEqual(cast(T.DOUBLE, T.INT, [2.9, -2.9, 1e12, -1e12, NaN]), [2, -2, 2147483647, -2147483648, 0]);
  assert.deepEqual(cast(T.dec(5, 2), T.INT, [299n, -299n]), [2, -2]);
  assert.deepEqual(cast(T.BIGINT, T.INT, [2n ** 32n + 5n]), [5]);
  assert.deepEqual(cast(T.DOUBLE, T.BIGINT, [-7.5, 1e30]), [-7n, 2n ** 63n - 1n]);
  assert.deepEqual(cast(T.dec(30, 3), T.BIGINT, [1234567890123456789012n, -1999n]), [1234567890123456789n, -1n]);
  assert.deepEqual(cast(T.dec(30, 0), T.BIGINT, [2n ** 64n + 9n]), [9n]);
  assert.deepEqual(cast(T.INT, T.BIGINT, [-3, null]), [-3n, null]);
});

test('numbers to DECIMAL round HALF_UP and give NULL beyond the precision', () => {
  assert.deepEqual(cast(T.DOUBLE, T.dec(5, 2), [1.005, 2.675, -0.125, 0.1, NaN]), [101n, 268n, -13n, 10n, null]);
  assert.deepEqual(cast(T.DOUBLE, T.dec(3, 1), [12.3, 123.4]), [123n, null]);
  assert.deepEqual(cast(T.INT, T.dec(10, 2), [7]), [700n]);
  assert.deepEqual(cast(T.dec(5, 3), T.dec(4, 1), [12345n, 12355n, -12355n]), [123n, 124n, -124n]);
  assert.deepEqual(cast(T.dec(6, 2), T.dec(3, 2), [12345n]), [null]);
});

test('numbers to DOUBLE', () => {
  assert.deepEqual(cast(T.dec(5, 2), T.DOUBLE, [1234n]), [12.34]);
  assert.deepEqual(cast(T.BIGINT, T.DOUBLE, [2n ** 53n]), [2 ** 53]);
  assert.deepEqual(cast(T.INT, T.DOUBLE, [3]), [3]);
});

test('values to STRING', () => {
  assert.deepEqual(cast(T.dec(4, 2), T.STRING, [1100n, -5n]), ['11.00', '-0.05']);
  assert.deepEqual(cast(T.BOOLEAN, T.STRING, [true, false, null]), ['TRUE', 'FALSE', null]);
  assert.deepEqual(cast(T.INT, T.STRING, [-42]), ['-42']);
  assert.deepEqual(cast(T.BIGINT, T.STRING, [2n ** 60n]), ['1152921504606846976']);
  assert.deepEqual(cast(T.DOUBLE, T.STRING, [1.5]), ['1.5']);
  const ts = Date.UTC(2020, 3, 15, 8, 5, 1, 50);
  assert.deepEqual(cast(T.TS3, T.STRING, [ts]), ['2020-04-15 08:05:01.050']);
  assert.deepEqual(cast({ kind: 'TIMESTAMP', precision: 0 }, T.STRING, [ts]), ['2020-04-15 08:05:01']);
  assert.deepEqual(cast(T.INTERVAL, T.STRING, [93_784_005, -1000]), ['+1 02:03:04.005', '-0 00:00:01.000']);
  assert.deepEqual(cast(T.STRING, { kind: 'STRING', length: 3 }, ['abcdef', 'ab']), ['abc', 'ab']);
});

test('STRING to numbers, BOOLEAN and TIMESTAMP parses trimmed text', () => {
  assert.deepEqual(cast(T.STRING, T.INT, [' 42 ', '-7', '+3', '1.9']), [42, -7, 3, 1]);
  assert.deepEqual(cast(T.STRING, T.BIGINT, ['9007199254740993']), [9007199254740993n]);
  assert.deepEqual(cast(T.STRING, T.DOUBLE, ['1.5', ' -2e3 ', '.5', 'NaN']).map(String), ['1.5', '-2000', '0.5', 'NaN']);
  assert.deepEqual(cast(T.STRING, T.dec(5, 2), ['12.345', '-0.005', '1e2', '99999']), [1235n, -1n, 10000n, null]);
  assert.deepEqual(cast(T.STRING, T.BOOLEAN, ['true', 'FALSE', ' yes ', '0', 't']), [true, false, true, false, true]);
  assert.deepEqual(cast(T.STRING, T.TS3, ['2020-04-15 08:05:00.5', '2020-04-15T08:05']), [
    Date.UTC(2020, 3, 15, 8, 5, 0, 500), Date.UTC(2020, 3, 15, 8, 5),
  ]);
  assert.deepEqual(cast(T.STRING, { kind: 'TIMESTAMP', precision: 0 }, ['2020-04-15 08:05:00.999']), [Date.UTC(2020, 3, 15, 8, 5)]);
});

test('malformed STRING casts fail with ExecutionError naming the value and type', () => {
  const failures: [DataType, string, string][] = [
    [T.INT, 'abc', "Cannot cast 'abc' to INT"],
    [T.INT, '', "Cannot cast '' to INT"],
    [T.INT, '3000000000', "Cannot cast '3000000000' to INT"],
    [T.BIGINT, '1x', "Cannot cast '1x' to BIGINT"],
    [T.DOUBLE, '0x10', "Cannot cast '0x10' to DOUBLE"],
    [T.dec(5, 2), 'twelve', "Cannot cast 'twelve' to DECIMAL(5, 2)"],
    [T.BOOLEAN, 'maybe', "Cannot cast 'maybe' to BOOLEAN"],
    [T.TS3, '2020-13-01 00:00:00', "Cannot cast '2020-13-01 00:00:00' to TIMESTAMP(3)"],
  ];
  for (const [to, text, message] of failures) {
    assert.throws(() => cast(T.STRING, to, [text]), (error: unknown) => {
      assert.ok(error instanceof ExecutionError);
      assert.equal(error.message, message);
      return true;
    });
  }
});

test('TIMESTAMP to a lower precision truncates, also before 1970', () => {
  const ts0: DataType = { kind: 'TIMESTAMP', precision: 0 };
  assert.deepEqual(cast(T.TS3, ts0, [1_500, -500]), [1_000, -1_000]);
});
