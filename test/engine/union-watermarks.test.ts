/**
 * UNION ALL keeps rows judged record by record: a row of one input carries, downstream, the combined watermark in
 * force when it arrived (the minimum with the other inputs, never below the task's), so lateness downstream does not
 * depend on batch boundaries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INT } from '../../src/common/types.js';
import type { GraphNode } from '../../src/dataflow/graph.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { makeBatch } from '../../src/runtime/batch.js';
import { dataMessage, type Message } from '../../src/runtime/messages.js';
import { JobMetrics } from '../../src/runtime/metrics.js';
import { UnionOperator } from '../../src/runtime/operators/union.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import { Task, type MessageReceiver } from '../../src/runtime/task.js';

const ROWS = schema([field('n', INT)]);

function unionTask(): { task: Task; forwarded: number[][] } {
  const node: GraphNode = {
    id: 3,
    spec: { kind: 'union' },
    inputs: [0, 1].map((i) => ({ from: 10 + i, partitioning: { kind: 'forward' } as const })),
    schema: ROWS,
    changelog: 'append',
  };
  const task = new Task(node, 'Union#3', new UnionOperator(), ROWS, createStateBackend({ kind: 'memory' }), new JobMetrics(), undefined, [ROWS, ROWS]);
  const forwarded: number[][] = [];
  const probe: MessageReceiver = {
    receive: async (_input, message: Message) => {
      if (message.kind === 'data') forwarded.push([...(message.watermarks ?? [])]);
    },
  };
  task.connect(probe, 0);
  return { task, forwarded };
}

function rowsWithWatermarks(watermarks: readonly number[]): Message {
  const batch = makeBatch(ROWS, [watermarks.map((_, i) => i)]);
  return { ...dataMessage(batch), watermarks: Float64Array.from(watermarks) };
}

test('rows of one input carry the minimum with the other input, never below the task watermark', async () => {
  const { task, forwarded } = unionTask();
  await task.open();
  await task.receive(1, { kind: 'watermark', timestamp: 100 });
  await task.receive(0, rowsWithWatermarks([5, 50, 150]));
  assert.deepEqual(forwarded, [[5, 50, 100]], 'input 1 at 100 caps the rows of input 0');
  await task.receive(0, { kind: 'watermark', timestamp: 150 });
  assert.equal(task.currentWatermark, 100);
  await task.receive(0, rowsWithWatermarks([150, 160]));
  assert.deepEqual(forwarded[1], [100, 100]);
  await task.receive(1, rowsWithWatermarks([20, 120]));
  assert.deepEqual(forwarded[2], [100, 120], 'a row never goes below the task watermark (100)');
});

test('an idle input does not cap the rows of the others', async () => {
  const { task, forwarded } = unionTask();
  await task.open();
  await task.receive(1, { kind: 'watermark', timestamp: 10 });
  await task.receive(1, { kind: 'idle' });
  await task.receive(0, rowsWithWatermarks([5, 50]));
  assert.deepEqual(forwarded, [[5, 50]]);
});
