/**
 * A task's watermark status valve: idle inputs are left out of the minimum, a task whose inputs are all idle is
 * idle itself, watermarks are forwarded only when they advance, a re-activated input that lags does not hold the
 * others back, and end of input makes an idle task active before its final watermark.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GraphNode } from '../../src/dataflow/graph.js';
import { schema } from '../../src/dataflow/schema.js';
import type { Message } from '../../src/runtime/messages.js';
import { JobMetrics } from '../../src/runtime/metrics.js';
import type { Operator } from '../../src/runtime/operator.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import { Task, type MessageReceiver } from '../../src/runtime/task.js';

/** A task over a pass-through operator with `inputs` inputs, and the messages it forwards, as short strings. */
function taskWithInputs(inputs: number): { task: Task; seen: string[]; fired: number[] } {
  const empty = schema([]);
  const node: GraphNode = {
    id: 1,
    spec: { kind: 'calc', filter: null, projections: [] },
    inputs: Array.from({ length: inputs }, (_, i) => ({ from: 10 + i, partitioning: { kind: 'forward' } as const })),
    schema: empty,
    changelog: 'append',
  };
  const fired: number[] = [];
  const operator: Operator = { processBatch: () => undefined, processWatermark: (watermark) => void fired.push(watermark) };
  const task = new Task(node, 'Probe#1', operator, empty, createStateBackend({ kind: 'memory' }), new JobMetrics());
  const seen: string[] = [];
  const probe: MessageReceiver = {
    receive: async (_input, message: Message) => {
      seen.push(message.kind === 'watermark' ? `wm ${message.timestamp}` : message.kind);
    },
  };
  task.connect(probe, 0);
  return { task, seen, fired };
}

const wm = (timestamp: number): Message => ({ kind: 'watermark', timestamp });

test('an idle input is left out of the minimum; all inputs idle make the task idle', async () => {
  const { task, seen, fired } = taskWithInputs(2);
  await task.open();
  await task.receive(0, wm(5));
  await task.receive(1, wm(3));
  await task.receive(0, wm(9));
  assert.deepEqual(seen, ['wm 3'], 'the minimum over both inputs');
  await task.receive(1, { kind: 'idle' });
  assert.deepEqual(seen, ['wm 3', 'wm 9'], 'input 1 idle: input 0 alone decides');
  assert.equal(task.isIdle, false);
  await task.receive(0, { kind: 'idle' });
  assert.deepEqual(seen, ['wm 3', 'wm 9', 'idle'], 'no watermark repeated; the task is idle now');
  assert.equal(task.isIdle, true);
  await task.receive(1, { kind: 'active' });
  assert.deepEqual(seen, ['wm 3', 'wm 9', 'idle', 'active'], 'input 1 lags at 3: it cannot move the watermark back');
  await task.receive(1, wm(7));
  await task.receive(0, { kind: 'active' });
  await task.receive(0, wm(12));
  assert.deepEqual(seen.slice(4), ['wm 12'], 'input 1 (7) is behind the task (9), so it does not hold input 0 back');
  await task.receive(1, wm(11));
  await task.receive(1, wm(13));
  assert.deepEqual(seen.slice(4), ['wm 12'], 'input 1 caught up (13): from now on it counts again');
  await task.receive(0, wm(20));
  assert.deepEqual(seen.slice(4), ['wm 12', 'wm 13']);
  assert.deepEqual(fired, [3, 9, 12, 13], 'the operator saw each advance once');
  await task.close();
});

test('when every input goes idle the task advances to the largest input watermark first', async () => {
  const { task, seen } = taskWithInputs(2);
  await task.open();
  await task.receive(0, wm(4));
  await task.receive(1, wm(8));
  await task.receive(1, { kind: 'idle' });
  await task.receive(0, { kind: 'idle' });
  assert.deepEqual(seen, ['wm 4', 'wm 8', 'idle']);
  await task.close();
});

test('a single-input task forwards idle and active as they come, and ends active with the final watermark', async () => {
  const { task, seen } = taskWithInputs(1);
  await task.open();
  await task.receive(0, { kind: 'idle' });
  await task.receive(0, { kind: 'idle' });
  await task.receive(0, { kind: 'active' });
  await task.receive(0, wm(2));
  await task.receive(0, { kind: 'idle' });
  await task.receive(0, { kind: 'end-of-input' });
  assert.deepEqual(seen, ['idle', 'active', 'wm 2', 'idle', 'active', `wm ${Number.POSITIVE_INFINITY}`, 'end-of-input']);
  await task.close();
});

test('an idle task whose operator generates a watermark (a quiet split went idle) becomes active before sending it', async () => {
  const empty = schema([]);
  const node: GraphNode = { id: 1, spec: { kind: 'calc', filter: null, projections: [] }, inputs: [{ from: 10, partitioning: { kind: 'forward' } }], schema: empty, changelog: 'append' };
  let emit: ((timestamp: number) => Promise<void>) | undefined;
  const operator: Operator = { open: (context) => void (emit = context.emitWatermark), processBatch: () => undefined };
  const task = new Task(node, 'Assigner#1', operator, empty, createStateBackend({ kind: 'memory' }), new JobMetrics());
  const seen: string[] = [];
  task.connect({ receive: async (_input, message: Message) => void seen.push(message.kind === 'watermark' ? `wm ${message.timestamp}` : message.kind) }, 0);
  await task.open();
  await task.receive(0, { kind: 'idle' }); // the source went quiet first…
  await emit!(15); // …then the assigner's idleness timer moved the watermark past the quiet split
  assert.deepEqual(seen, ['idle', 'active', 'wm 15'], 'downstream leaves idle inputs out: without active, wm 15 would be ignored');
  await task.close();
});
