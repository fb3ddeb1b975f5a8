import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Interruption } from '../../src/cli/interruption.js';

function fakeJob(): { cancels: number; cancel(): Promise<void> } {
  const job = {
    cancels: 0,
    cancel: async () => {
      job.cancels += 1;
    },
  };
  return job;
}

describe('Interruption', () => {
  it('cancels the tracked job on the first interrupt and forces on the second', async () => {
    const interruption = new Interruption();
    const job = fakeJob();
    interruption.track(job);
    assert.equal(interruption.interrupt(), 'cancel');
    await interruption.settled();
    assert.equal(job.cancels, 1);
    assert.equal(interruption.interrupted, true);
    assert.equal(interruption.interrupt(), 'force');
  });

  it('cancels a job tracked after the interrupt arrived', async () => {
    const interruption = new Interruption();
    interruption.interrupt();
    const job = fakeJob();
    interruption.track(job);
    await interruption.settled();
    assert.equal(job.cancels, 1);
  });

  it('does not cancel a job that was untracked', async () => {
    const interruption = new Interruption();
    const job = fakeJob();
    const untrack = interruption.track(job);
    untrack();
    interruption.interrupt();
    await interruption.settled();
    assert.equal(job.cancels, 0);
  });

  it('swallows a failing cancel', async () => {
    const interruption = new Interruption();
    interruption.track({ cancel: () => Promise.reject(new Error('boom')) });
    interruption.interrupt();
    await interruption.settled();
  });
});
