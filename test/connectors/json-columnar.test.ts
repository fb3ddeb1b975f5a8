/**
 * The columnar JSON decoder (with its row-decoder fallback, as the decoding worker runs it) against the serial JSON
 * reader: random lines — valid and malformed, every type, unknown, duplicate and escaped keys, odd numbers and
 * timestamps, whitespace, non-ASCII text — must give the same rows, the same first error (message and
 * file:line:column) and the same record counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import {
  arrayType, BIGINT, BOOLEAN, DATE, decimal, DOUBLE, FLOAT, INT, mapType, rowType, SMALLINT, STRING, timestamp, timestampLtz, TINYINT,
} from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { jsonFormat, JsonRowDecoder } from '../../src/connectors/formats/json.js';
import { ColumnarJsonDecoder } from '../../src/connectors/formats/json-columnar.js';
import { timestampFromBytes } from '../../src/connectors/formats/timestamp-bytes.js';
import { parseTimestamp } from '../../src/common/time.js';
import { decodeChunk } from '../../src/connectors/filesystem/json-chunk-decoder.js';
import { BatchUnpacker } from '../../src/connectors/filesystem/batch-transfer.js';
import { batchRows } from '../../src/runtime/batch.js';
import type { FieldRead, ReadMask } from '../../src/dataflow/graph.js';

const events = schema([
  field('i', INT), field('b', BIGINT), field('s', SMALLINT), field('t', TINYINT), field('d', DOUBLE), field('f', FLOAT),
  field('ok', BOOLEAN), field('name', STRING), field('ts', timestamp(3)), field('dec', decimal(10, 2)), field('day', DATE),
  field('r', rowType([{ name: 'x', type: BIGINT }, { name: 'y', type: STRING }, { name: 'z', type: rowType([{ name: 'q', type: INT }]) }])),
  field('tags', arrayType(STRING)), field('m', mapType(STRING, INT)), field('ltz', timestampLtz(3)),
]);

const odd = [
  '0', '-0', '01', '1.0', '1.5', '1e2', '-', '2147483647', '2147483648', '-2147483649', '32768', '-129', '127',
  '123456789012345', '999999999999999', '1234567890123456', '9007199254740993', 'true', 'false', 'null', 'nul', '"x"',
  '""', '"a\\nb"', '"\\u00e9t\\u00e9"', '"ü日本😀"', '"tab\there"', '"\\q"', '{}', '[]', '[1,2]', '{"q":1}', '{"q":"1"}',
  '"2020-01-01 00:00:00"', '"2020-01-01 00:00:00.123"', '"2020-02-29 23:59:59.999"', '"2021-02-29 00:00:00"',
  '"2020-01-01T10:00:00.5"', '"2020-1-1 00:00:00"', '" 2020-01-01 00:00:00"', '"0050-01-01 00:00:00"', '"2020-01-01 24:00:00"',
  '"2020-01-01 00:00:00.12"', '"2020-13-01 00:00:00"', '"2020-01-01 00:00:00Z"', '"2020-01-01"', '"12.34"', '"abc"',
  '{"x": 5, "y": "s", "z": {"q": 7}}', '{"x": 5, "x": 6}', '{"y": null, "z": null}', '{"z": {"q": 2147483648}}',
  '["a", null, "b"]', '{"k": 1, "l": null}', '{"k": "v"}', '"2024-06-01 00:00:00Z"', '  7  ', '"A\\"B"',
];

const keys = [...events.fields.map((f) => f.name), 'unknown', 'na\\u006de', 'extra', 'r', 'Name'];

const value = fc.oneof(
  fc.constantFrom(...odd),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  // Long enough for the four-bytes-at-a-time scan (plain-runs.ts), with specials at any offset.
  fc.string({ minLength: 14, maxLength: 70 }).map((s) => JSON.stringify(s)),
  fc.tuple(fc.string({ minLength: 10, maxLength: 40 }), fc.constantFrom('\\"', '\\n', 'é', '日', '\t', '\u0001', '😀'), fc.nat())
    .map(([s, special, at]) => `"${s.replace(/["\\]/g, '').slice(0, at % (s.length + 1))}${special}${s.replace(/["\\]/g, '')}"`),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => JSON.stringify(d.toISOString().slice(0, 23).replace('T', ' '))),
);

const space = fc.constantFrom('', '', '', ' ', '\t', '  ');

const objectLine = fc.array(fc.tuple(fc.constantFrom(...keys), value, space, space), { maxLength: 10 })
  .map((entries) => `{${entries.map(([k, v, a, b]) => `${a}"${k}"${b}:${a}${v}`).join(',')}}`);

const line = fc.oneof(
  { weight: 6, arbitrary: objectLine },
  { weight: 1, arbitrary: fc.tuple(objectLine, fc.nat()).map(([l, n]) => l.slice(0, n % (l.length + 1))) }, // truncated
  { weight: 1, arbitrary: fc.tuple(objectLine, fc.constantFrom(' x', ',', '}', ' ', '\r', '\u00a0')).map(([l, s]) => l + s) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\u00a0', '[1]', '7', 'null', '"s"', '{', '{"i":1}{"i":2}', '\uFEFF{"i":1}') },
);

async function serialRead(text: string, ignoreParseErrors: boolean, readMask?: ReadMask) {
  const reader = jsonFormat(events, { ignoreParseErrors, failOnMissingField: false, ...(readMask ? { readMask } : {}) }).createReader();
  const rows: Value[][] = [];
  let records = 0;
  for await (const record of reader.records(Readable.from([Buffer.from(text)]), 'f.json')) {
    records++;
    if (record.kind === 'row') rows.push([...record.values]);
    else if (!ignoreParseErrors) {
      const { detail, location } = record.error;
      const suffix = location === undefined ? '' : ` (at ${location})`; // the worker sends the detail without it
      return { rows, records, error: `${detail.endsWith(suffix) ? detail.slice(0, detail.length - suffix.length) : detail}@${location}` };
    }
  }
  return { rows, records, error: undefined };
}

function chunkRead(text: string, ignoreParseErrors: boolean, failOnMissingField = false, readMask?: ReadMask) {
  const options = { ignoreParseErrors, failOnMissingField, ...(readMask ? { readMask } : {}) };
  const decoded = decodeChunk(
    { bytes: new TextEncoder().encode(text), fileStart: true, displayName: 'f.json' },
    new JsonRowDecoder(events, options), new ColumnarJsonDecoder(events, failOnMissingField, 7, readMask), 7, ignoreParseErrors,
  );
  const unpacker = decoded.arena ? new BatchUnpacker(events, decoded.arena) : undefined;
  const rows: Value[][] = [];
  let error: string | undefined;
  for (const item of decoded.items) {
    if (item.kind === 'batch') rows.push(...batchRows(unpacker!.batch(item.batch), events));
    else error = `${item.detail}@${item.location}`;
  }
  return { rows, records: decoded.records, error, malformed: decoded.malformed };
}

test('columnar decoding gives the serial reader\'s rows and first error', async () => {
  await fc.assert(fc.asyncProperty(fc.array(line, { maxLength: 25 }), fc.boolean(), async (lines, ignore) => {
    const text = lines.join('\n');
    const serial = await serialRead(text, ignore);
    const chunk = chunkRead(text, ignore);
    assert.deepEqual(chunk.rows, serial.rows);
    assert.equal(chunk.error, serial.error);
    if (serial.error === undefined) assert.equal(chunk.records, serial.records);
  }), { numRuns: 400 });
});

test('plain lines take the columnar path and match the serial reader exactly', async () => {
  const text = [
    '{"i": 1, "b": -42, "s": -7, "t": 3, "d": 2.5, "f": 1, "ok": true, "name": "plain", "ts": "2015-07-15 00:00:01.234", "r": {"x": 9, "y": "in", "z": {"q": 1}}}',
    '{"name": "ü日本", "r": null, "tags": ["a", "b"], "m": {"k": 1}, "dec": 12.5, "day": "2020-02-29", "ltz": "2024-06-01 00:00:00Z"}',
    '{"b": 123456789012345, "ts": "1969-12-31 23:59:59.999", "r": {"z": null}}',
    '{}',
  ].join('\n');
  const chunk = chunkRead(text, false);
  const serial = await serialRead(text, false);
  assert.equal(chunk.error, undefined);
  assert.deepEqual(chunk.rows, serial.rows);
  assert.equal(chunk.rows[2]![1], 123456789012345n);
  assert.equal(chunk.rows[2]![8], -1);
});

/** A random read mask over `events`: each column read or not; the ROW column `r` read whole, not at all or in part. */
const readMask: fc.Arbitrary<ReadMask> = fc.tuple(
  fc.array(fc.boolean(), { minLength: events.fields.length, maxLength: events.fields.length }),
  fc.constantFrom<FieldRead>(true, false, [true, false, false], [false, true, [true]], [false, false, [false]]),
).map(([columns, row]) => columns.map((read, i) => (events.fields[i]!.name === 'r' ? row : read)));

/** `values` with what `mask` does not read set to NULL (ROW values are arrays of their fields). */
function unreadAsNull(values: readonly Value[], mask: ReadMask): Value[] {
  return values.map((value, i) => {
    const read = mask[i]!;
    if (read === false) return null;
    if (read === true || !Array.isArray(value)) return value;
    return unreadAsNull(value as Value[], read);
  });
}

test('with a read mask, unread fields are NULL and both decoders agree (projection push-down)', async () => {
  await fc.assert(fc.asyncProperty(fc.array(line, { maxLength: 25 }), fc.boolean(), readMask, async (lines, ignore, mask) => {
    const text = lines.join('\n');
    const serial = await serialRead(text, ignore, mask);
    const chunk = chunkRead(text, ignore, false, mask);
    assert.deepEqual(chunk.rows, serial.rows);
    assert.equal(chunk.error, serial.error);
    const whole = await serialRead(text, ignore);
    if (whole.error === undefined && serial.error === undefined && whole.rows.length === serial.rows.length) {
      assert.deepEqual(serial.rows, whole.rows.map((row) => unreadAsNull(row, mask)));
    }
  }), { numRuns: 300 });
});

test('fail-on-missing-field: a missing field is the serial error', async () => {
  const chunk = chunkRead('{"i": 1}', false, true);
  assert.match(chunk.error ?? '', /Missing field 'b'@f\.json:1:1/);
});

test('timestamp text from bytes agrees with parseTimestamp wherever it reads one', () => {
  fc.assert(fc.property(
    fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: -1, max: 999 }),
    (y, mo, d, h, mi, s, ms) => {
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      const text = `${p(y, 4)}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}:${p(s)}${ms < 0 ? '' : `.${p(ms, 3)}`}`;
      const bytes = new TextEncoder().encode(text);
      assert.equal(timestampFromBytes(bytes, 0, bytes.length), parseTimestamp(text), text);
    },
  ), { numRuns: 2000 });
});

test('a line with a 16-digit number and a repeated unknown key gets the serial error (its lossless parser rejects the repeat)', async () => {
  for (const text of ['{"Name":-1.6400570955362004e-281,"Name":0}', '{"name":"1234567890123456","x":1,"x":2}', '{"i":1,"x":{"a":1,"a":1234567890123456}}']) {
    const serial = await serialRead(text, false);
    assert.match(serial.error ?? '', /Duplicate key/);
    assert.equal(chunkRead(text, false).error, serial.error);
  }
  // Found by the read-mask property: `1e2` is the integer 100 whether or not a 16-digit number sends its line to the
  // lossless parser (here in a column not read).
  const exponent = '{"i":1.6877849321207102e-307,"t":1e2}';
  const readsT: ReadMask = events.fields.map((f) => f.name === 't');
  assert.deepEqual((await serialRead(exponent, false, readsT)).rows, [events.fields.map((f) => (f.name === 't' ? 100 : null))]);
  assert.deepEqual(chunkRead(exponent, false, false, readsT).rows, (await serialRead(exponent, false, readsT)).rows);
  // Found by the read-mask property: the long number is in a column not read, the repeat in an object read as text.
  const text = '{"i":-7.086430680355493e-309,"name":{"x": 5, "x": 6}}';
  const mask: ReadMask = events.fields.map((f) => f.name === 'name');
  const serial = await serialRead(text, false, mask);
  assert.match(serial.error ?? '', /Duplicate key/);
  assert.equal(chunkRead(text, false, false, mask).error, serial.error);
});
