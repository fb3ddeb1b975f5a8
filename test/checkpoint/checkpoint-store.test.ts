/**
 * The job database: a checkpoint's state and record commit together or not at all; an open epoch is rolled back
 * on close (a crash), so the database holds exactly the last completed checkpoint; corrupt records are skipped
 * with a warning; savepoints are self-contained copies that load back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CheckpointStore, JOB_DATABASE_FILE } from '../../src/runtime/checkpoint/checkpoint-store.js';
import type { CheckpointRecord } from '../../src/runtime/checkpoint/checkpoint-record.js';
import { MemoryStateBackend } from '../../src/runtime/state/memory.js';
import { SqliteStateBackend } from '../../src/runtime/state/sqlite.js';
import { StateTable } from '../../src/runtime/state/state-table.js';
import type { StateBackend } from '../../src/runtime/state/backend.js';

const directory = (): string => mkdtempSync(join(tmpdir(), 'sluice-store-'));

function record(id: number, kind: CheckpointRecord['kind'] = 'checkpoint'): CheckpointRecord {
  return { id, kind, jobName: 'job', completedAt: 1_700_000_000_000 + id, sources: [{ nodeId: 0, uid: 'source-x', table: 't', position: { records: id * 10 }, ended: false }], tasks: [] };
}

const BACKENDS: [string, (store: CheckpointStore) => StateBackend][] = [
  ['memory', (store) => new MemoryStateBackend(new StateTable(store.db))],
  ['sqlite', (store) => new SqliteStateBackend({ db: store.db, file: store.file })],
];

for (const [kind, createBackend] of BACKENDS) {
  test(`${kind}: state written after the last checkpoint is gone after a crash; checkpointed state is back`, () => {
    const dir = directory();
    const store = new CheckpointStore(dir);
    store.beginEpoch();
    const state = createBackend(store);
    const counts = state.mapState<bigint>('1/counts');
    counts.put(0, 'a', 9_007_199_254_740_993n);
    counts.put(5, 'b', 1n);
    state.flush();
    state.prepareCheckpoint();
    store.complete(record(1));
    counts.put(0, 'a', 42n);
    counts.delete(5, 'b');
    counts.put(7, 'c', 3n);
    state.flush();
    state.close();
    store.close(); // like a crash: the open epoch is never committed

    const reopened = new CheckpointStore(dir);
    assert.equal(reopened.latest()?.record.id, 1);
    reopened.beginEpoch();
    const restored = createBackend(reopened);
    restored.restore?.();
    const map = restored.mapState<bigint>('1/counts');
    assert.equal(map.get(0, 'a'), 9_007_199_254_740_993n, 'BIGINT beyond 2^53 survives exactly');
    assert.equal(map.get(5, 'b'), 1n);
    assert.equal(map.get(7, 'c'), undefined);
    assert.deepEqual(map.namespaces(), [0, 5]);
    assert.equal(reopened.nextCheckpointId(), 2);
    restored.close();
    reopened.close();
  });

  test(`${kind}: NaN and ±Infinity survive a checkpoint`, () => {
    const dir = directory();
    const store = new CheckpointStore(dir);
    store.beginEpoch();
    const state = createBackend(store);
    state.mapState<number[]>('2/x').put(0, 'k', [Number.NaN, Infinity, -Infinity]);
    state.prepareCheckpoint();
    store.complete(record(1));
    state.close();
    store.close();
    const again = new CheckpointStore(dir);
    again.beginEpoch();
    const restored = createBackend(again);
    restored.restore?.();
    assert.deepEqual(restored.mapState<number[]>('2/x').get(0, 'k'), [Number.NaN, Infinity, -Infinity]);
    again.close();
  });
}

function corruptNewest(dir: string): void {
  const db = new Database(join(dir, JOB_DATABASE_FILE));
  db.prepare('UPDATE checkpoints SET record = CAST(zeroblob(length(record)) AS BLOB) WHERE id = (SELECT MAX(id) FROM checkpoints)').run();
  db.close();
}

test('a corrupt newest checkpoint without a retained copy is an error, not a silent older restore', () => {
  const dir = directory();
  const store = new CheckpointStore(dir);
  store.beginEpoch();
  store.complete(record(1));
  store.complete(record(2));
  store.close();
  corruptNewest(dir);
  const reopened = new CheckpointStore(dir);
  assert.throws(() => reopened.latest(), /checkpoint 2 in .* is corrupt \(checksum mismatch\), and no earlier checkpoint is retained/);
  reopened.close();
});

test('with num-retained 2, a corrupt newest checkpoint falls back to the newest good retained copy, state included', () => {
  const dir = directory();
  const store = new CheckpointStore(dir, 2);
  store.beginEpoch();
  const state = new MemoryStateBackend(new StateTable(store.db));
  const map = state.mapState<string>('1/m');
  for (let id = 1; id <= 3; id++) {
    map.put(0, 'k', `state of checkpoint ${id}`);
    state.prepareCheckpoint();
    store.complete(record(id));
  }
  store.close();
  corruptNewest(dir);
  corruptNewest(join(dir, 'retained', 'chk-3'));
  assert.deepEqual(readdirSync(join(dir, 'retained')).sort(), ['chk-2', 'chk-3']);
  const reopened = new CheckpointStore(dir, 2);
  const latest = reopened.latest();
  assert.equal(latest?.record.id, 2);
  assert.match(latest?.warnings.join('\n') ?? '', /checkpoint 3 .* corrupt[\s\S]*restoring the retained copy of checkpoint 2/);
  reopened.beginEpoch();
  const restored = new MemoryStateBackend(new StateTable(reopened.db));
  restored.restore();
  assert.equal(restored.mapState<string>('1/m').get(0, 'k'), 'state of checkpoint 2');
  reopened.close();
});

test('only the last num-retained records are kept', () => {
  const store = new CheckpointStore(directory(), 2);
  store.beginEpoch();
  for (let id = 1; id <= 5; id++) store.complete(record(id));
  assert.deepEqual(store.list().map((c) => c.id), [5, 4]);
  store.close();
});

test('a savepoint is a self-contained copy that another job directory loads', () => {
  const store = new CheckpointStore(directory());
  store.beginEpoch();
  const state = new MemoryStateBackend(new StateTable(store.db));
  state.mapState<string>('3/s').put(0, 'k', 'v');
  state.prepareCheckpoint();
  const savepoint = join(directory(), 'sp');
  store.complete(record(1, 'savepoint'), savepoint);
  state.mapState<string>('3/s').put(0, 'k', 'later');
  state.prepareCheckpoint();
  store.complete(record(2));
  store.close();

  const other = new CheckpointStore(directory());
  other.loadSavepoint(savepoint);
  assert.equal(other.latest()?.record.kind, 'savepoint');
  other.beginEpoch();
  const restored = new MemoryStateBackend(new StateTable(other.db));
  restored.restore();
  assert.equal(restored.mapState<string>('3/s').get(0, 'k'), 'v');
  other.close();
});
