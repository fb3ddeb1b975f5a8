/**
 * Aligned barriers in a task with two inputs: after input 0's barrier, input 0 is held back (its messages wait)
 * until input 1's barrier arrives; then the task reports its snapshot, forwards the barrier once, and replays what
 * waited. An ended input counts as aligned. Watermarks are part of the snapshot and come back with `restore`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INT } from '../../src/common/types.js';
import type { GraphNode } from '../../src/dataflow/graph.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { makeBatch, readColumns } from '../../src/runtime/batch.js';
import { dataMessage, type Message } from '../../src/runtime/messages.js';
import { JobMetrics } from '../../src/runtime/metrics.js';
import { UnionOperator } from '../../src/runtime/operators/union.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import { Task, type TaskSnapshot } from '../../src/runtime/task.js';

const ROWS = schema([field('n', INT)]);

function unionTask(): { task: Task; seen: string[]; snapshots: { id: number; snapshot: TaskSnapshot }[] } {
  const node: GraphNode = {
    id: 3,
    spec: { kind: 'union' },
    inputs: [0, 1].map((i) => ({ from: 10 + i, partitioning: { kind: 'forward' } as const })),
    schema: ROWS,
    changelog: 'append',
  };
  const task = new Task(node, 'Union#3', new UnionOperator(), ROWS, createStateBackend({ kind: 'memory' }), new JobMetrics(), undefined, [ROWS, ROWS]);
  const seen: string[] = [];
  task.connect(
    {
      receive: async (_input, message: Message) => {
        if (message.kind === 'data') seen.push(`rows ${readColumns(message.batch, ROWS)[0]!.join(',')}`);
        else if (message.kind === 'barrier') seen.push(`barrier ${message.checkpointId}`);
        else if (message.kind === 'watermark') seen.push(`watermark ${message.timestamp}`);
        else seen.push(message.kind);
      },
    },
    0,
  );
  const snapshots: { id: number; snapshot: TaskSnapshot }[] = [];
  task.onCheckpoint((id, _task, snapshot) => snapshots.push({ id, snapshot }));
  return { task, seen, snapshots };
}

const rows = (...values: number[]): Message => dataMessage(makeBatch(ROWS, [values]));

test('an input past its barrier waits until the other input delivers the same barrier', async () => {
  const { task, seen, snapshots } = unionTask();
  await task.open();
  await task.receive(0, rows(1));
  await task.receive(0, { kind: 'barrier', checkpointId: 7 });
  await task.receive(0, rows(2));
  await task.receive(0, { kind: 'watermark', timestamp: 50 });
  await task.receive(1, rows(10));
  assert.deepEqual(seen, ['rows 1', 'rows 10'], 'input 0 is held back after its barrier; input 1 flows');
  assert.equal(snapshots.length, 0);
  await task.receive(1, { kind: 'barrier', checkpointId: 7 });
  assert.deepEqual(seen, ['rows 1', 'rows 10', 'barrier 7', 'rows 2'], 'snapshot, one barrier, then what waited');
  assert.deepEqual(snapshots.map((s) => s.id), [7]);
  await task.receive(1, { kind: 'watermark', timestamp: 40 });
  assert.equal(task.currentWatermark, 40, "input 0's held-back watermark (50) was replayed");
});

test('an ended input counts as aligned', async () => {
  const { task, seen, snapshots } = unionTask();
  await task.open();
  await task.receive(1, { kind: 'barrier', checkpointId: 1 });
  await task.receive(1, rows(5));
  assert.deepEqual(seen, []);
  await task.receive(0, { kind: 'end-of-input' });
  assert.deepEqual(seen, ['barrier 1', 'rows 5']);
  assert.equal(snapshots.length, 1);
  await task.receive(1, { kind: 'barrier', checkpointId: 2 });
  assert.deepEqual(seen.slice(2), ['barrier 2'], 'with one input ended, the other alone aligns');
});

test('a task whose inputs all ended joins a checkpoint without a barrier', async () => {
  const { task, snapshots } = unionTask();
  await task.open();
  await task.receive(0, { kind: 'end-of-input' });
  await task.joinCheckpointWithoutBarrier(4);
  assert.equal(snapshots.length, 0, 'one input is still live: its barrier will come');
  await task.receive(1, { kind: 'end-of-input' });
  await task.joinCheckpointWithoutBarrier(4);
  assert.deepEqual(snapshots.map((s) => s.id), [4]);
});

test('the snapshot carries the watermarks and restore brings them back', async () => {
  const { task, snapshots } = unionTask();
  await task.open();
  await task.receive(0, { kind: 'watermark', timestamp: 100 });
  await task.receive(1, { kind: 'watermark', timestamp: 70 });
  await task.receive(0, { kind: 'barrier', checkpointId: 1 });
  await task.receive(1, { kind: 'barrier', checkpointId: 1 });
  const snapshot = snapshots[0]!.snapshot;
  assert.deepEqual(snapshot.watermarks, { watermark: 70, inputWatermarks: [100, 70], inputIdle: [false, false], idle: false });

  const restored = unionTask();
  await restored.task.open();
  await restored.task.restore(snapshot);
  assert.equal(restored.task.currentWatermark, 70);
  await restored.task.receive(1, { kind: 'watermark', timestamp: 90 });
  assert.equal(restored.task.currentWatermark, 90, 'input 0 was restored at 100, so input 1 alone moves it');
  assert.deepEqual(restored.seen, ['watermark 90']);
});
