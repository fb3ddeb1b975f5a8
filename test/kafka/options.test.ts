/** Options of the kafka connector, checked at plan time (no broker needed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError, NotImplementedError } from '../../src/common/errors.js';
import { BIGINT, STRING, TIMESTAMP3 } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { validateConnectorOptions } from '../../src/connectors/index.js';
import { readKafkaSinkOptions, readKafkaSourceOptions } from '../../src/connectors/kafka/options.js';

const s = schema([field('id', BIGINT), field('name', STRING), field('ts', TIMESTAMP3)]);
const base = { connector: 'kafka', topic: 'bids', 'properties.bootstrap.servers': 'localhost:9092', format: 'json' };
const d = (options: Record<string, string>) => ({ table: 'bids', connector: 'kafka', schema: s, options: { ...base, ...options } });

function rejects(role: 'source' | 'sink', options: Record<string, string>, pattern: RegExp, kind: typeof ConnectorError | typeof NotImplementedError = ConnectorError): void {
  assert.throws(() => validateConnectorOptions(role, d(options)), (error: unknown) => {
    assert.ok(error instanceof kind, `expected ${kind.name}, got ${String(error)}`);
    assert.match((error as Error).message, pattern);
    return true;
  });
}

test('a valid source and sink pass; defaults follow Flink', () => {
  const source = readKafkaSourceOptions(d({ 'scan.startup.mode': 'earliest-offset', 'scan.bounded.mode': 'latest-offset', 'scan.watermark.idle-timeout': '5 s' }));
  assert.equal(source.startupMode, 'earliest-offset');
  assert.equal(source.bounded, true);
  assert.equal(source.idleTimeoutMs, 5000);
  assert.deepEqual(source.topics, { kind: 'list', topics: ['bids'] });
  const sink = readKafkaSinkOptions(d({ 'key.format': 'csv', 'key.fields': 'id;name', 'value.fields-include': 'EXCEPT_KEY' }));
  assert.equal(sink.deliveryGuarantee, 'at-least-once');
  assert.deepEqual(sink.layout.keyColumns, [0, 1]);
  assert.deepEqual(sink.layout.valueColumns, [2]);
  assert.equal(sink.layout.key?.encode([7n, 'a,b']).toString(), '7,"a,b"');
});

test('topic lists, patterns and startup offsets are parsed', () => {
  assert.deepEqual(readKafkaSourceOptions(d({ topic: 'a; b', 'properties.group.id': 'g' })).topics, { kind: 'list', topics: ['a', 'b'] });
  const pattern = readKafkaSourceOptions(d({ topic: undefined as unknown as string, 'topic-pattern': 'bids-.*', 'scan.startup.mode': 'latest-offset' })).topics;
  assert.equal(pattern.kind, 'pattern');
  assert.ok(pattern.kind === 'pattern' && pattern.pattern.test('bids-1') && !pattern.pattern.test('x-bids-1'));
  const specific = readKafkaSourceOptions(d({ 'scan.startup.mode': 'specific-offsets', 'scan.startup.specific-offsets': 'partition:0,offset:42;partition:3,offset:7' }));
  assert.deepEqual([...specific.specificOffsets], [[0, 42n], [3, 7n]]);
});

test('misspelled and unsupported options get a clear error', () => {
  rejects('source', { 'scan.startup.mode': 'earliest-offset', 'scan.startup.mod': 'x' }, /unsupported option 'scan.startup.mod'.*did you mean 'scan.startup.mode'/);
  rejects('source', { 'scan.startup.mode': 'earliest-ofset' }, /unsupported value 'earliest-ofset' for option 'scan.startup.mode'.*did you mean 'earliest-offset'/);
  rejects('source', {}, /'group-offsets' \(the default\) needs 'properties.group.id'/);
  rejects('source', { 'scan.startup.mode': 'timestamp' }, /needs 'scan.startup.timestamp-millis'/);
  rejects('source', { 'scan.startup.mode': 'specific-offsets', 'scan.startup.specific-offsets': 'p0:42' }, /is not 'partition:<n>,offset:<n>'/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'properties.linger.ms': '5' }, /unsupported Kafka client property 'properties.linger.ms'/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'properties.bootstrap.servers': 'nohost' }, /'nohost' in 'properties.bootstrap.servers' is not 'host:port'/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'scan.bounded.mode': 'timestamp' }, /'scan.bounded.mode' = 'timestamp' is not supported yet/, NotImplementedError);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'sink.delivery-guarantee': 'none' }, /applies to a kafka sink/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', format: 'xml' }, /unsupported value 'xml' for option 'format'/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', format: 'raw' }, /'raw' value format needs exactly one STRING column/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'key.fields': 'idd', 'key.format': 'json' }, /'key.fields' names unknown column 'idd'.*did you mean 'id'/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'key.fields': 'id' }, /'key.fields' needs 'key.format'/);
  rejects('sink', { topic: 'a;b' }, /writes to one 'topic'/);
});

test('exactly-once needs a transactional id prefix; acks must be all', () => {
  rejects('sink', { 'sink.delivery-guarantee': 'exactly-once' }, /'exactly-once' needs 'sink.transactional-id-prefix'/);
  rejects('sink', { 'sink.transactional-id-prefix': 'p' }, /'sink.transactional-id-prefix' is only for 'sink.delivery-guarantee' = 'exactly-once'/);
  rejects('sink', { 'sink.delivery-guarantee': 'exactly-once', 'sink.transactional-id-prefix': 'p', 'properties.acks': '1' }, /contradicts 'sink.delivery-guarantee' = 'exactly-once'/);
  assert.equal(readKafkaSinkOptions(d({ 'sink.delivery-guarantee': 'exactly-once', 'sink.transactional-id-prefix': 'job-1' })).transactionalIdPrefix, 'job-1');
  rejects('sink', { 'sink.delivery-guarantee': 'at-least-once', 'properties.acks': '1' }, /contradicts 'sink.delivery-guarantee' = 'at-least-once'/);
  assert.equal(readKafkaSinkOptions(d({ 'sink.delivery-guarantee': 'none', 'properties.acks': '0' })).deliveryGuarantee, 'none');
});

test('record codecs: JSON keeps exact numbers, errors name the record, raw is one string', () => {
  const source = readKafkaSourceOptions(d({ 'scan.startup.mode': 'latest-offset' }));
  const decoded = source.layout.value.decode(Buffer.from('{"id": 9007199254740993, "name": "x", "ts": "2024-01-01 00:00:01"}'), 'topic bids partition 0 offset 5');
  assert.deepEqual(decoded, [9007199254740993n, 'x', Date.UTC(2024, 0, 1, 0, 0, 1)]);
  const bad = source.layout.value.decode(Buffer.from('{"id": "x"}'), 'topic bids partition 2 offset 17');
  assert.ok(bad instanceof ConnectorError);
  assert.match(bad.message, /Cannot read field 'id' as BIGINT.*\(at topic bids partition 2 offset 17, value column 8\)/);
  const raw = readKafkaSourceOptions(d({ 'scan.startup.mode': 'latest-offset', 'key.format': 'raw', 'key.fields': 'name' }));
  assert.deepEqual(raw.layout.key?.decode(Buffer.from('héllo'), 'x'), ['héllo']);
});
