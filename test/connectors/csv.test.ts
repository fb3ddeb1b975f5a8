import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError } from '../../src/common/errors.js';
import { BIGINT, decimal, INT, STRING, timestamp } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { createConnectorRegistry } from '../../src/connectors/index.js';
import { csvFormat } from '../../src/connectors/formats/csv.js';
import { descriptor, drain, sourceContext, tempDirectory, writeFile } from './helpers.js';

const items = schema([field('id', INT), field('name', STRING), field('price', decimal(10, 2)), field('ts', timestamp(3))]);

function csvSource(dir: string, path: string, extra: Record<string, string> = {}) {
  const registry = createConnectorRegistry({ baseDirectory: dir, printLine: () => undefined, inProcessTables: new Map() });
  return registry.createSource(descriptor('items', 'filesystem', items, { path, format: 'csv', ...extra }));
}

test('csv source handles RFC 4180 quoting: embedded comma, doubled quote, newline', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'items.csv', '1,"a, b",1.50,2020-04-15 08:05:00\n2,"say ""hi""",2,2020-04-15 08:06:00.250\n3,"two\nlines",3.333,2020-04-15 08:07:00\n');
  const { rows } = await drain(csvSource(dir, 'items.csv'), items);
  assert.deepEqual(rows, [
    [1, 'a, b', 150n, Date.UTC(2020, 3, 15, 8, 5)],
    [2, 'say "hi"', 200n, Date.UTC(2020, 3, 15, 8, 6, 0, 250)],
    [3, 'two\nlines', 333n, Date.UTC(2020, 3, 15, 8, 7)],
  ]);
});

test('csv empty fields: NULL for non-STRING types, empty string for STRING', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'items.csv', ',,,\n4,"",  ,\n');
  const { rows } = await drain(csvSource(dir, 'items.csv'), items);
  assert.deepEqual(rows, [[null, '', null, null], [4, '', null, null]]);
});

test("'csv.null-literal' and 'csv.field-delimiter'", async () => {
  const dir = tempDirectory();
  writeFile(dir, 'items.csv', '1|NULL|NULL|2020-01-01 00:00:00\n2||5|NULL\n');
  const { rows } = await drain(csvSource(dir, 'items.csv', { 'csv.null-literal': 'NULL', 'csv.field-delimiter': '|' }), items);
  assert.deepEqual(rows, [[1, null, null, Date.UTC(2020, 0, 1)], [2, '', 500n, null]]);
});

test('csv errors give the line where the record starts, counting quoted newlines', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'items.csv', '1,"multi\nline\nname",1.00,2020-01-01 00:00:00\n\n2,b,oops,2020-01-01 00:00:00\n');
  await assert.rejects(drain(csvSource(dir, 'items.csv'), items), (error: unknown) => {
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.location, 'items.csv:5');
    assert.match(error.message, /Cannot read field 'price' \(column 3\) as DECIMAL\(10, 2\): "oops" is not a number/);
    return true;
  });
});

test('csv wrong column count is an error naming the line', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'items.csv', '1,a,1.00,2020-01-01 00:00:00\n2,b\n');
  await assert.rejects(drain(csvSource(dir, 'items.csv'), items), /Expected 4 columns but found 2 \(at items\.csv:2\)/);
});

test('csv unterminated quote is a located syntax error', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'items.csv', '1,a,1.00,2020-01-01 00:00:00\n2,"b,1.00,2020-01-01 00:00:00\n');
  await assert.rejects(drain(csvSource(dir, 'items.csv'), items), (error: unknown) =>
    error instanceof ConnectorError && /^Malformed CSV/.test(error.message) && error.location?.startsWith('items.csv:') === true);
});

test("'csv.ignore-parse-errors' skips bad records and counts them", async () => {
  const dir = tempDirectory();
  writeFile(dir, 'items.csv', '1,a,1.00,2020-01-01 00:00:00\nx,b,1.00,2020-01-01 00:00:00\n3,c\n4,d,4.00,2020-01-01 00:00:00\n');
  const context = sourceContext();
  const { rows } = await drain(csvSource(dir, 'items.csv', { 'csv.ignore-parse-errors': 'true' }), items, context);
  assert.deepEqual(rows.map((r) => r[0]), [1, 4]);
  assert.equal(context.metrics.malformedRecords, 2);
});

test('csv BIGINT keeps every digit', async () => {
  const dir = tempDirectory();
  const s = schema([field('n', BIGINT)]);
  writeFile(dir, 'n.csv', '9007199254740993\n');
  const registry = createConnectorRegistry({ baseDirectory: dir, printLine: () => undefined, inProcessTables: new Map() });
  const { rows } = await drain(registry.createSource(descriptor('n', 'filesystem', s, { path: 'n.csv', format: 'csv' })), s);
  assert.deepEqual(rows, [[9007199254740993n]]);
});

test("csv writer quotes text as Flink's (Jackson's loose check): over 24 characters or a character below the safe one", () => {
  const writer = (delimiter: string) => csvFormat(items, { fieldDelimiter: delimiter, quoteCharacter: '"', ignoreParseErrors: false, nullLiteral: undefined }).createWriter();
  const comma = writer(',');
  // ',' (0x2C) makes '-' the first safe character: letters, digits, '-', ':' and '.' are written bare.
  assert.equal(comma.encode([1, 'plain-text_1.5:x', 150n, Date.UTC(2020, 3, 15, 8, 5)]), '1,plain-text_1.5:x,1.50,"2020-04-15 08:05:00"\n');
  assert.equal(comma.encode([-2, 'a b', -150n, null]), '-2,"a b",-1.50,\n');
  assert.equal(comma.encode([3, 'a+b', 0n, null]), '3,"a+b",0.00,\n');
  assert.equal(comma.encode([4, 'x'.repeat(24), 0n, null]), `4,${'x'.repeat(24)},0.00,\n`);
  assert.equal(comma.encode([5, 'x'.repeat(25), 0n, null]), `5,"${'x'.repeat(25)}",0.00,\n`);
  assert.equal(comma.encode([6, 'say "hi"', 0n, null]), '6,"say ""hi""",0.00,\n');
  assert.equal(comma.encode([7, '', 0n, null]), '7,,0.00,\n');
  // '|' (0x7C) is above the letters: every non-empty text is quoted, numbers are not.
  assert.equal(writer('|').encode([8, 'abc', 150n, null]), '8|"abc"|1.50|\n');
});
