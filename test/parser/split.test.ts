import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitStatements } from '../../src/parser/index.js';

describe('splitStatements', () => {
  it('splits complete statements and keeps the unfinished tail', () => {
    assert.deepEqual(splitStatements('SHOW TABLES; SELECT a\nFROM t;\nSELECT b'), {
      complete: ['SHOW TABLES', 'SELECT a\nFROM t'],
      rest: '\nSELECT b',
    });
  });

  it('returns an empty rest when only whitespace follows the last semicolon', () => {
    assert.deepEqual(splitStatements('SET;  \n '), { complete: ['SET'], rest: '' });
    assert.deepEqual(splitStatements('   '), { complete: [], rest: '' });
  });

  it('ignores semicolons inside strings, backquotes and comments', () => {
    const text = "SELECT ';', `a;b` -- c;d\n FROM t /* x; y */;";
    assert.deepEqual(splitStatements(text), { complete: ["SELECT ';', `a;b` -- c;d\n FROM t /* x; y */"], rest: '' });
    assert.deepEqual(splitStatements("SELECT 'it''s; fine';"), { complete: ["SELECT 'it''s; fine'"], rest: '' });
  });

  it('keeps an unterminated string or comment in the rest', () => {
    assert.deepEqual(splitStatements("SELECT 'abc; def"), { complete: [], rest: "SELECT 'abc; def" });
    assert.deepEqual(splitStatements('SELECT 1; /* open; '), { complete: ['SELECT 1'], rest: ' /* open; ' });
  });

  it('drops empty and comment-only statements', () => {
    assert.deepEqual(splitStatements(';; -- note\n; SHOW TABLES;'), { complete: ['SHOW TABLES'], rest: '' });
  });
});
