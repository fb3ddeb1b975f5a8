import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError, NotImplementedError } from '../../src/common/errors.js';
import { BIGINT, STRING } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { parseDuration, validateConnectorOptions } from '../../src/connectors/index.js';
import { closestMatch } from '../../src/connectors/suggest.js';
import { descriptor } from './helpers.js';

const s = schema([field('id', BIGINT), field('name', STRING)]);

function rejects(role: 'source' | 'sink', connector: string, options: Record<string, string>, pattern: RegExp, kind: typeof ConnectorError | typeof NotImplementedError = ConnectorError): void {
  assert.throws(() => validateConnectorOptions(role, descriptor('bids', connector, s, options)), (error: unknown) => {
    assert.ok(error instanceof kind, `expected ${kind.name}, got ${String(error)}`);
    assert.match((error as Error).message, pattern);
    return true;
  });
}

test('valid descriptors pass validation', () => {
  validateConnectorOptions('source', descriptor('bids', 'filesystem', s, { connector: 'filesystem', path: 'x', format: 'csv', 'csv.field-delimiter': ';' }));
  validateConnectorOptions('sink', descriptor('out', 'print', s, { 'print-identifier': 'x' }));
  validateConnectorOptions('source', descriptor('g', 'datagen', s, { 'number-of-rows': '10', 'fields.id.kind': 'sequence', 'fields.id.start': '1', 'fields.id.end': '10' }));
  validateConnectorOptions('sink', descriptor('b', 'blackhole', s, {}));
});

test('unknown connectors get a did-you-mean; upsert-kafka is keyed by the primary key, as a source too', () => {
  rejects('source', 'kafak', {}, /^Unsupported connector 'kafak' \(did you mean 'kafka'\?\)$/);
  rejects('source', 'filesytem', {}, /did you mean 'filesystem'\?/);
  const kafkaOptions = { topic: 't', 'properties.bootstrap.servers': 'localhost:9092', 'key.format': 'json', 'value.format': 'json' };
  rejects('sink', 'upsert-kafka', kafkaOptions, /needs a primary key: declare PRIMARY KEY \(…\) NOT ENFORCED/);
  rejects('source', 'upsert-kafka', kafkaOptions, /needs a primary key: declare PRIMARY KEY \(…\) NOT ENFORCED on the table; it is the record key/);
  validateConnectorOptions('source', { ...descriptor('u', 'upsert-kafka', s, kafkaOptions), primaryKey: [s.fields[0]!.name] });
  validateConnectorOptions('sink', { ...descriptor('u', 'upsert-kafka', s, kafkaOptions), primaryKey: [s.fields[0]!.name] });
  assert.throws(
    () => validateConnectorOptions('sink', { ...descriptor('u', 'upsert-kafka', s, { ...kafkaOptions, 'key.fields': 'x' }), primaryKey: [s.fields[0]!.name] }),
    /'key.fields' is not an option of 'upsert-kafka': the PRIMARY KEY is the record key/,
  );
  rejects('source', 'zzzz', {}, /supported connectors: filesystem, datagen, print, blackhole/);
});

test('missing required options', () => {
  rejects('source', 'filesystem', { format: 'json' }, /^Table 'bids': option 'path' is required for connector 'filesystem'$/);
  rejects('sink', 'filesystem', { path: 'out' }, /option 'format' is required/);
  rejects('source', 'datagen', { 'fields.id.kind': 'sequence', 'fields.id.start': '1' }, /option 'fields.id.end' is required/);
});

test('unknown option keys get a did-you-mean', () => {
  rejects('source', 'filesystem', { path: 'x', fromat: 'json', format: 'json' }, /unsupported option 'fromat' for connector 'filesystem' \(did you mean 'format'\?\)/);
  rejects('source', 'filesystem', { path: 'x', format: 'json', 'json.ignore-parse-error': 'true' }, /did you mean 'json.ignore-parse-errors'\?/);
  rejects('source', 'filesystem', { path: 'x', format: 'json', 'csv.field-delimiter': ';' }, /belongs to format 'csv', but 'format' is 'json'/);
  rejects('sink', 'print', { 'print-identifer': 'x' }, /did you mean 'print-identifier'\?/);
  rejects('source', 'datagen', { 'fields.nmae.kind': 'random' }, /refers to unknown field 'nmae' \(did you mean 'name'\?\)/);
  rejects('source', 'datagen', { 'rows-per-secnd': '5' }, /did you mean 'rows-per-second'\?/);
  rejects('source', 'datagen', { 'fields.name.min': '5' }, /'fields.name.min' does not apply/);
});

test('bad option values', () => {
  rejects('source', 'filesystem', { path: 'x', format: 'xml' }, /unsupported value 'xml' for option 'format'; supported are json, csv/);
  rejects('source', 'filesystem', { path: 'x', format: 'json', 'json.ignore-parse-errors': 'yes' }, /must be 'true' or 'false'/);
  rejects('source', 'filesystem', { path: 'x', format: 'csv', 'csv.field-delimiter': ';;' }, /must be a single character/);
  rejects('source', 'datagen', { 'number-of-rows': 'ten' }, /'number-of-rows' must be an integer/);
  rejects('source', 'datagen', { 'rows-per-second': '0' }, /must be positive/);
  rejects('source', 'datagen', { 'fields.id.kind': 'sequence', 'fields.id.start': '5', 'fields.id.end': '1' }, /must not be greater/);
  rejects('source', 'datagen', { 'fields.id.kind': 'randm' }, /did you mean 'random'\?/);
});

test('role mismatches are rejected', () => {
  rejects('source', 'print', {}, /connector 'print' can only be used as a sink, not as a source/);
  rejects('sink', 'datagen', {}, /connector 'datagen' can only be used as a source, not as a sink/);
});

test('durations and suggestions', () => {
  assert.equal(parseDuration('10s'), 10_000);
  assert.equal(parseDuration('5 min'), 300_000);
  assert.equal(parseDuration('250'), 250);
  assert.equal(parseDuration('1h'), 3_600_000);
  assert.equal(parseDuration('ten seconds'), undefined);
  assert.equal(closestMatch('pth', ['path', 'format']), 'path');
  assert.equal(closestMatch('xyz', ['path', 'format']), undefined);
});
