/**
 * A watermark assigner restored from its snapshot continues exactly: restored at watermark W, it attaches no row
 * watermark below W and never emits a lower watermark, so rows for windows that fired before the checkpoint stay late.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TIMESTAMP3, BIGINT } from '../../src/common/types.js';
import type { GraphNode } from '../../src/dataflow/graph.js';
import { columnExpr } from '../../src/dataflow/expr.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { makeBatch } from '../../src/runtime/batch.js';
import { dataMessage, type Message } from '../../src/runtime/messages.js';
import { JobMetrics } from '../../src/runtime/metrics.js';
import { WatermarkAssignerOperator } from '../../src/runtime/operators/watermark-assigner.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import { Task, type TaskSnapshot } from '../../src/runtime/task.js';

const ROWS = schema([field('ts', TIMESTAMP3), field('n', BIGINT)]);

function assignerTask(): { task: Task; out: Message[]; snapshots: TaskSnapshot[] } {
  const node: GraphNode = {
    id: 1,
    spec: { kind: 'watermark-assigner', table: 't', rowtimeIndex: 0, watermark: columnExpr(0, TIMESTAMP3), display: 'ts' },
    inputs: [{ from: 0, partitioning: { kind: 'forward' } }],
    schema: ROWS,
    changelog: 'append',
  };
  const task = new Task(node, 'WatermarkAssigner#1', new WatermarkAssignerOperator(node.spec as never), ROWS, createStateBackend({ kind: 'memory' }), new JobMetrics());
  const out: Message[] = [];
  task.connect({ receive: async (_i, message) => void out.push(message) }, 0);
  const snapshots: TaskSnapshot[] = [];
  task.onCheckpoint((_id, _task, snapshot) => snapshots.push(snapshot));
  return { task, out, snapshots };
}

const rows = (...times: number[]): Message => dataMessage(makeBatch(ROWS, [times, times.map((t) => BigInt(t))]));

test('a restored watermark assigner judges new rows against the checkpoint watermark, never a lower one', async () => {
  const before = assignerTask();
  await before.task.open();
  await before.task.receive(0, rows(1000, 5000, 3000));
  await before.task.receive(0, { kind: 'barrier', checkpointId: 1 });
  const snapshot = before.snapshots[0]!;
  assert.deepEqual(snapshot.operatorState, { watermark: 5000, maxEventTime: 5000, records: 3 });

  const after = assignerTask();
  await after.task.open();
  await after.task.restore(snapshot);
  await after.task.receive(0, rows(2000, 4000, 7000));
  const data = after.out.find((m) => m.kind === 'data');
  assert.ok(data && data.kind === 'data');
  assert.deepEqual([...data.watermarks!], [5000, 5000, 5000], 'rows arrive under the restored watermark');
  const emitted = after.out.filter((m) => m.kind === 'watermark').map((m) => (m.kind === 'watermark' ? m.timestamp : 0));
  assert.deepEqual(emitted, [7000], 'no watermark below the restored one');
});
