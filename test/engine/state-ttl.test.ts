/**
 * Idle state retention for unbounded GROUP BY (`'table.exec.state.ttl'`): keys idle for the TTL (processing time)
 * are dropped, so a stream of ever-new keys keeps a flat state; a key seen again after expiry starts over with +I,
 * as in Flink. Driven with a fake clock; both state backends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { BIGINT, STRING } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import { ROW_KIND_NAMES } from '../../src/common/values.js';
import type { GroupAggregateSpec } from '../../src/dataflow/graph.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { batchRows, makeBatch } from '../../src/runtime/batch.js';
import { dataMessage } from '../../src/runtime/messages.js';
import { JobMetrics, OperatorMetrics } from '../../src/runtime/metrics.js';
import type { OperatorContext } from '../../src/runtime/operator.js';
import { GroupAggregateOperator } from '../../src/runtime/operators/group-aggregate.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import type { StateBackend } from '../../src/runtime/state/backend.js';
import { Engine } from '../../src/index.js';

const INPUT = schema([field('k', STRING)]);
const OUTPUT = schema([field('k', STRING), field('n', BIGINT, false)]);
const SPEC: GroupAggregateSpec = {
  kind: 'group-aggregate',
  keys: [0],
  aggregates: [{ fn: 'COUNT', argIndex: null, argType: null, distinct: false, type: BIGINT, display: 'COUNT(*)' }],
  inputUpdates: false,
  stateTtl: 1000,
};

function harness(state: StateBackend) {
  let now = 0;
  const output: string[] = [];
  const context: OperatorContext = {
    operatorId: 4,
    outputSchema: OUTPUT,
    inputSchema: INPUT,
    inputSchemas: [INPUT],
    state,
    jobMetrics: new JobMetrics(),
    metrics: new OperatorMetrics(4, 'GroupAggregate#4'),
    currentWatermark: Number.NEGATIVE_INFINITY,
    emit: async (batch: RecordBatch, options) => {
      batchRows(batch, OUTPUT).forEach((row: Value[], i) => output.push(`${ROW_KIND_NAMES[options!.rowKinds![i]!]}${row.join(',')}`));
    },
    emitWatermark: async () => {},
    reportDropped: () => {},
  };
  const operator = new GroupAggregateOperator(SPEC, () => now);
  operator.open(context);
  const groups = state.mapState<unknown>('4/groups');
  return {
    output,
    groups,
    at: (millis: number) => void (now = millis),
    send: (keys: readonly string[]) => operator.processBatch(dataMessage(makeBatch(INPUT, [keys])), context),
  };
}

for (const kind of ['memory', 'sqlite'] as const) {
  test(`${kind}: a key idle for the TTL is dropped; seen again, it starts over with +I`, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-ttl-'));
    const state = createStateBackend(kind === 'sqlite' ? { kind, directory } : { kind });
    try {
      const h = harness(state);
      h.at(0);
      await h.send(['a', 'b']);
      h.at(600);
      await h.send(['a']);
      assert.deepEqual(h.output, ['+Ia,1', '+Ib,1', '-Ua,1', '+Ua,2']);
      h.at(1500);
      await h.send([]);
      assert.equal(h.groups.size(), 1, "b (last seen at 0) expired at 1000; a (last seen at 600) is kept");
      h.at(1550);
      await h.send(['b', 'a']);
      assert.deepEqual(h.output.slice(4), ['+Ib,1', '-Ua,2', '+Ua,3'], 'b starts over, a continues');
    } finally {
      state.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test(`${kind}: a stream of ever-new keys keeps a flat state under a TTL`, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-ttl-'));
    const state = createStateBackend(kind === 'sqlite' ? { kind, directory } : { kind });
    try {
      const h = harness(state);
      const sizes: number[] = [];
      // 100 new keys every 100 ms of (fake) processing time, 20,000 keys in all; TTL 1 s.
      for (let step = 0; step < 200; step++) {
        h.at(step * 100);
        await h.send(Array.from({ length: 100 }, (_, i) => `key-${step}-${i}`));
        state.flush();
        sizes.push(h.groups.size());
      }
      const largest = Math.max(...sizes.slice(20));
      assert.ok(largest <= 1200, `state stays within TTL + one bucket of keys (largest ${largest})`);
      assert.ok(Math.min(...sizes.slice(20)) >= 1000, 'keys younger than the TTL are kept');
      assert.equal(state.mapState<unknown>('4/expiry').size(), h.groups.size(), 'the expiry index tracks exactly the live keys');
    } finally {
      state.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
}

test("SET 'table.exec.state.ttl' shows in EXPLAIN and is validated", async () => {
  const engine = new Engine({ printLine: () => {} });
  engine.registerTable('clicks', { columns: [{ name: 'user_id', type: 'STRING' }], rows: [{ user_id: 'u1' }] });
  await engine.execute("SET 'table.exec.state.ttl' = '1 h'");
  const explained = await engine.execute('EXPLAIN SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id');
  assert.match(JSON.stringify(explained), /stateTtl=\[1 h\]/);
  await assert.rejects(() => engine.execute("SET 'table.exec.state.ttl' = 'forever'"), /duration/);
});
