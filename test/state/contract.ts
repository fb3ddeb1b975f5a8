/**
 * The behaviour every state backend must show; run against each backend by its own test file.
 * `makeBackend` returns a fresh, empty backend each call.
 */
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { StateBackend } from '../../src/runtime/state/backend.js';

export function describeBackendContract(name: string, makeBackend: () => StateBackend): void {
  describe(`${name} state backend contract`, () => {
    const opened: StateBackend[] = [];
    const open = (): StateBackend => {
      const backend = makeBackend();
      opened.push(backend);
      return backend;
    };
    afterEach(() => {
      for (const backend of opened.splice(0)) backend.close();
    });

    it('gets, puts, overwrites and deletes', () => {
      const state = open().mapState<number>('1/acc');
      assert.equal(state.get(0, 'a'), undefined);
      state.put(0, 'a', 1);
      state.put(0, 'b', 2);
      assert.equal(state.get(0, 'a'), 1);
      state.put(0, 'a', 10);
      assert.equal(state.get(0, 'a'), 10);
      state.delete(0, 'a');
      assert.equal(state.get(0, 'a'), undefined);
      assert.equal(state.get(0, 'b'), 2);
      state.delete(0, 'missing');
      assert.equal(state.size(), 1);
    });

    it('keeps the same key apart in different namespaces and different maps', () => {
      const backend = open();
      const a = backend.mapState<string>('1/a');
      const b = backend.mapState<string>('2/a');
      a.put(1000, 'k', 'a@1000');
      a.put(2000, 'k', 'a@2000');
      b.put(1000, 'k', 'b@1000');
      assert.equal(a.get(1000, 'k'), 'a@1000');
      assert.equal(a.get(2000, 'k'), 'a@2000');
      assert.equal(b.get(1000, 'k'), 'b@1000');
      assert.equal(b.get(2000, 'k'), undefined);
      assert.equal(backend.mapState<string>('1/a').get(1000, 'k'), 'a@1000', 'same name, same map');
      backend.flush();
      assert.equal(a.get(2000, 'k'), 'a@2000');
      assert.equal(b.size(), 1);
    });

    it('lists namespaces ascending, whatever the insertion order', () => {
      const state = open().mapState<number>('w');
      for (const ns of [3000, 1000, 5000, 2000, 1000, 4000]) state.put(ns, `k${ns}`, ns);
      state.put(0, 'global', 0);
      assert.deepEqual(state.namespaces(), [0, 1000, 2000, 3000, 4000, 5000]);
      assert.deepEqual(state.namespacesUpTo(2999), [0, 1000, 2000]);
      assert.deepEqual(state.namespacesUpTo(3000), [0, 1000, 2000, 3000]);
      assert.deepEqual(state.namespacesUpTo(-1), []);
      assert.deepEqual(state.namespacesUpTo(Infinity), [0, 1000, 2000, 3000, 4000, 5000]);
    });

    it('handles millisecond timestamps beyond 2^31 as namespaces', () => {
      const backend = open();
      const state = backend.mapState<string>('w');
      const end = Date.UTC(2020, 3, 15, 8, 10); // 1586938200000
      state.put(end, 'k', 'x');
      state.put(end + 600_000, 'k', 'y');
      backend.flush();
      assert.equal(state.get(end, 'k'), 'x');
      assert.deepEqual(state.namespacesUpTo(end + 599_999), [end]);
      assert.deepEqual(state.namespaces(), [end, end + 600_000]);
    });

    it('drops a namespace when its last entry is deleted', () => {
      const state = open().mapState<number>('w');
      state.put(1000, 'a', 1);
      state.put(2000, 'a', 2);
      state.delete(1000, 'a');
      assert.deepEqual(state.namespaces(), [2000]);
      assert.deepEqual(state.namespacesUpTo(1500), []);
    });

    it('clears a namespace, and accepts new entries in it afterwards', () => {
      const backend = open();
      const state = backend.mapState<number>('w');
      state.put(1000, 'a', 1);
      state.put(1000, 'b', 2);
      state.put(2000, 'a', 3);
      backend.flush();
      state.put(1000, 'c', 4);
      state.clearNamespace(1000);
      assert.equal(state.get(1000, 'a'), undefined);
      assert.equal(state.get(1000, 'c'), undefined);
      assert.deepEqual(state.namespaces(), [2000]);
      assert.equal(state.size(), 1);
      state.put(1000, 'd', 5);
      assert.equal(state.get(1000, 'd'), 5);
      assert.equal(state.get(1000, 'a'), undefined);
      backend.flush();
      assert.deepEqual([...state.entries(1000)], [['d', 5]]);
      state.clearNamespace(12345); // absent: no effect
      assert.equal(state.size(), 2);
    });

    it('iterates the entries of a namespace ordered by key', () => {
      const backend = open();
      const state = backend.mapState<number>('g');
      const keys = ['m', 'b', 'z', 'a', 'B', 'ab', '', 'é', '\u{1F600}', '\uFF01'];
      keys.forEach((k, i) => state.put(0, k, i));
      state.put(1, 'other', 99);
      backend.flush();
      state.put(0, 'c', 100); // buffered, must still be seen
      state.delete(0, 'z');
      const expected = [...keys.filter((k) => k !== 'z'), 'c'].sort();
      assert.deepEqual([...state.entries(0)].map(([k]) => k), expected);
      assert.equal([...state.entries(0)].find(([k]) => k === 'c')?.[1], 100);
      assert.deepEqual([...state.entries(777)], []);
    });

    it('allows writes to a namespace while iterating its entries', () => {
      const state = open().mapState<number>('g');
      for (let i = 0; i < 10; i++) state.put(5, `k${i}`, i);
      let seen = 0;
      for (const [key] of state.entries(5)) {
        state.delete(5, key);
        seen++;
      }
      assert.equal(seen, 10);
      assert.equal(state.size(), 0);
    });

    it('round-trips bigints, Maps, Sets, arrays and nested objects', () => {
      const backend = open();
      const state = backend.mapState<unknown>('acc');
      const value = {
        sum: 2n ** 70n + 1n,
        negative: -(2n ** 63n),
        count: 3,
        avg: 1.5,
        seen: new Map<unknown, number>([[1n, 2], ['x', 1], [2.5, 3]]),
        set: new Set(['a', 'b']),
        list: [null, true, 'x', [1, 2]],
      };
      state.put(0, 'k', value);
      backend.flush();
      const copy = backend.mapState<unknown>('acc').get(0, 'k');
      assert.deepEqual(copy, value);
      assert.deepEqual([...state.entries(0)], [['k', value]]);
    });

    it('counts entries across namespaces with size()', () => {
      const backend = open();
      const state = backend.mapState<number>('s');
      assert.equal(state.size(), 0);
      state.put(1, 'a', 1);
      state.put(2, 'a', 1);
      state.put(2, 'b', 1);
      state.put(2, 'b', 2);
      assert.equal(state.size(), 3);
      backend.flush();
      state.delete(2, 'a');
      assert.equal(state.size(), 2);
      assert.equal(backend.mapState<number>('other').size(), 0);
    });

    it('handles 50k keys in reasonable time', () => {
      const backend = open();
      const state = backend.mapState<{ count: number; sum: bigint }>('many');
      const started = performance.now();
      const n = 50_000;
      for (let i = 0; i < n; i++) state.put(i % 10, `key-${i}`, { count: i, sum: BigInt(i) });
      backend.flush();
      for (let i = 0; i < n; i += 7) {
        const value = state.get(i % 10, `key-${i}`);
        assert.equal(value?.count, i);
      }
      for (let i = 0; i < n; i++) {
        const value = state.get(i % 10, `key-${i}`)!;
        value.count++;
        state.put(i % 10, `key-${i}`, value);
      }
      backend.flush();
      assert.equal(state.size(), n);
      assert.deepEqual(state.namespacesUpTo(4), [0, 1, 2, 3, 4]);
      let entries = 0;
      for (const [, value] of state.entries(3)) {
        assert.equal(value.sum + 1n, BigInt(value.count));
        entries++;
      }
      assert.equal(entries, n / 10);
      for (const ns of state.namespaces()) state.clearNamespace(ns);
      backend.flush();
      assert.equal(state.size(), 0);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 20_000, `took ${elapsed.toFixed(0)} ms`);
    });
  });
}
