import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_HISTORY, next, previous, remember } from '../../repl/state/history.js';

describe('history', () => {
  it('walks back and forth, restoring the draft', () => {
    let history = remember(remember(EMPTY_HISTORY, 'SELECT 1;'), 'SELECT 2;');
    let step = previous(history, 'SEL');
    assert.equal(step.text, 'SELECT 2;');
    step = previous(step.history, step.text);
    assert.equal(step.text, 'SELECT 1;');
    step = previous(step.history, step.text);
    assert.equal(step.text, 'SELECT 1;', 'stays at the oldest entry');
    step = next(step.history, step.text);
    assert.equal(step.text, 'SELECT 2;');
    step = next(step.history, step.text);
    assert.equal(step.text, 'SEL', 'the draft comes back');
    history = step.history;
    assert.equal(next(history, 'SEL').text, 'SEL');
  });

  it('skips empty entries and immediate repeats', () => {
    const history = remember(remember(remember(EMPTY_HISTORY, 'a;'), 'a;'), '   ');
    assert.deepEqual(history.entries, ['a;']);
  });
});
