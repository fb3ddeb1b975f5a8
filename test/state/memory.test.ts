import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStateBackend } from '../../src/runtime/state/memory.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import { describeBackendContract } from './contract.js';

describeBackendContract('memory', () => new MemoryStateBackend());

describe('memory state backend', () => {
  it('is what createStateBackend makes for kind memory', () => {
    const backend = createStateBackend({ kind: 'memory' });
    assert.equal(backend.kind, 'memory');
    assert.ok(backend instanceof MemoryStateBackend);
  });

  it('returns the stored object itself (no copy)', () => {
    const state = new MemoryStateBackend().mapState<{ n: number }>('x');
    const value = { n: 1 };
    state.put(0, 'k', value);
    assert.equal(state.get(0, 'k'), value);
  });

  it('keeps namespaces sorted under many out-of-order inserts and removals', () => {
    const state = new MemoryStateBackend().mapState<number>('w');
    const present = new Set<number>();
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % 500;
    for (let i = 0; i < 5000; i++) {
      const ns = random() * 1000;
      if (i % 3 === 0) {
        state.clearNamespace(ns);
        present.delete(ns);
      } else {
        state.put(ns, `k${i % 4}`, i);
        present.add(ns);
      }
    }
    const expected = [...present].sort((a, b) => a - b);
    assert.deepEqual(state.namespaces(), expected);
    assert.deepEqual(state.namespacesUpTo(250_000), expected.filter((ns) => ns <= 250_000));
  });
});
