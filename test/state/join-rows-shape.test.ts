/**
 * Regular and semi join state keeps a key's rows in a Map; state written by earlier versions (a plain object of
 * rows, e.g. in a savepoint) is read as a Map.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryMapState } from '../../src/runtime/state/memory.js';
import { keyedRowsOf, NO_NAMESPACE, type KeyedRows } from '../../src/runtime/operators/regular-join-rows.js';

test('rows stored as a plain object are read as a Map, once', () => {
  const state = new MemoryMapState<KeyedRows>();
  const legacy = { rows: { r1: { values: [1, 'a'], count: 2, matches: 0 } } } as unknown as KeyedRows;
  state.put(NO_NAMESPACE, 'k', legacy);
  const entry = keyedRowsOf(state, 'k');
  assert.ok(entry?.rows instanceof Map);
  assert.deepEqual([...entry.rows.entries()], [['r1', { values: [1, 'a'], count: 2, matches: 0 }]]);
  assert.equal(keyedRowsOf(state, 'k'), entry, 'the converted entry is the stored one');
  assert.equal(keyedRowsOf(state, 'missing'), undefined);
});
