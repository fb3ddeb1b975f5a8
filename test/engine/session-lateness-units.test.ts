/**
 * The pieces under SESSION lateness: SessionWindowState keeping fired sessions for the lateness (late records merge
 * with them; `purge` drops them), `appendGroupChanges`, the row kinds of a session's revised result, and the
 * timers that let a watermark advance touch only the sessions that are due.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordBatch } from 'apache-arrow';
import { BIGINT, STRING, TIMESTAMP3 } from '../../src/common/types.js';
import type { Schema } from '../../src/dataflow/schema.js';
import { batchRows } from '../../src/runtime/batch.js';
import type { OperatorContext } from '../../src/runtime/operator.js';
import { appendGroupChanges } from '../../src/runtime/operators/session-window-changes.js';
import { WindowChangeBuffer } from '../../src/runtime/operators/window-change-buffer.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import { SessionWindowState } from '../../src/runtime/windows/session-state.js';
import { SessionRefSet, SessionTimers } from '../../src/runtime/windows/session-timers.js';

const SCHEMA: Schema = {
  fields: [
    { name: 'k', type: STRING, nullable: true },
    { name: 'window_start', type: TIMESTAMP3, nullable: false },
    { name: 'window_end', type: TIMESTAMP3, nullable: false },
    { name: 'window_time', type: TIMESTAMP3, nullable: false },
    { name: 'n', type: BIGINT, nullable: false },
  ],
};

/** Flushes a buffer through a context that only records what is emitted: [row kind, k, start, end, n]. */
async function flushed(output: WindowChangeBuffer): Promise<string[]> {
  const emitted: string[] = [];
  const context = {
    outputSchema: SCHEMA,
    emit: async (batch: RecordBatch, options?: { rowKinds?: Uint8Array; watermarks?: Float64Array }) => {
      batchRows(batch, SCHEMA).forEach((row, i) => emitted.push([options?.rowKinds?.[i] ?? 0, row[0], row[1], row[2], row[4]].join(' ')));
    },
  } as unknown as OperatorContext;
  await output.flush(context);
  return emitted;
}

describe('appendGroupChanges', () => {
  it('+I first; -U/+U when the result or the bounds change; nothing when nothing changed', async () => {
    const output = new WindowChangeBuffer(SCHEMA.fields.length);
    const first = appendGroupChanges(output, ['a'], undefined, { start: 0, end: 10, values: [1n] }, 0);
    const same = appendGroupChanges(output, ['a'], [first], { start: 0, end: 10, values: [1n] }, 0);
    appendGroupChanges(output, ['a'], [same], { start: 0, end: 12, values: [1n] }, 0);
    assert.deepEqual(await flushed(output), ['0 a 0 10 1', '1 a 0 10 1', '2 a 0 12 1']);
  });

  it('a merge keeps the earliest emitted row as the updated one and deletes the others first', async () => {
    const output = new WindowChangeBuffer(SCHEMA.fields.length);
    const emitted = [{ start: 30, end: 40, values: [2n] }, { start: 0, end: 10, values: [1n] }, { start: 15, end: 25, values: [4n] }];
    const stands = appendGroupChanges(output, ['a'], emitted, { start: 0, end: 40, values: [8n] }, 0);
    assert.deepEqual(stands, { start: 0, end: 40, values: [8n] });
    assert.deepEqual(await flushed(output), ['3 a 15 25 4', '3 a 30 40 2', '1 a 0 10 1', '2 a 0 40 8']);
  });
});

describe('SessionWindowState with lateness', () => {
  const sessionsOf = (lateness: number) =>
    new SessionWindowState<number[]>(createStateBackend({ kind: 'memory' }), 1, 10, { create: () => [], merge: (into, from) => [...into, ...from] }, lateness);
  const add = (sessions: SessionWindowState<number[]>, t: number, watermark: number) => sessions.addRecord('a', t, watermark, (p) => [...p, t]);

  it('a fired session is kept for the lateness: a late record merges with it, then it expires', () => {
    const sessions = sessionsOf(5);
    add(sessions, 0, -Infinity); // [0, 10), fires at 9, expires at 14
    add(sessions, 20, 9);
    assert.deepEqual(add(sessions, 5, 13), { start: 0, end: 15 }); // still kept: joins and grows it
    assert.deepEqual(sessions.sessionsEndingUpTo(15).map((s) => [s.start, s.end, s.payload]), [[0, 15, [0, 5]]]);
    assert.equal(add(sessions, 2, 19), null); // [0, 15) expired at 19 for this record (not yet purged): late
    sessions.purge(15);
    assert.deepEqual(sessions.ends(), [30]);
    assert.deepEqual(add(sessions, 12, 19), { start: 12, end: 30 }); // [12, 22) touches only [20, 30)
  });

  it('a late record bridging two kept sessions merges them and their payloads', () => {
    const sessions = sessionsOf(100);
    add(sessions, 0, -Infinity);
    add(sessions, 15, -Infinity);
    assert.deepEqual(add(sessions, 8, 50), { start: 0, end: 25 });
    const [merged] = sessions.sessionsEndingUpTo(Infinity);
    assert.deepEqual(merged?.payload, [0, 15, 8]);
    sessions.replacePayload(25, 'a', [42]);
    assert.deepEqual(sessions.get(25, 'a')?.payload, [42]);
  });
});

describe('SessionTimers and SessionRefSet', () => {
  it('pop due references by end then key, once each, skipping stale ones', () => {
    const timers = new SessionTimers();
    for (const [end, key] of [[30, 'b'], [10, 'b'], [10, 'a'], [20, 'a'], [10, 'a'], [40, 'a']] as const) timers.push(end, key);
    assert.equal(timers.size, 5); // (10, a) is held once
    const live = (end: number, key: string) => !(end === 20 && key === 'a'); // (20, a) moved away
    assert.deepEqual(timers.popUpTo(30, live), [{ end: 10, key: 'a' }, { end: 10, key: 'b' }, { end: 30, key: 'b' }]);
    assert.equal(timers.peek(live), 40);
    assert.equal(timers.peek(() => false), undefined);
    assert.equal(timers.size, 0);
  });

  it('list references by end then key, filtered by end, and forget those up to a bound', () => {
    const refs = new SessionRefSet();
    for (const [end, key] of [[20, 'b'], [10, 'z'], [20, 'a']] as const) refs.add(end, key);
    assert.deepEqual(refs.sorted(), [{ end: 10, key: 'z' }, { end: 20, key: 'a' }, { end: 20, key: 'b' }]);
    assert.deepEqual(refs.sorted((end) => end > 10).map((r) => r.key), ['a', 'b']);
    refs.deleteUpTo(10);
    refs.delete(20, 'a');
    assert.deepEqual(refs.sorted(), [{ end: 20, key: 'b' }]);
    refs.delete(20, 'b');
    assert.equal(refs.isEmpty, true);
  });
});
