import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResultTable, rowKey } from '../../repl/state/result-table.js';

describe('ResultTable', () => {
  it('keeps inserted rows in arrival order, duplicates included', () => {
    const table = new ResultTable(['item', 'n']);
    table.apply({ op: '+I', row: { item: 'A', n: 1n } });
    table.apply({ op: '+I', row: { item: 'B', n: 2n } });
    table.apply({ op: '+I', row: { item: 'A', n: 1n } });
    assert.deepEqual(table.rows(), [['A', 1n], ['A', 1n], ['B', 2n]]);
    assert.equal(table.rowCount, 3);
    assert.equal(table.changes, 3);
  });

  it('applies an update in place of the old row', () => {
    const table = new ResultTable(['item', 'n']);
    table.apply({ op: '+I', row: { item: 'A', n: 1n } });
    table.apply({ op: '+I', row: { item: 'B', n: 1n } });
    table.apply({ op: '-U', row: { item: 'A', n: 1n } });
    table.apply({ op: '+U', row: { item: 'A', n: 2n } });
    assert.deepEqual(table.rows(), [['A', 2n], ['B', 1n]]);
  });

  it('removes deleted rows and ignores retractions of unknown rows', () => {
    const table = new ResultTable(['item']);
    table.apply({ op: '+I', row: { item: 'A' } });
    table.apply({ op: '+I', row: { item: 'B' } });
    table.apply({ op: '-D', row: { item: 'A' } });
    table.apply({ op: '-D', row: { item: 'Z' } });
    assert.deepEqual(table.rows(), [['B']]);
  });

  it('drops the hole of a -U that no +U follows', () => {
    const table = new ResultTable(['item']);
    table.apply({ op: '+I', row: { item: 'A' } });
    table.apply({ op: '-U', row: { item: 'A' } });
    table.apply({ op: '+I', row: { item: 'C' } });
    assert.deepEqual(table.rows(), [['C']]);
  });

  it('takes missing columns as NULL', () => {
    const table = new ResultTable(['a', 'b']);
    table.apply({ op: '+I', row: { a: 1 } });
    assert.deepEqual(table.rows(), [[1, null]]);
  });

  it('keys rows by typed content', () => {
    assert.notEqual(rowKey(['1']), rowKey([1]));
    assert.notEqual(rowKey([1]), rowKey([1n]));
    assert.notEqual(rowKey([null]), rowKey(['null']));
    assert.equal(rowKey([1n, 'a']), rowKey([1n, 'a']));
  });
});
