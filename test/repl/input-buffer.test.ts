import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EMPTY_INPUT,
  backspace,
  bufferText,
  deleteForward,
  deleteWordBefore,
  fromText,
  killToEnd,
  killToStart,
  moveCursor,
  submitLine,
  typeText,
  type StatementSplitter,
} from '../../repl/state/input-buffer.js';

/** A stand-in for the parser's splitter: splits at every `;` (no quotes in these tests). */
const split: StatementSplitter = (text) => {
  const parts = text.split(';');
  const rest = parts.pop() ?? '';
  return { complete: parts, rest };
};

describe('input buffer', () => {
  it('continues an unfinished statement on a new line', () => {
    const submission = submitLine(typeText(EMPTY_INPUT, 'SELECT *'), split);
    assert.deepEqual(submission.statements, []);
    assert.deepEqual(submission.buffer, { lines: ['SELECT *'], current: '', cursor: 0 });
    const finished = submitLine(typeText(submission.buffer, 'FROM t;'), split);
    assert.deepEqual(finished.statements, ['SELECT *\nFROM t']);
    assert.equal(finished.historyText, 'SELECT *\nFROM t;');
    assert.deepEqual(finished.buffer, EMPTY_INPUT);
  });

  it('runs every complete statement on a line and keeps the rest', () => {
    const submission = submitLine(typeText(EMPTY_INPUT, 'SET a = 1; SHOW TABLES; SELECT'), split);
    assert.deepEqual(submission.statements, ['SET a = 1', 'SHOW TABLES']);
    assert.equal(bufferText(submission.buffer), ' SELECT');
  });

  it('ignores Enter on an empty buffer', () => {
    const submission = submitLine(typeText(EMPTY_INPUT, '   '), split);
    assert.deepEqual(submission, { buffer: EMPTY_INPUT, statements: [], historyText: null });
  });

  it('backspace joins back to the previous line', () => {
    const buffer = { lines: ['SELECT'], current: 'x', cursor: 1 };
    assert.deepEqual(backspace(buffer), { lines: ['SELECT'], current: '', cursor: 0 });
    assert.deepEqual(backspace(backspace(buffer)), { lines: [], current: 'SELECT', cursor: 6 });
    assert.deepEqual(backspace(EMPTY_INPUT), EMPTY_INPUT);
  });

  it('round-trips multi-line text', () => {
    assert.deepEqual(fromText('a\nb\nc'), { lines: ['a', 'b'], current: 'c', cursor: 1 });
    assert.equal(bufferText(fromText('a\nb')), 'a\nb');
  });

  it('edits at the cursor: insert, move, delete, kill', () => {
    let buffer = typeText(EMPTY_INPUT, 'SELECT a FROM t');
    buffer = moveCursor(buffer, 'word-left');
    assert.equal(buffer.cursor, 14);
    buffer = typeText(moveCursor(buffer, 'left'), 'x');
    assert.equal(buffer.current, 'SELECT a FROMx t');
    buffer = backspace(buffer);
    assert.equal(buffer.current, 'SELECT a FROM t');
    buffer = moveCursor(buffer, 'home');
    assert.equal(deleteForward(buffer).current, 'ELECT a FROM t');
    buffer = moveCursor(moveCursor(buffer, 'word-right'), 'right');
    assert.equal(killToStart(buffer).current, 'a FROM t');
    assert.equal(killToEnd(buffer).current, 'SELECT ');
    assert.equal(deleteWordBefore(moveCursor(buffer, 'end')).current, 'SELECT a FROM ');
  });

  it('moves over multi-unit characters whole', () => {
    const buffer = typeText(EMPTY_INPUT, 'a😀');
    assert.equal(moveCursor(buffer, 'left').cursor, 1);
    assert.equal(backspace(buffer).current, 'a');
  });
});
