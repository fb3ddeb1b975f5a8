import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStateBackend, STATE_DATABASE_FILE } from '../../src/runtime/state/sqlite.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import { ExecutionError, PlanError } from '../../src/common/errors.js';
import { describeBackendContract } from './contract.js';

const root = mkdtempSync(join(tmpdir(), 'sluice-state-'));
let counter = 0;
const freshDirectory = (): string => join(root, `backend-${counter++}`);

after(() => rmSync(root, { recursive: true, force: true }));

describeBackendContract('sqlite', () => new SqliteStateBackend(freshDirectory()));

describe('sqlite state backend', () => {
  it('creates <directory>/state.db (and missing parent directories) in WAL mode', () => {
    const directory = join(freshDirectory(), 'nested', 'deeper');
    const backend = new SqliteStateBackend(directory);
    backend.mapState<number>('x').put(0, 'k', 1);
    backend.close();
    const file = join(directory, STATE_DATABASE_FILE);
    assert.ok(existsSync(file));
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('keeps flushed values across a reopen over the same directory', () => {
    const directory = freshDirectory();
    const first = new SqliteStateBackend(directory);
    const state = first.mapState<{ sum: bigint; seen: Map<string, number> }>('3/acc');
    const end = Date.UTC(2020, 3, 15, 8, 10);
    state.put(end, 'k1', { sum: 2n ** 64n, seen: new Map([['a', 2]]) });
    state.put(end, 'k2', { sum: -5n, seen: new Map() });
    state.put(0, 'g', { sum: 1n, seen: new Map() });
    first.flush();
    state.delete(end, 'k2');
    first.close(); // flushes the delete

    const second = new SqliteStateBackend(directory);
    try {
      const reopened = second.mapState<{ sum: bigint; seen: Map<string, number> }>('3/acc');
      assert.deepEqual(reopened.get(end, 'k1'), { sum: 2n ** 64n, seen: new Map([['a', 2]]) });
      assert.equal(reopened.get(end, 'k2'), undefined);
      assert.deepEqual(reopened.namespaces(), [0, end]);
      assert.equal(reopened.size(), 2);
      assert.equal(second.mapState('other').size(), 0);
    } finally {
      second.close();
    }
  });

  it('does not write anything before flush, and writes everything in one transaction on flush', () => {
    const directory = freshDirectory();
    const backend = new SqliteStateBackend(directory);
    try {
      const state = backend.mapState<number>('x');
      state.put(0, 'a', 1);
      state.put(0, 'b', 2);
      const reader = new Database(join(directory, STATE_DATABASE_FILE), { readonly: true });
      try {
        const count = (): unknown => reader.prepare('SELECT COUNT(*) FROM state').pluck().get();
        assert.equal(count(), 0, 'buffered, not yet written');
        backend.flush();
        assert.equal(count(), 2);
      } finally {
        reader.close();
      }
    } finally {
      backend.close();
    }
  });

  it('sees its own buffered writes, deletes and clears before a flush', () => {
    const backend = new SqliteStateBackend(freshDirectory());
    try {
      const state = backend.mapState<string>('x');
      state.put(1, 'a', 'stored');
      backend.flush();
      state.put(1, 'a', 'buffered');
      assert.equal(state.get(1, 'a'), 'buffered');
      state.delete(1, 'a');
      assert.equal(state.get(1, 'a'), undefined);
      state.put(1, 'a', 'again');
      backend.flush();
      assert.equal(state.get(1, 'a'), 'again');
      state.clearNamespace(1);
      assert.equal(state.get(1, 'a'), undefined);
    } finally {
      backend.close();
    }
  });

  it('fails with ExecutionError once closed', () => {
    const backend = new SqliteStateBackend(freshDirectory());
    const state = backend.mapState<number>('x');
    backend.close();
    backend.close(); // idempotent
    assert.throws(() => state.namespaces(), ExecutionError);
  });

  it('is what createStateBackend makes for kind sqlite, which needs a directory', () => {
    const backend = createStateBackend({ kind: 'sqlite', directory: freshDirectory() });
    assert.equal(backend.kind, 'sqlite');
    backend.close();
    assert.throws(() => createStateBackend({ kind: 'sqlite' }), PlanError);
  });
});
