/** SessionWindowState over both state backends: merging payloads, lateness, firing order and state clean-up. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStateBackend, type StateBackend } from '../../src/runtime/state/index.js';
import { SessionWindowState } from '../../src/runtime/windows/session-state.js';

/** Payload: the timestamps a session holds, in the order merged. */
function sessionsOf(backend: StateBackend, gap = 10): SessionWindowState<number[]> {
  return new SessionWindowState<number[]>(backend, 1, gap, { create: () => [], merge: (into, from) => [...into, ...from] });
}

function withBackends(name: string, body: (backend: StateBackend) => void): void {
  for (const kind of ['memory', 'sqlite'] as const) {
    it(`${name} (${kind})`, () => {
      const directory = kind === 'sqlite' ? mkdtempSync(join(tmpdir(), 'sluice-session-state-')) : undefined;
      const backend = createStateBackend(directory ? { kind, directory } : { kind });
      try {
        body(backend);
      } finally {
        backend.close();
        if (directory) rmSync(directory, { recursive: true, force: true });
      }
    });
  }
}

const add = (sessions: SessionWindowState<number[]>, key: string, t: number, watermark = -Infinity) =>
  sessions.add(key, t, watermark, (payload) => [...payload, t]);

describe('SessionWindowState', () => {
  withBackends('a bridging record merges two sessions and their payloads', (backend) => {
    const sessions = sessionsOf(backend);
    add(sessions, 'a', 0);
    add(sessions, 'a', 15);
    add(sessions, 'b', 5);
    assert.equal(sessions.size(), 3);
    assert.equal(add(sessions, 'a', 8), true); // [8, 18) touches [0, 10) and [15, 25)
    assert.equal(sessions.size(), 2);
    assert.deepEqual(sessions.fire(Infinity), [
      { key: 'b', start: 5, end: 15, payload: [5] },
      { key: 'a', start: 0, end: 25, payload: [0, 15, 8] },
    ]);
    assert.equal(sessions.size(), 0);
  });

  withBackends('fires by end then key, removes fired sessions and keeps the rest', (backend) => {
    const sessions = sessionsOf(backend);
    for (const [key, t] of [['b', 0], ['a', 0], ['a', 30]] as const) add(sessions, key, t);
    const fired = sessions.fire(9); // end − 1 = 9 ≤ 9: [0, 10) of a and b fire
    assert.deepEqual(fired.map((s) => [s.key, s.start, s.end]), [['a', 0, 10], ['b', 0, 10]]);
    assert.deepEqual(sessions.fire(9), []);
    // The index forgot the fired session: a record at 10 opens a new session instead of extending [0, 10).
    assert.equal(add(sessions, 'a', 10, 9), true);
    assert.deepEqual(sessions.fire(Infinity).map((s) => [s.key, s.start, s.end, s.payload]), [['a', 10, 20, [10]], ['a', 30, 40, [30]]]);
  });

  withBackends('a record is late when its merged session has fired; a session fired for a record is not merged', (backend) => {
    const sessions = sessionsOf(backend);
    add(sessions, 'a', 0); // [0, 10)
    add(sessions, 'a', 20); // [20, 30)
    assert.equal(add(sessions, 'a', -5, 9), false); // [-5, 5) has fired and [0, 10) is fired for it: late
    assert.equal(add(sessions, 'a', 10, 9), true); // touches fired [0, 10) and [20, 30): joins only the latter
    assert.deepEqual(sessions.fire(Infinity).map((s) => [s.start, s.end, s.payload]), [[0, 10, [0]], [10, 30, [20, 10]]]);
  });
});
