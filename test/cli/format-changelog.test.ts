import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clip, isNumericType, typeWidth } from '../../src/cli/column-text.js';
import { ChangelogPrinter } from '../../src/cli/format-changelog.js';

describe('ChangelogPrinter', () => {
  const printer = new ChangelogPrinter([
    { name: 'item', type: 'STRING', nullable: true },
    { name: 'total', type: 'DECIMAL(5, 2)', nullable: true },
  ]);

  it('prints a header with an op column, widths from the types', () => {
    assert.deepEqual(printer.header(), [
      '+----+----------------------+---------+',
      '| op | item                 |   total |',
      '+----+----------------------+---------+',
    ]);
  });

  it('prints one line per change with its row kind', () => {
    assert.equal(printer.change({ op: '+I', row: { item: 'A', total: '2.00' } }), '| +I | A                    |    2.00 |');
    assert.equal(printer.change({ op: '-U', row: { item: 'A', total: null } }), '| -U | A                    |  <NULL> |');
  });

  it('ends with a border and the change count', () => {
    assert.deepEqual(printer.footer(1), ['+----+----------------------+---------+', 'Received 1 change.']);
    assert.equal(printer.footer(3)[1], 'Received 3 changes.');
  });
});

describe('type widths', () => {
  it('fit typical values of each type', () => {
    assert.equal(typeWidth('TIMESTAMP(3) *ROWTIME*'), 23);
    assert.equal(typeWidth('DECIMAL(10, 2)'), 12);
    assert.equal(typeWidth('BIGINT'), 20);
    assert.equal(typeWidth('DECIMAL(38, 2)'), 40);
    assert.equal(typeWidth('VARCHAR(5)'), 5);
    assert.equal(isNumericType('INT'), true);
    assert.equal(isNumericType('INTERVAL SECOND(3)'), false);
    assert.equal(isNumericType('STRING'), false);
  });
});

describe('cells in one line', () => {
  it('show line breaks as ↵ in a changelog line and cut wide text by terminal columns', () => {
    const printer = new ChangelogPrinter([{ name: 's', type: 'VARCHAR(3)', nullable: true }]);
    assert.equal(printer.change({ op: '+I', row: { s: 'a\nb' } }), '| +I | a↵b |');
    assert.equal(clip('東京都庁', 5), '東京…');
    assert.equal(clip('abc', 3), 'abc');
    assert.equal(clip('abcdef', 4), 'abc…');
  });
});
