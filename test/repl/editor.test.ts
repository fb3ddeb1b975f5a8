import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, type CompletionSource } from '../../repl/editor/completion.js';
import { highlight, highlightLines } from '../../repl/editor/highlight.js';

const catalog: CompletionSource = {
  tables: () => ['bids', 'bid_stats', 'auctions'],
  columns: (table) => (table === 'bids' ? ['bidtime', 'price', 'item'] : table === 'auctions' ? ['auction_id'] : []),
  settingKeys: () => ['state.backend', 'state.dir', 'sluice.batch-size'],
  commands: () => ['\\dt', '\\i', '\\mode', '\\timing'],
};

describe('tab completion', () => {
  it('completes table names after FROM, to the shared prefix when several match', () => {
    const found = complete('SELECT * FROM bi', 'SELECT * FROM bi', catalog);
    assert.deepEqual(found.candidates, ['bid_stats', 'bids']);
    assert.equal(found.replacement, 'bid');
    assert.equal(found.start, 14);
    assert.equal(complete('DESCRIBE auc', 'DESCRIBE auc', catalog).replacement, 'auctions');
  });

  it('completes columns of the tables the statement names, keywords and functions', () => {
    assert.deepEqual(complete('SELECT it', 'SELECT it FROM bids', catalog).candidates, ['item']);
    assert.deepEqual(complete('SELECT pri', 'SELECT pri FROM bids', catalog).candidates, ['price', 'primary']);
    assert.deepEqual(complete('SELECT b.it', 'SELECT b.it FROM bids b', catalog).candidates, ['item']);
    assert.equal(complete('SEL', 'SEL', catalog).replacement, 'SELECT');
    assert.equal(complete('sel', 'sel', catalog).replacement, 'select', 'keywords follow the typed case');
    assert.ok(complete('SELECT TUM', 'SELECT TUM', catalog).candidates.includes('TUMBLE'));
  });

  it('completes SET keys inside the quote and backslash commands', () => {
    const found = complete("SET 'state.", "SET 'state.", catalog);
    assert.deepEqual(found.candidates, ['state.backend', 'state.dir']);
    assert.equal(found.start, 5);
    assert.deepEqual(complete('\\ti', '\\ti', catalog).candidates, ['\\timing']);
    assert.deepEqual(complete('\\mode ch', '\\mode ch', catalog).candidates, ['changelog']);
  });

  it('offers nothing for an unknown prefix', () => {
    assert.deepEqual(complete('SELECT zzz', 'SELECT zzz', catalog).candidates, []);
  });
});

describe('syntax highlighting', () => {
  it('marks keywords, strings, numbers, comments and quoted identifiers', () => {
    const kinds = highlight("SELECT `a b`, 'it''s', 1.5 FROM t -- note").filter((s) => s.kind !== 'plain');
    assert.deepEqual(kinds, [
      { kind: 'keyword', text: 'SELECT' },
      { kind: 'identifier', text: '`a b`' },
      { kind: 'string', text: "'it''s'" },
      { kind: 'number', text: '1.5' },
      { kind: 'keyword', text: 'FROM' },
      { kind: 'comment', text: '-- note' },
    ]);
    assert.equal(highlight('price2 select').map((s) => s.text).join(''), 'price2 select', 'keeps all the text');
  });

  it('continues an open string or comment over lines, and over an unfinished end', () => {
    const lines = highlightLines("SELECT 'a\nb' /* x\ny");
    assert.deepEqual(lines[1], [{ kind: 'string', text: "b'" }, { kind: 'plain', text: ' ' }, { kind: 'comment', text: '/* x' }]);
    assert.deepEqual(lines[2], [{ kind: 'comment', text: 'y' }]);
  });
});
