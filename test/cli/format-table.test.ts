import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTable, rowCountLine } from '../../src/cli/format-table.js';
import { formatValue, isNumericColumn } from '../../src/cli/format-value.js';

describe('formatValue', () => {
  it('shows a TIMESTAMP_LTZ(p > 3), handed out as ISO text in UTC, as the wall clock of the session zone with p digits', () => {
    const column = { type: 'TIMESTAMP_LTZ(6)', timeZone: 'Asia/Kolkata' };
    assert.equal(formatValue('2020-01-01T04:30:00.123456Z', column), '2020-01-01 10:00:00.123456');
    assert.equal(formatValue('2020-01-01T04:30:00.123456Z', { type: 'STRING' }), '2020-01-01T04:30:00.123456Z');
  });
  it('shows bigint as digits, null as <NULL>, booleans upper-case, strings raw', () => {
    assert.equal(formatValue(12345678901234567890n), '12345678901234567890');
    assert.equal(formatValue(null), '<NULL>');
    assert.equal(formatValue(true), 'TRUE');
    assert.equal(formatValue('a b'), 'a b');
    assert.equal(formatValue(1.5), '1.5');
  });
  it('shows intervals (milliseconds, months) as Flink\'s SQL client does', () => {
    assert.deepEqual([1000, 93_784_005, -1].map((value) => formatValue(value, { type: 'INTERVAL SECOND(3)' })), ['+0 00:00:01.000', '+1 02:03:04.005', '-0 00:00:00.001']);
    assert.deepEqual([27, -5, 1200, -(2 ** 31)].map((value) => formatValue(value, { type: 'INTERVAL MONTH' })), ['+2-03', '-0-05', '+100-00', '--178956970-0-8']);
    assert.equal(formatValue(1000), '1000');
    assert.equal(isNumericColumn([1000, null], 'INTERVAL SECOND(3)'), false);
    assert.equal(isNumericColumn([1000, null], 'BIGINT'), true);
  });
  it('shows numbers inside arrays, maps and rows by their element and field types (Java\'s 2.0, not 2)', () => {
    assert.equal(formatValue([1.5, 2, null], { type: 'ARRAY<DOUBLE>' }), '[1.5, 2.0, NULL]');
    assert.equal(formatValue(new Map([['k', 0]]), { type: 'MAP<STRING, DOUBLE>' }), '{k=0.0}');
    assert.equal(formatValue({ a: 1, b: [2] }, { type: 'ROW<`a,b<` FLOAT, `c``d` ARRAY<DOUBLE NOT NULL>> NOT NULL' }), '(1.0, [2.0])');
    assert.equal(formatValue({ n: 3, d: '1.50' }, { type: 'ROW<`n` INT, `d` DECIMAL(10, 2)>' }), '(3, 1.50)');
    assert.equal(formatValue([new Date(Date.UTC(2024, 5, 1))], { type: 'ARRAY<TIMESTAMP_LTZ(3)>', timeZone: 'Europe/Berlin' }), '[2024-06-01 02:00:00.000]');
    assert.equal(formatValue([1, 2]), '[1, 2]', 'without a type, numbers as they are');
  });
  it('shows a DOUBLE as Java prints it, as Flink\'s SQL client does', () => {
    const column = { type: 'DOUBLE' };
    assert.deepEqual([1500, 1e20, 0.001, 1e-4, 0, -2.5].map((value) => formatValue(value, column)), ['1500.0', '1.0E20', '0.001', '1.0E-4', '0.0', '-2.5']);
  });

  it('treats decimal strings and numbers as numeric columns, ignoring nulls', () => {
    assert.equal(isNumericColumn(['11.00', null, 3n, 4]), true);
    assert.equal(isNumericColumn(['11.00', 'C']), false);
    assert.equal(isNumericColumn([null, null]), false);
  });
});

describe('formatTable', () => {
  it('draws a Flink-like table with right-aligned numbers', () => {
    const lines = formatTable({
      columns: ['window_start', 'total', 'item'],
      rows: [
        ['2020-04-15 08:00:00.000', '11.00', 'C'],
        ['2020-04-15 08:10:00.000', '10.00', null],
      ],
    });
    assert.deepEqual(lines, [
      '+-------------------------+-------+--------+',
      '| window_start            | total | item   |',
      '+-------------------------+-------+--------+',
      '| 2020-04-15 08:00:00.000 | 11.00 | C      |',
      '| 2020-04-15 08:10:00.000 | 10.00 | <NULL> |',
      '+-------------------------+-------+--------+',
      '2 rows in set',
    ]);
  });

  it('widens a column to its longest value and aligns bigint right', () => {
    const lines = formatTable({ columns: ['n'], rows: [[5n], [123456n]] });
    assert.deepEqual(lines.slice(0, 5), ['+--------+', '|      n |', '+--------+', '|      5 |', '| 123456 |']);
  });

  it('gives a cell with line breaks one table line per line, its column as wide as its longest line', () => {
    const lines = formatTable({ columns: ['s', 'n'], rows: [['a\nbcdef', 1], ['x', 22]] });
    assert.deepEqual(lines, [
      '+-------+----+',
      '| s     |  n |',
      '+-------+----+',
      '| a     |  1 |',
      '| bcdef |    |',
      '| x     | 22 |',
      '+-------+----+',
      '2 rows in set',
    ]);
  });

  it('measures wide characters by the terminal columns they take', () => {
    const lines = formatTable({ columns: ['name'], rows: [['東京'], ['abc']] });
    assert.deepEqual(lines.slice(2, 5), ['+------+', '| 東京 |', '| abc  |']);
  });

  it('prints an empty result as a header and "Empty set"', () => {
    assert.deepEqual(formatTable({ columns: ['a'], rows: [] }), ['+---+', '| a |', '+---+', 'Empty set']);
  });

  it('counts rows in singular and plural', () => {
    assert.equal(rowCountLine(1), '1 row in set');
    assert.equal(rowCountLine(3), '3 rows in set');
  });
});
