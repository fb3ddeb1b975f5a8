/** The sqlite connector stores precise timestamps as text with every digit and reads them back exactly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timestamp, timestampLtz } from '../../src/common/types.js';
import { fromStored, toStored } from '../../src/connectors/sqlite/stored-values.js';

test('TIMESTAMP(9) and TIMESTAMP_LTZ(6) round-trip through their stored text', () => {
  const nanos = 1_577_872_805_123_456_789n;
  assert.equal(toStored(nanos, timestamp(9)), '2020-01-01 10:00:05.123456789');
  assert.equal(fromStored('2020-01-01 10:00:05.123456789', timestamp(9)), nanos);
  assert.equal(toStored(1_577_872_805_123_456_000n, timestampLtz(6)), '2020-01-01 10:00:05.123456Z');
  assert.equal(fromStored('2020-01-01 10:00:05.123456789Z', timestampLtz(6)), 1_577_872_805_123_456_000n); // cut to 6 digits
  assert.equal(fromStored(42, timestamp(9)), undefined);
});
