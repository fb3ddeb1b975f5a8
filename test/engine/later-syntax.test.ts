/** SQL that parses but that Sluice does not run yet fails with NotImplementedError at the construct. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotImplementedError } from '../../src/common/errors.js';
import { DOCUMENTED_BIDS, engineWithBids } from './helpers.js';

function notImplemented(error: unknown, message: RegExp): boolean {
  assert.ok(error instanceof NotImplementedError, `expected NotImplementedError, got ${String(error)}`);
  assert.match(error.message, message);
  return true;
}

test('OVER windows outside the SELECT list are rejected at their position (FILTER: see test/aggregates/filter-clause.test.ts; OVER aggregations: test/engine/over-aggregate.test.ts)', () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const cases: [string, RegExp][] = [
    ['SELECT item FROM Bid WHERE SUM(price) OVER (PARTITION BY item ORDER BY bidtime) > 1', /^An OVER window is not supported yet at 1:28$/],
  ];
  for (const [sql, message] of cases) {
    assert.throws(() => engine.explain(sql), (error) => notImplemented(error, message), sql);
  }
});

test('the same constructs in INSERT and CREATE VIEW are rejected too', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  await assert.rejects(
    engine.execute('CREATE VIEW v AS SELECT item FROM Bid WHERE SUM(price) OVER (PARTITION BY item ORDER BY bidtime) > 1'),
    (error) => notImplemented(error, /^An OVER window is not supported yet at 1:45$/),
  );
  await engine.execute("CREATE TABLE out_t (item STRING) WITH ('connector' = 'blackhole')");
  assert.throws(
    () => engine.explain('INSERT INTO out_t SELECT item FROM Bid WHERE SUM(price) OVER (PARTITION BY item ORDER BY bidtime) > 1'),
    (error) => notImplemented(error, /^An OVER window is not supported yet at 1:46$/),
  );
});

test('PARTITIONED BY is rejected by connectors other than filesystem (filesystem: test/connectors/filesystem-partitions.test.ts)', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const cases: [string, RegExp][] = [
    ["CREATE TABLE c3 (a INT, b INT) PARTITIONED BY (a) WITH ('connector' = 'blackhole')", /^PARTITIONED BY is supported by the filesystem connector only, not 'blackhole' at 1:48$/],
  ];
  for (const [sql, message] of cases) {
    await assert.rejects(engine.execute(sql), (error) => notImplemented(error, message), sql);
  }
  assert.deepEqual(engine.tableNames().filter((name) => name.startsWith('c')), []);
});
