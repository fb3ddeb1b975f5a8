/**
 * An accumulator of a user-defined aggregate that state cannot store fails the job with an error naming the function
 * and what in the accumulator cannot be stored — whether it was so from the start (checked on the first accumulator)
 * or became so only after later updates (found when a state backend writes it: the SQLite backend at each flush, the
 * in-memory one at each checkpoint).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, ExecutionError, type AggregateFunctionDefinition, type JobHandle } from '../../src/index.js';

interface Tally {
  count: number;
  extra?: unknown;
}

/** COUNT(v) whose accumulator takes `extra` in after its `after`-th update. */
function tally(after: number, extra: () => unknown): AggregateFunctionDefinition<Tally> {
  return {
    parameters: ['BIGINT'], returns: 'BIGINT',
    createAccumulator: () => ({ count: 0 }),
    accumulate(acc) {
      acc.count += 1;
      if (acc.count === after) acc.extra = extra();
    },
    getValue: (acc) => BigInt(acc.count),
  };
}

class Handler {
  calls = 0;
}

const EVENTS = 4_000;

async function runJob(backend: string, definition: AggregateFunctionDefinition<Tally>): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-udaf-storable-'));
  const lines = Array.from({ length: EVENTS }, (_, i) => JSON.stringify({ k: `k${i % 2}`, v: i }));
  writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  const engine = new Engine({ baseDirectory: dir, config: { 'state.backend': backend, 'pipeline.name': 'tally' }, printLine: () => {} });
  engine.registerAggregateFunction('tally', definition);
  try {
    await engine.execute(`
      SET 'execution.checkpointing.interval' = '10 ms';
      SET 'sluice.batch-size' = '20';
      CREATE TABLE events (k STRING, v BIGINT) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
      CREATE TABLE totals (k STRING, n BIGINT) WITH ('connector' = 'blackhole');`);
    const result = await engine.execute('INSERT INTO totals\nSELECT k, tally(v) FROM events GROUP BY k');
    assert.equal(result.kind, 'job');
    const job = (result as { job: JobHandle }).job;
    return await job.done().then(() => undefined, (error: unknown) => error);
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const backend of ['memory', 'sqlite']) {
  test(`an accumulator that takes in a function after some updates fails the job naming the function (${backend} state)`, async () => {
    const error = await runJob(backend, tally(30, () => () => 'not data'));
    assert.ok(error instanceof ExecutionError, `expected an ExecutionError, got ${String(error)}`);
    assert.equal(error.detail, "The accumulator of function 'tally' cannot be stored: acc.extra is a function (after a later update, when written to state)");
    assert.deepEqual(error.position && [error.position.line, error.position.column], [2, 11]);
    assert.match(error.hint ?? '', /must be structured-cloneable plain data/);
  });

  test(`an accumulator that takes in a value v8 cannot serialise after some updates fails the job naming it (${backend} state)`, async () => {
    const error = await runJob(backend, tally(30, () => ({ seen: new WeakSet() })));
    assert.ok(error instanceof ExecutionError, `expected an ExecutionError, got ${String(error)}`);
    assert.match(error.detail, /^The accumulator of function 'tally' cannot be stored: acc\.extra\.seen cannot be stored \(#<WeakSet> could not be cloned\.\) \(after a later update, when written to state\)$/);
  });

  test(`a job whose accumulators stay plain data runs to the end (${backend} state)`, async () => {
    assert.equal(await runJob(backend, tally(30, () => ({ note: 'plain', at: [1, 2n] }))), undefined);
  });
}

test('the first update is checked all through: a class instance or function inside the accumulator is refused', async () => {
  const instance = await runJob('memory', tally(1, () => new Handler()));
  assert.ok(instance instanceof ExecutionError, String(instance));
  assert.equal(instance.detail, "The accumulator of function 'tally' cannot be stored: acc.extra is an instance of class Handler, which state would give back as a plain object (after accumulate)");
  const nested = await runJob('memory', tally(1, () => new Map([['cb', [() => {}]]])));
  assert.ok(nested instanceof ExecutionError, String(nested));
  assert.equal(nested.detail, 'The accumulator of function \'tally\' cannot be stored: acc.extra.get("cb")[0] is a function (after accumulate)');
});
