import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { NEW_SEARCH, matchedEntry, searchFor, searchOlder } from '../../repl/editor/reverse-search.js';
import { HistoryFile, decode, encode, historyPath } from '../../repl/state/history-file.js';
import { EMPTY_HISTORY, historyOf, next, previous, remember } from '../../repl/state/history.js';

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

  it('Ctrl-R finds the newest match, then older ones, and keeps a match while typing narrows it', () => {
    const history = historyOf(['SELECT a FROM bids;', 'SHOW TABLES;', 'SELECT b FROM bids;', 'DESCRIBE bids;']);
    let search = searchFor(NEW_SEARCH, history, 'sel');
    assert.equal(matchedEntry(search, history), 'SELECT b FROM bids;');
    search = searchOlder(search, history);
    assert.equal(matchedEntry(search, history), 'SELECT a FROM bids;');
    search = searchOlder(search, history);
    assert.equal(matchedEntry(search, history), 'SELECT a FROM bids;', 'stays at the oldest match');
    search = searchFor(search, history, 'select a');
    assert.equal(matchedEntry(search, history), 'SELECT a FROM bids;');
    assert.equal(searchFor(search, history, 'nothing').match, null);
  });
});

describe('history file', () => {
  it('uses $SLUICE_HISTORY, else ~/.sluice_history', () => {
    assert.equal(historyPath({ SLUICE_HISTORY: '/tmp/h' }), '/tmp/h');
    assert.match(historyPath({}), /\.sluice_history$/);
  });

  it('keeps multi-line entries as one line each and reads them back', () => {
    assert.equal(decode(encode('SELECT a,\n  b\\c;')), 'SELECT a,\n  b\\c;');
    const directory = mkdtempSync(join(tmpdir(), 'sluice-history-'));
    try {
      const path = join(directory, 'history');
      const file = new HistoryFile(path);
      assert.deepEqual(file.load(), [], 'a missing file is an empty history');
      file.append('SELECT 1;');
      file.append('SELECT\n  2;');
      assert.equal(readFileSync(path, 'utf8'), 'SELECT 1;\nSELECT\\n  2;\n');
      assert.deepEqual(new HistoryFile(path).load(), ['SELECT 1;', 'SELECT\n  2;']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('stays bounded: keeps the newest entries', () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-history-'));
    try {
      const path = join(directory, 'history');
      writeFileSync(path, Array.from({ length: 30 }, (_, index) => `q${index};`).join('\n') + '\n');
      const file = new HistoryFile(path, 10);
      assert.deepEqual(file.load(), Array.from({ length: 10 }, (_, index) => `q${index + 20};`));
      assert.equal(readFileSync(path, 'utf8').trim().split('\n').length, 10, 'rewritten at load');
      for (let index = 0; index < 20; index += 1) file.append(`n${index};`);
      const lines = readFileSync(path, 'utf8').trim().split('\n');
      assert.ok(lines.length <= 13, `file has ${lines.length} lines`);
      assert.equal(lines.at(-1), 'n19;');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
